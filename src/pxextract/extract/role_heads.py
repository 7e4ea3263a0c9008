"""A role word glued before a name, and a bare unit's party committee (issue #13 precision, h312).

The suffix grammar of :class:`pxextract.extract.entities.EntityFinder` takes the word before a name as its part when
jieba knows no word across the two, so 该项目合作方中冶集团 gave ORG 合作方中冶集团 and 法院判决被告鹿角巷公司 gave
被告鹿角巷公司. A name starting with a ``role_head`` word of rules/name_grammar.tsv (合作方, 被告, 母公司, 股东 …) where no
longer prefix of it is a jieba word starts after it (:func:`role_heads`: → 中冶集团, 鹿角巷公司); a rest that is a common
word or starts with a generic prefix (被告公司, 股东该公司) is no name. A party committee (``committee_end``: 党委, 党组,
团委 …) after a one-character unit word, a generic prefix + a word, a common word or a bare body word (旅党委, 连党支部,
该局党组, 总行党委, 公安局党委) names no body (annotation §6: 镇党委 is no name); after a place or a name it stays
(宜春市纪委, 本溪市纪委, 央行党委), and so do 中纪委 and 中央纪委 (``committee_named``).

Example:
    >>> from pxextract.spans import Span
    >>> t = "该项目合作方中冶集团与旅党委"
    >>> names = [Span(3, 10, "ORG", "合作方中冶集团"), Span(11, 14, "ORG", "旅党委")]
    >>> [s.text for s in role_heads(names, t, ("合作方",), {}, ())]
    ['中冶集团', '旅党委']
    >>> [bare_committee(n, ("党委", "纪委"), ("中",), {"总行": "n"}, {"本溪市": "GPE"}, ("该",), ()) for n in ("旅党委", "总行党委", "本溪市纪委", "中纪委")]
    [True, True, False, False]
"""

from __future__ import annotations

from ..spans import Span

_PROPER_TAGS = frozenset(("nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "eng"))
_LABELS = ("ORG", "PERSON")


def role_heads(names: list[Span], text: str, roles, tags, generic) -> list[Span]:
    """``names`` with a glued ``roles`` word cut off their start (合作方中冶集团 → 中冶集团): an ORG or PERSON of at least
    two characters more, no longer prefix of it a jieba word (``tags``); a rest that is a common word or starts with a
    ``generic`` prefix is no name."""
    out = []
    for s in names:
        t = s.text
        role = next((r for r in roles if t.startswith(r)), None) if s.label in _LABELS else None
        if role is None or len(t) - len(role) < 2 or any(t[:k] in tags for k in range(len(role) + 1, len(t) + 1)):
            out.append(s)
            continue
        rest = t[len(role):]
        if rest[0] in generic or (tags.get(rest) or "nt") not in _PROPER_TAGS:
            continue  # 被告公司, 股东该公司: no name after the role
        a = s.start + len(role)
        out.append(Span(a, s.end, s.label, text[a : s.end], s.attrs))
    return out


def bare_committee(name: str, ends, named, tags, known, generic, bodies) -> bool:
    """Is the ORG ``name`` a party committee (``ends``) of a unit it does not name (旅党委, 该局党组, 总行党委, 公安局党委)?"""
    end = next((e for e in ends if name.endswith(e)), None)
    if end is None:
        return False
    head = name[: -len(end)]
    if not head or head in named or head in known:
        return False  # 中纪委, 中央纪委, 公安部党委 (a listed body)
    if len(head) == 1 or head in bodies:
        return True  # 旅党委, 连党支部, 厂团委; 公安局党委, 人大党组
    if any(tags.get(head[:k]) in _PROPER_TAGS or head[:k] in known for k in range(2, len(head) + 1)):
        return False  # 本溪市纪委, 央行党委: a place or a name before it
    if head[0] in generic and len(head) <= 3:
        return True  # 该局党组, 本院党委
    tag = tags.get(head)
    return tag is not None and tag not in _PROPER_TAGS  # 总行党委, 办公厅党组, 居民区党总支 (jieba n)


def drop_bare_committees(names: list[Span], ends, named, tags, known, generic, bodies) -> list[Span]:
    """``names`` without the ORGs :func:`bare_committee` finds."""
    return [s for s in names if s.label != "ORG" or not bare_committee(s.text, ends, named, tags, known, generic, bodies)]
