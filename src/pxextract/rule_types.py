"""The typed objects a :class:`pxextract.rules.Rules` holds, and :class:`RulesError`.

Everything here is plain data read by :func:`pxextract.rules.load_rules` (the one loader); the
word lists are one frozen dataclass per rules file, one tuple field per kind, in the order the
file writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


class RulesError(ValueError):
    """A rules file is missing or malformed; the message names the file and the line."""

    __module__ = "pxextract.rules"  # its public home (tracebacks and doctests name it there)


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str
    label: str
    factor: Decimal


@dataclass(frozen=True)
class Qualifier:
    surface: str
    qualifier: str
    position: str  # before | after | inside


@dataclass(frozen=True)
class RelativeYear:
    surface: str
    offset: int
    anchor: str  # pub | reviewed


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    label: str
    kind: str
    full: str


@dataclass(frozen=True)
class NerFilters:
    """rules/ner_filters.tsv: how the NER model's names are filtered and labelled (pxextract.ner)."""

    exact: frozenset[str]
    contains: tuple[str, ...]
    facility_ends: tuple[str, ...]
    generic_heads: tuple[str, ...]
    generic_prefix: frozenset[str]
    gpe_ends: tuple[str, ...]
    trim_heads: tuple[str, ...] = ()  # regular expressions (TRIM_HEAD)
    translit: tuple[str, ...] = ()  # characters of transliterated foreign names (TRANSLIT)
    not_person_beside: tuple[str, ...] = ()  # 台风“杜苏芮”: words beside a model name that make it no person
    org_ends: tuple[str, ...] = ()  # 三菱日联摩根士丹利 + 证券: ends of a model ORG that beats the rules' names inside it (ORG_END)
    unsure_org_ends: tuple[str, ...] = ()  # 山东省 + 生态环境厅: body words ending a less sure model ORG after a rule's place (UNSURE_ORG_END)
    unsure_gpe_ends: tuple[str, ...] = ()  # 七里店 + 村: administrative suffixes ending a less sure model place (UNSURE_GPE_END)
    common_orgs: frozenset[str] = frozenset()  # 文化部: model ORGs kept though jieba holds them as common words (COMMON_ORG)
    team_ends: tuple[str, ...] = ()  # 古巴 + 队: team words after a place or a proper word, a model ORG kept (TEAM_END)
    list_joins: tuple[str, ...] = ()  # 艺术和 + 文化部: joining words before the last field of a longer name (LIST_JOIN)
    national_ends: tuple[str, ...] = ()  # 国家 + 气象局: body words after the generic head 国家 that make a named body (NATIONAL_END)


@dataclass(frozen=True)
class DateWords:
    """rules/date_words.tsv: the words of the DATE grammar (see the file's header)."""

    year: tuple[str, ...]
    month: tuple[str, ...]
    day: tuple[str, ...]
    fiscal: tuple[str, ...]
    year_part: tuple[str, ...]
    range_sep: tuple[str, ...]
    relative_tail: tuple[str, ...]
    recent: tuple[str, ...]
    few_years: tuple[str, ...]
    count_before: tuple[str, ...]
    count_after: tuple[str, ...]
    count_measure: tuple[str, ...]
    anniversary: tuple[str, ...]
    count_scale: tuple[str, ...]
    count_stop: tuple[str, ...]
    forward: tuple[str, ...]
    guarded_relative: tuple[str, ...]
    noun_after_year: tuple[str, ...]
    ordinal: tuple[str, ...]
    report_part: tuple[str, ...]
    ago: tuple[str, ...]
    ago_after: tuple[str, ...]
    hour: tuple[str, ...]


