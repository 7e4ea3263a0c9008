"""A place written only inside a quoted name is no one's subject (issue #15 S6/S8, h363): a product's, campaign's,
event's, programme's or nickname's name in quotation marks (命名为“湘潭星座”的【12颗】卫星, 特许药械“中国首用”,
“青州龙兴寺佛教造像展”等展览【10余场】) names no owner of the figure after it; the clause's firm or body, or the sentence's
place, or the article's subject, owns it (8月9日，湘潭星空宇航卫星科技有限公司召开发布会，正式发布命名为“湘潭星座”的【12颗】小型SAR卫星 → the
company, not 湘潭). Not a quoted body (“湘潭市文旅局”: an ORG head after the place), not a law's 《》 title (a LAW span
over it: 《上海市…条例》 gives its place, pxextract.local_rule), not a quotation that holds the figure too or a clause
mark (a speech: “今年松江新增企业【500家】”), not a bare place quoted (代号“拉海纳”的野火), and only where the figure's
sentence names another place or body before it outside quotation marks (“兰州最美退役军人”个人【12名】 alone: 兰州's).
Used by :mod:`pxextract.link_subject` (the clause's places) and :mod:`pxextract.clause_place` (its narrower place); and no candidate
for the article's own subject either (:func:`quoted_lead`, h364: 曾以“公交游中国”引起关注的刘华强 → not 中国).

Example:
    >>> from pxextract.spans import Span
    >>> text = "正式发布命名为“湘潭星座”的12颗卫星"
    >>> firm = Span(0, 2, "ORG", "公司")
    >>> quoted_place("公司" + text, Span(10, 12, "GPE", "湘潭"), Span(17, 20, "CARDINAL", "12颗"), [firm])
    True
    >>> quoted_place("公司发布“湘潭市文旅局”10项", Span(5, 8, "GPE", "湘潭市"), Span(13, 16, "CARDINAL", "10项"), [firm], ("局",))
    False
"""

from __future__ import annotations

_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』", "《": "》"}
_CLOSERS = frozenset(_OPEN_CLOSE.values())
_REACH = 30  # the most characters of a quoted name
_STOPS = frozenset("，。；！？：,;!?:\n")  # a clause mark inside: a speech or a sentence quoted, not a name


def _quote_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(opening mark, closing mark) of the quotation pair holding ``text[start:end]`` with no clause mark inside, or None."""
    at = start - 1
    while at >= max(0, end - _REACH) and text[at] not in _OPEN_CLOSE:
        if text[at] in _STOPS or text[at] in _CLOSERS:
            return None
        at -= 1
    if at < 0 or text[at] not in _OPEN_CLOSE:
        return None
    close = _OPEN_CLOSE[text[at]]
    stop = end
    while stop < min(len(text), at + _REACH + 2) and text[stop] != close:
        if text[stop] in _STOPS or text[stop] in _OPEN_CLOSE:
            return None
        stop += 1
    return (at, stop) if stop < len(text) and text[stop] == close else None


def quoted_place(text: str, e, figure, sent, body_heads: tuple[str, ...] = ()) -> bool:
    """Whether the place ``e`` (GPE) is written inside a quoted name that leaves out the ``figure`` (see the module); a
    name right after the place that starts with one of ``body_heads`` (湖南银行) or ends with one (湘潭市文旅局) is a body's."""
    if e.label != "GPE":
        return False
    pair = _quote_around(text, e.start, e.end)
    if pair is None or pair[0] <= figure.start <= pair[1]:
        return False
    if pair[0] + 1 == e.start and e.end == pair[1]:
        return False  # 代号“拉海纳”的野火: the place itself, quoted
    if body_heads and (text.startswith(body_heads, e.end) or text.endswith(body_heads, e.end, pair[1])) or any(
            s.label in ("ORG", "LAW") and s.start <= e.start and e.end <= s.end and s is not e for s in sent):
        return False  # “湘潭市文旅局”, 《上海市养犬管理条例》: the body or the law it names
    return any(s is not e and s.label in ("GPE", "ORG") and s.end <= figure.start and "furniture" not in s.attrs
               and _quote_around(text, s.start, s.end) is None for s in sent)  # (“兰州最美退役军人”个人【12名】 alone: the place's)


_JOINERS = frozenset("-—–·、 ")  # between the places of a quoted route or list (“上海-果洛”)


def quoted_lead(text: str, e, lead, names, cited: tuple[str, ...] = ()) -> bool:
    """Whether the place ``e`` of the headline or lead (``lead``: its places and bodies) is written only inside a quoted name
    (a campaign's, product's or event's name, no clause mark inside: 曾以“公交游中国”引起关注的刘华强) and so is no candidate
    for the article's own subject (issue #15, h364; :meth:`pxextract.subjects.Subjects.article_subject`). Not a place the
    lead writes outside quotation marks too, a place inside a body's or law's name (``names``: 《陕西省乡村建设条例》), a
    quotation of places only (“上海-果洛”), an account cited after one of ``cited`` (据“无锡发布”微信公号: the city's own),
    nor a body (“中国电信致歉”的话题: the company's own story) or a speech (“此次温岭之行，…”: often the story's place).

    >>> from pxextract.spans import Span
    >>> china, wuhan = Span(9, 11, "GPE", "中国"), Span(21, 23, "GPE", "武汉")
    >>> quoted_lead("近日，曾以“公交游中国”引起关注的刘华强从武汉到达长沙", china, [china, wuhan], [])
    True
    >>> wenling = Span(3, 5, "GPE", "温岭")
    >>> quoted_lead("“此次温岭之行，带给我们许多惊喜。”", wenling, [wenling], [])
    False
    """
    if e.label != "GPE" or (pair := _quote_around(text, e.start, e.end)) is None or cited and text.endswith(cited, 0, pair[0]):
        return False  # (not in a quoted name; 据“无锡发布”: a cited account)
    if any(s.label in ("ORG", "LAW") and s.start <= e.start and e.end <= s.end and s is not e for s in names):
        return False  # 《陕西省乡村建设条例》: the law's place
    places = {i for s in names if s.label == "GPE" and pair[0] < s.start and s.end <= pair[1] for i in range(s.start, s.end)}
    if all(i in places or text[i] in _JOINERS for i in range(pair[0] + 1, pair[1])):
        return False  # “上海-果洛”援青旅游包机, “湖南长沙”: places only, quoted (a route, a place named), not a name
    return not any(s.text == e.text and s is not e and _quote_around(text, s.start, s.end) is None for s in lead)
