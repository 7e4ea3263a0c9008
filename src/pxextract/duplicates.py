"""Figures of a passage an article repeats (layout debris): :func:`mark_duplicates`."""

from __future__ import annotations

import bisect

from .rules import LABELS_NUMERIC
from .spans import Span


MIN_REPEAT = 20  # characters from a figure to its sentence end that must recur to call it a repeat


def mark_duplicates(text: str, spans: list[Span], sents: list[tuple[int, int]]) -> None:
    """Flag figures of a passage the article repeats (layout debris): ``duplicate_of`` = the
    first occurrence's start, and the repeat takes the first occurrence's attributes, since a
    repeat that starts mid-sentence has lost its context (…首批20亿元 → 批20亿元).

    The key is the text from the figure to the end of its sentence (at least 20 characters):
    two different facts never share such a long identical continuation.
    """
    ends = [e for _, e in sents]
    seen: dict[tuple[str, str], Span] = {}
    for s in spans:
        if s.label not in LABELS_NUMERIC:
            continue
        i = bisect.bisect_right(ends, s.start)
        sent_end = ends[i] if i < len(ends) else len(text)
        if sent_end - s.start < MIN_REPEAT:
            continue
        tail = text[s.start : min(sent_end, s.start + 300)]  # bounded: a repeat is a local passage
        key = (s.label, tail)
        first = seen.get(key)
        if first is None:
            seen[key] = s
            continue
        s.attrs["duplicate_of"] = first.start
        for k in ("year", "metric", "modality", "subject", "change", "base_year"):
            if k in first.attrs:
                s.attrs[k] = first.attrs[k]
