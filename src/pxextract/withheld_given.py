"""An anonymised person's kept given character (issue #13 recall, h344).

Courts and police write a person as a surname, 某 and sometimes the given name's last character (罗某平,
林某成, 李某飞). Where jieba glues that character to the next word (罗某 + 平等12人, 林某 + 成为了) the
rules and the model find only 罗某, and where it glues it to a verb (罗某平 + 侮辱) nothing at all. This
module, run once after the names are merged (:func:`pxextract.pipeline.make_entities`), takes a person
``X某`` the article names and the character ``Y`` after one of its mentions as the kept character when
``X某Y`` is written at least twice with different characters after it, at least once not making a
dictionary word with the next (罗某平 + 非法, not only 平等 / 成为), and no less often than ``X某`` stands
alone (before punctuation or a ``mention_after`` / ``mention_before`` / ``not_given_end`` word). ``Y`` is
then never such a function word (张某 + 在, 王某 + 等, 李某 + 也), nor 某 (黄某某). An ordinal (吴某 + 乙)
needs no free-standing mention. Every ``X某`` before ``Y`` becomes ``X某Y``; each other mention of
``X某Y`` that no span covers becomes that person too. A character of a verb written once (黄某 + 交代,
曾某 + 假装 twice: no second context) or a word of its own (宋某 + 一直, 何某 + 一起) stays outside.

Example:
    >>> from pxextract.spans import Span
    >>> text = "罗某平侮辱英烈。法院认定罗某平犯侵害英雄烈士名誉罪，罗某平等人。张某在家，张某在外"
    >>> spans = [Span(12, 14, "PERSON", "罗某"), Span(26, 28, "PERSON", "罗某"), Span(33, 35, "PERSON", "张某"), Span(38, 40, "PERSON", "张某")]
    >>> out = withheld_given(spans, text, ("某",), frozenset("在等"), frozenset("甲乙"), {"平等": "a"})
    >>> [(s.start, s.text) for s in out]
    [(0, '罗某平'), (12, '罗某平'), (26, '罗某平'), (33, '张某'), (38, '张某')]
"""

from __future__ import annotations

from .normalize import is_han
from .spans import Span


def withheld_given(spans: list, text: str, anonymous: tuple[str, ...], stop: frozenset[str] | set[str],
                   ordinals: frozenset[str] | set[str], tags: dict[str, str]) -> list:
    """``spans`` (flat, sorted) with each anonymised person cut before its kept given character made
    whole (module docstring); ``stop``: characters that end no such name (function words, adverbs)."""
    if not anonymous:
        return spans
    some = anonymous[0]
    heads = {s.text for s in spans if s.label == "PERSON" and 2 <= len(s.text) <= 3 and s.text.endswith(some)
             and not s.text.endswith(some * 2) and s.end < len(text)}
    if not heads:
        return spans
    names: dict[str, str] = {}  # 罗某 + 平 → 罗某平
    for head in heads:
        for y in {text[s.end] for s in spans if s.label == "PERSON" and s.text == head and s.end < len(text)}:
            if is_han(y) and y != some and y not in stop and _kept(text, head, y, stop, y in ordinals, tags):
                names[head + y] = head
    if not names:
        return spans
    out, covered, starts = [], [], {s.start for s in spans}
    for s in spans:
        if s.label == "PERSON" and s.text in heads and text[s.start : s.end + 1] in names and s.end not in starts:
            s = Span(s.start, s.end + 1, "PERSON", text[s.start : s.end + 1], s.attrs)
        out.append(s)
        covered.append((s.start, s.end))
    for name in names:
        k = text.find(name)
        while k >= 0:
            e = k + len(name)
            if not any(a < e and k < b for a, b in covered):
                out.append(Span(k, e, "PERSON", name))
                covered.append((k, e))
            k = text.find(name, e)
    return sorted(out, key=lambda s: (s.start, s.end))


def _kept(text: str, head: str, y: str, stop, ordinal: bool, tags: dict[str, str]) -> bool:
    """Whether ``head + y`` (罗某 + 平) is a name the article writes (module docstring)."""
    name, n = head + y, len(head) + 1
    after, free, count, k = set(), 0, 0, text.find(name)
    while k >= 0:
        nxt = text[k + n] if k + n < len(text) and is_han(text[k + n]) else ""
        after.add(nxt)
        free += not nxt or y + nxt not in tags
        count += 1
        k = text.find(name, k + n)
    if len(after) < 2 or (not free and not ordinal):
        return False
    alone, k = 0, text.find(head)
    while k >= 0:
        e = k + len(head)
        alone += e >= len(text) or not is_han(text[e]) or text[e] in stop
        k = text.find(head, e)
    return ordinal or count >= alone
