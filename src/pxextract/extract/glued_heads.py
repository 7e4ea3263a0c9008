"""A verb or function word glued before a bare body word is no name (issue #13, h273): the suffix grammar of
:class:`pxextract.extract.entities.EntityFinder` takes an unknown word before a suffix as a name's part, and jieba
leaves 如遇, 需去, 称该 unknown, so 如遇医院内的奶茶店 gave ORG 如遇医院 and 称该公司通过… gave 称该公司. A suffix name
that a ``glued_head`` expression of rules/name_grammar.tsv wholly matches (a verb, copula or 在/至/对/该 before
医院, 学校, 银行, 公司 …) is dropped; 北京协和医院, 华为公司 stay. So is one that a ``latin_described`` expression
wholly matches right before a Latin name (a space between at most): 印度创业公司 + Indeda Systems describes the company,
the Latin name is it (§6: a nationality descriptor is no part of the name; GPE 印度 + ORG Indeda Systems); 华为技术有限公司
+ Huawei stays. A preposition or conjunction (``glued_prep``) jieba glued before a real name is cut off
(:func:`prep_heads`, h275): 与鸿海集团 → 鸿海集团, 据惠陶集团 → 惠陶集团; 从化区台办, 同仁堂连锁药店 stay (从化区, 同仁堂
are words), and 经市人民政府 (the rest a body of "the city") is no name.

Example:
    >>> import regex
    >>> g = glued_pattern((r"\\p{Han}{0,2}?(?:[到去在遇称该]|(?<!华)为)(?:医院|公司)",))
    >>> [glued_name(g, n) for n in ("如遇医院", "称该公司", "北京协和医院", "华为公司")]
    [True, True, False, False]
    >>> d = glued_pattern((r"\\p{Han}+(?<![限份子分总])公司",))
    >>> t = "收购了印度创业公司Indeda Systems，华为技术有限公司 Huawei"
    >>> described(d, "印度创业公司", t, 9), described(d, "华为技术有限公司", t, 33)
    (True, False)
    >>> from pxextract.spans import Span
    >>> t = "林金结近日与鸿海集团创办人郭台铭同框，从化区台办负责人"
    >>> [s.text for s in prep_heads([Span(5, 10, "ORG", "与鸿海集团"), Span(19, 24, "ORG", "从化区台办")], t, ("与", "从"), {"从化区": "GPE"}, {}, (), ())]
    ['鸿海集团', '从化区台办']
"""

from __future__ import annotations

import regex

from ..spans import Span


def glued_pattern(rows: tuple[str, ...]):
    """The ``glued_head`` rows as one compiled alternation."""
    return regex.compile("|".join(f"(?:{r})" for r in rows))


def glued_name(pattern, name: str) -> bool:
    """Is the suffix name ``name`` a glued verb or function word + a bare body word (如遇医院)?"""
    return pattern.fullmatch(name) is not None


_LATIN = regex.compile(r" ?[A-Za-z]")


def described(pattern, name: str, text: str, end: int) -> bool:
    """Is the suffix name ``name`` (ending at ``end`` of ``text``) a description before a Latin name (印度创业公司 Indeda)?"""
    return pattern.fullmatch(name) is not None and _LATIN.match(text, end) is not None


def described_span(pattern, text: str, a: int, b: int) -> bool:
    """:func:`described` of the span ``text[a:b]`` (the model's names: pxextract.ner_combine.Combiner.merge)."""
    return described(pattern, text[a:b], text, b)


def model_no_name(described_pattern, glued, text: str, a: int, b: int) -> bool:
    """Is the model's ORG ``text[a:b]`` no name: a description before a Latin name or a ``glued_head`` whole
    (经过相关委员会的调查: 相关委员会; h277)?"""
    return described_span(described_pattern, text, a, b) or glued_name(glued, text[a:b])


_PREP_LABELS = ("ORG", "GPE", "LOC", "PERSON")


def prep_heads(names: list[Span], text: str, preps, known, tags, surnames, generic) -> list[Span]:
    """``names`` with a glued preposition or conjunction cut off (与鸿海集团 → 鸿海集团): a name of 4+ characters starting
    with one of ``preps`` where no prefix of it (the whole name too) is a jieba word (``tags``) or a gazetteer name
    (``known``: 从化区, 同仁堂); a person's name starting with a surname (向, 和) stays; the rest starting with a
    ``generic`` prefix (市, 省, 该, 本) is no name (经市人民政府, 为本地区)."""
    out = []
    for s in names:
        t = s.text
        if (s.label in _PREP_LABELS and len(t) >= 4 and t[0] in preps and not (s.label == "PERSON" and t[0] in surnames)
                and not any(t[:k] in tags or t[:k] in known for k in range(2, len(t) + 1))):
            if t[1] in generic:
                continue
            s = Span(s.start + 1, s.end, s.label, text[s.start + 1 : s.end], s.attrs)
        out.append(s)
    return out
