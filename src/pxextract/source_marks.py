"""Cited sources and the lead's public bodies (issue #15): which names give their place to the figures they report,
and which are only a source (split out of :mod:`pxextract.subjects`, whose :meth:`~pxextract.subjects.Subjects.mark_sources`
calls :func:`mark_sources`).

Example:
    >>> from pxextract.rules import load_rules
    >>> from pxextract.subjects import Subjects
    >>> text = "据陕西省水利厅统计，全省水库蓄水12亿立方米。"
    >>> names = [Span(1, 7, "ORG", "陕西省水利厅")]
    >>> mark_sources(Subjects(), text, names, load_rules())
    >>> names[0].attrs["_source"]
    '陕西省'
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .link_subject import serves
from .source_body import national_place
from .spans import Span

LEAD_CHARS = 120  # the headline or lead sentence: where web news names what it is about
CHINA = "CN"  # the ISO 3166 code of the country of the GB/T 2260 divisions
_MODIFIER_CHARS = 8  # at most this far from a place after 在 to the 的 + person it describes (身在江苏打工的曹义)
_CLAUSE_PUNCT = regex.compile(r"[，。；！？\n,;]")
_SHOWS_REACH = 24  # characters at most from a source's name to 显示 ending its clause (8月1日发布的报告显示)


@lru_cache(maxsize=8)
def _shows_pattern(verbs: tuple[str, ...]) -> regex.Pattern:
    """What ends a source's clause after its name: 发布的报告显示， (data_verb; built once per word list)."""
    data_verbs = "|".join(map(regex.escape, verbs)) or "(?!)"
    return regex.compile(rf"[^，。；！？\n,;:：]{{0,{_SHOWS_REACH}}}?(?:{data_verbs})[，,:：]")


def lead_end(text: str) -> int:
    """Where the headline or lead ends: the first line break, at most :data:`LEAD_CHARS` in.

    >>> lead_end("萍乡经济持续增长\\n全市…")
    8
    """
    newline = text.find("\n", begin := len(text) - len(text.lstrip()))
    return min(newline if newline >= 0 else len(text), begin + LEAD_CHARS)


def mark_sources(subjects, text: str, names: list[Span], rules) -> None:
    """Mark the public bodies cited as sources of what follows (叙利亚内政部称; 据陕西省水利厅统计:
    report_verb / report_marker / source_end of ``rules/link_cues.tsv``) and named after a place
    (at the start of the name, or an issuing body's) with the private attribute ``_source``: that
    place, which the figures they report belong to. A company announces its own figures: no source.
    Every such public body named after a place also gets ``_place``: as the headline's or lead's
    first name (陕西省水利厅, 海南省新闻办公室25日举行发布会) it gives the article's subject its place,
    as the issuing body of a report does (§6: 洛阳市统计局 → 洛阳市); so does a court or customs of the lead
    (idle_body_end: 榆中县法院审理… → 榆中县), never a source, and cited there (记者从成都海关获悉) it is passed over;
    so does a body of the lead that serves a person or case (serve_verb: 襄阳市中医医院接诊一位患者 → 襄阳市; h161).

    >>> from pxextract.rules import load_rules
    >>> text = "叙利亚内政部称，大马士革发生爆炸。据新华社报道，亚马逊宣布将斥资1亿美元。"
    >>> names = [Span(0, 6, "ORG", "叙利亚内政部"), Span(18, 21, "ORG", "新华社"), Span(24, 27, "ORG", "亚马逊")]
    >>> from pxextract.subjects import Subjects
    >>> mark_sources(Subjects(), text, names, load_rules())
    >>> [s.attrs.get("_source") for s in names]
    ['叙利亚', None, None]
    """
    verbs, markers, bodies = rules.cue("report_verb"), rules.cue("report_marker"), rules.cue("source_end")
    idle = rules.cue("idle_body_end")  # 马尾区人民法院审结…: a court opening the lead gives its place, as a 局 does (h157)
    serve = rules.cue("serve_verb")  # 襄阳市中医医院接诊一位患者: a body of the lead that serves a person, likewise
    end_of_lead = lead_end(text)
    locatives, de = rules.cue("subject_locative"), rules.cue("de")
    for s in names:  # 身在江苏打工的曹义: where a person of the lead is, in a modifier of that person (issue #15 S6)
        if s.label == "GPE" and s.start < end_of_lead and text.endswith(locatives, 0, s.start) and any(
                p.label == "PERSON" and 0 < p.start - s.end <= _MODIFIER_CHARS and text.endswith(de, s.end, p.start)
                and not _CLAUSE_PUNCT.search(text, s.end, p.start) for p in names):
            s.attrs["_passing"] = True
    shows = _shows_pattern(rules.cue("data_verb"))
    for s in names:  # 世界黄金协会8月1日发布的报告显示，: the lead's source of data, no company's or place's own (h161)
        if s.label == "ORG" and s.start < end_of_lead and shows.match(text, s.end) and not subjects.is_company(text, s) and not (
                s.text.endswith(bodies + idle) and subjects.body_place(s.text)):
            s.attrs["_cited"] = s.attrs["_data"] = True
    firms = rules.cue("data_firm")  # Canalys, IDC, 集邦咨询: cited for others' figures, never a subject (h166)
    for s in (s for s in names if s.label == "ORG" and s.text in firms):  # (IDC数据显示, in the lead: as 世界黄金协会…报告显示)
        s.attrs.update({"_cited": True, "_source": None} | ({"_data": True} if s.start < end_of_lead and shows.match(text, s.end) else {}))
    for s in names:
        if s.label == "ORG" and s.start < end_of_lead and text.endswith(markers, 0, s.start) and not s.text.endswith(bodies + subjects.expert_ends):
            s.attrs["_cited"] = True  # 据日本共同社报道，日本…: the lead's source (an outlet, a firm), not what it is about
        serving = s.label == "ORG" and s.start < end_of_lead and not s.text.endswith(idle + bodies) and serves(text, s.end, serve)
        tries = serving or s.label == "ORG" and s.text.endswith(idle) and not s.text.endswith(bodies)  # a court, customs: no source
        if tries and s.start < end_of_lead and text.startswith(verbs, s.end):
            s.attrs["_cited"] = True  # 记者从成都海关获悉，今年前7个月，四川…: the lead's next name is what it reports on
        if tries and s.start >= end_of_lead:
            continue  # (cited, it leaves the lead to the next name, else gives its place: 据杭州海关统计，浙江义乌…)
        if not tries and (s.label != "ORG" or not s.text.endswith(bodies)):
            continue
        data = not tries and bool(shows.match(text, s.end))  # 美国商务部最新数据显示，: a source of data (h252)
        cited = not tries and (text.startswith(verbs, s.end) or text.endswith(markers, 0, s.start)) or data
        if not cited and s.start >= end_of_lead:
            continue  # only the lead's bodies and cited ones need their place (body_place is no free look-up)
        place = subjects.body_place(s.text) or (subjects.place_in(s.text) if serving else None)  # 建行合肥常青支行 → 合肥
        if not place and not tries:  # 国家金融监督管理总局 → 中国 (pxextract.source_body)
            place = national_place(s.text, rules.cue("national_prefix"), bodies, subjects.place_in, subjects.resolver.places.division(CHINA).name)
        if serving and not place:
            s.attrs["_cited"] = True  # (no place in its name: the lead's next name)
        if place:
            s.attrs["_place"] = place  # the lead's public body gives its place (article_subject)
            if cited:
                s.attrs["_source"] = place

