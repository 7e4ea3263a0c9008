"""A product's price in a market is its maker's (issue #15 S2, h351): a price whose subject would be a place named
before it in its sentence — the market it is sold in (在美国起价999美元, 中国地区Model Y…起售价为299900元) — takes the
article's company instead, when the sentence names a product model before the figure (a model code in Latin letters
and digits: Model Y, iPhone 15, PS5; or a product line of ``rules/brands.tsv``: iPhone, Galaxy), a price word
(``sale_price`` of ``rules/link_cues.tsv``: 价, 售) stands between the model and the figure, and no other organisation
is named in the sentence: the maker sells its product there (annotation §6 "Funds and products": a product's figures
take its maker, never the market). A market's own figures keep the place: a ``sale_own`` word (销量, 销售额, 营收)
between the place and the figure (特斯拉在中国的销量…), an article about a place (a market of many brands: the
article's subject is a place, not a company), a figure that is no amount of money. Used by
:class:`pxextract.link_subject.ClauseSubjects`.

Example:
    >>> from pxextract.spans import Span
    >>> text = "该公司销售一款高端iPhone Pro，在美国起价999美元。"
    >>> fig = Span(25, 30, "MONEY", "999美元")
    >>> sent = [Span(21, 23, "GPE", "美国"), fig]
    >>> market_maker(text, fig, sent, 0, "美国", "苹果公司", frozenset({"苹果公司"}), ("iPhone",), ("价",), ("销量",))
    '苹果公司'
    >>> market_maker("美国市场销量达到100万台，均价999美元。", Span(17, 21, "MONEY", "999美元"), [Span(0, 2, "GPE", "美国")], 0, "美国", "苹果公司",
    ...              frozenset({"苹果公司"}), ("iPhone",), ("价",), ("销量",))
    '美国'
"""

from __future__ import annotations

import regex

from .sentence_firsts import finds

# a model code: letters then digits (PS5, iPhone 15, RTX 4090, M7), or Model + a letter (Model Y); no decimal after it
_CODE = regex.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z]{1,10} ?\d{1,5}[A-Za-z0-9+\-]*|Model [A-Z0-9])(?![0-9.])")


def market_cues(rules) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The product lines of ``rules/brands.tsv`` and the price and own-figure words of ``rules/link_cues.tsv``."""
    from .brand_words import load_brand_words
    return tuple(load_brand_words(rules.path).line), rules.cue("sale_price"), rules.cue("sale_own")


def market_maker(text: str, span, sent: list, sentence_start: int | None, subject: str | None, article_subject: str | None,
                 companies: frozenset[str], lines: tuple[str, ...], prices: tuple[str, ...], own: tuple[str, ...]) -> str | None:
    """The subject of the price ``span``: the article's company ``article_subject`` (one of ``companies``, the article's
    organisations) instead of the market place ``subject`` where the sentence sells a product model there (see the module
    docstring), else ``subject``."""
    if (span.label != "MONEY" or sentence_start is None or not subject or subject == article_subject
            or article_subject not in companies):
        return subject
    places = [e for e in sent if e.label == "GPE" and e.text == subject and sentence_start <= e.start and e.end <= span.start]
    if not places or any(e.label == "ORG" and e.text != article_subject and sentence_start <= e.start < span.start for e in sent):
        return subject
    if any(w in text[places[-1].end:span.start] for w in own):
        return subject  # 特斯拉在中国的销量: the market's figure
    models = [m.end() for m in _CODE.finditer(text, sentence_start, span.start)]
    models += [at + len(w) for w in lines for at in finds(text, w, sentence_start, span.start)]
    if not models or not any(w in text[min(models):span.start] for w in prices):
        return subject
    return article_subject

