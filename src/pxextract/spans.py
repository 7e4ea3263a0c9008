"""The one span shape used everywhere: a half-open code-point range into the raw text.

Example:
    >>> s = Span(0, 6, "MONEY", "82.32亿元", {"value": 8232000000, "unit": "元"})
    >>> s.to_json()["value"]
    8232000000
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Span:
    start: int
    end: int
    label: str
    text: str
    attrs: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        out = {"start": self.start, "end": self.end, "label": self.label, "text": self.text}
        out.update(self.attrs)
        return out


def remove_overlaps(spans: list[Span], keep: list[Span] | None = None, priority=None) -> list[Span]:
    """Drop spans that overlap any span of ``keep`` or an earlier-kept longer span.

    Longer spans win; on equal length the one ``priority`` (a function of the span, lower
    wins) prefers, then the earlier one. Returns the kept ``spans`` sorted by start.
    """
    # occupied intervals kept sorted and disjoint: each check is a binary search
    starts: list[int] = []
    ends: list[int] = []

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(ends, a + 1)  # first interval ending after a
        return i == len(starts) or starts[i] >= b

    def take(a: int, b: int) -> None:
        i = bisect.bisect_left(starts, a)
        starts.insert(i, a)
        ends.insert(i, b)

    for s in sorted(keep or [], key=lambda s: s.start):
        if free(s.start, s.end):
            take(s.start, s.end)
    out: list[Span] = []
    rank = priority or (lambda s: 0)
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), rank(s), s.start)):
        if free(span.start, span.end):
            take(span.start, span.end)
            out.append(span)
    return sorted(out, key=lambda s: s.start)
