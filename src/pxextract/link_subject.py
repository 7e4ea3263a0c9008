"""Whose figure, within its clause (issue #15): the place or body of a figure's clause that is
its subject, else the body a clause refers back to, else the article's subject (given by
:mod:`pxextract.subjects`), with the scope a clause-initial 全市 / 全省 / 全县 sets. The words come
from ``rules/link_cues.tsv`` (subject_preposition, subject_locative, subject_anaphor, scope_*,
list_mark, list_end, owner_*). Used by :class:`pxextract.link.Linker`.

A project's executor named in the text (“8英寸集成电路成套装备”项目由湖南楚微半导体科技有限公司和中国电科48所共同承担) owns the figures of that sentence and of the next few sentences that
speak of the project (项目完成了43台（套）…) when their clauses name no body of their own.

Example:
    >>> from pxextract.rules import load_rules
    >>> from pxextract.spans import Span
    >>> c = ClauseSubjects(load_rules())
    >>> text = "萍乡市与湖南接壤的13个乡镇实现对接。"
    >>> names = [Span(0, 3, "GPE", "萍乡市"), Span(4, 6, "GPE", "湖南")]
    >>> fig = Span(9, 12, "CARDINAL", "13个")
    >>> c.start_article(names + [fig]); c.assign(text, fig, names + [fig], 0, None); fig.attrs["subject"]
    '萍乡市'
"""

from __future__ import annotations

import bisect

import regex

from .body_action import acts_publicly
from .body_county import acting_body, body_cues
from .place_modifier import past_modifier
from .clause_openings import ClauseOpenings
from .clauses import CLAUSE_MARK, LAST_CLAUSE_MARK, SENTENCE_END
from .clause_place import inner_cues, inner_place
from .cut_clause import reopened
from .place_frame import frame_attrs, frame_cues
from .extract.affixes import Affixes
from .firm_clause import firm_anaphor, firm_cues, firm_owns, penalised
from .fined_party import fined_party
from .firm_object import firm_object
from .firm_opener import opening_firm
from .firm_topic import firm_topic
from .launch_site import launch_cues, site_subject
from .rules import LABELS_NUMERIC, Rules
from .sale_platform import sale_cues, sold_on
from .product_market import market_cues, market_maker
from .sentence_firsts import count_in, last_before
from .spans import Span
from .local_rule import local_rule_place
from .market_index import index_name
from .origin_place import origin_place
from .quoted_place import quoted_place
from .world_scope import NATION, WORLD, capital_after, carried_scope, chinese_article, general_figure, market_estimate, nation_words, scope_cues, sentence_scope, spoken_scope, whole_country, world_figure, world_wide

