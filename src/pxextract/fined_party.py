"""The firm a fine falls on when the figure's clause does not name it (issue #15 S1/S4b, h345; §6 "A fine is the fined body's").

:func:`pxextract.firm_clause.penalised` gives a fine to the body right after 对 in the figure's own clause. Two more
ways of naming the fined party, read over the figure's sentence (cues of ``rules/link_cues.tsv``):

- a firm right after a penalty_marker (对, 给予) in an earlier clause, fined or warned there (a penalty_word after it in its
  clause), owns the figures of the later clauses that fine or confiscate (a penalty_word in the figure's clause), no other
  party named between: 给予中信银行股份有限公司衢州分行警告，没收违法所得【9012.39元】，并处【49万元】罚款 → 中信银行股份有限公司衢州分行;
- 对其 (penalty_anaphor after a penalty_marker) is the party named before it: the last firm or person opening a clause in its
  sentence or the one before, outside the clause of 对其 and no public body (source_end: the regulator that fines):
  北京婼薇乐护肤品有限公司上述违法行为…，北京市场监管局依法责令当事人改正…，并对其处以罚款【20万元】 → 北京婼薇乐护肤品有限公司.

A person fined (对贺言给予警告并罚款【1万元】, 民警依法对其处以罚款【1000元】 after 驾驶人张某) is no place or body: the figure keeps
the subject it has (§4: places and organisations only), and so does a party that is no firm.

Example:
    >>> from pxextract.spans import Span
    >>> from pxextract.firm_clause import FirmCues
    >>> cues = FirmCues(("公司",), (), ("对", "给予"), ("罚款", "警告", "没收"), (), (), ("分行",), (), (), (), ("其",))
    >>> text = "甲公司违规。乙局依法对其处以罚款20万元。"
    >>> parties = [Span(0, 3, "ORG", "甲公司"), Span(6, 8, "ORG", "乙局")]
    >>> fine = Span(text.index("20万元"), text.index("20万元") + 5, "MONEY", "20万元")
    >>> fined_party(text, fine, 6, 6, parties, cues, ("局",)).text
    '甲公司'
"""

from __future__ import annotations

import re

from .spans import Span

_CLAUSE_END = re.compile(r"[，,；;。！？\n：:]")
_SENTENCE_MARKS = "。！？!?\n"
_OPENS = re.compile(r"(?:^|[，,；;。！？\n：:“「（(])[\s\u3000\xa0]*$")  # what stands before a party that opens its clause
_REACH = 400  # characters at most back to the start of the sentence before the figure's


def _clause_end(text: str, at: int) -> int:
    m = _CLAUSE_END.search(text, at)
    return m.start() if m else len(text)


def fined_party(text: str, span: Span, sentence_start: int | None, clause_start: int, parties: list[Span], cues,
                public_ends: tuple[str, ...], bounds: tuple[str, ...] = ()) -> Span | None:
    """The firm (an ORG ending in ``cues.ends`` or ``cues.branch_ends``) the fine ``span`` falls on (see the module), or None;
    never a bound of a penalty range (``bounds``: penalty_range_bound 以上, 以下 right after it — a rule's: 对其直接负责的主管人员…给予警告，
    并处【一万元】以上十万元以下的罚款). ``parties``: the article's organisations and persons in text order; ``cues``:
    :class:`pxextract.firm_clause.FirmCues`."""
    start = clause_start if sentence_start is None else sentence_start
    if not cues.penalty_markers or bounds and text.startswith(bounds, span.end) or not any(w in text[clause_start : _clause_end(text, span.end)] for w in cues.penalty_words):
        return None
    marks = sorted((m.start() + start, m.end() + start) for w in cues.penalty_markers for m in re.finditer(re.escape(w), text[start : span.start]))
    for at, end in reversed(marks):
        anaphor = next((a for a in cues.penalty_anaphors if text.startswith(a, end)), None)
        named = next((p for p in parties if p.start == end), None)
        if anaphor is None and named is None:
            continue
        after = end + len(anaphor) if anaphor else named.end
        if not any(w in text[after : _clause_end(text, after)] for w in cues.penalty_words):
            return None  # (对该公司进行调查，…罚款: not fined in its own clause)
        if any(after <= p.start < span.start for p in parties):
            return None  # another party named between: whose fine it is is not said
        if anaphor:
            begin = max((m.end() for m in _CLAUSE_END.finditer(text, start, at)), default=start)  # the clause of 对其
            first = max(max(text.rfind(c, max(0, start - _REACH), max(0, start - 1)) for c in _SENTENCE_MARKS) + 1, start - _REACH, 0)
            named = next((p for p in reversed(parties) if first <= p.start and p.end <= begin
                          and _OPENS.search(text, max(0, p.start - 4), p.start) and not p.text.endswith(public_ends)), None)
        if named is None or named.label != "ORG" or not named.text.endswith(cues.ends + cues.branch_ends) or named.text.endswith(public_ends):
            return None
        return named
    return None
