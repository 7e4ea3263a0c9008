"""Organisation names that the name rules cut into a place and a body (issue #13, kind E): the
body words of rules/name_grammar.tsv (``org_body``, ``org_body_end``, ``not_org_body``).

* a place, a chain of places or an ORG, then common words and a body, is one ORG (annotation §3,
  the longest name; §6, named government bodies with their place): 武汉市 + 气象台, 集宁区 +
  虎山街道 + 党工委, 珠海市 + 青年 + 联合会, 交通运输部 + 政策研究室, 中信银行股份有限公司 + 济宁
  + 分行. Words between are common words or places, never another name (德国 + 弗里科霍夫研究所
  stays two names: a nationality descriptor);
* a one-character conjunction may join two function words of the body's name: 广州市 + 住房 + 和 + 城乡 +
  建设局, 香港特区政府 + 文化 + 体育 + 及 + 旅游局 (never before another name: 危机 + 及 + 美国政府);
* a branch written right after an organisation is the branch of that organisation, one ORG
  (``branch_body``: 交行 + 苏州汾湖支行, a listed bank before a branch named with its place);
* after an organisation (never a place alone), a unit whose name ends in ``org_unit_end`` (中心) is part of it:
  自然资源部 + 地图 + 技术 + 审查中心, 海西州公安局 + 指挥中心;
* a country before an organisation whose name starts with a transliterated word is a nationality descriptor,
  two names (德国 + 弗里科霍夫研究所); a body word followed by a not_gov_body word ends no chain (江西 + 政府工作);
* a body named by nothing but body and common words is no name (公安局 of 市公安局, 刑警总队:
  annotation §6, generic bodies), unless the gazetteer lists it; a body written with a generic
  prefix right after a name word takes that word (张江 + 镇党委 → 张江镇党委).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("成都铁路公安处民警说，市公安局刑警总队介入。")
    >>> [(s["text"], s["label"]) for s in rec["spans"]]
    [('成都铁路公安处', 'ORG')]
"""

from __future__ import annotations

import regex

from ..rule_types import NameGrammar
from ..spans import Span
from .affixes import Affixes
from .inner_places import InnerPlaces
from .org_tails import OrgTails

_HAN = regex.compile(r"^\p{Han}+$")
_MAX_TOKENS = 6  # words after the place or ORG, body included
_MAX_CHARS = 30  # the whole name (the NER filter's longest ORG)
# jieba tags of the common words between a place and its body: nouns, verbal nouns, place words,
# organisation words, abbreviations, distinguishing and time words (铁路, 互联网, 客户服务, 虎山, 中级, 青年)
_COMMON_TAGS = frozenset(("n", "vn", "ns", "nt", "j", "b", "t", "an"))
_NOT_BODY_TAGS = frozenset(("v", "l", "i", "d", "a", "ad", "vd"))  # 事关全局, 公事公办: a phrase, not a body
_HEADS = ("GPE", "LOC", "ORG")
_BODY_WORD_TAGS = frozenset(("n", "nt", "j"))  # a dictionary word ending in a body character (公安处, not 环岛处)
_FUNCTION_TAGS = frozenset(("n", "vn", "an"))  # a body named by its function alone (民政局, 税务局: common words)
_GENERIC_PARTS = frozenset(("j", "vn"))  # words before a body that leave it generic (刑警 + 总队, 考核 + 委员会)
_PREP_TAGS = frozenset(("p",))  # 据, 在, 从: never the first character of a place jieba did not know
_CONJ_TAGS = frozenset(("c",))  # 和, 及: the model reads the first character of 和乐电子 as "and"
_LOOSE_TAGS = frozenset(("a", "f", "l", "nr"))  # 幸福, 里, 社会工作, 阳光: loose words before a wide body (h266)
_OPEN = "（("  # a body in brackets after a name is its short form (国家外汇管理局（外管局）), no generic word


