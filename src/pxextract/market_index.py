"""A stock market's or index's figure is no place's (issue #15 S5; docs/annotation.md §6, a market's or an economy's
measure): a figure whose clause names a market index or the market as a whole before it (``rules/link_cues.tsv``
market_index: 上证指数, 沪指, 深成指, 创业板指, 沪深300, 纳指, 标普500, 道指, 恒生指数, 大盘, 三大指数, 沪深两市, 个股,
股指期货) and no place, body, person or anaphor (该股) of its own is ``null``, not the article's province or city, nor
its country or company: 8月11日，大盘全天单边走低，三大指数均跌超【2%】 in a 浙江 article → null (not 浙江);
期间上证指数下跌【0.67%】 → null (not 上海, nor 中国). A name inside the cue (标普 of 标普500指数) is no name of its own.

An ORG tagged for an index's name (:func:`index_name`: 恒生 of 恒生指数, 纳斯达克金龙 + 指数, 纳斯达克 + 100指数,
market_index_tail) is an index, no body: no subject, and the clause's cue (纳斯达克金龙指数涨【0.6%】 → null; h308).

Not a clause naming its own body or place (金科股份、迪马股份…等近十只个股涨停: the companies'), nor 两市 alone (two
cities: 济南与基隆两市).

A sector's stock-market figure is no one's either (:func:`sector_market`, h332): a sector word (sector_word: 行业, 板块) and a
market measure or move at most 6 characters after it (sector_move: 平均股东户数, A股上市公司户均, 整体涨幅, 主力资金, 暴涨) before
the figure in its clause: 截至6月30日，电网设备行业平均股东户数为【3.81万户】 → null, not 温州宏丰 (the article's company);
房地产板块获主力资金净流入超【40亿元】 → null, not 金科股份. Only market words: a county's 全县餐饮行业营业额 keeps the county.

Example:
    >>> from pxextract.spans import Span
    >>> text = "截至收盘，沪指跌2.01%，深成指跌2.18%。"
    >>> fig = Span(text.index("2.01%"), text.index("2.01%") + 5, "PERCENT", "2.01%")
    >>> market_index(text, fig, [fig], ("沪指", "深成指"), ("该",))
    True
"""

from __future__ import annotations

from .clauses import CLAUSE_END
from .sentence_firsts import any_in, finds, first_at, last_before
from .spans import Span

_NAMES = ("GPE", "ORG", "PERSON")


def market_index(text: str, span: Span, sent: list[Span], words: tuple[str, ...], anaphors: tuple[str, ...] = (),
                 tails: tuple[str, ...] = (), sectors: tuple[str, ...] = (), moves: tuple[str, ...] = ()) -> bool:
    """Whether ``span``'s clause names a market index or the whole market (``words``, or an ORG naming an index:
    :func:`index_name`) before the figure's end and no place, body, person or anaphor (``anaphors``: 该股) outside
    such a word (see the module)."""
    if not words or not (any_in(text, words) or tails and any_in(text, tails) or sectors and moves and any_in(text, moves)):
        return False  # (no cue can be found: a cue is a word, an ORG inside a word or before a tail, or a sector's move)
    at = last_before(text, CLAUSE_END, 0, span.start)  # the clause's marks by a bisect
    start = at + 1 if at >= 0 else 0
    at = first_at(text, span.end, CLAUSE_END)
    end = at if at >= 0 else len(text)
    cues = [(i, i + len(w)) for w in words for i in finds(text, w, start, span.end)] + [
        (e.start, e.end) for e in sent if start <= e.start and e.end <= span.start and index_name(text, e, words, tails)] + (
        sector_market(text, start, span.start, sectors, moves) if sectors and moves else [])
    if not cues or any(w in text[start:span.start] for w in anaphors):
        return False
    return not any(e.label in _NAMES and start <= e.start and e.end <= end and "furniture" not in e.attrs
                   and not any(a <= e.start and e.end <= b for a, b in cues) for e in sent)


def index_name(text: str, e: Span, words: tuple[str, ...], tails: tuple[str, ...]) -> bool:
    """Whether ``e`` is an ORG naming a market index, no body: inside a market_index word (恒生 of 恒生指数, 标普 of
    标普500) or followed by an index tail (``tails``, market_index_tail: 纳斯达克金龙 + 指数, 纳斯达克 + 100指数,
    道琼斯 + 工业指数; h308)."""
    if e.label != "ORG":
        return False
    return bool(tails) and text.startswith(tails, e.end) or any(w in text[max(0, e.end - len(w)) : e.start + len(w)] for w in words)


def sector_market(text: str, start: int, end: int, sectors: tuple[str, ...], moves: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where ``text[start:end]`` (a figure's clause before it) names a sector's market measure: a sector word of ``sectors``
    (行业, 板块) and a move of ``moves`` at most :data:`_SECTOR_REACH` characters after it, as (start, end) of the pair.

    >>> sector_market("截至6月30日，电网设备行业平均股东户数为", 8, 23, ("行业",), ("平均股东户数",))
    [(12, 20)]
    """
    found = []
    for w in sectors:
        for at in finds(text, w, start, end):
            after = at + len(w)
            for m in moves:
                i = text.find(m, after, min(end, after + _SECTOR_REACH + len(m)))
                if i >= 0 and i + len(m) <= end:
                    found.append((at, i + len(m)))
    return found


_SECTOR_REACH = 6  # 房地产板块获主力资金: a sector_move at most this far after its sector word
