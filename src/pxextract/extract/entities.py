"""Named entities: PERSON, GPE, LOC, ORG, LAW from gazetteers, suffix grammars and cues.

* gazetteer names (``rules/gazetteers/*.tsv``) are jieba words of the private segmenter, found as token sequences;
* jieba's dictionary tags are candidates: ``nt`` words are organisations (江西省人民政府, 国家统计局), ``nrfg`` words
  full person names; generic words are filtered by the STOP list;
* unknown names are found by suffix grammar over tokens: name-like tokens (nouns, place or person words, unknown words
  — never verbs, particles or numbers) ending in an ORG/GPE/LOC suffix (甘源食品 + 股份有限公司, 东源 + 乡), with at
  least one proper-name token among them; a known place ends the walk to the left (江西省 + 人民政府);
* a GPE directly followed by a government-body suffix is one ORG (海拉尔区 + 人民政府);
* persons from cues (:mod:`.cued_persons`): a title before the name (总理 李强), 摄 after a caption's name; LAW is the inside of 《…》 when
  the title ends in a document word (规划, 方案, 条例…); company short names (:mod:`.company_names`) when names are finished.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("东源乡桥头村在萍乡市。张恩鸿摄")
    >>> [(s["text"], s["label"]) for s in rec["spans"]]
    [('东源乡', 'GPE'), ('桥头村', 'GPE'), ('萍乡市', 'GPE'), ('张恩鸿', 'PERSON')]
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress
import regex
from spacy.tokens import Doc

from ..rules import Rules, RulesError
from ..brand_words import load_brand_words
from ..spans import Span, remove_overlaps
from ..generic_firms import GenericFirms
from . import occurrences, locative_abbrevs, given_names, province_regions
from .police_posts import police_posts
from .school_shorts import school_shorts
from .army_units import army_units
from .store_names import store_names
from .town_names import towns
from .community_scope import community_scope
from .street_names import streets
from .furniture import NewsFurniture
from .org_chains import OrgChains
from .branch_names import BranchNames
from .country_units import CountryUnits
from .company_names import CompanyNames
from .descriptor_names import DescriptorNames
from .latin_surnames import latin_surnames
from .brands import BrandNames
from .latin_companies import LatinCompanies
from .subject_firms import SubjectFirms
from .acting_firms import ActingFirms
from .transit_operators import transit_operators
from .company_lists import CompanyLists
from .cued_persons import CuedPersons
from .latin_persons import latin_person_pattern, latin_persons
from .japanese_persons import JapanesePersons
from .translit_persons import translit_person_pattern, translit_persons
from .glosses import latin_glosses
from .entity_tables import dictionary_names, gazetteer_sequences
from .place_tails import generic_tail
from .district_shorts import DistrictShortForms, ShortFormsInside
from .verb_inside import place_before_verb
from .suffix_heads import suffix_heads
from .glued_heads import described, glued_name, glued_pattern, prep_heads
from .role_heads import drop_bare_committees, role_heads
from .placed_names import placed
from .basins import basins
from .name_patterns import (alias_pattern, coded_companies, share_class_pattern, defined_aliases, extend_numbered_units, grammar_patterns, numbered_unit_pattern, pattern_anchor, stock_code_pattern, words_and_starts)
from .quoted_names import QuotedCompanies
from .coded_runs import coded_runs
from .word_kinds import _GLUED_SUFFIX, _OUTLET, _PERSON_CUE, _SUFFIX_END, WordKinds

__all__ = ["EntityFinder", "NewsFurniture"]

_NAME_TOKEN = regex.compile(r"^[\p{Han}A-Za-z][\p{Han}A-Za-z·]*$")
_LAW = regex.compile(r"《([^《》\n！？!?。]{2,80})》")  # a headline (…服务！…协议) is no document title
_LATIN_BEFORE, _LATIN_AFTER = regex.compile(r"[A-Za-z0-9《]"), regex.compile(r"[A-Za-z0-9]")  # a Latin name stands alone, not opening a title
_TRAILING_PAREN = regex.compile(r"[（(][^（）()]{1,12}[）)]$")
_MAX_NAME_TOKENS, _MAX_NAME_CHARS = 4, 18
_PATTERN_WINDOW = 12  # tokens from an entity pattern's anchor within which the pattern must end
# jieba dictionary tags of words that may be part of a name (nouns, places, persons,
# organisations, other proper nouns, abbreviations, distinguishing words such as 国际)
_NAME_TAGS = ("n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "b", "eng", "x")
_PROPER_TAGS = ("nr", "nrfg", "nrt", "ns", "nt", "nz", "j")
_TOWN_HEAD_TAGS = ("n", "ng", "nr", "ns", "nz", "a", "b", "j", "zg")  # a character cut off a town's name (灰 of 灰山港镇; not 内 of 青浦区内)
_PAREN_AFTER_ORG = regex.compile(r"[（(][\p{Han}]{1,4}[）)]")
_LABEL_PRIORITY = {"LAW": 0, "ORG": 1, "GPE": 2, "LOC": 3, "PERSON": 4}


class EntityFinder(WordKinds):
    """Finds names in a Doc built by the pxextract tokenizer (token texts are raw slices)."""

    def __init__(self, nlp, rules: Rules, tags: dict[str, str] | None = None, patterns: list[dict] | None = None):
        self.rules = rules
        # EntityRuler-style patterns from rules/entity_patterns.jsonl (phrase or token patterns),
        # run by a spaCy SpanRuler over our tokens: names the grammars cannot see (WTO, 中共…省委)
        self.ruler = None
        if patterns:
            from spacy.pipeline import SpanRuler

            self.ruler = SpanRuler(nlp, name="pxextract_patterns", spans_key="pxextract_patterns", phrase_matcher_attr="ORTH", validate=True)
            for n, pattern in enumerate(patterns, 1):
                try:
                    self.ruler.add_patterns([pattern])
                except Exception as exc:  # noqa: BLE001 - spaCy raises several types for bad patterns
                    raise RulesError(f"{rules.path / 'entity_patterns.jsonl'}:{n}: bad pattern ({type(exc).__name__}: {exc})") from None
            # a pattern can only match where its literal anchor occurs: skip the (token) matcher on
            # texts that contain none of them; a pattern without a literal anchor always runs
            anchors = [pattern_anchor(p["pattern"]) for p in patterns]
            self.ruler_anchors = None if None in anchors else tuple(sorted(set(anchors)))
        # the gazetteer's names as token sequences (our tokenizer's words, no Docs: thousands of
        # names at start-up, cached between runs) → their labels; the longest sequence per first token
        self.gazetteer, self.gazetteer_first = gazetteer_sequences(nlp, rules)
        suf = rules.entity_suffixes
        self.suffixes = sorted(
            ((s, label) for label in ("ORG", "GPE", "LOC") for s in suf.get(label, ())), key=lambda x: -len(x[0])
        )
        self.suffix_by_last: dict[str, list[tuple[str, str]]] = {}
        for suffix, label in self.suffixes:  # longest first within each last character
            self.suffix_by_last.setdefault(suffix[-1], []).append((suffix, label))
        g = rules.names
        self.gazetteer_only = frozenset(g.gazetteer_only)  # county and above: gazetteer
        # one-character suffixes of low units (镇, 乡, 村) that jieba may glue to the next word (周口店 + 镇泗马)
        self.glued_suffixes = frozenset(s for s in suf.get("GPE", ()) if len(s) == 1 and s not in self.gazetteer_only)
        self.unit_heads = frozenset(s for s in suf.get("GPE", ()) if len(s) == 1)  # and any unit's (我 + 县塘河 + 街道)
        self.law_suffixes = suf.get("LAW", ())
        self.org_ends = suf.get("ORGEND", ())
        self.person_cues = (*rules.person_cues.get("before", ()), *rules.person_cues.get("role_before", ()))  # 总理, 领队 (role_before: no title in a body's name)
        self.person_cue_set = frozenset(self.person_cues)
        # one-character credits after a name (张恩鸿摄): also the end of a token
        self.credit_marks = frozenset(c for c in rules.person_cues.get("after", ()) if len(c) == 1)
        self.not_persons = frozenset(rules.person_cues.get("not_person", ()))  # 文明, 孙子: common words jieba tags nr (h312)
        self.place_end, self.place_end_word = frozenset(g.place_end), tuple(g.place_end_word)  # 杭州 + 市民: no 杭州市
        self.generic_prefix = frozenset(g.generic_prefix)
        self.role_words, self.committee_ends = (tuple(sorted(w, key=len, reverse=True)) for w in (g.role_head, g.committee_end))  # h312
        self.country_area = (frozenset(g.country_area), frozenset(e.name for e in rules.gazetteer if e.kind == "country"), frozenset(g.area_part))  # 法国 + 地区; 京津冀 + 部分 + 地区
        self.low_units = frozenset(g.low_unit)
        self.low_unit_break, self.low_unit_named, self.river_end, self.road_end = g.low_unit_break, tuple(g.low_unit_named), tuple(g.river_end), tuple(g.road_end)
        self.campus_org = g.campus_org
        self.body_after_gpe, company_list, company_list_end = grammar_patterns(g)
        self.stock_code, self.share_class = stock_code_pattern(g), share_class_pattern(g)  # 天房发展(600322): a listed company; 小米集团-W
        self.alias = alias_pattern(g.alias_cue)  # …有限公司（以下简称“海底捞”）
        self.ordinal = ordinal = next((w for w, _ in rules.number_stops["before"] if len(w) == 1), None)  # 第
        self.numerals = digits = "".join(ch for ch, (v, kind) in rules.numerals.items() if kind in ("digit", "scale"))  # 万 + 马科技（300698）
        self.numbered_unit = numbered_unit_pattern(ordinal, digits, suf.get("ORG", ())) if ordinal else None
        self.stop = rules.entity_stop
        self.surnames = rules.surnames
        self.translit = frozenset("".join(rules.ner.translit))
        pc = rules.person_cues
        self.latin_persons = latin_person_pattern(pc["before"] + pc["role_before"] + pc["latin_before"], pc["said"] + pc["latin_said"], pc["latin_lead"], pc["latin_not_last"])  # 分析师John Evans
        self.translit_persons = translit_person_pattern(frozenset("".join(rules.ner.translit)), pc["translit_act"])  # 塔利斯卡 + 直塞
        self.cued = CuedPersons(rules.surnames, self.person_cues, self.credit_marks, rules.entity_stop, tags or {}, *map(rules.person_cues.get, ("said", "anonymous", "ordinal", "honorific", "latin_said", "copula"), ((),) * 6))  # 总理 李强, 张恩鸿摄
        self.known = {e.name: e.label for e in rules.gazetteer}
        self.japanese = JapanesePersons(rules.japanese, (*pc["before"], *pc["role_before"]), pc["not_given_end"], g.mention_before, g.mention_after, tags or {}, self.known)  # 日本首相 + 岸田文雄 (h342)
        self.kinds = {e.name: e.kind for e in rules.gazetteer if e.label == "GPE"}  # 香港: province-short (community_scope)
        self.district_shorts = DistrictShortForms(rules.path, self.known)  # 马鞍山 + 花山
        self.regions = province_regions.ProvinceRegions(g, self.known)  # 浙 + 南, 鲁 + 西南 + 地区: LOC (h376)
        self.company_lists = CompanyLists(company_list, company_list_end, self.known, self.stop, self._tag, self._name_part, self._proper, g.list_project,
                                           tuple(suf.get("ORG", ())) + rules.companies.industry + rules.companies.firm)  # 山东寿光、赣州铭宸等企业
        self.tags = tags or {}
        self.short_inside = ShortFormsInside(rules.path, rules.gazetteer, self.tags, g.not_place_before)  # 欧风 + 花都 + 小区: no place
        self.locative = locative_abbrevs.LocativeAbbrevs(g.locative_abbrev, g.total_after, self.tags)  # 赛中 + 共获得: no 中共
        self.given = given_names.GivenNames(rules.surnames, (*self.person_cues, *g.given_cue), self.tags, self.known, g.given_list_joint)
        self.dictionary_names = dictionary_names(nlp, self.tags, rules, self._dictionary_candidates)
        self.news = NewsFurniture(rules, self.tags)  # datelines, bylines, credits (§6 News)
        # outlets of scope any (新华社, IT之家) by the word they start with: every prefix of two or
        # more characters, and the first word of those that jieba starts with one character (新 + 京报)
        heads: dict[str, list[str]] = {}
        for o in self.news.outlets_any:
            first = nlp.make_doc(o)[0].text
            for p in {o[:n] for n in range(2, len(o) + 1)} | ({first} if len(first) == 1 else set()):
                heads.setdefault(p, []).append(o)
        # head → the lengths of the outlets it starts, longest first (a slice and a set look-up each)
        self.outlet_heads = {p: tuple(sorted({len(o) for o in v}, reverse=True)) for p, v in heads.items()}
        self._kind_cache: dict[str, int] = {}  # word → kind bits (memo; depends on the word and rules only)
        self._last_words: tuple | None = None  # (Doc, words, starts) of the last __call__
        self.org_chains = OrgChains(g, self.tags, self.known, self.stop, pc["before"], suf.get("GPE", ()), rules.gazetteer,
                                   frozenset("".join(rules.ner.translit)))  # 武汉市 + 气象台; 德国 + 弗里科霍夫研究所
        self.brands = BrandNames(rules.path, self.tags, self.known)  # 小米 + 13 Ultra, 苹果 + 宣布: brands that are common words
        self.generic_firm = GenericFirms(rules.companies.generic, rules.companies.generic_end, rules.person_cues.get("anonymous", ()))  # 资产管理公司: no name
        self.placed = frozenset(g.placed_suffix)  # 博物馆: only after a place or an organisation (h294)
        self.glued_head, self.described = glued_pattern(g.glued_head), glued_pattern(g.latin_described)  # 如遇医院; 印度创业公司 + Indeda: no name
        self.companies = CompanyNames(rules.companies, self.tags, self.known, self.stop, pc["before"], suf.get("ORG", ()))  # 慧荣 + 科技
        self.latin_companies = LatinCompanies(load_brand_words(rules.path))  # T3 + 出行, PGYTECH + 发布 (h313)
        self.subject_firms = SubjectFirms(load_brand_words(rules.path), self.tags, self.surnames, rules.names.village_end, self.stop)  # 盒马 + 宣布 (h352)
        self.acting = ActingFirms((*rules.companies.industry, *rules.companies.firm, *rules.companies.product_word, *rules.companies.acting_industry), load_brand_words(rules.path).between, (*load_brand_words(rules.path).subject_verb, *rules.companies.acting_cue), (*rules.companies.generic, *rules.companies.not_head), rules.companies.acting_not_after, rules.companies.acting_day_unit, self.tags, self.known, self.stop)  # 宝骏汽车 + 公布 (h367)
        self.descriptors = DescriptorNames(rules.companies, self.tags, self.known, self.stop, self.latin_companies.stop, suf.get("ORG", ()), rules.surnames)  # 初创企业 + 御风未来 (h356)
        self.branches = BranchNames(rules.companies, self.tags, suf.get("ORG", ()))  # 京东 + 健康
        self.country_units = CountryUnits(rules.companies, self.tags, frozenset(e.name for e in rules.gazetteer if e.kind == "company"))  # 拜耳 + 中国 (h341)
        self.quoted = QuotedCompanies(self.tags, self.stop, self.share_class, rules.companies, self.known, g.quote_no_name)  # 恒辉安防(19.730, -2.11, -9.66%)

    def __call__(self, doc: Doc, text: str | None = None, datelines: list[dict] | None = None) -> list[Span]:
        """Names of ``doc`` (``text``: its raw text); ``datelines``: ``self.news.datelines(text)``
        when the caller has them already."""
        text = doc.text if text is None else text
        words, starts = ws = words_and_starts(doc)
        self._last_words = (doc, ws)  # finish reads the same Doc's words (speed)
        found: list[Span] = []
        gazetteer, first = self.gazetteer, self.gazetteer_first
        for i, w in compress(enumerate(words), map(first.__contains__, words)):  # (speed: the words that start a name)
            longest = first.get(w)
            for n in range(1, longest + 1) if longest else ():
                for label in gazetteer.get(tuple(words[i : i + n]), ()):
                    a, b = starts[i], starts[i + n - 1] + len(words[i + n - 1])
                    if not (text[a].isascii() and ((a and _LATIN_BEFORE.match(text, a - 1)) or _LATIN_AFTER.match(text, b))) and not (n == 1 and (self.locative(words, i) or self.given(words, i, label))):  # not CBS of CBSA, 《FIFA》; 赛中 + 共获得; 严 + 金秀
                        found.append(Span(a, b, label, text[a:b]))
        if self.ruler is not None:
            found.extend(self._pattern_names(doc, words, starts, text))
        # most tokens can start nothing: the rules below look only at the positions of words whose
        # kind (a property of the word alone, memoized) says they may; one set look-up per token
        kinds = self._kinds(set(words))
        hits = [i for i, w in enumerate(words) if kinds[w]]
        found.extend(self._split_names(words, starts, kinds, hits))
        found.extend(self.district_shorts.names(words, starts, text))
        found.extend(self.regions(words, starts, text))  # 浙南, 渝西 (h376)
        found.extend(self._dictionary_names(words, starts, kinds, hits))
        found.extend(self._suffix_names(words, starts, text, kinds, hits))
        for m in _LAW.finditer(text):
            inner = _TRAILING_PAREN.sub("", m.group(1))
            if inner.endswith(self.law_suffixes) and inner not in self.stop and inner not in self.law_suffixes:  # 《通知》, 《规划》 alone: no title
                found.append(Span(m.start(1), m.end(1), "LAW", m.group(1)))
        found.extend(self.cued.persons(words, starts, text, [i for i in hits if kinds[words[i]] & _PERSON_CUE]))
        found.extend(self.cued.anonymised(words, starts) + self.cued.titled(words, starts))  # 王某, 李某某; 赵女士
        found.extend(latin_persons(self.latin_persons, text, self.known))
        found.extend(translit_persons(self.translit_persons, text, self.known))
        found.extend(self.japanese.persons(text))  # 岸田文雄, 福原爱 (h342)
        found.extend(self.company_lists.names(words, starts, text))
        found.extend(self.brands.names(words, starts, text, found))
        found.extend(coded_runs(coded_companies(self.stock_code, words, starts, text, self._tag, self.stop, self.share_class, self.numerals), words, starts, text, self._tag, self.quoted.no_name, self.known) + self.quoted.names(words, starts, text, self.numerals))
        news = self.news
        if not news.enabled:
            return self._flatten(found, text)
        found.extend(self._outlets(words, starts, text, kinds, hits))
        flat = self._flatten(found, text)
        for s in flat:  # an outlet found by another rule too (新华社 in the gazetteer) is still one
            if s.label == "ORG" and s.text in news.outlets_any_set:
                s.attrs["furniture"] = "outlet"
        furniture = news.spans(text, words, starts, datelines=datelines)
        if not furniture:
            return flat
        # the furniture's place in the article decides: its names win over what overlaps them (both
        # lists are sorted and flat: one merge)
        out, k, nf = [], 0, len(furniture)
        for s in flat:
            while k < nf and furniture[k].end <= s.start:
                out.append(furniture[k])
                k += 1
            if k < nf and furniture[k].start < s.end and news.absorb(furniture[k], s):
                continue  # overlaps the furniture span k (its places still seed the article's: 长宁 of 来源：上海长宁)
            out.append(s)
        out.extend(furniture[k:])
        return out

    def finish(self, doc: Doc, names: list[Span], text: str) -> list[Span]:
        """``names`` (sorted, flat) with places and bodies made organisations (:class:`OrgChains`), company short names (:class:`CompanyNames`), share classes (小米集团-W) and aliases."""
        last = self._last_words
        ws = last[1] if last and last[0] is doc else words_and_starts(doc)  # the words __call__ read (speed)
        g = self.rules.names
        names = self.short_inside.drop(names, *ws)
        names = self.org_chains.chains(names, text, *ws)
        names = self.companies.names(names, text, *ws)
        names = self.branches.names(self.latin_companies.names(names, text), text, *ws)  # T3出行 (h313); 京东 + 健康 (h295)
        names = extend_numbered_units(self.country_units.names(names, text, *ws), text, self.share_class)  # 大华银行 + 中国 (h341); 小米集团 + -W
        names = latin_surnames(self.with_aliases(names, text), text)
        names = towns(towns(names, text, g.town_after, g.town_end, self.tags), text, g.community_after, g.community_end, self.tags)  # 曙光街道 + 新风社区 (h344)
        names = community_scope(names, self.kinds, g.community_wide, g.community_end)  # 深入香港社区 → 香港 (h344)
        names = streets(names, text, g.street_stem, g.street_end, g.street_road)  # 延吉 + 新村街道; 延吉中路77号 (h353)
        names = police_posts(names, text, g.post_body, g.post_after, self.tags, g.post_generic)  # 大西沟边境派出所; not 县城一派出所
        names = army_units(school_shorts(names, text, g.school_short, g.school_full, g.school_not, self.ordinal or "", self.numerals), text, g.army_numbered, g.army_theatre, g.army_service, g.army_head, g.army_body_end, g.army_anon, g.army_unit, g.army_unit_not, self.ordinal or "", self.numerals)  # 临沂一中; 第72集团军某旅 (h362)
        names = store_names(names, text, *ws, g.store_end, g.store_not_head, self.tags)  # 黄浦区新华书店, 香港美利酒店 (h304)
        names = self.brands.mentions(names, text, *ws)  # 苹果公司 … 苹果称
        names = self.subject_firms.names(names, text, *ws)  # 九巴表示 … 九巴车队 (h352)
        names = self.acting.names(names, text, *ws)  # 哪吒汽车 + CEO (h367)
        names = basins(names, text, g.basin_tail, g.water_end)  # 海河 + 流域 → LOC 海河流域 (h334)
        names = transit_operators(names, text, g.transit_word, g.transit_act, g.transit_before)  # 南京地铁 + 否认 (h373)
        names = prep_heads(names, text, g.glued_prep, self.known, self.tags, self.surnames, g.generic_prefix)  # 与鸿海集团 → 鸿海集团 (h275)
        names = role_heads(names, text, self.role_words, self.tags, g.generic_prefix)  # 合作方中冶集团 → 中冶集团 (h312)
        names = self.descriptors.names(names, text, *ws)  # 初创企业 + 御风未来, 车企 + 理想汽车 (h356)
        names = drop_bare_committees(names, self.committee_ends, g.committee_named, self.tags, self.known, g.generic_prefix, g.org_body)  # 旅党委 (h312)
        return [s for s in names if s.label != "PERSON" or s.text not in self.not_persons]  # 村民 + 文明 (h312)

    def with_aliases(self, names: list[Span], text: str) -> list[Span]:
        """``names`` (sorted, flat) plus the short forms the text defines for their organisations
        (:func:`defined_aliases`: …有限公司（以下简称“海底捞”） → ORG 海底捞) and their Latin glosses
        (:func:`latin_glosses`: 比尔·盖茨（Bill Gates）), where no name is."""
        glosses = latin_glosses(names, text)
        for n in names:  # 瑞穗证券（Mizuho Securities）found as a name itself: still the gloss, no subject (its name is)
            if "furniture" not in n.attrs and any(g.start == n.start and g.end == n.end for g in glosses):
                n.attrs["furniture"] = "gloss"
        new = [a for a in defined_aliases(self.alias, names, text, self.stop) + glosses  # + 比尔·盖茨（Bill Gates）
               if not any(n.start < a.end and a.start < n.end for n in names)]
        return sorted(names + new, key=lambda s: s.start) if new else names

    def _outlets(self, words: list[str], starts: list[int], text: str, kinds: dict[str, int], hits: list[int]) -> list[Span]:
        """News outlets of scope any that stand as whole words (据新华社报道 → ORG 新华社, 新京报记者; 澎湃|新闻记者)."""
        out = []
        n = len(words)
        outlets = self.news.outlets_any_set
        for i in hits:
            w = words[i]
            if not kinds[w] & _OUTLET:
                continue
            a = starts[i]
            for length in self.outlet_heads[w]:
                o = text[a : a + length]
                if o not in outlets:
                    continue
                e, j = a + length, i
                while j < n and starts[j] < e:
                    j += 1
                if j == n or starts[j] == e or text[e : starts[j]] in self.news.roles:  # ends a word (or before 记者: 澎湃新闻|记者)
                    out.append(Span(a, e, "ORG", o, {"furniture": "outlet"}))
                    break
        return out

    def _pattern_names(self, doc: Doc, words: list[str], starts: list[int], text: str) -> list[Span]:
        """Matches of rules/entity_patterns.jsonl. A pattern starts with its literal anchor, so
        the SpanRuler runs only on short windows of tokens from each anchor occurrence (a token
        Matcher over a whole article costs more than segmenting it); a pattern without a literal
        anchor makes it run over the whole Doc."""
        if self.ruler_anchors is None:
            windows = [(0, len(words))]
        else:
            hits = sorted(occurrences(text, self.ruler_anchors))
            windows = []
            for pos in hits:
                i = bisect_right(starts, pos) - 1
                j = min(len(words), i + _PATTERN_WINDOW)
                if windows and i <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], j)
                else:
                    windows.append((i, j))
        out = []
        for i, j in windows:
            if (i, j) == (0, len(doc)):
                part = doc
            else:  # a small Doc of the window's words (Span.as_doc copies arrays of the whole Doc)
                part = Doc(doc.vocab, words=words[i:j], spaces=[False] * (j - i))
            base = starts[i]
            for span in self.ruler.match(part):
                a, b = base + span.start_char, base + span.end_char
                out.append(Span(a, b, span.label_, text[a:b]))
        return out

    def _name_part(self, t: str) -> bool:
        if t in self.stop or not _NAME_TOKEN.match(t):
            return False
        tag = self._tag(t)
        if tag is None and len(t) == 2 and self._tag(t[0]) == "r" and self._tag(t[1]) == "q":
            return False  # 这 + 座 (a demonstrative and a classifier jieba joined): 赣州这座古城 is no name
        return t in self.known or tag is None or tag.startswith(_NAME_TAGS)

    def _proper(self, t: str) -> bool:
        tag = self._tag(t)
        return t in self.known or (tag is None and len(t) >= 2) or (tag is not None and tag.startswith(_PROPER_TAGS))

    def _fragment(self, t: str) -> bool:
        """Is ``t`` two characters no dictionary holds, the first a name's (a surname, a place's):
        jieba's cut of a longer name (陈区 + 镇 of 陈区镇), not a unit of its own (千县万镇, 驻镇帮镇)?"""
        return len(t) == 2 and t not in self.known and self._tag(t) is None and (self._tag(t[0]) or "").startswith(_PROPER_TAGS)

    def _container(self, p: str) -> bool:
        """May ``p`` be the place that contains a town named after it (a gazetteer GPE: 永清县; a longer word
        ending in a unit: 左营镇 + 孙沙窝村)?"""
        return self.known.get(p) == "GPE" or len(p) > 2 and p.endswith(self.low_unit_break)

    def _cut_surname(self, words: list[str], j: int) -> int:
        """Where the character starting a town's name (a surname, a noun: 曹, 灰) is when jieba cut it off ``words[j]``:
        2 a word of its own after the containing place (永清县 + 曹 + 家务 + 乡), 1 the end of a word glued to the
        suffix of the town before (左营 + 镇孙 + 沙窝 + 村, 乡张 + 庄子 + 村), 0 none (文明乡风, 海淀区 + 李村)."""
        if j < 1 or len(words[j]) != 2:
            return 0
        p = words[j - 1]
        if p in self.surnames or len(p) == 1 and p not in self.stop and self._tag(p) in _TOWN_HEAD_TAGS and self._tag(words[j]):
            return 2 if j > 1 and self._container(words[j - 2]) else 0  # 桃江县 + 灰 + 山港 + 镇; not 青浦区 + 内 + 各街 + 镇
        glued = len(p) == 2 and p[0] in self.glued_suffixes and p not in self.tags and p not in self.known
        return 1 if glued and p[1] in self.surnames else 0

    def _is_org(self, t: str) -> bool:
        return self.known.get(t) == "ORG" or (self._tag(t) == "nt" and t.endswith(self.org_ends))

    def _suffix_names(self, words: list[str], starts: list[int], text: str, kinds: dict[str, int], hits: list[int]) -> list[Span]:
        """Names ending in a suffix (…股份有限公司, …村, …工业园), the suffix possibly spanning tokens or
        starting a word jieba guessed (斋堂 + 镇供 of 斋堂镇供图)."""
        out = []
        by_last = self.suffix_by_last
        for i in hits:
            t = words[i]
            glued = bool(kinds[t] & _GLUED_SUFFIX)
            if glued:
                end, hit = starts[i] + 1, (t[0], "GPE")  # 周口店 + 镇|泗马: the suffix starts the token
            elif kinds[t] & _SUFFIX_END:
                end = starts[i] + len(t)
                hit = next(((s, lab) for s, lab in by_last[t[-1]] if text.endswith(s, 0, end) and end - len(s) >= starts[max(0, i - 3)]), None)
            else:
                continue
            if hit is None:
                continue
            suffix, label = hit
            if label == "GPE" and suffix in self.gazetteer_only:
                continue
            q = end - len(suffix)
            k = bisect_right(starts, q) - 1  # the token where the suffix starts
            head = text[starts[k] : q]  # that token's part before the suffix (中小学 → 中)
            if head and head in self.stop:
                continue
            single = len(suffix) == 1
            gpe = label == "GPE"
            low_unit = gpe and (single or suffix in self.low_units)
            parts = [head] if head else []
            j = k
            if not (head and (self._is_org(head + suffix) or head in self.known)):
                while j > 0 and k - j < (1 if single else _MAX_NAME_TOKENS):
                    prev = words[j - 1]
                    if not (self._name_part(prev) or (low_unit and j == k and prev in self.low_unit_named)) or end - starts[j - 1] > _MAX_NAME_CHARS:
                        if not (single or low_unit) and (p := place_before_verb(self, words, starts, j, k, end, _MAX_NAME_TOKENS, _MAX_NAME_CHARS)) >= 0:
                            parts[:0], j = words[p:j], p  # 江西 + 农商 + 联合 + 银行: one name
                        break
                    if low_unit and (prev.endswith(self.low_unit_break) and not (single and not head and self._fragment(prev))
                                     or not single and self.known.get(prev) == "GPE" and sum(map(len, parts)) > 1 and not parts[0].endswith(self.road_end)):
                        break  # 安源区 / 凤凰街道 / 凤池社区, 上海 / 仁恒滨江园社区 are separate names
                    j -= 1
                    parts.insert(0, prev)
                    if prev in self.known and not low_unit:
                        # a known place starts the name, unless an organisation, a place or an unknown word of
                        # transliteration characters precedes it (国家统计局 + 洛阳 + 调查队, 萍乡 + 武功山 + 景区, 安斯 + 泰来 + 医药公司)
                        if j > 0 and (self._is_org(p := words[j - 1]) or p in self.known or (label == "ORG" and self._tag(p) is None and len(p) > 1 and set(p) <= self.translit)):
                            j -= 1
                            parts.insert(0, words[j])
                        break
            lead = self._cut_surname(words, j) if single and gpe and not head and j == k - 1 else 0
            if lead == 2:  # 永清县 + 曹 + 家务 + 乡: the surname is a word of its own
                j -= 1
            while len(parts) > 1 and self._tag(parts[0]) in ("vn", "v"):
                parts.pop(0)  # a name does not start with a verb (培训 in …红色培训联合体 stays inside)
                j += 1
            if not parts:
                continue
            proper = lead or any(self._proper(p) for p in parts) or (low_unit and not single and sum(map(len, parts)) >= 3 and parts[-1].endswith(self.low_unit_named))
            if not proper and not (single and gpe and len(parts) == 1 and len(parts[0]) == 2):
                continue  # 桥头村 / 东源乡: a two-character village name of common nouns is allowed
            if suffix in self.country_area[0] and (len(parts) == 1 and parts[0] in self.country_area[1] or generic_tail(parts, self.country_area[2], self.known)):
                continue  # 法国地区: the country (GPE 法国), not a region of it; 京津冀部分地区, 北京受灾地区: the place (h204)
            if label != "GPE" and j > 0 and words[j - 1] in self.generic_prefix:
                continue  # 市投发集团, 省博物馆: a body of "the city", not a name
            if glued and not lead and not (j > 0 and self._container(words[j - 1])):
                continue  # a glued suffix only after the place containing the town (门头沟区 + 斋堂 + 镇供; not 文明 + 乡风, 我市 + 全部 + 镇街)
            start = starts[j] - (lead == 1)
            name = text[start:end]
            if suffix in self.placed and not placed(name, len(suffix), self.known):
                continue  # 就连 + 博物馆: a museum's name opens with its place (h294)
            if name in self.stop or len(name) - len(suffix) < (2 if single else 1) or self.generic_firm(name) or glued_name(self.glued_head, name) or described(self.described, name, text, end):  # 房地产公司, 如遇医院, 印度创业公司 + Indeda
                continue
            if single and len(name) - 1 > 3:  # 乡/镇/村/山/湖/河: short place names only
                continue
            out.append(Span(start, end, label, name))
        return out

    def _flatten(self, spans: list[Span], text: str) -> list[Span]:
        spans = suffix_heads(extend_numbered_units(spans, text, self.numbered_unit), text, self.unit_heads, self.known, self.tags)  # …集团公司 + 第四十八研究所; 立新乡 + 叶青村 (not 乡叶青村)
        merged: list[Span] = []
        locs = {s.start: s for s in spans if s.label == "LOC"}
        orgs = [s for s in spans if s.label == "ORG"]
        for s in spans:
            if s.label == "GPE":  # GPE + government-body suffix → one ORG (海拉尔区第十三届人民代表大会)
                m = self.body_after_gpe.match(text, s.end)
                if m:  # a longer body's name starting in the suffix takes the place too: 岳阳市 + 公安局临潼分局
                    e = max([m.end()] + [o.end for o in orgs if s.end <= o.start < m.end()])
                    s = Span(s.start, e, "ORG", text[s.start : e])
                elif s.end in locs and not locs[s.end].text.endswith(self.river_end):  # 萍乡 + 武功山 → one LOC; 天津市 + 永定河 two
                    s = Span(s.start, locs[s.end].end, "LOC", text[s.start : locs[s.end].end])
            if s.label == "ORG" and s.text.endswith(self.campus_org):  # 中国矿业大学(北京): the campus belongs to the name
                m = _PAREN_AFTER_ORG.match(text, s.end)
                if m:
                    s = Span(s.start, m.end(), "ORG", text[s.start : m.end()])
            merged.append(s)
        # longest wins, nothing nested (guide §3); on equal length LAW > ORG > GPE > LOC > PERSON
        return remove_overlaps(merged, priority=lambda s: _LABEL_PRIORITY[s.label])