class OrgChains:
    """``chains(names, text, words, starts)``: the flat, sorted ``names`` with the organisations the
    body words join (module docstring); ``words``/``starts`` are the tokens of ``text``."""

    def __init__(self, grammar: NameGrammar, tags: dict[str, str], known: dict[str, str], stop=frozenset(), titles=(), gpe_ends=(),
                 gazetteer=(), translit=frozenset()):
        self.bodies = tuple(sorted(grammar.org_body, key=len, reverse=True))
        self.body_set = frozenset(grammar.org_body)
        self.bodies_at = Affixes(self.bodies)  # speed: the bodies a word ends in
        self.ends = frozenset(grammar.org_body_end)
        self.units = tuple(grammar.org_unit_end)  # 中心: a body only after an organisation (自然资源部 + … + 审查中心)
        self.not_body = frozenset(grammar.not_org_body)
        self.not_gov = tuple(grammar.not_gov_body)
        self.generic_prefix = frozenset(grammar.generic_prefix)
        self.branch = tuple(grammar.branch_body)
        self.wide_bodies = tuple(grammar.wide_body)  # 服务中心: a body that loose words may name (h266)
        # an ordinal (session_before + session_numeral: 第六, 第二) may name a body: 武汉市 + 第六 + 医院, 海林市公安局 + 第四 + 派出所 (h305)
        self.ordinal = regex.compile("(?:" + "|".join(map(regex.escape, grammar.session_before)) + ")["
                                     + regex.escape("".join(grammar.session_numeral)) + "]+$")
        self.chain_words = frozenset(grammar.chain_word)  # stopwords that may stand in a chain (兰州 + 中心 + 气象台)
        self.tags = tags
        self.known = known
        self.stop = stop
        self.titles = frozenset(titles)  # person titles are no part of a body's name (政协 + 副主席)
        self.gpe_ends = tuple(gpe_ends)  # after an ORG, a place with its suffix starts another body (… + 会同 + 门头沟区气象局)
        self.full_ends = tuple(grammar.place_full_end)  # 兴宁市 + 顺能达饮食有限公司: the place heads the name
        self.zone_ends = tuple(grammar.zone_end)  # 萍乡经济开发区 + 网是科技公司: a zone heads none
        self.state_bodies = frozenset(grammar.state_body)  # 巴基斯坦 + 铁道部: the country's ministry
        self.countries = frozenset(e.name for e in gazetteer if e.kind == "country")
        self.by_length = Affixes(sorted(self.countries, key=len, reverse=True))  # the longest country a name starts with
        self.translit = translit  # characters of transliterated names (弗里科霍夫)
        self.inner = InnerPlaces(grammar, tags, known, stop)  # 安徽 + 理工大学, 北京 + 时间: first
        self.tails = OrgTails(grammar, tags)  # 辽宁省委 + 党校, 张江镇 + 河长办: last

    def body(self, w: str) -> bool:
        """Does the word ``w`` end in a body (政协, 中级人民法院, 公安处)?"""
        if w in self.not_body or self.known.get(w) == "ORG" or (w not in self.body_set and self.tags.get(w) in _NOT_BODY_TAGS):
            return False  # a listed organisation is a name of its own (… + 会同 + 国家粮食和物资储备局)
        return w.endswith(self.bodies) or (len(w) >= 3 and w[-1] in self.ends and self.tags.get(w) in _BODY_WORD_TAGS)

    def unit(self, w: str, prev: str | None) -> bool:
        """Does ``w`` end in a unit's name (``org_unit_end``: 审查中心, 指挥中心) that an organisation's name goes on to
        (自然资源部 + 地图 + 技术 + 审查中心, after the word ``prev`` of the name or None)? The unit word alone (中心) only
        after a common word, no place (河北 + 邢台 + 中心 + 支公司, 长三角 + 中心 + 花园: the name goes on or is none).

        >>> c = OrgChains.__new__(OrgChains); c.units, c.not_body, c.tags, c.known = ("中心",), frozenset(), {}, {"邢台": "GPE"}
        >>> [c.unit(w, p) for w, p in (("中心", "审查"), ("指挥中心", None), ("中心", None), ("中心", "邢台"))]
        [True, True, False, False]
        """
        if not w.endswith(self.units) or w in self.not_body or self.tags.get(w) in _NOT_BODY_TAGS:
            return False
        return len(w) > len(self.body_of_unit(w)) or (prev is not None and self.known.get(prev) not in ("GPE", "LOC"))

    def body_of_unit(self, w: str) -> str:
        """The unit ending ``w`` ends in (指挥中心 → 中心)."""
        return next(u for u in self.units if w.endswith(u))

    def body_of(self, w: str) -> str:
        """The body word ``w`` ends in (公安处 → 公安处, 中级人民法院 → 人民法院), or its last character."""
        return next((b for b in self.bodies if w.endswith(b)), w[-1:])

    def bare(self, w: str) -> bool:
        """Is ``w`` a body word alone (公安局, 党工委), possibly after a generic prefix (镇党委)?"""
        if w[:1] in self.generic_prefix and len(w) > 2 and self.bare(w[1:]):
            return True
        return w not in self.not_body and (w in self.body_set or (len(w) == 3 and w[-1] in self.ends and self.body(w)
                                                                  and self.tags.get(w[:2]) in _FUNCTION_TAGS))  # 民政 + 局, not 中情局

    def common(self, w: str) -> bool:
        """A word that may stand between a place and its body: a common word or a place."""
        if len(w) < 2 or (w in self.stop and w not in self.chain_words) or w in self.titles or not _HAN.match(w):
            return False  # 原 (former) + 党委: no one-character word
        known = self.known.get(w)
        return known in ("GPE", "LOC") or w in self.chain_words or (known is None and (self.tags.get(w) in _COMMON_TAGS or bool(self.ordinal.match(w))))

    def loose(self, words: list[str], t: int) -> bool:
        """May ``words[t]``, no common word, still stand before a wide body (``wide_body``: 服务中心) in a place's
        centre (h266): an adjective, a locative, an idiom, a word jieba's dictionary tags as a name or a generic noun (幸福 +
        里 + 社会工作, 温暖 + 阳光, 社区 + 康复), a verb only right before the body (社区事务 + 受理 + 服务中心); never
        a generic reference (全市), an adverb, a pronoun or a preposition (将 + 进一步 + 完善, 在, 各: a clause, no name)."""
        w = words[t]
        if not self.wide_bodies or w in self.titles or w in self.known or not _HAN.match(w):
            return False
        tag, nxt = self.tags.get(w), words[t + 1] if t + 1 < len(words) else ""
        if w in self.stop:  # a generic noun names a centre's field (陵川县 + 社区 + 戒毒); 全市 (a generic prefix) does not
            return tag == "n" and len(w) >= 2 and w[0] not in self.generic_prefix
        return tag in _LOOSE_TAGS or (tag == "v" and len(w) == 2 and nxt.endswith(self.wide_bodies))

    def conjoined(self, words: list[str], t: int) -> bool:
        """Is ``words[t]`` a one-character conjunction (和, 及, 与) inside a body's name, between two common
        words that no list names (广州市 + 住房 + 和 + 城乡 + 建设局, 香港特区政府 + 文化 + 体育 + 及 + 旅游局)?
        The word after it may be a stopword (城乡); not after a body nor before a body word alone (中国 + 企业 + 和 +
        政府: two things)."""
        w, prev, nxt = words[t], words[t - 1], words[t + 1] if t + 1 < len(words) else ""
        return (len(w) == 1 and self.tags.get(w) in _CONJ_TAGS and self.common(prev) and not self.body(prev) and prev not in self.known
                and len(nxt) > 1 and nxt not in self.known and nxt not in self.body_set
                and (self.body(nxt) or (bool(_HAN.match(nxt)) and nxt not in self.titles and self.tags.get(nxt) in _COMMON_TAGS)))

    def joined_body(self, prev: str, w: str) -> bool:
        """Do two words end in a body together: a listed body across them (客户服务 + 中心 → 服务中心)
        (a listed organisation or place before it ends no body with it: 西充县 + 局)?"""
        if self.known.get(prev) or w in self.not_body or prev + w in self.not_body:
            return False
        if prev + w in self.body_set:
            return True  # 北关 + 车管 + 站: a listed body jieba cut before its last character (h305)
        if w in self.ends and len(prev) > 1 and self.tags.get(prev) in _FUNCTION_TAGS:
            return True  # 山东省 + 工业 + 和 + 信息化 + 厅: a body character jieba left alone after a function word (h248)
        return len(w) > 1 and self.bodies_at.ends(prev + w, longer=len(w))

    def chains(self, names: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        if not words:
            return names
        at = dict(zip(starts, range(len(starts))))  # (speed: {a: k for k, a in enumerate(starts)})
        names = self.inner.fix([self._unglued(s, text, words, at) for s in names], text, words, starts)
        places = {p.start: p.end for p in names if p.label in ("GPE", "LOC") and "furniture" not in p.attrs}
        name_starts = {p.start for p in names}  # no name after a conjunction in a body's name (危机 + 及 + 美国政府)
        out: list[Span] = []
        i, n = 0, len(names)
        while i < n:
            s = names[i]
            if s.label not in _HEADS or "furniture" in s.attrs:
                out.append(s)
                i += 1
                continue
            start, end, j = s.start, s.end, i + 1
            bare = s.label == "ORG" and self._bare_span(s, text, words, starts, at)  # so is all it heads
            if s.label == "ORG" and s.text[0] in self.generic_prefix and self.bare(s.text) and s.start in at:
                k = at[s.start] - 1  # 张江 + 镇党委: the name word before the generic prefix
                w = words[k] if k >= 0 else ""
                if (2 <= len(w) <= 4 and _HAN.match(w) and w not in self.stop and self.tags.get(w) in (None, "ns", "nz", "nr")
                        and (not out or out[-1].end <= starts[k] or (out[-1].start == starts[k] and out[-1].end == s.start))):
                    if out and out[-1].end > starts[k]:
                        out.pop()
                    start = starts[k]
            while (k := at.get(end)) is not None:  # extend over common words to the last body
                best, t, org = None, k, s.label == "ORG" or end != s.end
                if not org and j < n and names[j].start == end and names[j].label == "ORG" and self.known.get(words[k]) == "GPE":
                    end, j = names[j].end, j + 1  # 广州市 + 番禺区委: a body with its own place after a place
                    continue
                wide = False  # a loose word passed (幸福 + 里, 受理): only a wide body ends the name (h266)
                while t < min(k + _MAX_TOKENS, len(words)):
                    w, a = words[t], starts[t]
                    pe = places.get(a)
                    if pe is not None and pe in at and pe - start <= _MAX_CHARS and not (org and text[a:pe].endswith(self.gpe_ends)):
                        t = at[pe]  # a place the rules found (钢城区, 德慧社区): a link of the chain
                        continue
                    if a + len(w) - start > _MAX_CHARS:
                        break
                    if self.body(w) or (t > k and self.joined_body(words[t - 1], w)) or (org and self.unit(w, words[t - 1] if t > k else None)):
                        if text.startswith(self.not_gov, a) or (wide and not w.endswith(self.wide_bodies)):
                            break  # 江西 + 政府工作: the work of a government, no body (not_gov_body)
                        best = a + len(w)
                    elif t > k and self.conjoined(words, t) and starts[t + 1] not in name_starts and starts[t + 1] + len(words[t + 1]) - start <= _MAX_CHARS:
                        t += 1  # 住房 + 和 + 城乡 + 建设局: a body whose name joins two functions; the next word is in it
                        if self.body(words[t]):
                            best = starts[t] + len(words[t])
                    elif not self.common(w) or (org and self.known.get(w) == "GPE" and w.endswith(self.gpe_ends)):
                        if not self.loose(words, t) and not (t + 1 < len(words) and self.joined_body(w, words[t + 1])):  # 保障 + 中心 (h305)
                            break
                        wide = True
                    t += 1
                if best is None or ((s.label == "ORG" or end != s.end) and self.body_of(text[start:best]) == self.body_of(text[start:end])):
                    break  # 甘肃省人民政府 + 宁夏回族自治区人民政府: two bodies of one kind are two names
                if org and words[k][:1] in self.generic_prefix and self.bare(words[k]):
                    break  # 上海市委 + 市政府: the city's second body, two names
                jj = j
                while jj < n and names[jj].end <= best and names[jj].label in _HEADS:
                    jj += 1
                if jj < n and names[jj].start < best:
                    break  # a person or a title inside, or a name across the body's end
                end, j = best, jj
            if start != s.start or not bare:
                out.append(s if (start, end) == (s.start, s.end) else Span(start, end, "ORG", text[start:end]))
            i = j
        return self._descriptors(self.tails.fix(self._place_heads(self._branches(out, text, words, at), text, words, at), text, words, starts),
                                 text, words, at)

    def _descriptors(self, names: list[Span], text: str, words: list[str], at: dict[int, int]) -> list[Span]:
        """德国 + 弗里科霍夫研究所: a country written before an organisation whose name starts with a transliterated
        word (of two or more transliteration characters, no dictionary word but a foreign name's) is a nationality
        descriptor, a GPE of its own (annotation §6, institutions); 英国石油公司 and listed names stay whole."""
        out: list[Span] = []
        for s in names:
            c = self.by_length.first(s.text, 0) if s.label == "ORG" and "furniture" not in s.attrs else None
            k = at.get(s.start + len(c)) if c and s.text not in self.known else None
            w = words[k] if k is not None else ""
            if len(w) >= 2 and set(w) <= self.translit and self.tags.get(w) in (None, "nrt", "nr") and s.end - s.start > len(c) + len(w):
                out.append(Span(s.start, s.start + len(c), "GPE", c))
                s = Span(s.start + len(c), s.end, "ORG", text[s.start + len(c) : s.end])
            out.append(s)
        return out

    def _unglued(self, s: Span, text: str, words: list[str], at: dict[int, int]) -> Span:
        """A place starting with a preposition that jieba's guess glued to it (据 + 洋山 as the unknown word 据洋山):
        the place without it (据洋山边检站 would take the preposition into the body's name)."""
        k = at.get(s.start)
        if (s.label in ("GPE", "LOC") and k is not None and len(words[k]) >= 3 and self.tags.get(words[k]) is None
                and self.tags.get(s.text[0]) in _PREP_TAGS and s.text not in self.known and "furniture" not in s.attrs):
            return Span(s.start + 1, s.end, s.label, text[s.start + 1 : s.end])
        return s

    def _place_heads(self, names: list[Span], text: str, words: list[str], at: dict[int, int]) -> list[Span]:
        """兴宁市 + 顺能达饮食有限公司: a place with its administrative suffix written straight before an ORG
        ending in a full name's end (``place_full_end``) heads that name, one ORG; so does it over one
        character the ORG's one-character first word was cut from (东莞市 + 和 + 乐电子有限公司: 和乐). A
        country names no place suffix (德国 + …研究所 stays a nationality descriptor), and a zone (``zone_end``)
        stays a place of its own (萍乡经济开发区 + 网是科技公司, annotation §6); a country heads a state's body
        only (巴基斯坦 + 铁道部, ``state_body``)."""
        out: list[Span] = []
        for s in names:
            p = out[-1] if out else None
            if (p is not None and p.label == "GPE" and s.label == "ORG" and s.text.endswith(self.full_ends)
                    and p.text.endswith(self.gpe_ends) and not p.text.endswith(self.zone_ends)
                    and s.end - p.start <= _MAX_CHARS and s.text not in self.known
                    and "furniture" not in p.attrs and "furniture" not in s.attrs
                    and (p.end == s.start or (p.end + 1 == s.start and self._cut_word(text, words, at, p.end, s.start)))
                    or self._state_body(p, s)):
                out[-1] = Span(p.start, s.end, "ORG", text[p.start : s.end])
                continue
            out.append(s)
        return out

    def _state_body(self, p: Span | None, s: Span) -> bool:
        """Is ``s`` a state's body (``state_body``) written straight after the country ``p`` (巴基斯坦 + 铁道部)?"""
        return (p is not None and p.label == "GPE" and s.label == "ORG" and p.end == s.start and p.text in self.countries
                and s.text in self.state_bodies and "furniture" not in p.attrs and "furniture" not in s.attrs)

    def _cut_word(self, text: str, words: list[str], at: dict[int, int], a: int, b: int) -> bool:
        """Are ``text[a]``, a conjunction, and ``text[b]`` one-character words of the Han text, a name's first
        word cut off (和 + 乐 of 和乐电子; never 的 + 嘉 of 黄浦区的嘉旅付惠…公司)?"""
        k, m = at.get(a), at.get(b)
        return (k is not None and m is not None and len(words[k]) == 1 and len(words[m]) == 1 and bool(_HAN.match(text[a : b + 1]))
                and self.tags.get(text[a]) in _CONJ_TAGS)

    def _branches(self, names: list[Span], text: str, words: list[str], at: dict[int, int]) -> list[Span]:
        """交行 + 苏州汾湖支行: a branch right after an organisation is one ORG with it (the branch no
        listed name and starting with none)."""
        out: list[Span] = []
        for s in names:
            p = out[-1] if out else None
            if (p is not None and p.label == "ORG" and s.label == "ORG" and p.end == s.start and s.text.endswith(self.branch)
                    and not p.text.endswith(self.branch) and s.text not in self.known and s.start in at
                    and self.known.get(words[at[s.start]]) != "ORG" and "furniture" not in p.attrs and "furniture" not in s.attrs):
                out[-1] = Span(p.start, s.end, "ORG", text[p.start : s.end])
                continue
            out.append(s)
        return out

    def _bare_span(self, s: Span, text: str, words: list[str], starts: list[int], at: dict[int, int]) -> bool:
        """An ORG of body and common words only (公安局, 刑警 + 总队), that no list names."""
        k = at.get(s.start)
        if k is None or s.text in self.known or (s.start and text[s.start - 1] in _OPEN):
            return False
        ws = []
        while k < len(words) and starts[k] < s.end:
            ws.append(words[k])
            k += 1
        if starts[k - 1] + len(ws[-1]) != s.end or not self.bare(ws[-1]):
            return False
        return all(self.bare(w) or w in self.gpe_ends or (w not in self.known and self.tags.get(w) in _GENERIC_PARTS)
                   for w in ws[:-1])  # 街道 + 党工委: an administrative suffix alone is a generic prefix
