"""A firm that opens its sentence owns the figures of its later clauses that name no one (issue #15 S6/S4b, h340),
also past the places it acts on as objects (中国电建集团驰援静海区抗洪一线，…，火速集结【200余人】 → 中国电建集团, not the
article's 静海区; 郑州输气分公司负责河南区域内…管道…，占据着全省天然气供应【65%】的市场份额 → the branch, not its parent), where
:meth:`pxextract.link_subject.ClauseSubjects.topic` stops at them. Only a firm that acts (``_acts``: no public body, court,
outlet or cited source: IT之家注意到, 国家统计局数据显示, 中央气象台预计, 中建三局 never), whose own clause is no report
(report_verb, data_verb, firm_source_verb: 联合国协调中心承认，) nor a credit (opener_credit: 香港海南社团总会供图) nor a time
clause (topic_clause_end: 阿迪公司抵制…事件曝光后，), not the head of a name glued to it (第二松花江扶余站), not one of a list
(三星电子和海力士的股价…分别: ``joins``), with no person or other body named after it (清大科越控股股东为郭少青…; 中金公司研报给予
中国软件国际…目标价), no place opening a later clause and none in the figure's clause. Used by
:class:`pxextract.link_subject.ClauseSubjects`.

Example:
    >>> from pxextract.spans import Span
    >>> text = "中国电建集团驰援静海区，火速集结200余人。"
    >>> sent = [Span(0, 6, "ORG", "中国电建集团"), Span(8, 11, "GPE", "静海区"), Span(16, 20, "CARDINAL", "200余人")]
    >>> opening_firm(text, sent, 0, 12, sent[2], lambda at, e: at == e.start, lambda e: True, ("称",), ("后",), ("和",)).text
    '中国电建集团'
"""

from __future__ import annotations

from .clauses import CLAUSE_MARK, SENTENCE_END
from .spans import Span



def opening_firm(text: str, sent: list[Span], sentence_start: int, clause_start: int, figure: Span, opens, acts,
                 sources: tuple[str, ...], clause_ends: tuple[str, ...], joins: tuple[str, ...]) -> Span | None:
    """The firm opening the figure's sentence that owns the figure (see the module), else None. ``opens(at, e)``: only dates
    and connectives between ``at`` and the name ``e``; ``acts(e)``: a firm acting by a verb after its name."""
    names = [e for e in sent if e.label in ("GPE", "ORG", "PERSON") and sentence_start <= e.start < figure.start]
    if not names or clause_start <= sentence_start or names[0].label != "ORG" or not opens(sentence_start, names[0]):
        return None
    firm = names[0]
    if text.startswith(joins, firm.end) or any(e.start == firm.end for e in sent) or "furniture" in firm.attrs or "_cited" in firm.attrs or "_source" in firm.attrs or not acts(firm):
        return None
    first = CLAUSE_MARK.search(text, firm.end, clause_start)
    own_end = first.start() if first else clause_start
    if any(w in text[firm.end : own_end] for w in sources) or text.endswith(clause_ends, firm.end, own_end):
        return None  # 联合国协调中心承认，; 阿迪公司抵制新疆棉事件曝光后，
    marks = [m.end() for m in CLAUSE_MARK.finditer(text, firm.end, clause_start)] + [clause_start]
    stop = min((m.start() for m in (CLAUSE_MARK.search(text, figure.end), SENTENCE_END.search(text, figure.end)) if m), default=len(text))
    for e in sent:
        if e is firm or e.label not in ("GPE", "ORG", "PERSON") or not firm.end <= e.start < stop:
            continue
        if e.label != "GPE" or e.start >= clause_start or any(at <= e.start and opens(at, e) for at in marks):
            return None  # a person or another body after it (中金公司…给予中国软件国际…目标价), a name in the figure's clause or opening a later clause
    return firm
