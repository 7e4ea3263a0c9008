"""Extractors of spans from the normalized text: numbers, dates, entities."""

from __future__ import annotations

from typing import Iterator


def occurrences(text: str, words) -> Iterator[int]:
    """Every start position of every word of ``words`` in ``text``, word by word (``str.find``
    runs at memory speed, faster than a regex alternation of the words).

    Example: ``sorted(occurrences("2021年至2022年", ("年",)))`` → ``[4, 10]``.
    """
    for w in words:
        i = text.find(w)
        while i >= 0:
            yield i
            i = text.find(w, i + 1)
