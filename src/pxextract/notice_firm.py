"""The company an exchange's or a securities regulator's notice is about (issue #15 S1/S2, h345).

An article whose subject would be a stock exchange or a securities regulator (its name ends in ``exchange_body`` of
``rules/link_cues.tsv``: 交易所, 深交所, 证监会, 证监局 …) because it is the body named most often, and whose headline or
lead names a company the notice is about — written right after a ``notice_cue`` (关于, 对, 向: 关于终止对夜视丽新材料股份有限公司…审核的决定)
or followed in its clause by a ``notice_word`` (终止, 问询, 上市, 审核, 发行: “常州市城市建设（集团）有限公司…公司债券”项目状态更新为“终止”) —
and names that company again, is the company's: the IPO's shares, the issuer's revenue and its shareholders' stakes
(占公司总股本的【79.14%】) are the company's, not the exchange's. An exchange's own story (深交所全年受理【N家】, 港交所公布中期业绩)
names no such company in its lead and keeps the exchange. Never an outlet or a cited source, nor another exchange or regulator.
Used by :func:`pxextract.lead_town.lead_subject`.

Example:
    >>> from pxextract.spans import Span
    >>> text = "深交所网站披露关于终止对夜视丽公司上市审核的决定。深交所受理了夜视丽公司的申请。夜视丽公司募资3亿元。"
    >>> names = [Span(0, 3, "ORG", "深交所"), Span(12, 17, "ORG", "夜视丽公司"), Span(25, 28, "ORG", "深交所"),
    ...          Span(31, 36, "ORG", "夜视丽公司"), Span(42, 47, "ORG", "夜视丽公司")]
    >>> notice_firm(text, names, "深交所", 40, ("交所",), ("对",), ("终止",), lambda s: s.text.endswith("公司"))
    '夜视丽公司'
    >>> notice_firm("深交所全年受理企业300家。深交所表示……", [Span(0, 3, "ORG", "深交所")], "深交所", 12, ("交所",), ("对",), ("终止",), lambda s: True)
"""

from __future__ import annotations

from typing import Callable

from .clauses import clause_bounds
from .lead_firm import mentions
from .spans import Span

_NOT_FIRM = ("furniture", "_cited", "_passing", "_source", "_data")  # outlets, bylines, cited sources
_QUOTES = "“”\"'‘’「」《（( \u3000"  # between a cue and the company: 关于“X…”
_MENTIONS = 2  # the lead's mention and once again


def notice_firm(text: str, names: list[Span], main: str | None, lead_end: int, bodies: tuple[str, ...],
                cues: tuple[str, ...], words: tuple[str, ...], firm: Callable[[Span], bool]) -> str | None:
    """The first company (``firm`` accepts it) of the headline or lead (up to ``lead_end``) that follows a ``cues``
    word or has one of ``words`` after it in its clause, named :data:`_MENTIONS` times at least, when ``main`` is an
    exchange or regulator (ends in one of ``bodies``); else None."""
    if not main or not bodies or not main.endswith(bodies):
        return None
    orgs = [n.text for n in names if n.label == "ORG"]
    for s in sorted(names, key=lambda n: n.start):
        if s.start >= lead_end:
            break
        if s.label != "ORG" or set(_NOT_FIRM) & s.attrs.keys() or s.text.endswith(bodies) or not firm(s):
            continue
        begin, end = clause_bounds(text, s.start, s.end)
        cued = text[begin : s.start].rstrip(_QUOTES).endswith(cues) or any(w in text[s.end : end] for w in words)
        if cued and mentions(text, text[s.start : s.end], orgs)[0] >= _MENTIONS:  # (as written: 常州市城市建设(集团)有限公司)
            return s.text
    return None
