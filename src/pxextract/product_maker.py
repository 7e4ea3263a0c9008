"""A product's maker (issue #15 S2): an article whose headline or lead has one company or brand launch a
product — in one clause the company, a launch word (``launch_verb`` of ``rules/link_cues.tsv``: 发布, 推出,
开启预售) and the product, a model code in Latin letters (Pad Pro, Mate 60, U8) or a product word
(``launch_object``: 新品, 手机, 键盘) — is that company's: figures whose clause names no one (a screen's
12.7 英寸, a keyboard's 6层) take it, not the launch's venue or market (上海 of ChinaJoy, 美国市场) nor null.
Never a public body (国家统计局发布GDP数据 names a place), an outlet or a byline (news furniture), a cited
source, and only where the article's subject would be a place or none (annotation §6 "Funds and products").
Used by :func:`pxextract.lead_town.lead_subject`.

Example:
    >>> from pxextract.spans import Span
    >>> text = "联想小新 Pad Pro 12.7 平板今日开启预售，正面配备一块12.7英寸大屏。"
    >>> names = [Span(0, 2, "ORG", "联想")]
    >>> product_maker(text, names, 40, ("开启预售",), ("平板",), lambda name: True)
    '联想'
    >>> product_maker("国家统计局发布GDP数据，增长5.5%。", [Span(0, 5, "ORG", "国家统计局")], 20, ("发布",), (), lambda name: False)
"""

from __future__ import annotations

from typing import Callable

import regex

from .clauses import clause_bounds
from .spans import Span

# a model code: Pad, Mate, U8, A98MASTER, Model; not one in brackets (液化天然气（LNG）, 台风“杜苏芮”（DOKSURI）: a gloss)
_MODEL_CODE = regex.compile(r"(?<![A-Za-z（(])[A-Za-z][A-Za-z0-9+\-]*")
_BRAND_MODEL = regex.compile(r"\p{Han}{0,2} ?[A-Za-z][A-Za-z0-9+\-]*")  # 诺基亚 G310, 华为Mate 60, 联想小新 Pad: a brand before its model
_NOT_MAKER = ("furniture", "_cited", "_passing", "_source", "_data")  # outlets, bylines, cited sources


def product_maker(text: str, names: list[Span], lead_end: int, verbs: tuple[str, ...], objects: tuple[str, ...],
                  maker: Callable[[str], bool]) -> str | None:
    """The one organisation of the headline or lead (up to ``lead_end``) that ``maker`` accepts (a company or
    brand, no public body) and that launches a product in its clause: after its name a launch word of ``verbs``
    followed by a model code or a word of ``objects`` (华为今日发布Mate 60; not 发布的报告显示 after a code), or
    its name right before a model code (a series' two characters between; no other name: 三星和LG) in a clause with a launch word (推出了诺基亚 G310); None when none or two.

    >>> product_maker("IT之家消息，HMD今天推出了诺基亚 G310手机。", [Span(15, 18, "ORG", "诺基亚")], 30, ("推出",), (), bool)
    '诺基亚'
    """
    if not verbs:
        return None
    found: set[str] = set()
    ends = {n.end for n in names}
    for s in names:
        if s.label != "ORG" or s.start >= lead_end or set(_NOT_MAKER) & s.attrs.keys():
            continue
        begin, end = clause_bounds(text, s.start, s.end)
        after = text[s.end:end]
        at = min((i for v in verbs if (i := after.find(v)) >= 0), default=-1)
        launches = at >= 0 and (_MODEL_CODE.search(after, at) or any(o in after[at:] for o in objects))
        code = _BRAND_MODEL.match(after)  # not another name (三星和LG却下跌: a list of companies)
        branded = code and s.end + code.end() not in ends and any(v in text[begin:end] for v in verbs)
        if (launches or branded) and maker(s.text):
            found.add(s.text)
    return found.pop() if len(found) == 1 else None
