"""DATE spans: years, year ranges, relative years, counted periods and five-year plans.

An extractor/parser split (as Recognizers-Text has it): :func:`find_dates` finds the spans
and fixes the years the text alone gives; a relative or counted expression (今年, 近三年来,
未来五年) carries a :class:`Pending` in ``attrs["_pending"]``, and the pure function
:func:`resolve_years` turns it into years once the linker knows the publication year and the
year that governs the clause (:mod:`pxextract.link` calls it and drops ``_pending``).

Example:
    >>> from pxextract.rules import load_rules
    >>> g = DateGrammar(load_rules())
    >>> [(d.text, d.attrs) for d in find_dates("“十四五”末期，2018年至2019年", g)]
    [('“十四五”末期', {'year_start': 2025, 'year_end': 2025}), ('2018年至2019年', {'year_start': 2018, 'year_end': 2019})]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from ..normalize import is_han
from ..numerals import NumeralError, parse_number
from ..rules import Rules
from ..spans import Span
from . import durations, occurrences
from .numbers import GAP, _alt, _gap_before



@dataclass(frozen=True)
class Pending:
    """What a DATE needs from its article to become years: ``relative`` (今年: ``offset`` from the
    publication year, ``anchor`` "pub", or from the reviewed year), ``counted`` (近三年来: the
    ``count`` years ending with the reviewed year; 未来五年, ``forward``: starting with the
    publication year), ``recent`` (近年来: open start, ending with the reviewed year)."""

    kind: Literal["relative", "counted", "recent"]
    offset: int = 0
    anchor: str = "pub"
    count: int = 0
    forward: bool = False


def resolve_years(p: Pending, pub_year: int | None, reviewed: int | None) -> tuple[int | None, int | None]:
    """``(year_start, year_end)`` of a pending DATE, given the publication year and the reviewed
    year (the year governing the clause, else the year the document reviews); None where unknown.

    >>> resolve_years(Pending("relative", offset=-1), 2023, None), resolve_years(Pending("counted", count=3), 2023, 2022)
    ((2022, 2022), (2020, 2022))
    >>> resolve_years(Pending("counted", count=5, forward=True), 2021, 2020), resolve_years(Pending("recent"), None, None)
    ((2021, 2025), (None, None))
    """
    if p.kind == "relative":
        anchor = pub_year if p.anchor == "pub" else reviewed
        y = anchor + p.offset if anchor is not None else None
        return y, y
    if p.kind == "counted" and p.forward:
        return pub_year, pub_year + p.count - 1 if pub_year is not None else None
    if p.kind == "counted":
        return reviewed - p.count + 1 if reviewed is not None else None, reviewed
    return None, reviewed


def _in_order(words) -> str:
    """A regex alternation of literal words in the order written (rules/date_words.tsv lists a
    longer word before its prefix)."""
    return "(?:" + "|".join(regex.escape(w) for w in words) + ")"


@dataclass(frozen=True)
class DateGrammar:
    rules: Rules

    def __post_init__(self):
        r = self.rules
        w = r.dates  # rules/date_words.tsv
        digits = "".join(ch for ch, (_, kind) in r.numerals.items() if kind == "digit")
        y, fiscal = _in_order(w.year), _in_order(w.fiscal)
        # YEAR: 2023年, 二〇二三年, 2023 年 (a GAP before 年)
        year = rf"(?:1[89]\d\d|20\d\d|21\d\d|[{regex.escape(digits)}]{{4}}){GAP}{y}"
        # DASH: the separators of a year range, a GAP on either side (2018年至2019年, 2018 — 2019 年)
        dash = rf"{GAP}{_in_order(w.range_sep)}{GAP}"
        # Parts of a year that stay inside a dated span: 2022年3月5日, 2023年末, 2024年上半年; a GAP
        # may stand between the fragments (2023 年 8 月 16 日).
        year_part = (rf"(?:{GAP}\d{{1,2}}{GAP}{_in_order(w.month)}(?:{GAP}\d{{1,2}}{GAP}{_in_order(w.day)})?"
                     rf"|{GAP}{_in_order(w.year_part)})")
        # Counted periods need a cue before or after N年 unless N is written as an anniversary.
        count_before, count_after = _in_order(w.count_before), _in_order(w.count_after)
        plans_long = [p for p in r.plan_periods if len(p) >= 3]
        plans_short = [p for p in r.plan_periods if len(p) < 3]
        suffix = _alt(r.period_suffixes)
        cn_count = rf"[{regex.escape(digits + ''.join(w.count_scale))}]{{1,3}}"
        pattern = rf"""
            (?P<range>(?P<y1>{year})(?:{fiscal})?{dash}(?P<y2>{year}))
          | (?P<range2>(?P<r1>\d{{4}}){dash}(?P<r2>\d{{4}}){GAP}{y})
          | (?P<iso>(?P<iy>(?:19|20)\d\d)-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01]))(?![\d-])
          | (?P<year>{year})(?:{fiscal}|{year_part})?
          | (?P<report>(?:19|20)\d\d)(?:{_in_order(w.report_part)})(?![A-Za-z0-9])
          | (?P<plan>[“"](?P<pq>{_alt(r.plan_periods)})[”"]|(?P<pu>{_alt(plans_long)}))(?P<psuf>{suffix})?
          | (?P<rel>{_alt(r.relative_years)}){_in_order(w.relative_tail)}?
          | (?P<recent>{'|'.join(regex.escape(x) for x in w.recent)})
          | (?P<few>{count_before}{_in_order(w.few_years)}{count_after}?)
          | (?P<ago>(?P<anum>\d{{1,3}}|{cn_count}){GAP}{y}{_in_order(w.ago)})
          | (?P<counted>(?:(?P<cpre>{count_before}){GAP})?(?P<cnum>\d{{1,3}}|{cn_count}){GAP}{_in_order(w.count_measure)}?(?:{_in_order(w.anniversary)}|{y})(?P<csuf>{count_after})?)
        """
        object.__setattr__(self, "pattern", regex.compile(pattern, regex.VERBOSE))
        object.__setattr__(self, "plans_short", frozenset(plans_short))
        object.__setattr__(self, "cn_digits", frozenset(digits))
        # every alternative holds 年, a plan name or an ISO date's first dash: the pattern runs
        # only on windows around those (the anchors), and the anchors are found at memory speed
        object.__setattr__(self, "anchors", (*w.year, *sorted(set(r.plan_periods)), *w.report_part))
        # after N年: a programme name or class, not a period (三年行动计划)
        object.__setattr__(self, "count_stop", regex.compile(_in_order(w.count_stop)))
        # 建成后年产值 (后 + 年产值): a noun with 年 after a guarded relative year
        object.__setattr__(self, "noun_after_year", regex.compile(f"[{regex.escape(''.join(w.noun_after_year))}]"))
        object.__setattr__(self, "year_strip", "".join(w.year + w.fiscal))
        # after N年: the second part of a compound duration (二年六个月, 3年零7个月: durations.tsv), one QUANTITY
        tails = [durations.tail(r, r.durations[y].unit, GAP, _alt(r.numbers.range_sep)) for y in w.year
                 if y in r.durations and r.durations[y].unit in durations.units(r)]
        object.__setattr__(self, "duration_tail", regex.compile("|".join(tails)) if tails else None)


_ISO_DASH = regex.compile(r"(?<=\d{4})-\d")
# characters a DATE span may have before its first anchor (过去的 + 三个 + 年: 7; spaced 过去的 三 个 年:
# 11) and after it (2022年 + 12月31日, “十四五” + 时期以来; spaced 年  12  月  31  日: 15), with a margin
_BEFORE_ANCHOR = 24
_AFTER_ANCHOR = 20


def _windows(text: str, grammar: DateGrammar) -> list[tuple[int, int]]:
    """Merged ranges around every anchor of ``text``: a DATE span lies inside one of them, and
    no span crosses a range's start (overlapping or touching ranges are merged)."""
    points = [m.start() for m in _ISO_DASH.finditer(text)]
    points.extend(occurrences(text, grammar.anchors))
    points.sort()
    out: list[tuple[int, int]] = []
    for p in points:
        a, b = max(0, p - _BEFORE_ANCHOR), min(len(text), p + _AFTER_ANCHOR)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


