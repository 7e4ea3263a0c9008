"""Where a word or a mark first occurs from a sentence's start, by a bisect over its offsets found once per
text (h288): a figure asks
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

_cache: dict = {}  # one text at a time: {None: text, key: sorted offsets, ("last_match", …): (hits, scanned)}


def _for(text: str) -> dict:
    """The cache of ``text`` (emptied for another text)."""
    if _cache.get(None) is not text:
        _cache.clear()
        _cache[None] = text
    return _cache


def positions(text: str, key: str | regex.Pattern) -> list[int]:
    """The sorted offsets of every occurrence of the word ``key`` in ``text`` (overlapping ones too), or of every
    match of the pattern ``key`` (one character each: a class of marks, searched forwards); found once per text."""
    cache = _for(text)
    found = cache.get(key)
    if found is None:
        found = []
        if isinstance(key, str):
            at = text.find(key)
            while at >= 0:
                found.append(at)
                at = text.find(key, at + 1)
        else:
            found = [m.start() for m in key.finditer(text)]
        cache[key] = found
    return found


def first_at(text: str, start: int, key: str | regex.Pattern) -> int:
    """The offset of the first occurrence of the word (or the first match of the one-character pattern) ``key``
    in ``text`` at or after ``start``, -1 if none (``text.find(key, start)``)."""
    found = positions(text, key)
    i = bisect.bisect_left(found, start)
    return found[i] if i < len(found) else -1


def last_before(text: str, key: str | regex.Pattern, lo: int, hi: int) -> int:
    """The offset of the last occurrence of ``key`` (as :func:`positions`) that starts in ``text[lo:hi]``, -1 if
    none: for a one-character pattern, what a REVERSE search of ``text`` from ``hi`` back to ``lo`` finds.

    >>> last_before("甲，乙，丙", regex.compile("，"), 0, 3), last_before("甲，乙，丙", regex.compile("，"), 2, 3)
    (1, -1)
    """
    found = positions(text, key)
    i = bisect.bisect_left(found, hi) - 1
    return found[i] if i >= 0 and found[i] >= lo else -1


def within(text: str, start: int, word: str, end: int) -> bool:
    """Whether ``word`` occurs in ``text[start:end]`` (``word in text[start:end]``), by a bisect after the first
    call for the text."""
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
    key = ("last_match", pattern, opening, reach, start)
    hits, scanned = _for(text).get(key) or ([], start)  # openings in [start, scanned) where the pattern matches whole
    at = text.find(opening, scanned, far + 1) if scanned <= far else -1
    while at >= 0:
        if pattern.match(text, at, min(len(text), at + reach)):
            hits.append(at)
        at = text.find(opening, at + 1, far + 1)
    _cache[key] = hits, max(scanned, far + 1)
    i = bisect.bisect_right(hits, far) - 1
    return pattern.match(text, hits[i], end) if i >= 0 else None


def last_followed(text: str, word: str, follow: tuple[str, ...], lo: int, hi: int) -> int:
    """The offset of the last occurrence of ``word`` inside ``text[lo:hi]`` that a character of ``follow`` comes
    right after, -1 if none (pxextract.world_scope.spoken_scope: the last 表示， before the figure's clause).

    >>> last_followed("甲表示，乙表示丙表示：", "表示", ("，", "："), 0, 9)
    1
    """
    key = ("followed", word, follow)
    cache = _for(text)
    found = cache.get(key)
    if found is None:
        cache[key] = found = [at for at in positions(text, word) if text[at + len(word) : at + len(word) + 1] in follow]
    i = bisect.bisect_right(found, hi - len(word)) - 1
    return found[i] if i >= 0 and found[i] >= lo else -1


def finds(text: str, word: str, start: int, end: int) -> list[int]:
    """Where ``word`` starts inside ``text[start:end]`` (overlapping ones too), as repeated ``text.find(word, at + 1, end)``
    gives them, by a bisect over the text's positions of ``word`` (market_index, product_market).

    >>> finds("沪指沪指跌", "沪指", 0, 5), finds("沪指沪指跌", "沪指", 1, 3)
    ([0, 2], [])
    """
    found = positions(text, word)
    return found[bisect.bisect_left(found, start) : bisect.bisect_right(found, end - len(word))]


def mentions(text: str, word: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of the matches of ``word`` in ``text[start:end]``, as ``regex.finditer`` gives them (no
    overlaps), found once per (start, end): a sentence's mentions of a firm (world_scope.market_estimate).

    >>> mentions("IDC称，IDC预计", "IDC", 0, 10), mentions("IDC称，IDC预计", "IDC", 1, 10)
    ([(0, 3), (5, 8)], [(5, 8)])
    """
    key = ("mentions", word, start, end)
    cache = _for(text)
    found = cache.get(key)
    if found is None:
        cache[key] = found = [m.span() for m in regex.compile(regex.escape(word)).finditer(text, start, end)]
    return found


def count_in(text: str, char: str, start: int, end: int) -> int:
    """``text.count(char, start, end)`` for one character, by a bisect (link_subject: the brackets open before a place).

    >>> count_in("（甲）（乙", "（", 0, 5), count_in("（甲）（乙", "（", 1, 5)
    (2, 1)
    """
    found = positions(text, char)
    return max(0, bisect.bisect_left(found, end) - bisect.bisect_left(found, start))


def any_in(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of ``words`` occurs anywhere in ``text``, found once per text: a figure's test that needs one of
    them in its clause is False at once for the many texts with none (market_index, advice_figure).

    >>> any_in("沪指跌2.01%。", ("沪指", "深成指")), any_in("全市投资3亿元。", ("沪指", "深成指"))
    (True, False)
    """
    key = ("any", words)
    cache = _for(text)
    found = cache.get(key)
    if found is None:
        cache[key] = found = any(w in text for w in words)
    return found
