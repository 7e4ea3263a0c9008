"""Where a word or a mark first occurs from a sentence's start, found once per sentence (h288): a figure asks
whether a word stands in its sentence before it (``w in text[sentence_start:span.start]``), and scanning the
sentence's prefix again for each figure makes a long sentence of figures (a table flattened without full
stops) quadratic. The first occurrence at or after the start answers it for every figure of the sentence:
``w`` is in ``text[start:end]`` exactly when its first occurrence from ``start`` ends at or before ``end``.

Example:
    >>> text = "一项研究显示，全市投资3亿元，增长5%。"
    >>> first_at(text, 0, "研究显示"), first_at(text, 0, "要求")
    (2, -1)
    >>> within(text, 0, "研究显示", text.index("5%")), within(text, 0, "研究显示", 3)
    (True, False)
"""

from __future__ import annotations

import bisect

import regex

_cache: dict = {}  # one sentence at a time: {"text": text, "start": start, key: first offset}


def first_at(text: str, start: int, key: str | regex.Pattern) -> int:
    """The offset of the first occurrence of the word (or the first match of the pattern) ``key`` in ``text`` at or
    after ``start``, -1 if none; computed once per (text, start)."""
    if _cache.get("text") is not text or _cache.get("start") != start:
        _cache.clear()
        _cache["text"], _cache["start"] = text, start
    at = _cache.get(key)
    if at is None:
        if isinstance(key, str):
            at = text.find(key, start)
        else:
            m = key.search(text, start)
            at = m.start() if m else -1
        _cache[key] = at
    return at


def within(text: str, start: int, word: str, end: int) -> bool:
    """Whether ``word`` occurs in ``text[start:end]`` (``word in text[start:end]``, ``start <= end``), in constant time
    after the first call for the sentence."""
    at = first_at(text, start, word)
    return 0 <= at and at + len(word) <= end


def last_match(text: str, start: int, end: int, pattern: regex.Pattern, opening: str, reach: int):
    """The last match of ``finditer(text, start, end)`` for a ``pattern`` whose every match opens with the character
    ``opening``, holds no other and is at most ``reach`` long (pxextract.world_scope.provision_cue: 《…》…规定，).

    Such matches never overlap, so the last one opens at the last ``opening`` where the pattern matches. Those
    opening ``reach`` or more before ``end`` match as they would with no end: they are found once per sentence
    (kept in the cache); the few nearer are tried with the end.

    >>> p = regex.compile(r"《([^《》]{1,9})》规定，")
    >>> text = "《甲法》规定，一、《乙法》规定，二、《丙法》"
    >>> last_match(text, 0, len(text), p, "《", 12).group(1), last_match(text, 0, 8, p, "《", 12).group(1)
    ('乙法', '甲法')
    >>> last_match(text, 9, 12, p, "《", 12) is None
    True
    """
    far = end - reach  # openings at or before ``far`` match whole before ``end``
    if not 0 <= first_at(text, start, opening) < end:
        return None
    at = text.rfind(opening, max(start, far + 1), end)
    while at >= 0:
        m = pattern.match(text, at, end)
        if m:
            return m
        at = text.rfind(opening, max(start, far + 1), at)
    key = ("last_match", pattern, opening, reach)
    hits, scanned = _cache.get(key) or ([], start)  # openings in [start, scanned) where the pattern matches whole
    at = text.find(opening, scanned, far + 1) if scanned <= far else -1
    while at >= 0:
        if pattern.match(text, at, min(len(text), at + reach)):
            hits.append(at)
        at = text.find(opening, at + 1, far + 1)
    _cache[key] = hits, max(scanned, far + 1)
    i = bisect.bisect_right(hits, far) - 1
    return pattern.match(text, hits[i], end) if i >= 0 else None
