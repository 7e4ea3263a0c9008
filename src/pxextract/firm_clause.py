"""Whether a firm that opens a figure's clause owns it past a later place of the clause (issue #15 S1, h192).

A company, group, bank or grid (name ending in a firm_end word of ``rules/link_cues.tsv``: 公司, 集团, 银行,
电网 …) that opens the clause and acts (a verb right after it) does what the clause says; a place named later,
in the verb's object, only says where or whose the object is: 厦门松霖集团捐赠永州一中【1000万元】 → 厦门松霖集团;
南方电网深圳公司采购连平鹰嘴桃【五万余斤】 → 南方电网深圳公司. Not when a word that reports or forecasts others'
figures (report_verb, data_verb, firm_source_verb: 表示, 预测, 调查) stands between the firm and the place (S4b:
某银行预测美国经济增长【2%】 → 美国), nor when a person is named between them.

    >>> firm_owns("厦门松霖集团捐赠永州一中1000万元", 0, 6, 8, ("集团",), ("预测",), "厦门松霖集团")
    True
    >>> firm_owns("某银行预测美国经济增长2%", 0, 3, 5, ("银行",), ("预测",), "某银行")
    False

A body after 对 (penalty_marker) that the rest of its clause fines or punishes (penalty_word: 罚款, 处以, 警告) is no object of a
preposition but the one the penalty falls on: its figure is its own, not the regulator's (S4b; §6 Subjects, h203):
浙江银保监局…，对金华银行杭州分行罚款人民币【30万元】 → 金华银行杭州分行.

    >>> from pxextract.spans import Span
    >>> penalised("对金华银行杭州分行罚款人民币30万元", Span(1, 9, "ORG", "金华银行杭州分行"), ("对",), ("罚款",))
    True
    >>> penalised("对金华银行提出建议，罚款", Span(1, 5, "ORG", "金华银行"), ("对",), ("罚款",))
    False
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CLAUSE_END = re.compile(r"[，,；;。！？\n]")
_OPENS = re.compile(r"(?:^|[，,；;。！？\n：:])[\s\u3000\xa0]*$")  # what stands before a name that opens its clause


class FirmCues(NamedTuple):
    """The cue words of this module, from ``rules/link_cues.tsv`` (:func:`firm_cues`)."""

    ends: tuple[str, ...]  # firm_end: 公司, 集团, 银行 …
    sources: tuple[str, ...]  # report_verb + data_verb + firm_source_verb: 表示, 预测 … (S4b)
    penalty_markers: tuple[str, ...]  # penalty_marker: 对, 给予
    penalty_words: tuple[str, ...]  # penalty_word: 罚款, 处以 …
    anaphors: tuple[str, ...]  # firm_anaphor: 公司, 集团 opening a clause
    anaphor_nots: tuple[str, ...]  # firm_anaphor_not: 公司债
    branch_ends: tuple[str, ...]  # firm_branch_end: 分行, 支行 (a branch that goes on: pxextract.firm_topic)
    passives: tuple[str, ...]  # firm_passive: 被 (the agent after it owns nothing: pxextract.firm_topic)
    joins: tuple[str, ...]  # de + conjunction + list_mark: 的, 和, 、 after a name (no verb of its own: pxextract.firm_object)
    object_measures: tuple[str, ...]  # object_measure: 每股 (the held body's own measure: pxextract.firm_object)
    penalty_anaphors: tuple[str, ...]  # penalty_anaphor: 其 after 对 (the party named before is fined: pxextract.fined_party)


def firm_cues(rules) -> FirmCues:
    """The :class:`FirmCues` of ``rules``."""
    cue = rules.cue
    return FirmCues(cue("firm_end"), cue("report_verb") + cue("data_verb") + cue("firm_source_verb"), cue("penalty_marker"),
                    cue("penalty_word"), cue("firm_anaphor"), cue("firm_anaphor_not"), cue("firm_branch_end"), cue("firm_passive"),
                    cue("de") + cue("conjunction") + cue("list_mark"), cue("object_measure"), cue("penalty_anaphor"))


def firm_owns(text: str, start: int, end: int, place_start: int, firm_ends: tuple[str, ...],
              source_verbs: tuple[str, ...], name: str) -> bool:
    """Whether the organisation ``name`` (``text[start:end]``) is a firm (it ends in one of ``firm_ends``)
    and no word of ``source_verbs`` stands between its end and ``place_start`` (the clause's last place)."""
    if not name.endswith(firm_ends):
        return False
    between = text[end:place_start]
    return not any(w in between for w in source_verbs)


def penalised(text: str, e, markers: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether the organisation ``e`` comes right after a penalty_marker (对) and the rest of its clause holds a
    penalty ``word`` (对汇丰银行西安分行处以罚款33万元): the fine is the body's (issue #15 S1, h203)."""
    if e.label != "ORG" or not text.endswith(markers, 0, e.start):
        return False
    m = _CLAUSE_END.search(text, e.end)
    return any(w in text[e.end : m.start() if m else len(text)] for w in words)


def firm_anaphor(text: str, clause_start: int, start: int, words: tuple[str, ...], nots: tuple[str, ...], orgs: list,
                 public_ends: tuple[str, ...]) -> str | None:
    """The firm a clause opening with a bare firm word (firm_anaphor: 公司, 集团; not before a firm_anaphor_not: 公司债) speaks of, for a figure whose
    clause names no one: the organisation whose last mention before it in its paragraph (tagged there or earlier) opens
    its own clause (no object: 保荐机构为中信证券) and is latest, no public body (source_end) and no cited source (石化机械发布半年度报告，报告期内，公司实现营业收入【42.64亿元】 → 石化机械), else None.

    >>> from pxextract.spans import Span
    >>> firm_anaphor("石化机械发布报告，公司营收42亿元", 9, 13, ("公司",), ("债",), [Span(0, 4, "ORG", "石化机械")], ("局",))
    '石化机械'
    """
    head = text[clause_start:start].lstrip(" \t\u3000\xa0")
    word = next((w for w in words if head.startswith(w)), None)
    if word is None or head.startswith(nots, len(word)):  # 公司债: a kind of bond
        return None
    para, best = text.rfind("\n", 0, clause_start) + 1, (-1, 0, None)
    for name in {o.text for o in orgs if o.start < clause_start and not o.text.endswith(public_ends) and "_source" not in o.attrs}:
        at = text.rfind(name, para, clause_start)  # its last mention, tagged or not (金迪克…。金迪克此前披露的招股书显示，公司…)
        while at >= para and not _OPENS.search(text, max(0, at - 8), at):
            at = text.rfind(name, para, at)
        if at >= para:
            best = max(best, (at, len(name), name))  # the longest name written there (国泰航空, not 国泰)
    return best[2]
