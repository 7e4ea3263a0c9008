"""The one span shape used everywhere: a half-open code-point range into the raw text.

Example:
    >>> s = Span(0, 6, "MONEY", "82.32亿元", {"value": 8232000000, "unit": "元"})
    >>> s.to_json()["value"]
    8232000000
"""

from __future__ import annotations

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

    Spans are grouped into clusters of chained overlaps in one sweep by start; spans of
    different clusters never overlap, so each cluster (nearly always one span) is settled on its
    own: linear in the number of spans, whatever the article's length.

    Example: ``remove_overlaps([Span(0, 2, "GPE", "萍乡"), Span(0, 3, "GPE", "萍乡市")])`` keeps 萍乡市.
    """
    rank = priority or (lambda s: 0)
    items = [(s.start, s.end, True, s) for s in keep or ()] + [(s.start, s.end, False, s) for s in spans]
    items.sort(key=lambda it: it[0])
    out: list[Span] = []
    cluster: list[tuple] = []
    cluster_end = 0
    for it in items:
        if cluster and it[0] >= cluster_end:
            _settle(cluster, rank, out)
            cluster = []
        if not cluster or it[1] > cluster_end:
            cluster_end = it[1]
        cluster.append(it)
    if cluster:
        _settle(cluster, rank, out)
    return out


def _settle(cluster: list[tuple], rank, out: list[Span]) -> None:
    """Greedy choice inside one cluster: ``keep`` spans first, then the longest free spans."""
    if len(cluster) == 1:
        if not cluster[0][2]:
            out.append(cluster[0][3])
        return
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or y <= a for x, y in taken)

    for a, b, is_keep, _ in cluster:
        if is_keep and free(a, b):
            taken.append((a, b))
    kept = []
    for a, b, is_keep, s in sorted((it for it in cluster if not it[2]), key=lambda it: (-(it[1] - it[0]), rank(it[3]), it[0])):
        if free(a, b):
            taken.append((a, b))
            kept.append(s)
    out.extend(sorted(kept, key=lambda s: s.start))
