"""A country's name standing as a modifier is no party of the sentence (issue #15 S6, h225): right before an
attribute head as the longest word there (modifier_head of ``rules/link_cues.tsv``: 传统, 特色, 文化, 故事, 式 —
中国传统文化, 中国特色, 中国文化; not 中国文化产业, 中国传统产业: the country's own) or opening
the name of a day, a festival or an event (event_head: 节, 日, 博览会, 联赛, 锦标赛 — 中国医师节, 中国国际进口博览会,
中国大学生篮球联赛: nouns of jieba's dictionary, or unknown characters, then the head as the longest word there), it
says what kind of culture or event is meant, not whose the figures are: 今年是第六个中国医师节，…年满【90岁】的老人 →
not 中国. Such a place is marked as news furniture is (attribute ``furniture``: "modifier"): no subject of a clause
(the linker gives what it would without it) nor of the article. The country's own body or measure keeps it
(中国队, 中国银行, 中国GDP, 中国市场规模: no head). Called from :mod:`pxextract.pipeline` with the venues
(:mod:`pxextract.venue_body`).

Example:
    >>> from pxextract.resolve import Resolver
    >>> from pxextract.rules import load_rules
    >>> from pxextract.segment import dictionary_tags
    >>> from pxextract.spans import Span
    >>> text = "弘扬中国传统文化。中国队夺冠。"
    >>> names = [Span(2, 4, "GPE", "中国"), Span(9, 12, "ORG", "中国队")]
    >>> mark_modifiers(text, names, load_rules(), Resolver().place, dictionary_tags())
    >>> [s.attrs.get("furniture") for s in names]
    ['modifier', None]
"""

from __future__ import annotations

from typing import Callable

import regex

from .spans import Span

_NAME_REACH = 8  # characters of name words between the country and its event's head (大学生篮球联赛)
_NAME_TAGS = ("n", "j", "a", "vn")  # jieba tags of the words an event's name may hold (国际 进口 博览会)


def mark_modifiers(text: str, names: list[Span], rules, place_of: Callable[[str], object], tags: dict[str, str]) -> None:
    """Mark each place of ``names`` that ``place_of`` resolves to a country and that stands as a modifier (see the
    module) with ``furniture`` = "modifier"; leave the others."""
    heads, events = rules.cue("modifier_head"), rules.cue("event_head")
    for s in names:
        if s.label != "GPE" or "furniture" in s.attrs or getattr(place_of(s.text), "level", None) != "country":
            continue
        head = next((h for h in heads if text.startswith(h, s.end)), "")
        if head and len(head) >= _longest(text, s.end, tags) or _opens_event(text, s.end, events, tags):
            s.attrs["furniture"] = "modifier"


def _longest(text: str, at: int, tags: dict[str, str]) -> int:
    """The length of the longest dictionary word at ``at`` (up to 4; 0 when none)."""
    return next((k for k in range(4, 0, -1) if text[at : at + k] in tags), 0)


def _opens_event(text: str, at: int, heads: tuple[str, ...], tags: dict[str, str]) -> bool:
    """Whether name words from ``at`` end in an event head, the longest dictionary word where it stands
    (医师节, 国际进口博览会; not 中国日报: 日报 is longer than 日)."""
    start = at
    while at <= start + _NAME_REACH and at < len(text):
        size = _longest(text, at, tags)
        head = next((h for h in heads if text.startswith(h, at)), None)
        if head is not None and len(head) >= size and at > start:
            return True
        if size == 0 and not regex.match(r"\p{Han}", text[at]):
            return False
        if size and not tags[text[at : at + size]].startswith(_NAME_TAGS):
            return False
        at += max(size, 1)
    return False
