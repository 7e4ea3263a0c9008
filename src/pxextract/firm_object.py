"""Whether a firm that opens a figure's clause owns it past a later body of the clause, its verb's object
(issue #15 S1/S6, h302): a company, group or bank (firm_end of ``rules/link_cues.tsv``) that opens the clause and
acts (a verb right after it: 持有, 质押, 收购 …) does what the clause says; a body named later is what it holds, buys or
deals with, and the figure is the firm's — the holder's shares, as 浪潮软件科技有限公司为天元征信第一大股东，持股【85%】
(§6 Subjects): 国信集团持有江苏银行普通股【2.92亿股】 → 国信集团. Not when a word that reports or forecasts others' figures
(report_verb, data_verb, firm_source_verb: 预测, 预计) or a person stands between the firm and that body, nor when the
firm is joined to the next name (西太平洋合众银行和加州银行计划出售约【70亿美元】: both act; ``joins``: 和, 与, 、, 的), nor
when a measure of the share itself (object_measure: 每股) stands between that body and the figure (恒大集团持有广汇集团
股权的每股净资产为【8.85元】: the held body's).

    >>> from pxextract.spans import Span
    >>> text = "国信集团持有江苏银行普通股2.92亿股"
    >>> near, cues = [Span(0, 4, "ORG", "国信集团"), Span(6, 10, "ORG", "江苏银行")], (("集团",), ("预测",), ("和",), ("每股",))
    >>> firm_object(text, 15, near, [], lambda e: True, *cues).text
    '国信集团'
    >>> firm_object(text, 15, near, [], lambda e: False, *cues) is None
    True
"""

from __future__ import annotations

from typing import Callable

from .spans import Span


def firm_object(text: str, start: int, near: list[Span], sent: list[Span], opens_and_acts: Callable[[Span], bool],
                firm_ends: tuple[str, ...], source_verbs: tuple[str, ...], joins: tuple[str, ...], measures: tuple[str, ...]) -> Span | None:
    """The firm of ``near`` (the bodies and places of a figure's clause before it, in order) that owns the
    figure past the clause's last body ``near[-1]``: the first organisation of ``near`` whose name ends in one of
    ``firm_ends``, not followed by one of ``joins``, that ``opens_and_acts`` accepts (it opens the clause, a verb right after it), with no word of
    ``source_verbs`` and no PERSON of ``sent`` between its end and that body, and no word of ``measures`` between that body
    and the figure (at ``start``); else None."""
    last = near[-1]
    if last.label != "ORG" or len(near) < 2:
        return None
    body = next((e for e in near[:-1] if e.label == "ORG"), None)
    if body is None or not body.text.endswith(firm_ends) or text.startswith(joins, body.end) or last.text in body.text or body.text in last.text:
        return None
    between = text[body.end : last.start]
    if any(w in between for w in source_verbs) or any(w in text[last.end : start] for w in measures) or any(p.label == "PERSON" and body.end <= p.start < last.start for p in sent):
        return None
    return body if opens_and_acts(body) else None
