"""The store or platform a product is sold on is no subject of its price (issue #15 S2, h242): an e-commerce
or app platform or a console (``sale_platform`` of ``rules/link_cues.tsv``: 天猫, 京东, 拼多多, Steam, Switch)
written where a product is sold — right before a store word (``sale_store``: 自营, 旗舰店, 首发, 券后), or
before ``sale_place`` (上, 平台, 商城) or after ``sale_before`` (登陆, 上架, 在) with a price word (``sale_price``:
价, 仅需, 直降, 到手) between it and the figure — gives the product's price or spec, not its own figure: the
linker skips it and the figure takes what it would take without it (the clause's or the sentence's maker, else
the article's subject: the lead's product maker). The platform's own business figures keep it: a word of
``sale_own`` (营收, 成交额, 用户, 销量) between it and the figure (京东营收2879亿元, 天猫双11成交额). Only the
listed names: a platform that is also the maker (京东京造, 小米商城) is none of them. Used by
:class:`pxextract.link_subject.ClauseSubjects`.

Example:
    >>> from pxextract.spans import Span
    >>> cues = SaleCues(("京东",), ("自营", "旗舰店"), ("上",), ("在",), ("价", "直降"), ("营收",))
    >>> text = "苹果发布新款Mac mini。今日京东自营直降至5049元。"
    >>> sold_on(text, Span(17, 19, "ORG", "京东"), 25, cues)
    True
    >>> sold_on("京东营收2879亿元", Span(0, 2, "ORG", "京东"), 4, cues)
    False
"""

from __future__ import annotations

from typing import NamedTuple

_QUOTES = "“”\"'「」《》 "  # 在“亚马逊”平台上: quotes and spaces around the name
_BEFORE_REACH = 4  # characters before the name a sale_before word may end (在, 登陆 + quotes)


class SaleCues(NamedTuple):
    """The words of ``rules/link_cues.tsv`` this module reads (see the module docstring)."""

    platforms: tuple[str, ...]
    stores: tuple[str, ...]
    places: tuple[str, ...]
    before: tuple[str, ...]
    prices: tuple[str, ...]
    own: tuple[str, ...]


def sale_cues(rules) -> SaleCues:
    """The :class:`SaleCues` of ``rules``."""
    cue = rules.cue
    return SaleCues(cue("sale_platform"), cue("sale_store"), cue("sale_place"), cue("sale_before"), cue("sale_price"), cue("sale_own"))


def sold_on(text: str, e, figure_start: int, cues: SaleCues) -> bool:
    """Whether the organisation ``e`` is a platform a product is sold on, for the figure starting at
    ``figure_start`` after it (京东旗舰店价格为【1399元】 → True; 京东营收【2879亿元】 → False)."""
    if e.text not in cues.platforms or e.end > figure_start:
        return False
    between = text[e.end:figure_start]
    if any(w in between for w in cues.own):
        return False
    after = between.lstrip(_QUOTES)
    if after.startswith(cues.stores):
        return True
    before = text[max(0, e.start - _BEFORE_REACH):e.start].rstrip(_QUOTES)
    placed = after.startswith(cues.places) or before.endswith(cues.before)
    return placed and any(w in between for w in cues.prices)