_OWNER_REACH = 40  # characters from the executor's name to its verb (和…共同承担, an aside between)
_OWNER_SENTENCES = 3  # sentences after the statement that may go on about the project
_NAME_REACH = 6  # characters of nouns and names between a place and the facility word its name ends in
_NAME_TAGS = ("n", "j", "a")  # jieba tags of the words a facility's name may hold (商业航天, 十三陵)
_LISTED_NAME = regex.compile(r"\p{Han}{1,4}[（(]\d")  # 上海凤凰(8.820, …), 海港企业(00051): a listed firm's name
_ASIDES = regex.compile(r"[（(][^（）()]{0,30}[)）]")


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (after the last 。！？ or line break before it)."""
    return last_before(text, SENTENCE_END, 0, pos) + 1  # by a bisect (h288); 0 when none


_SERVE_GAP = 4  # characters at most between a body's name and its serve_verb (3周接诊, 成功劝阻)
_CLAUSE_STOP = "，。；！？\n,;:：、"


def serves(text: str, end: int, verbs: tuple[str, ...]) -> bool:
    """Whether the body whose name ends at ``end`` serves a private person or case: a serve_verb of
    rules/link_cues.tsv follows in its clause, at most :data:`_SERVE_GAP` characters on. Its figures
    are that person's or case's, not the body's (issue #15 S4b):

    >>> serves("襄阳市中医医院接诊一位患者", 7, ("接诊",)), serves("南京一医院3周接诊5例", 5, ("接诊",))
    (True, True)
    >>> serves("某医院现有床位，接诊", 3, ("接诊",))
    False
    """
    for k in range(_SERVE_GAP + 1):
        if end + k >= len(text) or k and text[end + k - 1] in _CLAUSE_STOP:
            return False
        if text.startswith(verbs, end + k):
            return True
    return False


def _as_subject(e: Span | None) -> str | None:
    """What a name gives as a subject: itself; news furniture (a dateline's place, an outlet)
    nothing; a public body cited as a source (叙利亚内政部称: attribute ``_source``, set by
    :meth:`pxextract.subjects.Subjects.mark_sources`) the place it is named after."""
    if e is None or "furniture" in e.attrs:
        return None
    return e.attrs.get("_source", e.text)


SCOPE_LEVELS = ("country", "province", "prefecture", "county")  # rules/link_cues.tsv scope_<level>


class ClauseSubjects(ClauseOpenings):
    """The clause-level subject rules over one rules folder; :meth:`start_article` once per
    article (the organisations it names), then :meth:`assign` per figure."""

    def __init__(self, rules: Rules, word_tags: dict[str, str] | None = None, resolver=None):
        self.word_tags = word_tags or {}  # jieba's dictionary tags: does a clause go on with a verb?
        self.prepositions, self.locatives, self.inner_cues = rules.cue("subject_preposition"), rules.cue("subject_locative"), inner_cues(rules)
        self.place_origins = rules.cue("place_origin")  # 来自广东的: an origin, no subject (pxextract.origin_place, h374)
        self.public_bodies = rules.cue("source_end"); self.frame_cues = frame_cues(rules, SCOPE_LEVELS)  # 在顺义区， (pxextract.place_frame)
        self.idle_bodies = self.public_bodies + rules.cue("idle_body_end")  # no topic that goes on (法院, 海关)
        self.topic_switches = rules.cue("topic_switch")  # 该指数, 这是: a clause on another thing ends a body's topic
        self.body_metrics, self.de = rules.cue("body_metric"), rules.cue("de")  # 宁德时代营收…: a body's own measure, as a verb after it (_acts)
        self.place_modifiers = rules.cue("place_modifier")  # 位于…的 before a chain opening its sentence (pxextract.place_modifier)
        self.body_actions = rules.cue("body_action")  # 组织, 开展, 调集: a public body doing the work itself (S1)
        self.serve_verbs = rules.cue("serve_verb")  # 接诊, 劝阻: a body that serves a person goes on as no topic either
        self.unit_ends = rules.cue("unit_body_end")  # 公安分局, 派出所, 交警大队: a district's unit gives the district (h167)
        self.body_cues = body_cues(rules)  # a county's public body acting in the sentence (pxextract.body_county)
        self.firm = firm_cues(rules)  # a firm opening its clause, a fine after 对, 公司 opening a clause (firm_clause)
        self.anaphors, self.anaphor_prefixes = rules.cue("subject_anaphor"), rules.cue("anaphor_prefix")  # 该
        self.place_anaphors, self.place_anaphor_nots = rules.cue("place_anaphor"), rules.cue("place_anaphor_not")
        self._places: list[Span] = []  # the article's places, for 该县 / 该市 before a figure
        self.scopes = tuple((level, rules.cue(f"scope_{level}")) for level in SCOPE_LEVELS)
        self.scopes_country, self.scope_backs = rules.cue("scope_country"), rules.cue("scope_back")  # 我国 opening a sentence carries on to its later clauses (world_scope.sentence_scope); 这【4张】外卡: named before, no nation's
        self.wide = scope_cues(rules)  # 全球 → null, 全国 → 中国, 韩国全境, 首都, a national law's provision (world_scope)
        self.list_marks, self.list_end, self.enum_nouns, self.cut_cues = rules.cue("list_mark"), rules.cue("list_end"), frozenset(rules.numbers.enum_noun + rules.numbers.enum_level), (rules.cue("respectively"), tuple(rules.dates.range_sep), frozenset(rules.cue("time_unit")), rules.names.list_joint)  # (cut_clause)
        self._orgs, self._org_ends, self._parties = [], [], []  # the article's organisations and their ends, and its parties with persons (start_article)
        self.owner_marker, self.owner_verbs = rules.cue("owner_marker"), rules.cue("owner_verb")
        self.owner_topics, self.facility_heads = rules.cue("owner_topic"), rules.cue("facility_head")
        self._keep_names, self._org_names = False, frozenset()  # (a place opening a facility's name may be the subject)
        self.openers, self.market_measures, self.market_targets = rules.cue("topic_opener"), rules.cue("market_measure"), rules.cue("market_target")
        self.openers_at = Affixes(self.openers)  # speed: one look-up per length
        # a place right before one of these heads a body's name (湖南银行, 山西信托, 山西证券): no topic place
        self.body_heads = tuple(rules.entity_suffixes.get("ORG", ())) + rules.companies.industry + rules.cue("place_body_head")
        self.opener_credits = rules.cue("opener_credit")  # 香港海南社团总会供图: no firm opening its sentence (pxextract.firm_opener)
        self.report_verbs, self.topic_clause_ends, self.sale, self.launch = rules.cue("report_verb"), rules.cue("topic_clause_end"), sale_cues(rules), launch_cues(rules)  # 京东自营 (sale_platform), 发射中心 (launch_site)
        self.market = market_cues(rules)  # a product's price in a market (product_market)
        alt = lambda ws: "|".join(map(regex.escape, ws)) or "(?!)"  # noqa: E731
        # after the executor: asides (blanked), another executor joined to it, a joint word, the verb
        self._owner_tail = regex.compile(rf"\0*(?:(?:{alt(rules.cue('owner_link'))})[^，。；！？\n]{{2,24}}?)?"
                                         rf"(?:{alt(rules.cue('owner_joint'))})?(?:{alt(self.owner_verbs)})")
        self._owners: list[tuple[int, int, int, str]] = []  # (from, its sentence's end, to, ORG)
        self._review = False  # a work report or communiqué (start_article)
        self._rules_path, self._resolver = rules.path, resolver  # a chain of places (_chain_head): the pipeline's Resolver, shared

    def start_article(self, spans: list[Span], text: str = "", review: bool = False) -> None:
        """The bodies the text names (not news furniture), for 该公司 / 该企业 before a figure,
        and the projects' executors (…项目由 ORG 承担) with the text they speak for. In a ``review``
        (a work report or communiqué: the government's account of its place) no body goes on as a topic
        (赣南实验室启动运行，…，登记技术合同成交额增长19.5% → the province)."""
        self._review = review
        self._orgs = [s for s in spans if s.label == "ORG" and "furniture" not in s.attrs]
        self._parties = sorted((s for s in spans if s.label in ("ORG", "PERSON") and "furniture" not in s.attrs), key=lambda s: s.start)  # 对其: the party before (h345)
        self._org_ends = [s.end for s in self._orgs]
        self._places = [s for s in spans if s.label == "GPE" and "furniture" not in s.attrs]
        self._org_names = frozenset(s.text for s in self._orgs)  # a facility's or segment's owner (海港企业集团)
        self._owners = []
        for org in self._orgs:
            if not text.endswith(self.owner_marker, max(0, org.start - 2), org.start):
                continue
            after = _ASIDES.sub(lambda m: "\0" * len(m.group()), text[org.end : org.end + _OWNER_REACH])
            if self._owner_tail.match(after):  # （以下简称…）和中国电科48所共同承担
                start = _sentence_start(text, org.start)
                ends = []
                for _ in range(_OWNER_SENTENCES + 1):
                    m = SENTENCE_END.search(text, ends[-1] if ends else org.end)
                    ends.append(m.end() if m else len(text))
                self._owners.append((start, ends[0], ends[-1], org.text))

    def assign(self, text: str, span: Span, sent: list[Span], clause_start: int, article_subject: str | None,
               sentence_start: int | None = None) -> None:
        """Set ``span.attrs["subject"]`` (and ``_scope`` for :mod:`pxextract.subjects`)."""
        # furniture is never a subject; an enumeration total (南昌、赣江新区、九江三地) counts the listed parties: none owns it
        pair = self._pair_item(text, span, sent)  # 门头沟区13人、昌平区10人、【房山区】4人: the item's own name
        total = span.label == "CARDINAL" and (len(span.text) == 2 and span.attrs.get("unit") in self.enum_nouns or any(
            e.end == span.start and e is not pair and text.endswith(self.list_marks, 0, e.start) for e in sent))  # A、B、C3部门
        near, subject = reopened(self, text, span, sent, clause_start, sentence_start, article_subject, self._subject(text, span, sent, clause_start, article_subject, sentence_start, pair, total), pair, total)  # (h338)
        first = clause_start if sentence_start is None else sentence_start
        named = [e for e in sent if e.label in ("GPE", "ORG") and first <= e.start and e.end <= span.start and _as_subject(e)]
        kind = self.opens_name(text, named[-1]) if named else None
        if kind:  # the subject the place of a facility's name gave (海南 of 海南商业航天发射场), and whether it still does
            topic, self._keep_names = span.attrs.pop("_topic", None), True
            old = self._subject(text, span, sent, clause_start, article_subject, sentence_start, pair, total)
            self._keep_names = False
            owner = subject in self._org_names and not any(e.end == named[-1].start and e.text == subject for e in sent)
            if old[1] != subject and old[1] == _as_subject(named[-1]) and not owner:  # (第二松花江扶余站: a river, no owner)
                if kind == "prefix":  # pxextract.subjects keeps the subject found without it only inside it (文昌 in 海南)
                    span.attrs["_name_place"] = old[1]
                else:  # 哈尔滨站, 杭州机场, 上海凤凰(…): named after its own place; only its owner (a body) goes before it
                    near, subject = old
                    topic = span.attrs.get("_topic")
            span.attrs.pop("_topic", None)
            if topic:
                span.attrs["_topic"] = topic
        if not near and subject == article_subject and sentence_start is not None:  # a district's police unit or a county's body acts in the
            span.attrs.update(acting_body(text, span, sent, sentence_start, self.body_cues))  # sentence: pxextract.subjects gives its place (槐荫 in 济南)
        if not near and subject == article_subject:
            scope = self.scope(text, clause_start, span.start, sent) or (
                None if sentence_start is None else self.framed_scope(text, sent, sentence_start, clause_start) or carried_scope(text, span, sent, sentence_start) or spoken_scope(text, span, sent, sentence_start, clause_start, self.wide, self.scope, self._skip_opener)
                or sentence_scope(text, span, sent, sentence_start, clause_start, nation_words(self.wide, article_subject, self._place_resolver().resolve) + self.scopes_country, self.wide.nation_nots, self._skip_opener))  # 我国…，…【44.3万套】 (h317)
            if scope in (None, WORLD, NATION) and not text.endswith(self.scope_backs, 0, span.start) and (scope == NATION or world_figure(text, span, sent, clause_start, nation_words(self.wide, article_subject, self._place_resolver().resolve), self._skip_opener, self.wide.nation_nots)):
                scope = "country" if chinese_article(article_subject, self._places, self._place_resolver().resolve) else None  # 全国 (S6)
            if scope:  # 全市8个县市区… in a district's article: the city's figure (pxextract.subjects climbs there)
                span.attrs["_scope"] = scope
        since = None if near or subject not in self._org_names else market_estimate(text, span, sent, sentence_start, *self.wide.estimate)  # (S6, h270)
        if since is not None or not near and subject in self._org_names and any(w in text[clause_start : span.start] and w not in subject for w in self.market_measures
                                                                                ) and not any(w in text[clause_start : span.end + 3] for w in self.market_targets):
            place = next((e for e in reversed(sent) if e.label == "GPE" and (since or sentence_start or clause_start) <= e.start < span.start), None)
            subject = _as_subject(place) if place else None  # 瑞银…，标普500指数下跌了【4.9%】: a market's figure, no body's (S4b)
        if not near and (world_wide(text, span, sent, clause_start, sentence_start, self.wide, self._skip_opener)
                         or general_figure(text, span, sent, sentence_start, self.wide)):
            subject = local_rule_place(text, span, sentence_start, self.wide.provision_cue, self.wide.local_ends, self.wide.provisions[2], self._place_resolver().resolve)
            # 全球智能手机市场同比下降【10%】 (S6); 《…法》第N条规定，…的，处【五千元】, 不宜超过【2个小时】 (S5): no one's; 《上海市…条例》…: 上海市 (local_rule)
        span.attrs["_inner_place"] = inner_place(text, span, sent, clause_start, self.inner_cues)  # 集中在南安【1户】 (S3)
        if not (span.attrs["_inner_place"] or near or "_scope" in span.attrs or sentence_start is None):  # 在顺义区，…【24小时】 (h330)
            span.attrs.update(frame_attrs(text, span, sent, sentence_start, self.frame_cues, self._skip_opener))
        subject = market_maker(text, span, sent, sentence_start, subject, article_subject, self._org_names, *self.market)  # 在美国起价【999美元】: the maker's (h351)
        span.attrs["subject"] = (subject if near or "_scope" in span.attrs else site_subject(text, span, sent, sentence_start, subject, self.launch)) or None  # null when none (ANNOTATION.md); a site no maker (h272)

    def _subject(self, text: str, span: Span, sent: list[Span], clause_start: int, article_subject: str | None,
                 sentence_start: int | None, pair: Span | None, total: bool) -> tuple[list[Span], str | None]:
        """The places and bodies of the figure's clause that may own it, and its subject (see :meth:`assign`)."""
        if not total and (fined := fined_party(text, span, sentence_start, clause_start, self._parties, self.firm, self.public_bodies, self.wide.penalty[1])):
            return [fined], _as_subject(fined)  # 给予中信银行…衢州分行警告，没收违法所得【9012.39元】; …，并对其处以罚款【20万元】 (pxextract.fined_party)
        near = [] if total else [
            e for e in sent if e.label in ("GPE", "ORG") and clause_start <= e.start and e.end <= span.start
            and _as_subject(e) is not None and (e is pair or self.may_be_subject(text, e, clause_start)) and not sold_on(text, e, span.start, self.sale)
            and not index_name(text, e, self.wide.indexes[0], self.wide.indexes[2])  # 纳斯达克金龙指数: an index, no body (h308)
            and not origin_place(text, e, span, sent, self.place_origins, self.de)  # 来自广东的【47岁】女子 (h374)
            and not quoted_place(text, e, span, sent, self.body_heads + self.public_bodies)]  # 命名为“湘潭星座”的【12颗】: no one's (h363)
        if near and near[-1].label == "GPE":
            near = self._acting_body(text, near, clause_start, sent)
        elif near and (firm := firm_object(text, span.start, near, sent, lambda e: self._opens(text, clause_start, e.start, sent) and self._acts(text, e, sent), *self.firm[:2], self.firm.joins, self.firm.object_measures)):
            near = near[: near.index(firm) + 1]  # 国信集团持有江苏银行普通股【2.92亿股】: the holder's (pxextract.firm_object, h302)
        subject = _as_subject(near[-1]) if near else (
            self.anaphor(text, clause_start, span.start)
            or firm_anaphor(text, clause_start, span.start, self.firm.anaphors, self.firm.anaphor_nots, self._orgs, self.public_bodies)
            or self.owner(text, span) or whole_country(text, span, sent, self.wide.wholes, self._place_resolver().resolve)
            or (None if total or sentence_start is None else self.topic(text, sent, sentence_start, clause_start, span)
                or firm_topic(text, sent, sentence_start, clause_start, span, self.firm, lambda e, at: self._opens(text, at, e.start, sent) and self._acts(text, e, sent), self.topic_clause_ends)  # h339
                or _as_subject(opening_firm(  # 中国电建集团驰援静海区，…集结【200余人】 (h340)
                    text, sent, sentence_start, clause_start, span, lambda at, e: self._opens(text, at, e.start, sent), lambda e: self._acts(text, e, sent), self.firm.sources + self.opener_credits, self.topic_clause_ends, self.firm.joins)))
            or article_subject)
        return near, subject

    def _pair_item(self, text: str, span: Span, sent: list[Span]) -> Span | None:
        """The place or body written right before the figure that opens an item of a list of name–figure
        pairs (the item before the list mark ends with a figure): 门头沟区13人、昌平区10人、房山区【4人】 →
        房山区. Such a name is no enumerated party (A、B、C3部门) but the figure's own."""
        e = next((e for e in sent if e.end == span.start and e.label in ("GPE", "ORG")), None)
        mark = e and next((m for m in self.list_marks if text.endswith(m, 0, e.start)), None)
        if not mark or not any(f.label in LABELS_NUMERIC and f.end == e.start - len(mark) for f in sent):
            return None
        return e

    def _acting_body(self, text: str, near: list[Span], clause_start: int, sent: list[Span]) -> list[Span]:
        """``near`` up to the organisation that opens the figure's clause (after topic_opener words
        and dates at most) when a locative (subject_locative: 在, 于) stands between it and the
        clause's last place: the place is where the body acts, the figure the body's (英特尔计划在
        美国加州三个办公园区…; 蓝天救援队在房山区佛子庄乡白草洼村…有4人落水; 京东集团在非美国通用会计准则下…
        净利润86亿元). ``near`` itself otherwise. A place right after an organisation's 的 is a modifier of a noun,
        the organisation's (迪拜商会的中国企业会员达到【6000家】 → 迪拜商会; h178), unless the organisation's name holds that
        place (高雄市妇女会…带队的高雄青年妇女交流团: the place's own group)."""
        if any(e.label == "ORG" and text.startswith(self.de, e.end) and e.end + 1 == near[-1].start and near[-1].text not in e.text
               for e in near):
            return near[:-1]
        body = next((e for e in near if e.label == "ORG" and self._opens(text, clause_start, e.start, sent)), None)
        if body is not None and firm_owns(text, body.start, body.end, near[-1].start, self.firm.ends, self.firm.sources, body.text) and self._acts(
                text, body, sent) and not any(p.label == "PERSON" and body.end <= p.start < near[-1].start for p in sent):
            return near[: near.index(body) + 1]  # 厦门松霖集团捐赠永州一中【1000万元】: the firm's (pxextract.firm_clause, h192)
        if body is None or not any(w in text[body.end : near[-1].start] for w in self.locatives):
            return near
        return near[: near.index(body) + 1]

    def topic(self, text: str, sent: list[Span], sentence_start: int, clause_start: int, figure: Span | None = None) -> str | None:
        """The place or body that opens an earlier clause of the figure's sentence (after a time
        expression or a connective at most: topic_opener) and goes on as the subject of every later
        clause up to the figure's (each opens with a verb, an adverb or a preposition in jieba's
        dictionary), for a figure whose own clause names none: 今年以来，市南法院执结案件30次，扣押车辆
        18辆 → 市南法院. Not when that clause names a second body (蒙西煤矿扩能改造、顺兴煤矿…), nor past a
        clause with a topic of its own (…，单位GDP能耗累计下降16%)."""
        if not self.word_tags:
            return None
        candidates = [e for e in sent if sentence_start <= e.start < clause_start and e.label in ("GPE", "ORG")]
        for i in range(len(candidates) - 1, -1, -1):
            e = candidates[i]
            head = self._chain_head(e, sent, text)  # 四川省泸州市【古蔺县】出现…: the chain opens the clause, its last place is the topic
            m = LAST_CLAUSE_MARK.search(text, sentence_start, head.start)
            opening = past_modifier(text, m.end() if m else sentence_start, e, head.start, self.place_modifiers, self.de, self.word_tags)  # 位于…的合水县组织
            if not self._opens(text, opening, head.start, sent):
                continue
            end = CLAUSE_MARK.search(text, e.end, clause_start)
            if any(c is not e and not head.start <= c.start < e.start and opening <= c.start < (end.start() if end else clause_start)
                   and not text.endswith(self.prepositions + self.locatives, opening, c.start) for c in candidates):
                return None  # two bodies open it: whose the later figures are is not said (an object after 为/与/对 …, a place after 在/于 where the body acts: AMD在印度…, is none)
            marks = [m.end() for m in CLAUSE_MARK.finditer(text, e.end, clause_start)]
            if clause_start > 0 and CLAUSE_MARK.match(text, clause_start - 1):  # not after a list mark or a figure
                marks.append(clause_start)
            if not self.may_be_subject(text, e, opening) or figure is not None and sold_on(text, e, figure.start, self.sale):
                return None  # (今日天猫旗舰店下单，券后仅需【23.9元】: the platform is no topic of its product's price, h242)
            if all(self._continues(text, at, sent) for at in marks) and not (self._review and e.label == "ORG" and marks):
                return _as_subject(e)  # in a review a body goes on as no topic (江西农商联合银行挂牌开业，新增上市公司6家 → 江西省)
            if (e.label == "GPE" or self._acts(text, e, sent)) and self._place_goes_on(
                    text, e, end.start() if end else clause_start, candidates, sent, figure):
                if figure is not None and e.label == "GPE":  # (pxextract.subjects writes it as the article does when it is the article's place)
                    figure.attrs["_topic"] = True
                return _as_subject(e)  # a place, or a body that acts, goes on as the topic past a clause that opens with a noun
            return None
        return None

    def _chain_head(self, e: Span, sent: list[Span], text: str = "") -> Span:
        """The first place of the chain of places written straight before the place ``e``, each inside the one before
        (四川省泸州市古蔺县, 屏东县满州乡, 美国夏威夷州, 俄罗斯莫斯科, 美国得克萨斯州休斯敦; 韩国首都首尔: capital_link): the chain names one place, its last (issue #15 S3); ``e`` itself
        otherwise (平顶山市永安应急救援队: 永安 lies in Fujian; 北京市门头沟区清水镇北京卫戍区: 北京 is no part of 清水镇)."""
        head = e
        while head.label == "GPE" and (prev := next((p for p in sent if p.label == "GPE" and capital_after(text, p, head, self.wide.capitals)), None)) is not None:
            head = prev
        places = self._place_resolver()
        chain = [p for p in sorted(sent, key=lambda p: p.start) if p.label == "GPE" and head.start <= p.start and p.end <= e.end]
        found = [places.resolve(p.text) for p in chain[:1]]
        for p in chain[1:]:
            outer = found[-1]
            inner = places.resolve(p.text, outer.province_code if outer is not None else None)
            if inner is not None:
                ok = outer is not None and outer.key != inner.key and (outer.key in {q.key for q in inner.parents} or (
                    outer.level == "country" and outer.key == "CN" and inner.code.isdigit()) or (  # 中国太原
                    outer.level == "region" and inner.level == "city" and outer.code == inner.code))  # 美国得克萨斯州休斯敦: one country's
            elif found[0] is not None and found[0].level == "country" and found[0].key != "CN" or outer is not None and outer.level == "country":
                ok = True  # a foreign region or town no gazetteer holds (美国夏威夷州, 墨西哥哈利斯科州瓜达拉哈拉; 中国辽东半岛)
            else:  # a town, street or village below a county or prefecture (屏东县满州乡, 兴山县榛子乡)
                ok = p.text.endswith(places.local_suffixes) and (outer is None or outer.level in ("prefecture", "county", "zone"))
            if not ok:
                return e
            found.append(inner)
        return head

    def _place_resolver(self):
        """The gazetteer's places (:class:`pxextract.resolve.places.PlaceResolver`): the pipeline's resolver's, shared
        with the subjects step, else one built on first use."""
        if self._resolver is None:
            from .resolve import Resolver
            self._resolver = Resolver(self._rules_path)
        return self._resolver.places

    def _acts(self, text: str, e: Span, sent: list[Span]) -> bool:
        """Whether the organisation ``e`` is the subject of a verb right after it (dates and topic_opener words
        at most between) and no public body (source_end, idle_body_end: a body that publishes, tries or investigates others' figures)
        unless an action verb follows its name (body_action: 北辰区卫健委协调…, 环翠区市场监督管理局组织…; :mod:`pxextract.body_action`)
        nor a body that serves a person (serve_verb: 襄阳市中医医院接诊一位患者，…):
        a company or body that signs, sells, earns or loses, whose figures the later clauses of its sentence give
        (宁德时代近日签署采购合同，合同金额【3.5亿元】 → 宁德时代; issue #15 S1). A measure it reports of itself right
        after its name (body_metric, 的 at most between) acts the same (宁德时代营收达到488亿美元，较上年增长【141%】)."""
        dates = tuple((d.start, d.end) for d in sent if d.label == "DATE")
        return (e.label == "ORG" and not self._review and (not e.text.endswith(self.idle_bodies) or acts_publicly(
                    text, e.end, self.body_actions, self.openers, dates))
                and not serves(text, e.end, self.serve_verbs) and (self._continues(text, e.end, sent) or text.startswith(
                    self.body_metrics, e.end + text.startswith(self.de, e.end))))

    def _place_goes_on(self, text: str, e: Span, end: int, candidates: list[Span], sent: list[Span], figure: Span | None) -> bool:
        """Whether the place ``e`` that opens an earlier clause (ending at ``end``) of a figure's sentence is the
        topic of the later clauses also where they open with a noun (广东省共有2家企业获得注册，另有2家企业的【3款】
        产品…; 中国制造业实际利用外资…，其中高技术制造业…增长【28.8%】): a place's parts and figures are its own.
        A body that acts (:meth:`_acts`) goes on the same way, unless a person is named between it and the figure.
        Not a place heading a body's name (湖南银行, 山西证券: place_body_head and the ORG suffixes), nor one inside
        brackets, nor the speaker of a report (俄罗斯派驻当地的官员说，) or the subject of a time clause (法国暂停对尼援助后，:
        topic_clause_end), nor an item of a list of places and figures (莱州市10.8毫米，开发区40.0毫米), nor when another place
        or body is named between it and the figure or in the figure's clause after it (另外【2枚】则分属伊朗与马来西亚)."""
        a = _sentence_start(text, e.start)  # the brackets open before it in its sentence, counted by a bisect (h288)
        if text.startswith(self.body_heads, e.end) or sum(count_in(text, c, a, e.start) for c in "（(") > sum(count_in(text, c, a, e.start) for c in "）)"):
            return False
        if text.endswith(self.report_verbs + self.topic_clause_ends, e.end, end):
            return False
        if any(c is not e and e.end <= c.start for c in candidates):
            return False
        if any(f.start == e.end and f.label in LABELS_NUMERIC and CLAUSE_MARK.match(text, f.end) for f in sent):
            return False  # 莱州市10.8毫米，开发区40.0毫米: an item of a list of places and their figures
        if figure is not None and e.label == "ORG" and any(p.label == "PERSON" and e.end <= p.start < figure.start for p in sent):
            return False  # 某证券持股…，张三持股…，占流通股比例【0.18%】: a person named after the body may own it
        if figure is not None and e.label == "ORG" and self._switches(text, e.end, figure.start) and not self._continues(text, e.end, sent):
            return False  # 英伟达股价下跌3.6%，拖累半导体指数下跌2.3%，这是该指数…【九个】交易日: 该指数 is another thing
        if figure is not None:
            stop = min((m.start() for m in (CLAUSE_MARK.search(text, figure.end), SENTENCE_END.search(text, figure.end)) if m), default=len(text))
            if any(c.label in ("GPE", "ORG") and figure.end <= c.start < stop for c in sent):
                return False
        return True

    def owner(self, text: str, span: Span) -> str | None:
        """The executor a project statement names (…项目由 ORG 承担), for a figure in that
        sentence, or in one of the next :data:`_OWNER_SENTENCES` that opens with the project
        (owner_topic: 项目完成了43台（套）…); the latest statement before the figure wins."""
        for start, first_end, end, org in reversed(self._owners):
            if start <= span.start < end:
                if span.start < first_end:
                    return org
                opening = _sentence_start(text, span.start)
                return org if text[opening:span.start].lstrip().startswith(self.owner_topics) else None
        return None

    def anaphor(self, text: str, clause_start: int, start: int) -> str | None:
        """The body a clause refers back to (该公司, 这家企业 …: subject_anaphor) before its figure:
        the last organisation the text names before it (该企业上半年营收30亿元 after 日照银行… → 日照银行).
        When that is a public body (source_end: 局, 厅, 协会 …), the last whose name ends in the
        anaphor's body word (该协会 → …协会), else the last that is no public body (该企业…捐款300万元
        after a firm and the 退役军人事务局 it signed with)."""
        head = text[clause_start:start]
        found = max(((head.find(a), a) for a in self.anaphors if a in head), default=None)
        if found is None:
            return self.place_anaphor(text, clause_start, start)
        at, word = found
        i = bisect.bisect_right(self._org_ends, clause_start + at) - 1
        if i < 0:
            return None
        kind = next((word[len(p):] for p in self.anaphor_prefixes if word.startswith(p)), "")  # 公司, 协会 …
        before = self._orgs[i::-1]
        if not before[0].text.endswith(self.public_bodies):
            return before[0].text
        best = next((o for o in before if kind and o.text.endswith(kind)), None) or next(
            (o for o in before if not o.text.endswith(self.public_bodies)), before[0])
        return best.text

    def place_anaphor(self, text: str, clause_start: int, start: int) -> str | None:
        """The place a clause refers back to (该县, 该市 …: place_anaphor, not 该市场, 该县委: place_anaphor_not) before
        its figure: the last place the text names before it whose name ends in the anaphor's place word (涞源县…该县共出动
        执法人员【120余人】 → 涞源县; 旧金山市…同时该市正面临着两年【7.8亿美元】 → 旧金山市), else None."""
        for at in range(start - 2, clause_start - 1, -1):
            word = text[at : at + 2]
            if word in self.place_anaphors and not text.startswith(self.place_anaphor_nots, at + 1):
                kind = word[-1]
                return next((p.text for p in reversed(self._places) if p.end <= at and p.text.endswith(kind)), None)
        return None

    def may_be_subject(self, text: str, e: Span, clause_start: int) -> bool:
        """Whether a place or body in a figure's clause can be its subject: not an item of an
        enumeration the figure counts (江口村等73个, 中南大学、西安交通大学等21家) and not the object
        of a preposition inside the clause (与湖南接壤的13个乡镇; 特斯拉在新西兰…5辆); a
        clause-initial preposition keeps its place (在萍乡经开区新增企业5家), a body 对 fines its own (firm_clause.penalised)."""
        if text.startswith(self.list_marks + self.list_end, e.end) or text.endswith(self.list_marks, clause_start, e.start):
            return False
        if text.endswith(self.prepositions, clause_start, e.start) and not penalised(text, e, self.firm.penalty_markers, self.firm.penalty_words) or not self._keep_names and self.opens_name(text, e):
            return False
        return not any(text.endswith(p, clause_start, e.start) and e.start - len(p) > clause_start
                       for p in self.locatives)

    def opens_name(self, text: str, e: Span) -> str | None:
        """Whether the place ``e`` only opens the name of a facility or a business segment: nouns and names of
        jieba's dictionary (or unknown characters) for at most :data:`_NAME_REACH` characters, then a facility_head
        word that is the longest dictionary word there (海南【商业航天】发射场, 北京十三陵水库, 香港酒店收入, 海北站),
        or a listed firm's name before its stock code or price (上海凤凰(8.820, …)): "prefix" when name words
        stand between (海南商业航天发射场), "head" when the facility word follows it (哈尔滨站, 香港酒店), "listed", else None. The facility's own place or owner
        is the subject of its figures, not the place of its name (§6 Attributes): the figure takes the subject it would
        take without it, and the name's place as ``_name_place``, which :meth:`pxextract.subjects.Subjects.annotate` gives
        back unless that subject lies inside it (文昌 in 海南) or is no place (the owner)."""
        if e.label != "GPE":
            return None
        if _LISTED_NAME.match(text, e.end):
            return "listed"
        at = e.end
        while at <= e.end + _NAME_REACH and at < len(text):
            size = next((k for k in range(4, 0, -1) if text[at : at + k] in self.word_tags), 0)
            head = next((h for h in self.facility_heads if text.startswith(h, at)), None)
            if head is not None and len(head) >= size:
                return "prefix" if at > e.end else "head"
            if size == 0 and not regex.match(r"\p{Han}", text[at]):
                return None
            if size and not self.word_tags[text[at : at + size]].startswith(_NAME_TAGS):
                return None
            at += max(size, 1)
        return None

