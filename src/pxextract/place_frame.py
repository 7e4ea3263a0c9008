"""The place a sentence's opening frame names (issue #15 S3, h330): a sentence that opens (after dates and topic_opener
words at most) with a locative frame word (``rules/link_cues.tsv`` place_frame: 在, 具体到), a place or a chain of places
and its comma frames the whole sentence: 在美国马里兰州，15至34岁的非裔男性遭枪杀概率是同年龄段白人男性的【38倍】 →
马里兰州 (not 美国); 在顺义区，…妇联干部…开启“白＋黑”模式，【24小时】值守 → 顺义区 (not 北京). The figure takes it
(``_inner_place``, as :mod:`pxextract.clause_place`'s, with ``_framed``: :func:`frame_attrs`) when it lies inside the
subject the figure would take otherwise, China's provinces and cities inside 中国 too (:func:`chinese_inside`).
Not when another place or body is named between the frame and the figure, or in the figure's clause after it (在北京，
国家统计局发布…: the body's); not a scope word after the frame (在北京，全国…: place_frame_not, the scope words); not
an age (inner_place_unit_not: 岁).

Example:
    >>> from pxextract.spans import Span
    >>> text = "在顺义区，妇联干部24小时值守"
    >>> fig = Span(9, 13, "CARDINAL", "24小时")
    >>> framed_place(text, fig, [Span(1, 4, "GPE", "顺义区"), fig], 0, FrameCues(("在",)), lambda t, a, s, e: None)
    '顺义区'
"""

from __future__ import annotations

from typing import Callable, NamedTuple

_COMMAS = "，,"
_STOPS = "，,；;。！？\n"


class FrameCues(NamedTuple):
    """place_frame words (在, 具体到), words after the frame's comma that keep the figure wide (the scope words: 全国,
    全省, 我国, 全球 …) and the units of no place's figure (inner_place_unit_not: 岁), of ``rules/link_cues.tsv``."""

    frames: tuple[str, ...] = ()
    wide: tuple[str, ...] = ()
    units_not: tuple[str, ...] = ()


def frame_cues(rules, scope_levels: tuple[str, ...]) -> FrameCues:
    """The :class:`FrameCues` of ``rules`` (``scope_levels``: the levels of its scope_<level> words)."""
    cue = rules.cue
    wide = sum((cue(f"scope_{level}") for level in scope_levels + ("world", "nation", "domestic")), ())
    return FrameCues(cue("place_frame"), wide, cue("inner_place_unit_not"))


def framed_place(text: str, span, sent, sentence_start: int, cues: FrameCues,
                 skip: Callable[[str, int, int, list], int | None]) -> str | None:
    """The last place of the frame opening ``span``'s sentence (see the module), or None. ``skip(text, at, end, sent)``
    steps past a date or a topic_opener word at ``at`` (None when none is there)."""
    if not cues.frames or span.attrs.get("unit") in cues.units_not:
        return None
    at = sentence_start
    while at < span.start and (nxt := skip(text, at, span.start, sent)) is not None:
        at = nxt + (text[nxt : nxt + 1] in _COMMAS)  # 近日，在…
    frame = next((w for w in cues.frames if text.startswith(w, at)), None)
    if frame is None:
        return None
    at += len(frame)
    place = None
    while (nxt := next((e for e in sent if e.label == "GPE" and e.start == at and e.end <= span.start), None)) is not None:
        place, at = nxt, nxt.end  # 在美国马里兰州: the chain's last place
    if place is None or {"furniture", "_passing", "_cited"} & place.attrs.keys() or text[at : at + 1] not in _COMMAS:
        return None
    stop = next((i for i in range(span.end, len(text)) if text[i] in _STOPS), len(text))
    if any(e.label in ("GPE", "ORG", "PERSON") and at < e.start < stop and e is not span for e in sent):
        return None  # another place or body between the frame and the figure, or in its clause after it
    if any(c in "。！？\n" for c in text[at : span.start]) or any(w in text[at : span.end] for w in cues.wide):
        return None
    return place.text


def chinese_inside(name: str, outer, resolver) -> bool:
    """Whether ``outer`` is China (中国) and ``name`` a Chinese division (GB/T 2260 code: 河南 → 河南省), which the
    gazetteer gives no parent 中国: 具体到河南，有【13家】企业上榜 in a 中国 article → 河南.

    >>> from pxextract.resolve import Resolver
    >>> r = Resolver(); chinese_inside("河南", r.place("中国"), r), chinese_inside("美国", r.place("中国"), r)
    (True, False)
    """
    place = resolver.place(name) if outer is not None and outer.level == "country" and outer.key == "CN" else None
    return place is not None and place.key != outer.key and place.code.isdigit()


def frame_attrs(text: str, span, sent, sentence_start: int, cues: FrameCues, skip) -> dict:
    """``{"_inner_place": place, "_framed": True}`` for the place of :func:`framed_place`, else an empty dict."""
    place = framed_place(text, span, sent, sentence_start, cues, skip)
    return {"_inner_place": place, "_framed": True} if place else {}
