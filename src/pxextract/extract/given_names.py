"""A two-character place read as a person's given name after a one-character surname (issue #13 precision).

The private segmenter knows the gazetteer's short place names, so a person written surname + place-like given name
comes apart: 严 + 金秀 说, 。冉 + 海陵 因到龄退休, 主任 + 褚 + 洪江 → GPE 金秀, 海陵, 洪江 (plain jieba reads 严金秀 …).
A GPE or LOC of two characters is no name when the word before it is one surname character jieba tags as a name
or an adjective-like morpheme (nr, zg, a: 严, 孙, 刘, 冉; not 时 of 20时, 万 of 170万, 季 of 第五季, 任 verb) that
opens a clause (after punctuation, a space or the text's start) or follows a person cue (书记, 主任, 局长) or a
role word, verb or preposition of name_grammar.tsv ``given_cue`` (负责人 + 曹 + 中国, 股东 + 吴 + 海林, 与 + 孙 + 广信; h236).
创业周 + 太仓, 飞云江 + 瑞安 and 。祝 + 成都 (v) stay; so does a place followed by 和 or 、 and another place, a list of
places whose item the surname-like character closes (name_grammar.tsv ``given_list_joint``: 、江 + 甘肃 + 和 + 新疆,
浙江 or 江苏 cut short: no PERSON 江甘肃). A place ending in such a joint word (西和, 泰和) after a one-character name
word (nr, any character) is a name's end and the conjunction: 梅 + 西和 + 好友 is 梅西 + 和 (h236).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("事们的荣誉。”严金秀说，火炬传递是一种精神。")
    >>> [s["text"] for s in rec["spans"] if s["label"] in ("GPE", "LOC")]
    []
"""

from __future__ import annotations

_SURNAME_TAGS = ("nr", "zg", "a")


class GivenNames:
    """``finder.given(words, i, label)``: is the place ``words[i]`` a given name after a surname (no name)?"""

    def __init__(self, surnames, cues, tags: dict[str, str], known: dict[str, str] | None = None, joints=()):
        self.surnames, self.cues, self.tags, self.known, self.joints = frozenset(surnames), tuple(cues), tags, known or {}, frozenset(joints)

    def __call__(self, words: list[str], i: int, label: str) -> bool:
        if label not in ("GPE", "LOC") or i == 0 or len(words[i]) != 2:
            return False
        s = words[i - 1]
        if len(s) == 1 and words[i][-1] in self.joints and self.tags.get(s) == "nr":
            return True  # 梅 + 西和 + 好友: 梅西 + 和, a name's last character glued to the conjunction
        if len(s) != 1 or s not in self.surnames or self.tags.get(s) not in _SURNAME_TAGS:
            return False
        if i + 2 < len(words) and words[i + 1] in self.joints and self.known.get(words[i + 2]) in ("GPE", "LOC"):
            return False  # 、江 + 甘肃 + 和 + 新疆: a list of places
        p = words[i - 2] if i > 1 else ""
        return not p or not p[-1].isalnum() or p.endswith(self.cues)
