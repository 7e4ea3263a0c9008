"""Names the model (or a rule) reads as a person that the article shows to be a product, a dish, a
drug or a listed company (issue #13): such a name is no person at any of its mentions, so neither
it nor its copies to the other mentions (:meth:`pxextract.ner.Combiner.propagate`) are kept.

Evidence against a person (the words are rules/person_cues.tsv's ``not_after`` and ``period``):

* a mention is followed by a product or company word, a time word between at most: 米拉贝隆 +
  缓释片, 炎陵黄桃 + 文化节, 宝丽迪 + 上半年 + 净利润;
* a mention is written right after a word naming a kind of company (``not_before``): 日本游戏公司 +
  卡普空, 新势力车企 + 艾康尼克;
* a mention is followed by a stock ticker or price in brackets or by a model number: 马士基(AMKBY.US),
  贝莱德(756.58, …), 米格-29 (a company, an aircraft);
* the name is written right after a place name at two mentions or more and at half of them at
  least: 炎陵 + 黄桃, 上海 + 杜莎 (夫人蜡像馆) — a place's product or a named thing, not a
  person (a person is rarely glued to a place: 甘州区刘韦评 once).

Example:
    >>> e = PersonEvidence(("文化节", "净利润"), ("上半年",))
    >>> e.against("宝丽迪上半年净利润增长34%。", "宝丽迪", set()), e.against("部署米格-29战机。", "米格", set())
    (True, True)
    >>> t = "炎陵黄桃熟了。炎陵黄桃甜。"
    >>> e.against(t, "黄桃", {2, 9}), e.against("县委书记尹朝晖说。", "尹朝晖", set())
    (True, False)
"""

from __future__ import annotations

import regex

_SKIP = " \u3000\u00a0\t\u201c\u201d\"\u300c\u300d\u300e\u300f"  # spaces and quotation marks
_WINDOW = 12  # characters looked at after a mention
# a ticker or a price in brackets (马士基(AMKBY.US), 贝莱德(756.58,) or a model number (米格-29) after a name
_CODE_AFTER = regex.compile(r"[（(](?:[A-Z]{2,}[A-Z.]*|\d+(?:\.\d+)?[,，)）])|[-－]\d")


class PersonEvidence:
    """``against(text, name, place_ends)``: is ``name`` no person in ``text`` (module docstring)?
    ``place_ends``: the end offsets of the places found in ``text``."""

    def __init__(self, not_after: tuple[str, ...], periods: tuple[str, ...] = (), not_before: tuple[str, ...] = ()):
        self.not_after = tuple(sorted(not_after, key=len, reverse=True))
        self.periods = tuple(sorted(periods, key=len, reverse=True))
        self.not_before = tuple(not_before)

    def against(self, text: str, name: str, place_ends: set[int]) -> bool:
        if not name or not self.not_after and not self.not_before and not place_ends:
            return False
        glued = total = 0
        at = text.find(name)
        while at >= 0:
            total += 1
            glued += at in place_ends
            b = at + len(name)
            after = text[b : b + _WINDOW].lstrip(_SKIP)
            period = next((p for p in self.periods if after.startswith(p)), "")
            if self.not_after and after[len(period) :].startswith(self.not_after) or _CODE_AFTER.match(text, b):
                return True  # 米拉贝隆缓释片, 宝丽迪上半年净利润, 马士基(AMKBY.US), 米格-29
            if self.not_before and text[max(0, at - _WINDOW) : at].rstrip(_SKIP).endswith(self.not_before):
                return True  # 日本游戏公司卡普空
            at = text.find(name, b)
        return glued >= 2 and 2 * glued >= total
