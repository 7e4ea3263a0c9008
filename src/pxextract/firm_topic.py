"""A firm or branch that opens an earlier clause of a figure's sentence and acts goes on past the places of its own
clause (issue #15 S1, h339): 郑州输气分公司负责河南区域内西气东输2条干线、【2条】联络线 → 郑州输气分公司, not the
article's company (国家管网集团), though the place 河南 stands in its clause — the place is where the branch works, its
verb's object (as :func:`pxextract.firm_clause.firm_owns` reads a figure's own clause). The clause opening
:meth:`pxextract.link_subject.ClauseSubjects.topic` finds no topic for: a name written straight after the firm's that
ends in a branch word is the same body (北京永辉超市有限公司顺义马坡分公司, two names: the branch's), and a body after a
passive marker (被, firm_passive of ``rules/link_cues.tsv``) in the firm's clause is the agent, not the owner
(…分公司因违反价格法曾被北京市顺义区市场监督管理局罚款9.85万、没收违法所得【48.5元】 → the branch).

Not when a word that reports or forecasts others' figures (firm_source_verb …) stands between the firm and a place, nor
past another body or a person, nor when the figure's clause names a body or place after it.

    >>> from types import SimpleNamespace
    >>> from pxextract.spans import Span
    >>> text = "郑州输气分公司负责河南区域内2条干线、2条联络线"
    >>> sent = [Span(0, 7, "ORG", "郑州输气分公司"), Span(9, 11, "GPE", "河南")]
    >>> cues = SimpleNamespace(ends=("公司",), branch_ends=("分行",), sources=("预测",), passives=("被",))
    >>> firm_topic(text, sent, 0, 19, Span(19, 21, "CARDINAL", "2条"), cues, lambda e, at: True)
    '郑州输气分公司'
    >>> firm_topic(text, sent, 0, 19, Span(19, 21, "CARDINAL", "2条"), cues, lambda e, at: False) is None
    True
"""

from __future__ import annotations

from typing import Callable

from .clauses import CLAUSE_MARK, LAST_CLAUSE_MARK
from .spans import Span



def firm_topic(text: str, sent: list[Span], sentence_start: int, clause_start: int, figure: Span,
               cues, opens_and_acts: Callable[[Span, int], bool], clause_ends: tuple[str, ...] = ()) -> str | None:
    """The firm (a name ending in ``cues.ends``, firm_end, or ``cues.branch_ends``, firm_branch_end: 分行, 支行) that opens
    the latest clause of the sentence before the figure's clause that names anyone and acts there (``opens_and_acts(firm,
    clause_open)``), when every other name between it and the figure is a place of that clause (no ``cues.sources`` word
    between: firm_source_verb) or a body after a ``cues.passives`` word (firm_passive: 被) there, and the sentence names no
    one before it (a cited outlet at most: 受陵水县发控集团委托，国信招标集团…: the client's); else None. Not when the
    firm's clause ends in one of ``clause_ends`` (topic_clause_end: 后, 时 — 阿迪公司抵制新疆棉事件曝光后，泡泡玛特…).
    ``cues``: :class:`pxextract.firm_clause.FirmCues`."""
    ends, branch_ends, sources, passives = cues.ends, cues.branch_ends, cues.sources, cues.passives
    names = sorted((e for e in sent if e.label in ("GPE", "ORG") and sentence_start <= e.start and e.end <= clause_start
                    and "furniture" not in e.attrs), key=lambda e: e.start)  # (a dateline, an outlet: no one)
    if not names:
        return None
    last = names[-1]
    m = LAST_CLAUSE_MARK.search(text, sentence_start, last.start)
    opening = m.end() if m else sentence_start
    inside = [e for e in names if e.start >= opening]
    firm, rest = inside[0], inside[1:]
    if firm.label != "ORG" or any(e.start < firm.start and not {"_cited", "_source"} & e.attrs.keys() for e in names):
        return None
    if rest and rest[0].label == "ORG" and rest[0].start == firm.end and rest[0].text.endswith(ends + branch_ends):
        firm, rest = Span(firm.start, rest[0].end, "ORG", text[firm.start : rest[0].end]), rest[1:]  # 北京永辉超市有限公司顺义马坡分公司
    if not firm.text.endswith(ends + branch_ends) or not opens_and_acts(firm, opening):
        return None
    m = CLAUSE_MARK.search(text, firm.end, clause_start)
    own_end = m.start() if m else clause_start  # the end of the firm's own clause
    if text[firm.end : own_end].rstrip().endswith(clause_ends):
        return None  # a time clause (…曝光后，)
    for e in rest:
        between = text[firm.end : e.start]
        if e.start >= own_end or any(w in between for w in sources) or e.label == "ORG" and not any(w in between for w in passives):
            return None  # (another body acts, or a place of a later clause)
    if any(p.label == "PERSON" and firm.end <= p.start < figure.start for p in sent):
        return None
    m = CLAUSE_MARK.search(text, figure.end)
    stop = m.start() if m else len(text)
    if any(e.label in ("GPE", "ORG") and figure.end <= e.start < stop for e in sent):
        return None
    return firm.text