@dataclass(frozen=True)
class NumberWords:
    """rules/number_words.tsv: the words of the number grammar (see the file's header)."""

    range_sep: tuple[str, ...]
    scale_start: tuple[str, ...]
    large_scale: tuple[str, ...]
    bare_magnitude: tuple[str, ...]
    bare_qualifier: tuple[str, ...]
    bare_before: tuple[str, ...]
    bare_after: tuple[str, ...]
    mixed_scale: tuple[str, ...]
    mixed_inner: tuple[str, ...]
    article_one: tuple[str, ...]
    date_month: tuple[str, ...]
    date_day: tuple[str, ...]
    enum_noun: tuple[str, ...]
    enum_level: tuple[str, ...]
    enum_sep: tuple[str, ...]
    enum_abbrev: tuple[str, ...]
    enum_not_word: tuple[str, ...]
    model_year_unit: tuple[str, ...]
    per_unit: tuple[str, ...]
    party_unit: tuple[str, ...]
    party_before: tuple[str, ...]
    party_apposition: tuple[str, ...]
    party_object: tuple[str, ...]
    people_unit: tuple[str, ...]
    pointer_unit: tuple[str, ...]
    pointer_before: tuple[str, ...]
    firm_unit: tuple[str, ...]
    firm_noun: tuple[str, ...]
    list_unit: tuple[str, ...]
    floor_unit: tuple[str, ...]
    address_unit: tuple[str, ...]
    address_part: tuple[str, ...]
    word_numeral: tuple[str, ...]
    unsigned_unit: tuple[str, ...]
    name_tail: tuple[str, ...]
    name_count_unit: tuple[str, ...]
    slogan_unit: tuple[str, ...]
    quoted_tail: tuple[str, ...]
    below_zero: tuple[str, ...]
    below_zero_unit: tuple[str, ...]
    cued_unit: tuple[str, ...]
    temperature_cue: tuple[str, ...]
    pair_unit: tuple[str, ...]
    pair_keep_before: tuple[str, ...]
    pair_keep_after: tuple[str, ...]
    pair_not_joint: tuple[str, ...]
    pair_apposition_stop: tuple[str, ...]
    spoken_tenth_unit: tuple[str, ...]
    spoken_tenth_after: tuple[str, ...]


