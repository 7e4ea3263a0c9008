"""Stores and hotels named after a place (issue #13, h304): a GPE or LOC written straight before one to three proper
words (a name jieba's dictionary lacks, or tags as a person, place, organisation or other proper name) and a store word
(``store_end`` of rules/name_grammar.tsv: a noun ending in 店, 宾馆, 超市, 百货) are one ORG, the place inside dropped
(annotation §3, the longest name; §6, stores and hotels are ORG): 香港美利酒店, 宁海合缘餐饮店. A dictionary
organisation word (tag nt) ending so is the whole name after the place: 黄浦区新华书店. A generic head is no name
(``store_not_head``: 城关镇某宾馆, 布尔津一酒店, 北京顶奢酒店), nor is a common word (上海第一食品商店 stays, 文昌老爸茶店:
老爸 n), nor a head some other name already covers.

Example:
    >>> from pxextract.spans import Span
    >>> t = "香港美利酒店的入住率上升。城关镇某宾馆客房"
    >>> names = [Span(0, 2, "GPE", "香港"), Span(13, 16, "GPE", "城关镇")]
    >>> words = ["香港", "美利", "酒店", "的", "入住率", "上升", "。", "城关镇", "某", "宾馆", "客房"]
    >>> starts = [0, 2, 4, 6, 7, 10, 12, 13, 16, 17, 19]
    >>> [(s.label, s.text) for s in store_names(names, t, words, starts, ("店", "宾馆"), ("某",), {"美利": "ns", "酒店": "n", "宾馆": "n"})]
    [('ORG', '香港美利酒店'), ('GPE', '城关镇')]
"""

from __future__ import annotations

import regex

from ..spans import Span

_PROPER = ("nr", "nrt", "nrfg", "ns", "nz", "nt", "zg", "eng")  # 格莱斯 nr, 美利 ns, 新华联 ns, 悉 ns + 昙 zg
_STORE_TAGS = ("n", "nt", "v", "vn")  # 酒店 n, 新华书店 nt, 超市 v, 旗舰店 v (jieba's tags); not 马店 ns, 郑店 (unknown)
_NAME_WORD = regex.compile(r"[\p{Han}A-Za-z0-9·]+")
_PLACES = ("GPE", "LOC")


def store_names(names: list[Span], text: str, words: list[str], starts: list[int], ends: tuple[str, ...],
                not_head: tuple[str, ...], tags: dict[str, str]) -> list[Span]:
    """``names`` (sorted, flat) with each place + proper head + store word of the module docstring one ORG; the places
    written straight before it (上海市 + 黄浦区) are its head too."""
    if not ends or not any(e in text for e in ends):
        return names
    index = {s: i for i, s in enumerate(starts)}
    by_end = {s.end: k for k, s in enumerate(names)}
    drop: set[int] = set()
    new: list[Span] = []
    for k, place in enumerate(names):
        i = index.get(place.end)
        if place.label not in _PLACES or "furniture" in place.attrs or i is None:
            continue
        end = _store_end(words, i, ends, not_head, tags)
        if end is None:
            continue
        stop = starts[end] + len(words[end])
        if k + 1 < len(names) and names[k + 1].start < stop:
            continue  # a name there already (江夏区 + 郑店街道综合执法中心)
        start, j = place.start, k
        while True:
            drop.add(j)
            prev = by_end.get(start)
            if prev is None or names[prev].label not in _PLACES or "furniture" in names[prev].attrs:
                break
            j, start = prev, names[prev].start
        new.append(Span(start, stop, "ORG", text[start:stop]))
    if not new:
        return names
    return sorted([s for k, s in enumerate(names) if k not in drop] + new, key=lambda s: s.start)


def _store_end(words: list[str], i: int, ends: tuple[str, ...], not_head: tuple[str, ...], tags: dict[str, str]) -> int | None:
    """The index of the store word that ends a store's name starting at word ``i``, or None."""
    for j in range(i, min(i + 4, len(words))):
        w = words[j]
        tag = tags.get(w)
        if len(w) >= 2 and w.endswith(ends) and tag in _STORE_TAGS and (j > i or tag == "nt"):
            return j
        if not _NAME_WORD.fullmatch(w) or w.startswith(not_head) or tag is not None and tag not in _PROPER:
            return None
    return None