_SPACES = regex.compile(r"\p{Zs}")


def _year(text: str, grammar: DateGrammar) -> int:
    return int(parse_number(_SPACES.sub("", text).rstrip(grammar.year_strip), grammar.rules))


def _glued_to_number(prev: str, year: str, grammar: DateGrammar) -> bool:
    """True when the character before a year continues its number: 12023年 (a digit before 2023年),
    一二〇二三年; a year in the other script stands apart (增长8.6 + 二〇二三年 on the next line)."""
    if year[:1].isdigit():
        return prev.isdigit()
    return prev in grammar.cn_digits


def find_dates(text: str, grammar: DateGrammar) -> list[Span]:
    """Every DATE span of ``text``. Relative and counted ones carry ``kind`` for the linker.

    Attributes: ``year_start``/``year_end`` where the text alone fixes them; otherwise a
    :class:`Pending` in ``_pending``, for :func:`resolve_years`.
    """
    rules = grammar.rules
    w = rules.dates
    out: list[Span] = []
    for m in (m for a, b in _windows(text, grammar) for m in grammar.pattern.finditer(text, a, b)):
        start, end = m.span()
        prev = text[start - 1] if start else ""
        attrs: dict
        try:
            if m.group("range"):
                attrs = {"year_start": _year(m.group("y1"), grammar), "year_end": _year(m.group("y2"), grammar)}
            elif m.group("iso"):
                if prev.isdigit():
                    continue
                y = int(m.group("iy"))
                attrs = {"year_start": y, "year_end": y}
            elif m.group("report"):  # 2023Q2, 2023一季报: a bare year before a quarter or report
                if prev.isascii() and prev.isalnum():
                    continue
                y = int(m.group("report"))
                attrs = {"year_start": y, "year_end": y}
            elif m.group("range2"):
                attrs = {"year_start": int(m.group("r1")), "year_end": int(m.group("r2"))}
            elif m.group("year"):
                if _glued_to_number(prev, m.group("year"), grammar):
                    continue
                y = _year(m.group("year"), grammar)
                attrs = {"year_start": y, "year_end": y}
            elif m.group("plan"):
                y0, y1 = rules.plan_periods[m.group("pq") or m.group("pu")]
                part = rules.period_suffixes.get(m.group("psuf") or "", "all")
                if part == "end":
                    y0 = y1
                elif part == "start":
                    y1 = y0
                attrs = {"year_start": y0, "year_end": y1}
            elif m.group("rel"):
                word = m.group("rel")
                if word in w.guarded_relative and grammar.noun_after_year.match(text, end):
                    continue  # 建成后年产值 (后 + 年产值): not a date
                rel = rules.relative_years[word]
                attrs = {"_pending": Pending("relative", offset=rel.offset, anchor=rel.anchor)}
            elif m.group("ago"):  # 10年前仅为12%: N years before the publication year
                if prev.isdigit() or prev == "." or (prev and is_han(prev) and prev not in w.ago_after):
                    continue  # 开幕式一年前: before an event, not before now
                if prev in w.ago_after and text.endswith(rules.cue("base"), max(0, start - 3), start - 1):
                    continue  # 相比于四年前下降70%: a comparison base (link_cues.tsv base), the publication year kept
                if prev in rules.cue("list_mark") and start >= 2 and text[start - 2] in grammar.cn_digits:
                    continue  # 四、五年前: four or five years, no one year
                n = int(parse_number(m.group("anum"), rules))
                if not 1 <= n <= 200:
                    continue
                attrs = {"_pending": Pending("relative", offset=-n, anchor="pub")}
            elif m.group("recent") or m.group("few"):
                attrs = {"_pending": Pending("recent")}
            else:
                lead = _gap_before(text, start)  # 第 3 年 is an ordinal like 第3年
                if lead and (text[lead - 1].isdigit() or text[lead - 1] == "." or text[lead - 1] in w.ordinal):
                    continue
                n = int(parse_number(m.group("cnum"), rules))
                has_cue = m.group("cpre") or m.group("csuf") or any(a in m.group(0) for a in w.anniversary)
                if n < 1 or n > 200 or (len(m.group("cnum")) > 1 and m.group("cnum").isdigit() and not has_cue and n > 100):
                    continue
                if not m.group("csuf") and grammar.count_stop.match(text, end):
                    continue
                if grammar.duration_tail is not None and grammar.duration_tail.match(text, end):
                    continue  # 有期徒刑二年六个月: a compound duration (extract.durations), no counted period
                if n == 1 and not m.group("cpre") and not m.group("csuf"):
                    continue  # 一年 alone is an article-like count (一年一度)
                attrs = {"_pending": Pending("counted", count=n, forward=(m.group("cpre") or "").startswith(w.forward))}
        except (NumeralError, KeyError, ValueError):
            continue
        out.append(Span(start, end, "DATE", text[start:end], attrs))
    return out