@dataclass(frozen=True)
class NameGrammar:
    """rules/name_grammar.tsv: the words of the name grammar (see the file's header)."""

    gov_body: tuple[str, ...]
    not_gov_body: tuple[str, ...]
    session_before: tuple[str, ...]
    session_after: tuple[str, ...]
    session_numeral: tuple[str, ...]
    campus_org: tuple[str, ...]
    list_end: tuple[str, ...]
    list_joint: tuple[str, ...]
    list_count: tuple[str, ...]
    list_batch: tuple[str, ...]
    list_kind: tuple[str, ...]
    list_not_between: tuple[str, ...]
    list_project: tuple[str, ...]
    place_end: tuple[str, ...]
    place_end_word: tuple[str, ...]
    generic_prefix: tuple[str, ...]
    country_area: tuple[str, ...]
    city_suffix: tuple[str, ...]
    area_part: tuple[str, ...]
    gazetteer_only: tuple[str, ...]
    low_unit: tuple[str, ...]
    low_unit_break: tuple[str, ...]
    low_unit_named: tuple[str, ...]
    river_end: tuple[str, ...]
    road_end: tuple[str, ...]
    exchange_prefix: tuple[str, ...]
    exchange_suffix: tuple[str, ...]
    share_class: tuple[str, ...]
    quote_no_name: tuple[str, ...]
    alias_cue: tuple[str, ...]
    org_body: tuple[str, ...]
    org_body_end: tuple[str, ...]
    org_unit_end: tuple[str, ...]
    not_org_body: tuple[str, ...]
    org_head: tuple[str, ...]
    not_place_before: tuple[str, ...]
    resident_cue: tuple[str, ...]
    resident_body: tuple[str, ...]
    bracketed_place_end: tuple[str, ...]
    place_head: tuple[str, ...]
    club_head: tuple[str, ...]
    club_word: tuple[str, ...]
    club_end: tuple[str, ...]
    sport_cue: tuple[str, ...]
    branch_body: tuple[str, ...]
    chain_word: tuple[str, ...]
    wide_body: tuple[str, ...]
    placed_suffix: tuple[str, ...]
    place_full_end: tuple[str, ...]
    zone_end: tuple[str, ...]
    state_body: tuple[str, ...]
    feature_end: tuple[str, ...]  # 亚丁 + 湾: a dictionary place word ending so is a LOC (h347)
    not_feature: tuple[str, ...]  # 人山人海, 广西北海: no feature (h347)
    body_title: tuple[str, ...]  # 外交部 + 长: a title, no body (h347)
    body_title_not: tuple[str, ...]  # 水利部 + 长江: the body stands (h347)
    org_tail: tuple[str, ...]
    outlet_tail: tuple[str, ...]
    unit_title: tuple[str, ...]
    division_end: tuple[str, ...]
    division_stop: tuple[str, ...]
    division_verb: tuple[str, ...]
    association_end: tuple[str, ...]
    bracketed_group: tuple[str, ...]
    name_verb: tuple[str, ...]
    body_verb: tuple[str, ...]
    body_run_verb: tuple[str, ...]  # 国家防总 + 部署: a named body's ORG running on into it is the body (body_runs.py, h344)
    body_run_joint: tuple[str, ...]  # 中国五矿 + 与 + 中冶集团: two bodies (h344)
    glued_head: tuple[str, ...]
    latin_described: tuple[str, ...]
    glued_prep: tuple[str, ...]
    role_head: tuple[str, ...]  # 合作方 + 中冶集团: a role word before a name, no part of it (h312)
    committee_end: tuple[str, ...]  # 旅 + 党委: a party committee of a unit it does not name is no name (h312)
    committee_named: tuple[str, ...]  # 中 + 纪委, 中央 + 纪委: a head that names the body all the same (h312)
    team_head: tuple[str, ...]
    team_scope: tuple[str, ...]
    post_body: tuple[str, ...]
    post_after: tuple[str, ...]
    post_generic: tuple[str, ...]
    store_end: tuple[str, ...]
    store_not_head: tuple[str, ...]
    town_end: tuple[str, ...]
    town_after: tuple[str, ...]
    community_end: tuple[str, ...]  # 社区: after a community_after place and 2–3 Han characters a GPE (曙光街道 + 新风社区; h344)
    community_after: tuple[str, ...]  # 街道, 镇, 乡, 区
    community_wide: tuple[str, ...]  # gazetteer kinds (country, province …): 香港 + 社区 is the common noun (h344)
    street_stem: tuple[str, ...]  # 新村: a place + it + a street_end is one street's name (延吉 + 新村街道; h353)
    street_end: tuple[str, ...]  # 街道, 社区
    street_road: tuple[str, ...]  # 路, 中路: a place + it + a house number is a road's name, no place (延吉中路77号; h353)
    short_end: tuple[str, ...]
    village_end: tuple[str, ...]
    locative_abbrev: tuple[str, ...]
    total_after: tuple[str, ...]
    given_cue: tuple[str, ...]
    given_list_joint: tuple[str, ...]
    place_middle: tuple[str, ...]
    translit_lead: tuple[str, ...]
    translit_follow: tuple[str, ...]
    model_gpe: tuple[str, ...]  # 苏联, 汉城: a GPE only where the model finds it (h300)
    model_loc: tuple[str, ...]  # 美洲, 克什米尔: a LOC only where the model finds it (h300)
    mention_before: tuple[str, ...]  # 由 + 周某: glued before a found person's later mention (h335)
    mention_after: tuple[str, ...]  # 周扬青 + 晒: glued after it (h335)
    water_near: tuple[str, ...]  # 支流, 流域: a river's context, no person over a place ending in 江/河 (h319)
    water_end: tuple[str, ...]  # 江, 河, 溪, 湖: a river's or lake's last character (h319)
    basin_tail: tuple[str, ...]  # 流域: a river's or lake's LOC + it is one LOC, 海河流域 (extract/basins.py, h334)
    school_short: tuple[str, ...]  # 中, 小: a place + ordinal + it is a school's short form, 临沂一中 (extract/school_shorts.py, h362)
    school_full: tuple[str, ...]  # 中学, 小学: after 第 + ordinal the whole word is the school's (靖安县第一小学)
    school_not: tuple[str, ...]  # 小区, 中院: a word the short character opens is no school (保定一小区)
    army_numbered: tuple[str, ...]  # 集团军: 第 + numeral + it is a unit (extract/army_units.py, h362)
    army_theatre: tuple[str, ...]  # 北部战区: a theatre command
    army_service: tuple[str, ...]  # 陆军, 空军: a service inside a unit's name (北部战区空军某旅)
    army_head: tuple[str, ...]  # 武警, 卫戍区: a unit's name only with an unnamed unit after it (武警某部)
    army_body_end: tuple[str, ...]  # 总队: an ORG ending so takes an unnamed unit after it (武警湖南总队某部)
    army_anon: tuple[str, ...]  # 某: opens an unnamed unit
    army_unit: tuple[str, ...]  # 旅, 部, 部队: ends an unnamed unit
    army_unit_not: tuple[str, ...]  # 部门, 旅行: a word the unit word opens is no unit (某部门, 某旅行社)
    transit_word: tuple[str, ...]  # 地铁, 公交: a GPE + it acting is its operator, one ORG (extract/transit_operators.py, h373)
    transit_act: tuple[str, ...]  # 回应, 客服: after a GPE + transit_word, shows the operator acting (南京地铁否认)
    transit_before: tuple[str, ...]  # @: before a GPE + transit_word, shows the operator's account (@南京地铁通报)
    region_abbrev: tuple[str, ...]  # 浙, 鲁: a province's short form + a region_direction is a region, LOC (province_regions.py, h376)
    region_direction: tuple[str, ...]  # 西南, 南: 鲁西南, 浙南
    region_tail: tuple[str, ...]  # 地区: 鲁西南地区, one LOC
    region_not_after: tuple[str, ...]  # 路: 川西路 is a street, no region
    region_name_end: tuple[str, ...]  # 园区: 鲁南高科技化工园区, a longer name the region opens


