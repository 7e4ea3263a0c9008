"""A place that only opens a facility's or street's name in the lead (issue #15 S8, h346).

The lead's place written only inside a longer name — an airport's, a station's, a port's, a road's, a
street's (``rules/link_cues.tsv`` name_place_head: 机场, 火车站, 口岸, 路 …; name_street_head: 街道, 新村街道) — and nowhere alone in
the article is not the story's place on its own:

* it is no narrower place of the story (:meth:`pxextract.subjects.Subjects.most_specific` reads the first
  paragraph's places without it): ``“上海-果洛”援青旅游包机浦东机场首发`` stays 上海's, not 浦东's; unless written in
  a chain (杭州萧山国际机场: 萧山, the airport's district);
* the lead's first place opening a street's name (name_street_head) gives the street, a sub-district unit
  (§6 Entities: a GPE), as the article's subject: ``延吉新村街道党建办…`` (a street of 上海杨浦) → 延吉新村街道,
  not 延吉 (a city of 吉林).

A facility named after its own place still gives that place when it opens the lead (泰安高铁站, 延吉机场:
§6 Attributes, facilities), and so does a gauge station in a clause (哈尔滨站水位: ``link_subject.opens_name``).

>>> from pxextract.spans import Span
>>> text = "延吉新村街道党建办联合延吉新村街道未成年人保护站举办活动"
>>> a, b = Span(0, 2, "GPE", "延吉"), Span(11, 13, "GPE", "延吉")
>>> heads, streets = ("机场", "路"), ("街道", "新村街道")
>>> only_in_names(text, a, [a, b], streets), street_of(text, a, [a, b], heads, streets)
(True, '延吉新村街道')
>>> only_in_names("上海浦东机场和上海", Span(0, 2, "GPE", "上海"), [Span(0, 2, "GPE", "上海"), Span(7, 9, "GPE", "上海")], heads)
False
"""
from __future__ import annotations

from .spans import Span


def _head(text: str, s: Span, heads: tuple[str, ...]) -> str | None:
    """The longest head of ``heads`` written right after the place ``s``."""
    return max((h for h in heads if text.startswith(h, s.end)), key=len, default=None)


def only_in_names(text: str, s: Span, gpes: list[Span], heads: tuple[str, ...]) -> bool:
    """Whether every mention of the place ``s`` (spans of ``gpes`` with its text) opens a name ending in a head."""
    return bool(heads) and all(_head(text, g, heads) for g in gpes if g.text == s.text)


def street_of(text: str, s: Span, gpes: list[Span], heads: tuple[str, ...], streets: tuple[str, ...]) -> str | None:
    """The street's whole name (the place and a head of ``streets``) the place ``s`` opens, when it is written only
    inside names (``heads`` or ``streets``); None otherwise."""
    if not only_in_names(text, s, gpes, heads + streets):
        return None
    return next((text[g.start : g.end + len(h)] for g in gpes if g.text == s.text and (h := _head(text, g, streets))), None)


def story_places(text: str, gpes: list[Span], end: int, heads: tuple[str, ...]) -> list[str]:
    """The places of ``gpes`` before ``end`` that may be the story's narrower place: not one written only inside names,
    unless a place stands right before it (杭州萧山国际机场: the airport's district, a chain)."""
    after_place = {g.end for g in gpes}
    return [s.text for s in gpes if s.start < end and not (only_in_names(text, s, gpes, heads) and not any(
        g.start in after_place for g in gpes if g.text == s.text))]
