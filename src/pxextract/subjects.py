"""Whose figure, of what (issue #15): the article's own subject, and the canonical forms of each
figure's subject, metric and unit, added to the linked spans.

The linker gives each figure the nearest place or organisation of its clause, else the article's
subject (:func:`Subjects.article_subject`). This module decides the article's subject — from the
issuing body or the place the title names, else the headline or lead, else the place the article
names most; never a dateline, a byline or a photo caption's zone by length alone — and then adds
the canonical attributes the fact database keys its series on:

* ``subject_canonical`` / ``subject_id``: a place's canonical name and key (a GB/T 2260 code,
  ``CN`` for a country, ``360300/萍乡经济技术开发区`` for a zone), or an organisation's
  representative full name in the article and ``org:<normalized key>``;
* ``metric_id`` (``rules/metrics.tsv``; None when the metric is no indicator of the list);
* ``unit_canonical`` (``rules/unit_canon.tsv``: 公里 and 千米 share ``km``).

Example:
    >>> from pxextract.spans import Span
    >>> s = Subjects()
    >>> names = [Span(0, 7, "GPE", "萍乡经济开发区"), Span(20, 23, "GPE", "萍乡市")]
    >>> s.article_subject({"title": "萍乡 高质量发展"}, "", names)
    '萍乡市'
    >>> fig = Span(30, 36, "MONEY", "82.32亿元", {"subject": "萍乡", "metric": "地区生产总值增长", "unit": "元"})
    >>> s.annotate([fig], names, "萍乡市")
    >>> fig.attrs["subject_canonical"], fig.attrs["subject_id"], fig.attrs["metric_id"]
    ('萍乡市', '360300', 'gdp')
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import regex

from .brand_words import load_brand_words
from .resolve import Resolver, loader as _loader
from .resolve.orgs import WORD_KINDS as ORG_WORD_KINDS
from .lead_country import lead_country
from .lead_town import acting_places, lead_subject
from .lead_village import body_town, chain_scope
from .lead_unit import lead_unit
from .list_chain import before_list
from .name_opener import story_places, street_of
from .rules import LABELS_NUMERIC
from .spans import Span
from .title_names import org_only
from .town_body import town_of_body
from .place_frame import chinese_inside
from .quoted_place import quoted_lead
from .unit_forms import unit_of
from .county_city import named_below, own_city_scope, zone_in
from .municipal_scope import municipality
from .furniture_names import mark_captions, mark_titles
from .source_marks import CHINA, lead_end as _lead_end, mark_sources

_LONGEST_PLACE = 16  # the longest place name looked up in a line or a body's name
_SPECIFIC_CHARS = 300  # where a more specific place of the story is looked for (the first paragraph)
_NUMERIC = frozenset(LABELS_NUMERIC)
_STOCK_CODE = regex.compile(r"[（(]\d")  # 木林森（002745）, 农发种业(9.71, …): a listed company, its code or price


def _longest_at(line: str, i: int, test) -> int | None:
    """The end of the longest name (at most :data:`_LONGEST_PLACE` characters, not ending in a
    space) that starts at ``i`` and passes ``test``, or None."""
    for j in range(min(len(line), i + _LONGEST_PLACE), i + 1, -1):
        if not line[j - 1].isspace() and test(line[i:j]):
            return j
    return None


class Subjects:
    """Article subjects and canonical attributes over one rules folder (tables loaded once)."""

    def __init__(self, rules_dir: str | Path | None = None, resolver: Resolver | None = None):
        self.resolver = resolver or Resolver(rules_dir)
        _, rows = _loader.table(self.resolver.rules_dir, _loader.ISSUERS)
        self.issuers = {r["body"]: r["place"] for _, r in rows}
        org_words = _loader.words(self.resolver.rules_dir, _loader.ORG_WORDS, ORG_WORD_KINDS)
        self.company_ends, self.expert_ends = tuple(org_words["company"]), tuple(org_words["expert"])
        _, rows = _loader.table(self.resolver.rules_dir, _loader.ORG_GAZETTEER)
        self.companies = frozenset(r["name"] for _, r in rows if r["kind"] == "company")  # 华为, 微软

    # -- the article's own subject -------------------------------------------------------------

    def place_in(self, line: str, orgs: tuple[str, ...] = ()) -> str | None:
        """The first place a title or source line names (the longest name at the earliest
        position), or the place of a national body it names: ``2012年海拉尔区人民政府工作报告``
        → ``海拉尔区``; ``2024年国务院政府工作报告`` → ``中国``. A place inside one of ``orgs`` (the
        article's organisations) after its first character is none of its: ``视觉中国向摄影师索赔`` →
        None (海拉尔区 opening 海拉尔区人民政府 still names the place)."""
        inside = [False] * len(line := line or "")
        for org in orgs:
            i = line.find(org) if org else -1
            while i >= 0:
                inside[i + 1:i + len(org)] = [True] * (len(org) - 1)
                i = line.find(org, i + len(org))
        best: tuple[int, int, str] | None = None
        for body, place in self.issuers.items():
            i = line.find(body)
            if i >= 0:
                best = min(best or (i, -len(body), place), (i, -len(body), place))
        places = self.resolver.places
        for i in range(len(line)):
            if best is not None and i > best[0]:
                break
            if line[i].isspace() or not places.may_start(line, i):  # (no place can start here)
                continue
            j = _longest_at(line, i, lambda name: places.resolve(name) is not None)
            if j is not None and not all(inside[i:j]):
                cand = (i, -(j - i), line[i:j])
                best = min(best or cand, cand)
        return best[2] if best else None

    def mark_sources(self, text: str, names: list[Span], rules) -> None:
        """Mark cited sources and the lead's public bodies with ``_source`` / ``_place`` / ``_cited``
        (:func:`pxextract.source_marks.mark_sources`: 据陕西省水利厅统计 → 陕西省)."""
        mark_sources(self, text, names, rules)

    def is_company(self, text: str, s: Span) -> bool:
        """Whether the name ``s`` is a company's (the company gazetteer, 公司 / 集团, or a stock code or
        price after it: 木林森（002745）)."""
        return s.text in self.companies or s.text.endswith(self.company_ends) or bool(_STOCK_CODE.match(text, s.end))

    # the names of a photo caption or a title: news furniture (pxextract.furniture_names)
    mark_captions, mark_titles = staticmethod(mark_captions), staticmethod(mark_titles)

    def body_place(self, name: str) -> str | None:
        """The place a public body is named after: the places its name starts with, each inside the
        one before, also past a body word (山东青岛市公安局城阳分局 → 城阳: the district's branch), or an
        issuing body's place (公安部 → 中国); None when it names none.

        >>> s = Subjects(); s.body_place("江西省萍乡市统计局"), s.body_place("萍乡市公安局湘东分局"), s.body_place("水利部")
        ('江西省萍乡市', '湘东', '中国')
        """
        place = self.place_in(name)
        if not place or not (name.startswith(place) or place in self.issuers.values()):
            return None
        if name.startswith(place) and name[len(place):].startswith((places := self.resolver.places).local_suffixes + places.street_words):
            return None  # 石泉路街道团工委: a street's body (and 石泉 a county elsewhere)
        rest, outer = name[len(place):] if name.startswith(place) else "", self.resolver.place(place)
        while rest and outer is not None:
            found = self._place_inside(rest, outer)
            if found is None or rest.startswith(self.resolver.places.street_words, found[1]):
                break
            place, outer, rest = rest[found[0] : found[1]], found[2], rest[found[1] :]
        return zone_in(rest, outer, self.resolver) or place  # 襄阳市公安局高新区分局 → its zone (county_city)

    def _place_inside(self, text: str, outer):
        """(start, end, place) of the first place written in ``text`` that lies inside ``outer``
        (read in its province: 城阳 in 青岛市's), or None."""
        r = self.resolver

        def inside(name: str) -> bool:
            inner = r.place(name, outer.province_code)
            return inner is not None and outer.key in {p.key for p in inner.parents}

        for i in range(len(text)):
            j = _longest_at(text, i, inside) if r.places.may_start(text, i) else None
            if j is not None:
                return i, j, r.place(text[i:j], outer.province_code)
        return None

    def article_subject(self, meta: dict, text: str, names: list[Span], rules=None) -> str | None:
        """The article's default subject, in the fullest form the article writes for it.

        In order: the place the title names (or its issuing body: 国务院 → 中国), the place the
        source names, the first place or body of the headline or lead (first line, first
        :data:`pxextract.source_marks.LEAD_CHARS` characters: a company in company news), the place the article names
        most often, else (no place at all) the company it names most often, twice at least (苹果公司
        for the iPhone's figures), else the place its public bodies are named after (崇川法院 → 崇川).
        News furniture (a dateline's place, an outlet, a byline) never counts.
        """
        gpes = [s for s in names if s.label == "GPE" and "furniture" not in s.attrs]
        # first-mention order: ties break the same in every process
        orgs = tuple(dict.fromkeys(s.text for s in names if s.label == "ORG" and "furniture" not in s.attrs))
        main: str | None = self.place_in(str(meta.get("title") or ""), orgs) or self.place_in(str(meta.get("source") or ""))
        if main is None and (gpes or names):
            begin = len(text) - len(text.lstrip())
            lead_end = _lead_end(text)
            # the headline's or lead's first place or body: in company news the company (特斯拉)
            # a public body gives the place it is named after (叙利亚内政部称 → 叙利亚; 海南省新闻办公室 → 海南省)
            lead = [s for s in names if s.label in ("GPE", "ORG") and "furniture" not in s.attrs and s.start < lead_end]
            lead = [s for s in lead if not quoted_lead(text, s, lead, names, rules.cue("report_marker") if rules else ())]  # 曾以“公交游中国”引起关注: none (h364)
            while len(lead) > 1 and ("_cited" in lead[0].attrs or "_passing" in lead[0].attrs):
                lead.pop(0)  # 据日本共同社1日报道，…日本新发10年期国债…: the source cited first is no subject; what follows is
            if lead and "_data" in lead[0].attrs:
                lead = []  # only sources of data in the lead (世界黄金协会…报告显示，全球黄金需求…): the figures are no body's
            elif lead:
                main = lead[0].attrs.get("_place", lead[0].text)
                main = body_town(lead[0], main, self.resolver) or main  # 平谷区金海湖镇纪委围绕… → 金海湖镇 (pxextract.lead_village, h357)
                if "_source" in lead[0].attrs and len(lead) > 1 and "_place" in lead[1].attrs and not regex.search(
                        r"[。！？\n]", text[lead[0].end : lead[1].start]) and self._inside(lead[1].attrs["_place"], main):
                    # 从宜昌市公安局获悉，长阳土家族自治县公安局破获…: the acting body's county (#15 S3)
                    main = lead[1].attrs["_place"]
                if lead[0].label == "GPE":
                    first = (within := self.written_within(lead[0], gpes)).text  # 山东梁山县: the story's own, most specific place (else one of a body acting in the lead: 霍邱县公安局)
                    main = street_of(text, within, gpes, heads := rules.cue("name_place_head") if rules else (), streets := rules.cue("name_street_head") if rules else ()) or self.most_specific(first, story_places(text, gpes, begin + _SPECIFIC_CHARS, heads + streets))  # not 浦东机场's (h346)
                    main = self.most_specific(first, acting_places(text, lead)) if main == first else main
                    main = main if (outer := before_list(text, lead[0], within, gpes)) is within else outer.text  # 黑龙江省阿城、尚志… (h343)
                    main = lead_unit(text, lead, names, *map(rules.cue, ("unit_body_end", "topic_opener")), self.body_place, rules.cue("report_marker") + rules.cue("owner_marker"), rules.cue("report_verb")) or main if rules else main  # 云南泸水：上江边境派出所开展… (h369)
            elif rules is not None and lead_country(text, lead_end, *map(rules.cue, ("lead_country", "lead_country_not", "lead_country_open"))):
                main = self.resolver.places.division(CHINA).name  # 原标题：国内油价…: the lead's own 国内/我国 (pxextract.lead_country, h281)
            elif gpes:
                counts = Counter(s.text for s in gpes)
                main = max(counts, key=lambda g: (counts[g], len(g)))
            elif (counts := Counter(s.text for s in names if s.label == "ORG" and "furniture" not in s.attrs
                                    and (s.text in self.companies or s.text.endswith(self.company_ends)))) and max(counts.values()) >= 2:
                # no place at all: the company the article names most often, twice at least (product
                # news: 英伟达 … RTX 4090; annotation §6 Attributes, funds and products), never a court or police;
                # a company named once leaves the next fallback (西双版纳亚洲象保护协会 and 伊利 once → 西双版纳)
                main = max(counts, key=lambda g: (counts[g], len(g)))
            elif (counts := self._public_places(bodies := dict(zip(orgs, map(self.body_place, orgs))))):
                # no place written alone: the place its public bodies are named after (崇川法院 → 崇川), never
                # a hospital's or university's (南京市中医院's doctor on an illness: a general statement), nor a
                # company's country (中国农业银行股份有限公司 among a listed firm's shareholders;
                # 上海龙泽汽车服务有限公司 gives 上海)
                main = max(counts, key=lambda g: (counts[g], len(g)))  # a company's place: twice at least
                main = main if counts[main] >= 2 or any(bodies[o] == main for o in orgs if not o.endswith(self.company_ends)) else None
            if rules is not None:
                # 重庆沙坪坝区警方…: the lead's one place inside; 湖南省双峰县花门镇…: its town (pxextract.lead_town,
                # #15 S3); 联想…开启预售: the maker, a company or a body named after no place (#15 S2)
                def maker(o: str) -> bool:
                    return o in self.companies or o.endswith(self.company_ends) or self.body_place(o) is None

                main = lead_subject(text, names, main, lead_end, self.resolver, rules, maker,
                                    lambda s: self.is_company(text, s))
        if main is None:
            return None
        # a county's short form read after its city carries its full name (上海长宁 → 长宁区: DistrictShortForms)
        main = next((s.attrs["_place"] for s in gpes if s.text == main and "_place" in s.attrs), main)
        # a place's forms are places (劳店镇 too), never 海拉尔区人民政府 or 华漕镇党群服务中心
        label = "GPE" if (self.resolver.place(main) is not None or main.endswith(self.resolver.places.local_suffixes)
                          or any(s.text == main for s in gpes)) else "ORG"  # 巴黎 (no division of ours): not 巴黎检察官办公室
        return self.fullest_form(main, [s.text for s in names if s.label == label and "furniture" not in s.attrs])

    def _public_places(self, bodies: dict[str, str | None]) -> Counter:
        """How many of the article's bodies (name → :meth:`body_place`) are named after each place,
        leaving out hospitals and universities (``expert`` words) and a company's country."""
        return Counter(p for o, p in bodies.items() if p and not o.endswith(self.expert_ends)
                       and not (o.endswith(self.company_ends) and getattr(self.resolver.place(p), "level", "") == "country"))

    def written_within(self, place: Span, gpes: list[Span]) -> Span:
        """The last place of the chain written straight after ``place`` that lies inside it: a
        division the gazetteer puts there (山东省阳信县), then towns, streets and villages no gazetteer
        holds, below a Chinese prefecture or county (阳信县劳店镇, 朝阳区八里庄街道, 怀柔镇王化村). Two
        countries side by side (俄罗斯中国…) are no chain.

        >>> a, b = Span(0, 3, "GPE", "阳信县"), Span(3, 6, "GPE", "劳店镇")
        >>> Subjects().written_within(a, [a, b]).text
        '劳店镇'
        """
        r = self.resolver
        ends = {s.start: s for s in gpes}
        outer = r.place(place.text)
        below_county = False  # the chain has reached a town, street or village
        while (nxt := ends.get(place.end)) is not None:
            inner = r.place(nxt.text, outer.province_code if outer is not None else None)
            if inner is not None:
                if outer is None or outer.key not in {p.key for p in inner.parents}:
                    break
            elif not nxt.text.endswith(r.places.local_suffixes) or not (below_county or (
                    outer is not None and outer.code.isdigit() and outer.level in ("prefecture", "county", "zone"))):
                break
            below_county = inner is None
            place, outer = nxt, inner
        return place

    def most_specific(self, name: str, later: list[str]) -> str:
        """The place of ``later`` inside the place ``name`` (its division chain leads there) that
        holds most of ``later``'s mentions of places inside ``name`` (itself or places inside it),
        repeatedly: 山东 then 梁山县 → 梁山县; 吉林省 then 舒兰市 → 舒兰市; 山东 then 淄博 once and 临沂,
        临沂费县 twice → 费县 (the story's county, not a place it is compared with). ``name`` itself when
        none lies inside or none holds most (河北 then 张家口, 保定, 廊坊: the province's weather).

        >>> Subjects().most_specific("江西", ["萍乡市", "芦溪县", "湖南"])
        '芦溪县'
        >>> Subjects().most_specific("山东", ["淄博", "临沂", "费县", "临沂", "费县"])
        '费县'
        """
        r = self.resolver
        place = r.place(name)
        if place is None:
            return name
        inside = [(w, p, {q.key for q in p.parents}) for w in later
                  if (p := r.place(w, place.province_code)) is not None and place.key in {q.key for q in p.parents}]
        while True:
            below = [c for c in inside if place.key in c[2]]
            if not below:
                return name
            # each candidate's weight: its own mentions and those of the places inside it
            weight = {c[1].key: sum(1 for d in below if d[1].key == c[1].key or c[1].key in d[2]) for c in below}
            best = max(below, key=lambda c: (weight[c[1].key], -below.index(c)))
            if 2 * weight[best[1].key] <= len(below) or weight[best[1].key] < 2 and not best[1].code.isdigit():
                # no place inside holds most of the mentions: a story of the whole (河北 then 张家口, 保定,
                # 廊坊 …); a foreign city named once is a scene (日本 … 东京)
                return name
            name, place, _ = best

    def _within(self, subject: str, place: str, province: str | None) -> bool:
        """Whether ``subject`` is a place lying inside (or being) the place ``place`` a facility's name opens with:
        文昌 in 海南 (海南商业航天发射场) yes; 第二松花江, or a village of no gazetteer, no."""
        r = self.resolver
        inner, outer = r.place(subject, province), r.place(place, province)
        return inner is not None and outer is not None and outer.key in {p.key for p in (inner,) + tuple(inner.parents)}

    def _inside(self, name: str, outer_name: str) -> bool:
        """Whether the place ``name`` lies strictly inside the place ``outer_name`` (长阳土家族自治县 in 湖北省宜昌市)."""
        outer = self.resolver.place(outer_name)
        inner = self.resolver.place(name, outer.province_code) if outer is not None else None
        return inner is not None and inner.key != outer.key and outer.key in {p.key for p in inner.parents}

    def _narrower(self, name: str, outer_name: str) -> bool:
        """Whether the place ``name`` lies inside ``outer_name`` (:meth:`_inside`), or is a town of no gazetteer (两河村) and
        ``outer_name`` a Chinese county or prefecture (issue #15 S3)."""
        outer = self.resolver.place(outer_name)
        return self._inside(name, outer_name) or (outer is not None and outer.level in ("county", "prefecture") and outer.code.isdigit()
                                                  and self.resolver.place(name) is None and name.endswith(self.resolver.places.local_suffixes))

    def containing(self, place, level: str):
        """The place of ``level`` that contains ``place`` (or is it): 海拉尔区, prefecture →
        呼伦贝尔市; any Chinese place, country → 中国. None when its chain has no such level.

        >>> s = Subjects(); s.containing(s.resolver.place("海拉尔区"), "prefecture").name
        '呼伦贝尔市'
        """
        if level == "country":
            # a GB/T 2260 division lies in China (CN); a country is its own
            return place if place.level == "country" else (self.resolver.places.division(CHINA) if place.code.isdigit() else None)
        return next((p for p in (place,) + tuple(place.parents) if p.level == level), None)

    def fullest_form(self, name: str, written: list[str]) -> str:
        """The longest form the article writes for the same place as ``name`` (萍乡 in the title,
        萍乡市 in the text), never another place that merely starts like it (萍乡经济开发区)."""
        place = self.resolver.place(name)
        if place is None:
            brand = name in load_brand_words().brand  # 日产, 苹果: rules/brands.tsv
            return max((w for w in set(written) if w.startswith(name) and not unit_of(name, w, self.resolver.rules_dir)), key=lambda w: (brand and w in self.companies, len(w), w), default=name)  # a brand's known company: 日产汽车, not 日产雷诺联盟 (h247)
        if place.level == "country":
            return place.name  # 中国, however the article writes it (中华人民共和国)
        same = [w for w in set(written) | {name} if (p := self.resolver.place(w, place.province_code)) is not None and p.key == place.key]
        return max(same, key=lambda w: (len(w), w))  # the title's 海拉尔区 though the text writes 海拉尔

    def full_names(self, names: list[Span]) -> dict[str, str]:
        """A body's short form → the full name written before its first mention, which ends in it
        after a place (§6: the fullest form the article uses): 车辆管理所 after
        沙洋县公安局交警大队车辆管理所, 茫崖市公安局 after 海西州茫崖市公安局. Not a name run on into
        other words (现金管理东江环保, 达川区税务局供图达川区税务局), nor another body's (最高人民法院 for
        人民法院).

        >>> names = [Span(0, 15, "ORG", "沙洋县公安局交警大队车辆管理所"), Span(30, 35, "ORG", "车辆管理所")]
        >>> Subjects().full_names(names)
        {'车辆管理所': '沙洋县公安局交警大队车辆管理所'}
        """
        out: dict[str, str] = {}
        seen: set[str] = set()
        ends: dict[str, str] = {}  # each ending (3 characters or more) of a name written so far → the latest such name
        for s in sorted(names, key=lambda s: s.start):
            name = s.text
            if s.label != "ORG" or "furniture" in s.attrs or name in seen:
                continue
            full = ends.get(name)
            head = full[: len(full) - len(name)] if full else ""
            if head and name not in head and (place := self.place_in(head)) and head.startswith(place):
                out[name] = full
            seen.add(name)
            for k in range(1, len(name) - 2):
                ends[name[k:]] = name
        return out

    # -- canonical attributes of linked figures -----------------------------------------------

    def annotate(self, spans: list[Span], names: list[Span], article_subject: str | None) -> None:
        """Add ``subject_canonical``/``subject_id``, ``metric_id`` and ``unit_canonical`` to the
        numeric spans (in place); the written ``subject`` and ``unit`` are kept, the written
        ``metric`` loses only footnote markers, layout debris and trailing cue words."""
        r = self.resolver
        home = r.place(article_subject) if article_subject else None
        province = home.province_code if home is not None else None
        orgs = r.group_orgs([s.text for s in sorted(names, key=lambda s: s.start) if s.label == "ORG"])
        fuller, only_orgs = self.full_names(names), org_only(names, self.issuers)  # 阿里 the company (阿里巴巴集团), not 阿里地区
        for span in spans:
            if span.label not in _NUMERIC:
                continue
            a = span.attrs
            subject = a.get("subject")
            scope = own_city_scope(a.pop("_scope", None), home, span.start, names, r)  # 全市 in 涿州's article: 涿州市
            if scope and subject == article_subject:
                # 我国 (scope_country) is the country of Chinese news: 中国, whatever the article's place, or with none
                if scope == "country":
                    wider = r.places.division(CHINA)
                elif home is not None:  # 我县 in 济南's: 商河县
                    wider = self.containing(home, scope) or municipality(scope, home) or named_below(scope, home, span.start, names, r)
                else:
                    wider = chain_scope(scope, subject, names, r)  # 全县 in 天星乡力元村's article: 岑巩县 (pxextract.lead_village)
                if wider is not None:
                    subject = a["subject"] = wider.name
            if a.pop("_topic", False) and home is not None and getattr(r.place(subject, province), "key", None) == home.key:
                subject = a["subject"] = article_subject  # 广东 opening the sentence of an article on 广东省: its fullest form
            if (named := a.pop("_name_place", None)) and subject and not self._within(subject, named, province):
                # 佳木斯站水位 in a 黑龙江 article: the station's own place; 海南商业航天发射场 in 文昌 no
                subject = a["subject"] = named
            unit, body, framed = a.pop("_unit", None), a.pop("_body", None), a.pop("_framed", False)  # pxextract.body_county; place_frame
            if (unit or body) and subject == article_subject and (p := self.body_place(unit or body)) and self._inside(p, subject) and (
                    unit or getattr(r.place(p, province), "level", None) == "county"):  # 云梦县税务局选取…【两家】 in a 湖北 article: 云梦县
                subject = a["subject"] = p  # 济南市公安局槐荫区分局's case in a 济南 article: 槐荫 (link_subject: unit_body_end)
            elif (unit or body) and subject == article_subject and (t := town_of_body(unit or body, home, r)):
                subject = a["subject"] = t  # 郑店街道综合执法中心…收缴【12支】 in a 江夏区 article: 郑店街道 (pxextract.town_body)
            if (q := a.pop("_inner_place", None)) and subject and q != subject and (self._narrower(q, subject) or framed and chinese_inside(q, r.place(subject), r)):
                subject = a["subject"] = q  # 集中在南安【100912户】 in a 泉州 article: 南安 (pxextract.clause_place)
            if subject in fuller:  # 车辆管理所 after 沙洋县公安局交警大队车辆管理所
                subject = a["subject"] = fuller[subject]
            if subject:
                place = None if subject in only_orgs else r.place(self.issuers.get(subject, subject), province)  # 公安部's figure is the country's
                if place is not None:
                    a["subject_canonical"], a["subject_id"] = place.name, place.key
                else:
                    rep = orgs.get(subject, subject)
                    a["subject_canonical"], a["subject_id"] = rep, "org:" + r.org_key(rep)
            metric = a.get("metric")
            if metric:
                a["metric"] = r.metrics.tidy(metric)  # 生产总值② → 生产总值; 赤字率拟按 → 赤字率
                a["metric_id"] = r.metric(metric).metric_id
            unit = a.get("unit")
            if unit:
                canon = r.unit(unit)
                if canon is not None:
                    a["unit_canonical"] = canon.canonical
