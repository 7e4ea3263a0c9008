"""A model name on its own (issue #13): whether the NER model's name is kept and with which label,
from its form (length, characters, name dots, jieba's tag of it, the lists of ``rules/ner_filters.tsv``)
and, for a less sure person, from the title or speech verb beside it. :class:`pxextract.ner_combine.Combiner`
inherits these tests (its attributes are set there) and merges the kept names with the rules'.

Example: the model's LOC 武功山 is a LOC by its suffix 山, 萍乡市 a GPE by the gazetteer, its PER
碳达峰 no name (a slogan of ner_filters.tsv); 儒勒・凡尔纳, cut by the model at ・, is joined again
(:func:`join_dotted`); 普京 after 俄罗斯总统 is a person on its title (:meth:`NameForms.cued_person`).
"""

from __future__ import annotations

import regex

from .long_foreign_names import dotted_person_max
from .ner_common_orgs import common_org
from .ner_org_forms import national_body, numbered_org

_PROPER_TAGS = frozenset(("nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "eng"))
_MAX_CHARS = {"PER": 4, "LOC": 12, "ORG": 30}
_FOREIGN_PERSON = 12  # 约翰·史密斯: a transliterated name with its dot may be longer
_TRANSLIT_PERSON = 7  # 格里戈连科, 纳苏拉杜拉: a transliterated name of transliteration characters only may be longer than 4
_CUED_TAGS = frozenset((None, "nr", "nrt", "nrfg", "ns", "nz"))  # jieba's tag of a name the model and a title agree on (总统 + 普京 ns)
_INNER_BRACKETS = regex.compile(r"(?<=\p{Han})[（(]\p{Han}{1,10}[）)](?=\p{Han})")  # 山西潞安矿业（集团）有限责任公司: inside an ORG


# the dots news writes between the parts of a foreign name: · (U+00B7), ・ (U+30FB), • (U+2022),
# ‧ (U+2027); the model learned · only, so it cuts 儒勒・凡尔纳 in two (issue #13)
_NAME_DOTS = "·・•‧"


def _joined(text: str, i: int) -> bool:
    """Is ``text[i]`` a character that joins a name to its neighbour (保罗·特谢拉, CNNMoney)?"""
    return 0 <= i < len(text) and (text[i] in _NAME_DOTS or text[i].isascii() and text[i].isalnum())


def _dotted(text: str) -> bool:
    """Whether a name holds a dot between its parts (约翰·史密斯, 杰夫・贝索斯)."""
    return any(d in text for d in _NAME_DOTS)


def join_dotted(spans: list[tuple[int, int, str]], text: str, translit: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """The model's ``spans`` (sorted) with persons that one name dot alone separates made one, and
    a person after a dot that no person precedes grown back over the transliteration characters
    (``translit``, at least two) before the dot: the model reads ・ (U+30FB) or • as a break, so
    儒勒・凡尔纳 comes as 儒勒 + 凡尔纳 and 杰夫・贝索斯 as 贝索斯 (创始人 + 杰夫: 人 stops it).

    >>> t = "儒勒・凡尔纳说，创始人杰夫・贝索斯说"
    >>> [t[a:b] for a, b, _ in join_dotted([(0, 2, "PER"), (3, 6, "PER"), (14, 17, "PER")], t, frozenset("杰夫"))]
    ['儒勒・凡尔纳', '杰夫・贝索斯']
    """
    out: list[tuple[int, int, str]] = []
    for a, b, lab in spans:
        if lab == "PER" and a and text[a - 1] in _NAME_DOTS:
            if out and out[-1][2] == "PER" and out[-1][1] + 1 == a:
                out[-1] = (out[-1][0], b, lab)
                continue
            k = a - 1
            while k > 0 and a - 1 - k < 6 and text[k - 1] in translit:
                k -= 1
            if a - 1 - k >= 2 and (not out or out[-1][1] <= k) and (k == 0 or not _joined(text, k - 1)):
                a = k
        out.append((a, b, lab))
    return out


class NameForms:
    """Which model names are kept, with which label; the attributes (stop, tags, translit, surnames,
    the suffix lists, person_before/after) are :class:`pxextract.ner_combine.Combiner`'s."""

    def label(self, text: str, model_label: str) -> str | None:
        """The pipeline label of a model span, or None when it is dropped."""
        if text in self.stop or any(s in text for s in self.stop_contains) or (self.generic_firm and self.generic_firm(text)):
            return None
        n = len(text)
        if n < 2 or n > self._max_chars(text, model_label):
            return None
        if any(not (ch.isalpha() or ch in _NAME_DOTS) for ch in (_INNER_BRACKETS.sub("", text) if model_label == "ORG" else text)) and not (
                model_label == "ORG" and numbered_org(text, self.org_ends)):  # 北京军区２９２医院护理部 (ner_org_forms)
            return None  # digits, brackets, quotes, spaces: no name the model should cut alone
        tag = self.tags.get(text)
        if model_label == "PER":
            return "PERSON" if self._person(text, tag) else None
        if tag is not None and tag not in _PROPER_TAGS and not (
                model_label == "ORG" and common_org(text, self.known, self.tags, self.common_orgs, self.team_ends)):
            return None  # a common word of jieba's dictionary (卫生院 n; not 文化部, 古巴队: ner_common_orgs)
        if text.endswith(self.facility_ends) or text.startswith(self.generic_heads) and not national_body(text, self.national_heads, self.national_ends):
            return None  # 白桦东路, 呼伦贝尔大剧院: facilities; 经开区人民医院: a generic head
        if text[0] in self.generic_prefix:
            return None  # 市财政局, 省科技厅, 区人民医院: bodies named with a generic prefix (annotation §6)
        if model_label == "ORG":
            return "ORG"
        known = self.known.get(text)
        if known is not None:
            return known if known in ("GPE", "LOC") else None
        ends = [e for e in self.gpe_ends + self.loc_ends if text.endswith(e)]  # the longest suffix wins: 李庄 + 古镇 → LOC
        if ends:
            return "GPE" if max(ends, key=len) in self.gpe_ends else "LOC"
        return None  # a place no list holds and no suffix types: too often a common word (宜居, 比达)

    def _max_chars(self, text: str, model_label: str) -> int:
        """The longest name of ``model_label`` the model may give: a person's name with a dot, or of
        transliteration characters only, runs longer (格里戈连科)."""
        if model_label == "PER":
            if _dotted(text):
                return dotted_person_max(text, _FOREIGN_PERSON, self.tags)  # 塔拉勒·本·阿卜杜拉·奥泰比: up to 20
            if all(ch in self.translit for ch in text):
                return _TRANSLIT_PERSON
        return _MAX_CHARS[model_label]

    def cued(self, text: str, a: int, b: int) -> bool:
        """Whether the person ``text[a:b]`` stands after a title (person_cues.tsv ``before`` and
        ``latin_before``: 总统, 导演) or before a speech verb (``said``, ``latin_said``: 表示, 称).

        >>> from pxextract.ner_combine import Combiner
        >>> from pxextract.rules import NerFilters
        >>> c = Combiner({}, {}, NerFilters(frozenset(), (), (), (), frozenset(), ()))
        >>> c.person_before, c.person_after = ("总统",), ("表示",)
        >>> c.cued("俄罗斯总统普京在", 5, 7), c.cued("聂高臻表示", 0, 3), c.cued("普京在", 0, 2)
        (True, True, False)
        """
        return (text[max(0, a - 8) : a].rstrip(" \u3000").endswith(self.person_before)
                or text[b : b + 6].lstrip(" \u3000").startswith(self.person_after))

    def cued_person(self, text: str, a: int, b: int) -> bool:
        """Whether the model's less sure or glued person ``text[a:b]`` is taken on its context: a title
        before it or a speech verb after it (:meth:`cued`), and a name a title may stand before —
        two to four characters (more when transliterated), no dictionary word but a proper one
        (普京 ns, 江平 ns), two characters only with a surname (the bylines' rarer ones too: 解峰),
        a proper tag or transliteration characters (俄罗斯总统 + 普京; 印尼总统 + 佐科; 果洛州长 +
        叶万彬, where jieba glues 长叶)."""
        name = text[a:b]
        if name in self.stop or any(s in name for s in self.stop_contains) or not self.cued(text, a, b):
            return False
        if any(0 <= i < len(text) and (text[i] in _NAME_DOTS or text[i].isascii() and text[i].isalpha()) for i in (a - 1, b)) or (
                all(ch in self.translit for ch in name)
                                                          and (0 < a and text[a - 1] in self.translit or text[b : b + 1] in self.translit)):
            return False  # a piece of a longer name: 费利佩 of 费利佩·阿戈特, 斯科夫 of 佩斯科夫
        if len(name) < 2 or len(name) > self._max_chars(name, "PER") or not all(ch.isalpha() and not ch.isascii() or ch in _NAME_DOTS for ch in name):
            return False
        tag = self.tags.get(name)
        return tag in _CUED_TAGS and (len(name) > 2 or tag is not None or name[0] in self.surnames or name[0] in self.cue_surnames
                                      or all(ch in self.translit for ch in name))

    def _beside_non_person(self, text: str, name: str) -> bool:
        """Whether a NOT_PERSON_BESIDE word (台风, 品种 …) stands right before or after a mention of
        ``name`` in ``text``, a quotation mark between at most: 台风“杜苏芮”, “卡努”台风, 超强台风杜苏芮."""
        words, at = self.not_person_beside, text.find(name)
        while words and at >= 0:
            b = at + len(name)
            if text[max(0, at - 6) : at].rstrip("“\"「『 ").endswith(words) or text[b : b + 6].lstrip("”\"」』 ").startswith(words):
                return True
            at = text.find(name, b)
        return False

    def _person(self, text: str, tag: str | None) -> bool:
        """A person name: a dictionary name (nr, nrt, nrfg) of up to three characters, one with
        ·, an unknown word of three or more characters (苗鸿玲, 克林顿), or of two starting with a
        surname (李强); never another word of the dictionary (白菜 n, 乌云密布 "nr": a dictionary name
        of four or more characters is one only when transliterated, ner_filters.tsv TRANSLIT)."""
        if _dotted(text) or (tag in ("nr", "nrt", "nrfg") and (len(text) <= 3 or all(ch in self.translit for ch in text))):
            return True  # jieba's longer "nr" words are mostly idioms (乌云密布) unless transliterated (卢卡申科)
        if tag is not None:
            return False
        return len(text) >= 3 or text[0] in self.surnames
