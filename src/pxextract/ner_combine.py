"""Merging the NER model's names with the rules' (:class:`Combiner`, issue #13): which rule names
the kept model names replace (which model names are kept, with which label: :mod:`pxextract.ner_forms`).
"""

from __future__ import annotations

from itertools import accumulate

import regex

from .long_foreign_names import part_of_name
from .model_codes import before_code
from .model_persons import glued_word, over_places, tagged_person, titled_person
from .ner_common_orgs import common_org, cut_common
from .ner_firms import unsure_firms
from .person_mentions import digit_after
from .ner_forms import _NAME_DOTS, _PROPER_TAGS, NameForms, _dotted, _joined, join_dotted
from .rules import NerFilters
from .translit_places import translit_places

_FUNCTION_TAGS = frozenset("dcpruymq")  # first letters of jieba tags of 也, 和, 对, 他, 的 (uj) …: no name's last character (王伟 + 也说)
_UNSURE_ORG = 16  # the longest less sure model ORG taken on its form (北京市房山区民营企业航景创新接市应急管理局: a run-on)
_PLACE_IN_NAME = regex.compile(r"[（(]\p{Han}{1,10}[）)]\p{Han}")  # 博瑞制药 + （苏州）有限公司: an organisation's longer name goes on


class Combiner(NameForms):
    """Turn the model's spans into pipeline names and merge them with the rules' names.

    The rules win on overlap (gazetteer names, LAW, suffix grammar, news furniture); the model
    adds names no rule found. A place (MSRA ``LOC``) gets its gazetteer label, else GPE when it
    ends in an administrative suffix (…省, …县, …村) or LOC when in a natural or regional one
    (name_suffixes.tsv LOC: …山, …湖, …工业园), else it is dropped (too often a common word:
    宜居, 比达), as are facilities (…路, …桥) and names with a generic prefix (市财政局). A
    two-character person starts with a surname. Slogans and generic words, facilities, generic
    heads and prefixes and the extra GPE ends come from ``rules/ner_filters.tsv`` (``filters``);
    single characters, over-long names and names with digits, brackets or quotes are dropped (an ORG
    may hold one bracketed part between its words: 山西潞安矿业（集团）有限责任公司).

    >>> from pxextract.rules import NerFilters
    >>> f = NerFilters(frozenset({"碳达峰"}), (), (), (), frozenset(), ())
    >>> c = Combiner({"萍乡市": "GPE"}, {"LOC": ("山",)}, f)
    >>> c.label("武功山", "LOC"), c.label("萍乡市", "LOC"), c.label("碳达峰", "PER")
    ('LOC', 'GPE', None)
    """
    body_verbs: tuple[str, ...] = ()  # name_grammar.tsv body_verb: 总工会 + 联合 + 基金会 is cut at the verb (body_verbs; set by ner.combiner_for)
    translit_lead = translit_follow = ()  # name_grammar.tsv: 在 + 蒙彼利埃 + 的 (translit_places; set by ner.combiner_for)
    national_heads: tuple[str, ...] = ()  # link_cues.tsv national_prefix: 国家 + 气象局 (ner_org_forms; set by ner.combiner_for)
    foreign_cities: frozenset[str] = frozenset()  # 塔什干市: a foreign city with 市 (extract.city_forms; set by ner.combiner_for)

    def __init__(self, known: dict[str, str], suffixes: dict[str, tuple[str, ...]],
                 filters: NerFilters, surnames: frozenset[str] = frozenset(), tags: dict[str, str] | None = None,
                 evidence=None):
        self.known = known
        self.not_place_before: tuple[str, ...] = ()  # name_grammar.tsv: 北京 + 时间 is no place (set by ner.combiner_for)
        self.anonymous: tuple[str, ...] = ()  # person_cues.tsv anonymous (某; set by ner.combiner_for)
        self.person_before: tuple[str, ...] = ()  # person_cues.tsv before + latin_before: titles (set by ner.combiner_for)
        self.person_after: tuple[str, ...] = ()  # person_cues.tsv said + latin_said: speech verbs (set by ner.combiner_for)
        self.place_middle = self.list_joints = self.water_near = ()  # name_grammar.tsv place_middle, given_list_joint, water_near (set by ner.combiner_for)
        self.water_end = ""  # name_grammar.tsv water_end: 江, 河 (model_persons._river; set by ner.combiner_for)
        self.title_after: tuple[str, ...] = ()  # person_cues.tsv honorific + title_after + the titles: 巴金 + 先生 (set by ner.combiner_for)
        self.credit_marks: str = ""  # person_cues.tsv after, one character: 唐鑫 + 摄 (set by ner.combiner_for)
        self.cue_surnames: frozenset[str] = frozenset()  # news_furniture.tsv surname: rarer ones, after a title (set by ner.combiner_for)
        self.firm_ends: tuple[str, ...] = ()  # company_words.tsv model_end: 东吴 + 证券, a less sure model ORG kept (set by ner.combiner_for)
        self.generic_firm = self.described = None  # GenericFirms: 资产管理公司 is no name; described(text, a, b): 印度创业公司 + Indeda (pxextract.extract.glued_heads; set by ner.combiner_for)
        self.evidence = evidence  # a PersonEvidence: persons the article shows to be products (炎陵黄桃文化节)
        self.tags = tags or {}
        self.surnames = surnames
        self.org_ends = tuple(sorted(set(suffixes.get("ORG", ())) | set(suffixes.get("ORGEND", ())) | set(filters.org_ends), key=len, reverse=True))
        self.unsure_org_ends = tuple(sorted(filters.unsure_org_ends, key=len, reverse=True))
        self.unsure_gpe_ends = tuple(sorted(filters.unsure_gpe_ends, key=len, reverse=True))
        self.common_orgs, self.team_ends = filters.common_orgs, tuple(sorted(filters.team_ends, key=len, reverse=True))  # 文化部, 古巴 + 队 (ner_common_orgs)
        self.list_joins, self.national_ends = filters.list_joins, filters.national_ends  # 国家 + 气象局 (ner_org_forms); 艺术和 + 文化部: a joined ministry's last field (ner_common_orgs.cut_common)
        self.gpe_ends = tuple(sorted(set(filters.gpe_ends) | set(suffixes.get("GPE", ())), key=len, reverse=True))
        self.loc_ends = tuple(sorted(suffixes.get("LOC", ()), key=len, reverse=True))
        self.stop = filters.exact
        self.stop_contains = filters.contains
        self.facility_ends = filters.facility_ends
        self.generic_heads = filters.generic_heads
        self.generic_prefix = filters.generic_prefix
        self.translit = frozenset("".join(filters.translit))
        self.not_person_beside = filters.not_person_beside
        self.trim_head = regex.compile("|".join(f"(?:{p})" for p in filters.trim_heads)) if filters.trim_heads else None

    def merge(self, rule_spans: list, model_spans: list[tuple[int, int, str]], text: str) -> list:
        """The rules' spans plus the model's that overlap none of them, sorted by start.

        Exceptions, the longest name winning (annotation §3): a model person one character longer than
        the rules' anonymised or two-character person (刘某 → 刘某娴, 张家 → 张家齐) replaces it, and so
        does a model place that is a listed place + an administrative suffix (菲尼克斯 → 菲尼克斯市); a model ORG that ends in an
        organisation suffix (…公司, …局, …团) and wholly holds only the rules' places and
        organisations replaces them (上海 + 康健进出口有限公司 → 上海康健进出口有限公司, 长沙市 +
        科技局, 中国工商银行股份有限公司 + 福建省分行 → one ORG), unless a place is news
        furniture (a dateline). A sure person the filters drop is taken on its context
        (:meth:`cued_person`: 总统 + 普京, tagged ns).
        """
        from bisect import bisect_left
        from .body_verbs import cut_at_verbs
        from .spans import Span

        # a "person" written beside 台风 anywhere in the article is a typhoon's name everywhere in it, and
        # one the article shows to be a product or a company (炎陵黄桃文化节, 宝丽迪上半年净利润) is none either
        named = {s.text for s in rule_spans if s.label == "PERSON"} | {text[a:b] for a, b, lab in model_spans if lab == "PER"}
        places = {s.end for s in rule_spans if s.label in ("GPE", "LOC")}
        no_person = {n for n in named if self._beside_non_person(text, n)
                     or (self.evidence is not None and self.evidence.against(text, n, places))}
        rules = sorted((s for s in rule_spans if s.label != "PERSON" or s.text not in no_person), key=lambda s: s.start)
        at_verbs = cut_at_verbs(sorted(model_spans), text, self.org_ends, self.body_verbs, self.tags)  # 总工会 + 联合 + 基金会
        model_spans = [(a, b + self._third(text, a, b), lab) if lab == "PER" else (a, before_code(text, a, b) if lab == "ORG" else b, lab)  # 东航C + 919 → 东航 (model_codes)
                       for a, b, lab in join_dotted(at_verbs, text, self.translit)
                       if (lab != "PER" or text[a:b] not in no_person)
                       and not (lab == "ORG" and self.described and self.described(text, a, b))
                       and not (lab == "ORG" and cut_common(text, a, b, self._common_org, self.tags, self.team_ends, self.list_joins))]  # 匈牙利队 + 员
        starts = [s.start for s in rules]
        reach = list(accumulate((s.end for s in rules), max))  # the furthest end of the first k spans
        dropped: set[int] = set()
        added = []
        for a, b, lab in model_spans:
            if self.trim_head is not None and (cut := self.trim_head.match(text, a, b)) is not None:
                a = cut.end()  # 第十四届全国人民代表大会 → 全国人民代表大会
            i = bisect_left(starts, b)  # rule spans that start before the model span ends
            if i and reach[i - 1] > a:
                j = bisect_left(starts, a)
                inside = range(j, i)
                if self._dotted_person(lab, a, b, (j and reach[j - 1] > a) or any(rules[k].end > b for k in inside),
                                       [rules[k] for k in inside], text):
                    pass  # 阿齐兹·拉贝赫·阿里 over the rules' ORG 阿里
                elif lab == "PER" and over_places(self, text, a, b, [rules[k] for k in inside], bool(j and reach[j - 1] > a) or any(rules[k].end > b for k in inside)):
                    pass  # 黄宗江 over the rules' LOC 黄宗江, 刘山南 over GPE 山南 (pxextract.model_persons)
                elif (lab == "PER" and len(inside) == 1 and (r := rules[j]).label == "PERSON" and r.start == a
                        and r.end == b - 1 and not (j and reach[j - 1] > a) and "furniture" not in r.attrs
                        and (bool(self.anonymous) and r.text.endswith(self.anonymous)
                             or len(r.text) == 2 and not text.startswith(self.person_after, b - 1) and text[b - 1] not in self.credit_marks)):
                    pass  # 刘某 + 娴: an anonymised person's kept given-name character, which the rules cannot tell from a verb
                    # (王某 + 穿); 张家 + 齐, 赵家 + 钰: the third character of a name jieba cut after two (not 唐鑫 + 摄)
                elif lab == "PER" and len(inside) == 1 and not (j and reach[j - 1] > a) and glued_word(self, text, a, b, rules[j]):
                    pass  # 顾浩 of the rules' 顾浩等, 宋嵩 of 宋嵩以: a function word glued to a cued name (pxextract.model_persons)
                elif (lab == "LOC" and len(inside) == 1 and (r := rules[j]).label == "GPE" and r.start == a and r.end < b
                        and text[r.end : b] in self.unsure_gpe_ends and not r.text.endswith(text[r.end : b])
                        and text[b - 1 : b + 1] not in self.tags and "furniture" not in r.attrs and not (j and reach[j - 1] > a)):
                    pass  # a listed place + its administrative suffix is the longer name: 菲尼克斯 + 市, 横滨 + 市 (not 堡里村 + 村南,
                    # 云南 + 州市区)
                elif (lab != "ORG" or (j and reach[j - 1] > a) or not text[a:b].endswith(self.org_ends)
                        or any(rules[k].end > b or rules[k].label not in ("GPE", "LOC", "ORG") or "furniture" in rules[k].attrs for k in inside)
                        or all(rules[k].start == a and rules[k].end == b for k in inside)):
                    continue  # overlaps a rule's name: the rule wins
                label = self.label(text[a:b], lab) or ("PERSON" if lab == "PER" and tagged_person(self, text, a, b) else None)  # 辛业江 nz over LOC
                if label is None:
                    continue
                dropped.update(inside)
                added.append(Span(a, b, label, text[a:b], dict(next((rules[k].attrs for k in inside if rules[k].label == label == "PERSON"), {}))))
                continue
            if lab == "LOC" and ((i and reach[i - 1] == a) or (i < len(rules) and rules[i].start == b)) and not (
                    i and rules[i - 1].end == a and rules[i - 1].label == "GPE" and rules[i - 1].text.endswith(self.unsure_gpe_ends)
                    and (self._one_division(text[a:b]) or rules[i - 1].text in self.foreign_cities) and not (i < len(rules) and rules[i].start == b)) and not (i < len(rules) and rules[i].start == b and rules[i].label == "GPE" and not (i and reach[i - 1] == a) and b - a <= 4 and self.admin_place(text, a, b)):
                continue  # a place touching a rule's name is a piece of a longer one (北京 + 中关村), not a division after a division (神奈川县 + 横滨市), a foreign city with 市 (塔什干市 + 阿尔马扎尔区; h204) or a town before its village (刁窝镇 + 塔照村; h265)
            label = self.label(text[a:b], lab)
            if label is None and lab == "PER" and (self.cued_person(text, a, b) or titled_person(self, text, a, b)
                                                     or tagged_person(self, text, a, b)):
                label = "PERSON"  # 总统 + 普京; 巴金 + 先生, 记者 + 朱梦魁; 刘彦彬 nz (pxextract.model_persons)
            if label is not None:
                added.append(Span(a, b, label, text[a:b]))
        out = [s for k, s in enumerate(rules) if k not in dropped] + added
        out.sort(key=lambda s: s.start)
        return translit_places(out, model_spans, text, self)  # 人们在 + 蒙彼利埃 + 的: a transliterated place on its context

    def _common_org(self, name: str) -> bool:
        """Whether the model's ORG ``name`` is one that jieba holds as a common word kept all the same (文化部, 古巴队)."""
        return (self.tags.get(name) or "nt") not in _PROPER_TAGS and common_org(
            name, self.known, self.tags, self.common_orgs, self.team_ends)

    def admin_place(self, text: str, a: int, b: int) -> bool:
        """Whether the less sure model place ``text[a:b]`` is taken on its form: an administrative suffix
        (ner_filters.tsv UNSURE_GPE_END: 村, 镇, 街道, 州 …; not 区) after a head of two to six Han
        characters that is no common word (a proper one or none: 七里店村, 克赖斯特彻奇市, 佐治亚州; not 中心村,
        文化 + 市集), holds no other administrative suffix (万里街道社区, 东城坊镇西坛村: two names), makes no
        word with the suffix or the suffix with the next character (惠及 + 小区, 文化市 + 集), no known place.

        >>> from pxextract.rules import NerFilters
        >>> f = NerFilters(frozenset(), (), (), (), frozenset(), (), unsure_gpe_ends=("村", "镇", "市"))
        >>> c = Combiner({}, {"GPE": ("村", "镇", "县", "市")}, f, tags={"中心": "n", "市集": "n"})
        >>> t = "七里店村、中心村、文化市集"
        >>> c.admin_place(t, 0, 4), c.admin_place(t, 5, 8), c.admin_place(t, 9, 12)
        (True, False, False)
        """
        name = text[a:b]
        end = next((e for e in self.unsure_gpe_ends if name.endswith(e)), None)
        if end is None or name in self.known or self.label(name, "LOC") != "GPE":
            return False
        head = name[: -len(end)]
        return (2 <= len(head) <= 6 and all(regex.match(r"\p{Han}", ch) for ch in head)
                and (self.tags.get(head) or "ns")[0] == "n" and self.tags.get(head) != "n"
                and not any(e in head for e in self.gpe_ends)
                and name[-len(end) - 1 :] not in self.tags and text[b - 1 : b + 1] not in self.tags)

    def translit_start(self, text: str, a: int, floor: int) -> int:
        """Where a place starting with transliteration characters at ``a`` starts when the model cut it after
        one (伊 + 德利卜省 → 伊德利卜省, 哈 + 塞克省): over the run of transliteration characters before, down to ``floor``."""
        k = a
        while k > floor and a - k < 4 and text[a] in self.translit and text[k - 1] in self.translit:
            k -= 1
        return k

    def _one_division(self, name: str) -> bool:
        """Whether ``name`` ends in an administrative suffix (UNSURE_GPE_END) and holds no other one before it:
        横滨市, 七里店村; not 大交镇堡里村村 (two divisions and a doubled 村)."""
        end = next((e for e in self.unsure_gpe_ends if name.endswith(e)), None)
        head = name[: -len(end)] if end else ""
        return bool(head) and not any(e in head for e in self.unsure_gpe_ends)

    def _third(self, text: str, a: int, b: int) -> int:
        """1 when the two-character person ``text[a:b]`` goes on over one more character that stands
        before a speech verb, is no function word and makes no dictionary word with the verb
        (吕进 + 中表示 → 吕进中; not 王伟 + 也说, 沙玛 + 声称, 李嫣 + 来说), else 0."""
        if b - a != 2 or b >= len(text) or regex.match(r"\p{Han}", text[b]) is None or (self.tags.get(text[b]) or "x")[0] in _FUNCTION_TAGS:
            return 0
        verb = next((v for v in self.person_after if text.startswith(v, b + 1)), None)
        return int(verb is not None and text[b] + verb not in self.tags)  # 声称, 来说, 据说: words of their own

    def add_cued(self, spans: list, unsure: list[tuple[int, int, str]], text: str) -> list:
        """``spans`` (flat, sorted: the rules' and the sure model names) plus the model's less sure
        persons, or persons starting inside a jieba word (``unsure``), that :meth:`cued_person` takes
        on their context and that touch no name: the last to be placed, so a rule's longer name
        wins (佩斯科夫 over the model's 斯科夫). A two-character person before one character and a
        speech verb glued together is that person with the character (吕进 + 中表示 → 吕进中). A less sure
        place is taken on its form (:meth:`admin_place`: 七里店村), a less sure organisation on a rule's place +
        a body word (:meth:`placed_bodies`: 山东省生态环境厅) or a firm word (:func:`pxextract.ner_firms.unsure_firms`:
        东吴证券).

        >>> from pxextract.rules import NerFilters
        >>> c = Combiner({}, {}, NerFilters(frozenset(), (), (), (), frozenset(), ()), frozenset("聂龙"))
        >>> c.person_before, c.person_after = ("工程师", "设计师"), ("表示", "说")
        >>> t = "高级工程师聂高臻表示，总设计师龙宗明说"
        >>> [s.text for s in c.add_cued([], [(5, 8, "PER"), (15, 17, "PER")], t)]
        ['聂高臻', '龙宗明']
        """
        from bisect import bisect_left

        from .spans import Span

        if not unsure:
            return spans
        spans = unsure_firms(self.placed_bodies(spans, [s for s in unsure if s[2] == "ORG"], text), unsure, text, self.firm_ends,
                             lambda n: self.label(n, "ORG"), self.tags, self.known)  # 东吴 + 证券
        taken = sorted((s.start, s.end) for s in spans)
        out = list(spans)
        for a, b, lab in unsure:
            if lab == "PER":
                b += self._third(text, a, b)  # 龙宗 + 明说
            i = bisect_left(taken, (b,))
            if i and taken[i - 1][1] > a:
                continue
            if lab == "PER" and self.cued_person(text, a, b):
                out.append(Span(a, b, "PERSON", text[a:b]))
                taken.insert(i, (a, b))
            elif lab == "LOC" and self.admin_place(text, a := self.translit_start(text, a, taken[i - 1][1] if i else 0), b):
                out.append(Span(a, b, "GPE", text[a:b]))
                taken.insert(i, (a, b))
        return translit_places(sorted(out, key=lambda s: s.start) if len(out) > len(spans) else spans, unsure, text, self)  # 犹他州 + 普罗沃 + 。

    def placed_bodies(self, spans: list, unsure: list[tuple[int, int, str]], text: str) -> list:
        """``spans`` (flat, sorted) with each of the model's less sure organisations (``unsure``, whole words)
        that starts with a rule's place (GPE or LOC, no dateline), ends in a body word of ``unsure_org_ends``
        (ner_filters.tsv UNSURE_ORG_END: 厅, 局, 办, 有限公司, 空军 …), withholds no name (某) and wholly holds
        only the rules' places and organisations: it replaces them, the longest name winning (山东省 +
        生态环境厅 → ORG 山东省生态环境厅; 俄罗斯 + 海军 → ORG 俄罗斯海军), with a place it continues (甘肃省 +
        临夏州 + 文化广电和旅游局 → ORG 甘肃省临夏州文化广电和旅游局).

        >>> from pxextract.rules import NerFilters
        >>> from pxextract.spans import Span
        >>> c = Combiner({}, {}, NerFilters(frozenset(), (), (), (), frozenset(), (), unsure_org_ends=("厅",)))
        >>> t = "山东省生态环境厅发布，山东省人口增加；甘肃省临夏州文旅厅"
        >>> places = [Span(0, 3, "GPE", "山东省"), Span(11, 14, "GPE", "山东省"), Span(19, 22, "GPE", "甘肃省"), Span(22, 25, "GPE", "临夏州")]
        >>> [s.text for s in c.placed_bodies(places, [(0, 8, "ORG"), (11, 16, "ORG"), (22, 28, "ORG")], t)]
        ['山东省生态环境厅', '山东省', '甘肃省临夏州文旅厅']
        """
        from .spans import Span

        for a, b, _ in unsure:
            name = text[a:b]
            if (not name.endswith(self.unsure_org_ends) or len(name) > _UNSURE_ORG
                    or any(m in name for m in self.anonymous) or self.label(name, "ORG") is None):
                continue
            inside = [k for k, s in enumerate(spans) if s.start < b and s.end > a]
            if (not inside or spans[inside[0]].start != a or spans[inside[0]].label not in ("GPE", "LOC")
                    or any(spans[k].end > b or spans[k].label not in ("GPE", "LOC", "ORG") or "furniture" in spans[k].attrs for k in inside)
                    or spans[inside[-1]].end == b and len(inside) == 1):
                continue  # no rule's place opens it, a name reaches out of it, or it is the rule's own name
            j = inside[0]
            if j and spans[j - 1].end == a and spans[j - 1].label == "GPE" and "furniture" not in spans[j - 1].attrs:
                j -= 1  # a chain of places is one ORG with its body (甘肃省 + 临夏州文化广电和旅游局, annotation §6)
            spans = spans[:j] + [Span(spans[j].start, b, "ORG", text[spans[j].start : b])] + spans[inside[-1] + 1 :]
        return spans

    def _dotted_person(self, lab: str, a: int, b: int, crosses: bool, inside: list, text: str) -> bool:
        """Whether the model's person ``text[a:b]`` with name dots replaces the rules' names
        ``inside`` it: each is a part of the name between dots (not a person), none reaches out
        (``crosses``), the name opens no title (《西江月·井冈山》) and not all its parts are places
        (象山·高雄): 阿里 ORG of 阿齐兹·拉贝赫·阿里, 萨尔瓦多 GPE of 萨尔瓦多·阿连德."""
        name = text[a:b]
        if lab != "PER" or crosses or not _dotted(name) or (a and text[a - 1] == "《"):
            return False
        places = {s.text for s in inside if s.label in ("GPE", "LOC")}
        if all(p in places or self.known.get(p) in ("GPE", "LOC") for p in regex.split(f"[{_NAME_DOTS}]", name)):
            return False
        return all((s.label != "PERSON" and "furniture" not in s.attrs
                    or s.label == "PERSON" and s.start == a and s.end < b and s.attrs.get("furniture", "byline") == "byline")
                   and part_of_name(text, a, b, s.start, s.end, s.label) for s in inside)  # 沙特 of 阿勒沙特: a glued place too;
        # 记者 + 马克 (a byline's or cued person's first part) of 马克·古尔曼

    @staticmethod
    def _whole_persons(spans: list, text: str) -> list:
        """``spans`` (flat, sorted) with each person's mention that the text continues to a longer
        person's name of the article made that name, when the shorter is never written alone: the
        model's 潘展 of 潘展乐, 埃尔多 of 埃尔多安.

        >>> from pxextract.spans import Span
        >>> t = "潘展乐夺冠。潘展乐说。"
        >>> [s.text for s in Combiner._whole_persons([Span(0, 3, "PERSON", "潘展乐"), Span(6, 8, "PERSON", "潘展")], t)]
        ['潘展乐', '潘展乐']
        """
        from .spans import Span

        persons = sorted({s.text for s in spans if s.label == "PERSON"}, key=len, reverse=True)
        out = list(spans)
        for k, s in enumerate(out):
            if s.label != "PERSON":
                continue
            whole = next((p for p in persons if len(p) > len(s.text) and p.startswith(s.text) and text.startswith(p, s.start)
                          and text.count(s.text) == text.count(p)), None)  # never written alone (李玟, once 李玟遗物: no)
            if whole is not None and (k + 1 == len(out) or out[k + 1].start >= s.start + len(whole)):
                out[k] = Span(s.start, s.start + len(whole), "PERSON", whole, s.attrs)
        return out

    @staticmethod
    def propagate(spans: list, text: str, boundary, not_place_before: tuple[str, ...] = ()) -> list:
        """``spans`` plus every other mention of a name they hold, written the same and standing
        as words of its own (``boundary(start, end)``), where no span is: a name the rules or the
        model found once is found everywhere in the article (辽宁省公安厅 in the lead and again
        in the eighth paragraph). A text found with two labels, and LAW titles, are left alone; so is an
        organisation's mention that a bracketed part and more continue (博瑞制药（苏州）有限公司), and a
        place's mention followed by a word of ``not_place_before`` (北京 + 时间: a time zone). A person's
        mention that the text continues to a longer person's name of the article becomes that name
        first (the model's 潘展 of 潘展乐). A person's or organisation's mention replaces the places
        that are only parts of it (赵长江 found once: 长江 LOC of a later 赵长江 gives way).

        >>> from pxextract.spans import Span
        >>> spans = [Span(0, 3, "ORG", "海底捞")]
        >>> [(s.start, s.text) for s in Combiner.propagate(spans, "海底捞上市，海底捞门店增加。", lambda a, b: True)]
        [(0, '海底捞'), (6, '海底捞')]
        """
        from bisect import bisect_left, insort

        from .spans import Span

        spans = Combiner._whole_persons(spans, text)
        labels: dict[str, set[str]] = {}
        for name, label in [(s.text, s.label) for s in spans] + [x for s in spans for x in s.attrs.get("_inner", ())]:
            if label != "LAW" and len(name) >= 2:  # _inner: the places inside a source outlet (长宁 of 上海长宁)
                labels.setdefault(name, set()).add(label)
        found = []  # (start, -length, name) of every mention of a name with one label
        for name, ls in labels.items():
            if len(ls) == 1:
                at = text.find(name)
                while at >= 0:
                    found.append((at, -len(name), name))
                    at = text.find(name, at + 1)
        # the names are flat (no two overlap), so in start order their ends increase too: the one
        # span that can overlap a mention is the last starting before the mention ends
        taken = sorted((s.start, s.end) for s in spans)  # the leftmost, then longest mention wins
        at = {(s.start, s.end): s for s in spans}
        added, dropped = [], set()
        for a, neg, name in sorted(found):
            b = a - neg
            i = bisect_left(taken, (b,))  # the spans starting before this mention ends
            if i and taken[i - 1][1] > a and labels[name] & {"PERSON", "ORG"} and boundary(a, b) and not _joined(text, b):  # 武汉地铁 + 4号线 keeps 武汉 (h335)
                j = bisect_left(taken, (a,))  # places that only a part of this name is (长江 of 赵长江)
                inner = [at[k] for k in taken[j:i] if k[1] <= b]
                if inner and len(inner) == i - j and (j == 0 or taken[j - 1][1] <= a) and all(
                        s.label in ("GPE", "LOC") and "furniture" not in s.attrs for s in inner):
                    dropped.update((s.start, s.end) for s in inner)
                    del taken[j:i]
                    i = j
            if (i and taken[i - 1][1] > a) or not boundary(a, b) or _joined(text, a - 1) or (_joined(text, b) and not digit_after(text, b, labels[name])) or (_PLACE_IN_NAME.match(text, b) and "ORG" in labels[name]):
                continue  # inside or across a span already there, or inside a longer word or name
            if not_place_before and text.startswith(not_place_before, b) and labels[name] & {"GPE", "LOC"}:
                continue  # 北京时间: no place mention
            insort(taken, (a, b))
            added.append(at.setdefault((a, b), Span(a, b, next(iter(labels[name])), name, {"propagated": True})))
        spans = [s for s in spans if (s.start, s.end) not in dropped] if dropped else spans
        return sorted(spans + added, key=lambda s: s.start) if added else spans

