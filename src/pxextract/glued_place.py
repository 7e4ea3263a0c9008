"""A far place's short form that only opens a river's, road's, station's, market's or firm's name (issue #15, h378).

A place written without its administrative suffix (漠河, 通江, 泰和) and glued, every time the article writes it, to a
following name ending in a ``rules/link_cues.tsv`` glued_place_head (水体, 北河, 路, 站, 市场, 医疗 …; at most
:data:`_REACH` name characters between) is only the opening of that name when the gazetteer puts it outside the
article's province: 上海's 漠河路 is no 漠河市, 鄱阳湖通江水体 no 通江县, 泰和诚医疗 (a company) no 泰和县. Its figures take
the article's subject instead. A full form (萍乡市公路…) and a place inside the article's province (杭州萧山国际机场 in a
杭州 article: 萧山, §6) keep theirs.

>>> from pxextract.spans import Span
>>> text = "漠河路经常会拥堵数十分钟"
>>> glued(text, "漠河", [Span(0, 2, "GPE", "漠河")], ("路",))
True
>>> glued("漠河，路上", "漠河", [Span(0, 2, "GPE", "漠河")], ("路",))
False
"""
from __future__ import annotations

import regex

from .spans import Span

_REACH = 4  # name characters at most between the place and the head (石楼【消防救援】站)
_HAN = regex.compile(r"\p{Han}")


def _opens(text: str, g: Span, heads: tuple[str, ...], keep: tuple[str, ...] = ()) -> bool:
    """Whether a head of ``heads`` follows the place ``g`` after at most :data:`_REACH` Han characters (a gauge's
    reading of ``keep``, 哈尔滨站水位, opens none)."""
    for at in range(g.end, min(len(text), g.end + _REACH + 1)):
        if any(text.startswith(k, at) for k in keep):
            return False
        if any(text.startswith(h, at) for h in heads):
            return True
        if not _HAN.match(text[at]):
            return False
    return False


def glued(text: str, place: str, names: list[Span], heads: tuple[str, ...], keep: tuple[str, ...] = (), chained: frozenset[int] = frozenset()) -> bool:
    """Whether every GPE mention of ``place`` in ``names`` opens a name ending in a head of ``heads`` (and there is one);
    a mention starting at an offset of ``chained`` (right after its own city: 台州临海上白岩站) is the place itself."""
    mentions = [g for g in names if g.label == "GPE" and g.text == place]
    return bool(heads and mentions) and all(g.start not in chained and _opens(text, g, heads, keep) for g in mentions)


def _same_province(resolve, outer: str, inner: str) -> bool:
    """Whether ``inner`` written right after ``outer`` lies in its province (台州临海: 临海 of 浙江)."""
    o = resolve(outer, None)
    code = getattr(o, "province_code", None)
    i = resolve(inner, code) if code else None
    return i is not None and getattr(i, "province_code", None) == code


def unglue_subjects(text: str, spans: list[Span], names: list[Span], article_subject: str | None, heads: tuple[str, ...], resolve,
                    keep: tuple[str, ...] = ()) -> None:
    """Give the article's subject to the figures of ``spans`` whose subject is a short place form (not the canonical
    name) written only glued to a name (:func:`glued`; a gauge's reading of ``keep`` is no such name, a mention right
    after its own city, 台州临海上白岩站, is the place) and lying, by
    ``resolve(name, province)``, outside the article's province. When the article's subject is itself such a form
    (北京南站, 浦江游览) nothing changes: no other place is guessed."""
    def short_glued(name: str, province: str | None) -> bool:
        p = resolve(name, province)
        return p is not None and p.name != name and glued(text, name, names, heads, keep, chained)

    def chinese(name: str | None, province: str | None = None):
        p = resolve(name, province) if name else None
        return p if p is not None and p.code.isdigit() and getattr(p, "province_code", None) else None

    home_name, home = article_subject, chinese(article_subject)
    if home is None:  # no Chinese place of the article: nothing to compare with (and no place resolved here)
        return
    gpes = [g for g in names if g.label == "GPE"]
    ends = {g.end: g for g in gpes}
    chained = frozenset(g.start for g in gpes if g.start in ends and _same_province(resolve, ends[g.start].text, g.text))
    if short_glued(article_subject, None):
        return
    verdict: dict[str, bool] = {}
    for s in spans:
        subject = s.attrs.get("subject")
        if not subject or subject == home_name or s.label in ("GPE", "LOC", "ORG", "PERSON", "LAW", "DATE"):
            continue
        if subject not in verdict:
            p = chinese(subject, home.province_code)
            verdict[subject] = bool(p is not None and p.province_code != home.province_code and short_glued(subject, home.province_code))
        if verdict[subject]:
            s.attrs["subject"] = home_name
            if s.attrs.get("_name_place") == subject:
                s.attrs.pop("_name_place")
