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
"""

from __future__ import annotations


def firm_owns(text: str, start: int, end: int, place_start: int, firm_ends: tuple[str, ...],
              source_verbs: tuple[str, ...], name: str) -> bool:
    """Whether the organisation ``name`` (``text[start:end]``) is a firm (it ends in one of ``firm_ends``)
    and no word of ``source_verbs`` stands between its end and ``place_start`` (the clause's last place)."""
    if not name.endswith(firm_ends):
        return False
    between = text[end:place_start]
    return not any(w in between for w in source_verbs)
