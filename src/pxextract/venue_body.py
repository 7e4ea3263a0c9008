"""A body that is also a building (venue_head of ``rules/link_cues.tsv``: 文化馆, 博物馆, 少年宫) named after its place
(place + head, one ORG: rules/name_grammar.tsv place_head) where something happens — after a locative (place_venue:
在, 于; venue_before: 到, 走进, 来到) or before one (venue_after: 内, 里, 门前) — is the venue, no owner of what
happens there (issue #15, h220): 第五届广东岭南美术大展在广州市文化馆新馆圆满落幕，…共展出了116件 → 广州市, not
广州市文化馆. The venue gives its place as ``_place`` (the lead's) and ``_source`` (a clause's subject), as a public
body of the lead does (pxextract.subjects.Subjects.mark_sources). As the organiser or actor (广州市文化馆举办…,
由广州市文化馆主办) it stays the subject. Called from :mod:`pxextract.pipeline` before the article's subject.

Example:
    >>> from pxextract.rules import load_rules
    >>> from pxextract.spans import Span
    >>> text = "大展在广州市文化馆落幕。广州市文化馆举办讲座。"
    >>> names = [Span(3, 9, "ORG", "广州市文化馆"), Span(12, 18, "ORG", "广州市文化馆")]
    >>> mark_venues(text, names, load_rules(), {"广州市": True}.get)
    >>> [s.attrs.get("_place") for s in names]
    ['广州市', None]
"""

from __future__ import annotations

from typing import Callable

from .spans import Span


def mark_venues(text: str, names: list[Span], rules, place_of: Callable[[str], object]) -> None:
    """Give each venue of ``names`` (an ORG of a place and a venue_head, a place for ``place_of``, standing after a
    locative or before one) its place as ``_place`` and ``_source``; leave the others."""
    heads = rules.cue("venue_head")
    before, after = rules.cue("place_venue") + rules.cue("venue_before"), rules.cue("venue_after")
    for s in names:
        head = next((h for h in sorted(heads, key=len, reverse=True) if s.text.endswith(h)), None) if s.label == "ORG" else None
        place = s.text[: -len(head)] if head else ""
        if len(place) < 2 or not place_of(place) or "_source" in s.attrs:
            continue
        if text.endswith(before, 0, s.start) or text.startswith(after, s.end):
            s.attrs["_place"] = s.attrs["_source"] = place