@dataclass(frozen=True)
class JapaneseNames:
    """rules/japanese_names.tsv: Japanese persons' surnames, given-name ends and the words beside them (h342)."""

    surname: tuple[str, ...]
    given_end: tuple[str, ...]
    role: tuple[str, ...]
    after: tuple[str, ...]
    not_after: tuple[str, ...]


@dataclass(frozen=True)
class CompanyWords:
    """rules/company_words.tsv: company short names without a suffix (see the file's header)."""

    industry: tuple[str, ...]
    firm: tuple[str, ...]
    after: tuple[str, ...]
    context: tuple[str, ...]
    legal_form: tuple[str, ...]
    not_head: tuple[str, ...]
    fund_type: tuple[str, ...]
    fund_cue: tuple[str, ...]
    fund_index: tuple[str, ...]  # 中证 + 500 inside a fund's name (h371)
    model_end: tuple[str, ...]
    generic: tuple[str, ...]
    generic_end: tuple[str, ...]
    product_word: tuple[str, ...]
    branch: tuple[str, ...]
    branch_cue: tuple[str, ...]
    branch_firm: tuple[str, ...]
    country_unit: tuple[str, ...]
    country_unit_firm: tuple[str, ...]
    country_unit_after: tuple[str, ...]
    descriptor: tuple[str, ...]  # 初创企业 + 御风未来: a company's descriptor before its name (h356)
    descriptor_end: tuple[str, ...]  # 御风未来 + 昨日 / 宣布: a word that ends such a name
    acting_industry: tuple[str, ...]  # 如祺 + 出行 + 向港交所…: an industry word of an acting company only (h367)
    acting_cue: tuple[str, ...]  # 宝骏汽车 + 公布: a company's verb or role after it (h367)
    acting_not_after: tuple[str, ...]  # 兴业证券发布 + 研究报告: a cited source, no actor (h367)
    acting_day_unit: tuple[str, ...]  # 方块游戏于7 + 月 + 26 + 日 + 宣布: a day between name and verb (h367)


@dataclass(frozen=True)
class DocumentWords:
    """rules/document_words.tsv: layout and metadata words of documents (pxextract.formats)."""

    placeholder: tuple[str, ...]
    page_before: tuple[str, ...]
    page_word: tuple[str, ...]
    page_total: tuple[str, ...]
