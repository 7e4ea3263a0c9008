"""DATE spans: years, year ranges, relative years, counted periods and five-year plans.

Matching is done here; resolving relative and counted expressions to calendar years needs
the article's publication and reviewed years and the governing year of the clause, so it is
finished by :mod:`pxextract.link` (``year_start`` / ``year_end`` are filled there for the
kinds ``relative`` and ``counted``).

Example:
    >>> from pxextract.rules import load_rules
    >>> g = DateGrammar(load_rules())
    >>> [(d.text, d.attrs) for d in find_dates("“十四五”末期，2018年至2019年", g)]
    [('“十四五”末期', {'year_start': 2025, 'year_end': 2025}), ('2018年至2019年', {'year_start': 2018, 'year_end': 2019})]
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..numerals import NumeralError, parse_number
from ..rules import Rules
from ..spans import Span
from . import occurrences
from .numbers import GAP, _alt, _gap_before

# Parts of a year that stay inside a dated span: 2022年3月5日, 2023年末, 2024年上半年; a GAP may
# stand between the fragments (2023 年 8 月 16 日).
_YEAR_PART = (
    rf"(?:{GAP}\d{{1,2}}{GAP}月(?:{GAP}\d{{1,2}}{GAP}日)?|{GAP}(?:末|底|初|年中|上半年|下半年|前三季度|[一二三四]季度))"
)
# Counted periods need a cue before or after N年 unless N is written as an anniversary.
_COUNT_BEFORE = r"(?:过去的|过去|近|最近|连续|未来的|未来|今后|这)"
_COUNT_AFTER = r"(?:以来|来|间|内)"
# Words after N年 that make it a programme name, not a period (三年行动计划).
_COUNT_STOP = regex.compile(r"(?:行动|规划|计划|攻坚|级|制|前|后|期|代|左右)")


@dataclass(frozen=True)
class DateGrammar:
    rules: Rules

    def __post_init__(self):
        r = self.rules
        digits = "".join(ch for ch, (_, kind) in r.numerals.items() if kind == "digit")
        # YEAR: 2023年, 二〇二三年, 2023 年 (a GAP before 年)
        year = rf"(?:1[89]\d\d|20\d\d|21\d\d|[{regex.escape(digits)}]{{4}}){GAP}年"
        # DASH: the separators of a year range, a GAP on either side (2018年至2019年, 2018 — 2019 年)
        dash = rf"{GAP}(?:至|到|—|–|-|~|～){GAP}"
        plans_long = [p for p in r.plan_periods if len(p) >= 3]
        plans_short = [p for p in r.plan_periods if len(p) < 3]
        suffix = _alt(r.period_suffixes)
        cn_count = rf"[{regex.escape(digits)}十两]{{1,3}}"
        pattern = rf"""
            (?P<range>(?P<y1>{year})(?:度)?{dash}(?P<y2>{year}))
          | (?P<range2>(?P<r1>\d{{4}}){dash}(?P<r2>\d{{4}}){GAP}年)
          | (?P<iso>(?P<iy>(?:19|20)\d\d)-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01]))(?![\d-])
          | (?P<year>{year})(?:度|{_YEAR_PART})?
          | (?P<plan>[“"](?P<pq>{_alt(r.plan_periods)})[”"]|(?P<pu>{_alt(plans_long)}))(?P<psuf>{suffix})?
          | (?P<rel>{_alt(r.relative_years)})(?:年初|年末|年底|末|底|初)?
          | (?P<recent>近年来|近年|近些年|近几年|历年来)
          | (?P<few>(?:{_COUNT_BEFORE})几年(?:{_COUNT_AFTER})?)
          | (?P<counted>(?:(?P<cpre>{_COUNT_BEFORE}){GAP})?(?P<cnum>\d{{1,3}}|{cn_count}){GAP}(?:个)?(?:周年|年)(?P<csuf>{_COUNT_AFTER})?)
        """
        object.__setattr__(self, "pattern", regex.compile(pattern, regex.VERBOSE))
        object.__setattr__(self, "plans_short", frozenset(plans_short))
        object.__setattr__(self, "cn_digits", frozenset(digits))
        # every alternative holds 年, a plan name or an ISO date's first dash: the pattern runs
        # only on windows around those (the anchors), and the anchors are found at memory speed
        object.__setattr__(self, "anchors", ("年", *sorted(set(r.plan_periods))))


_NOUN_AFTER_YEAR = regex.compile(r"[产均销收营增]")  # 建成后年产值: 后 + 年产值
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


def _year(text: str, rules: Rules) -> int:
    return int(parse_number(_SPACES.sub("", text).rstrip("年度"), rules))


def _glued_to_number(prev: str, year: str, grammar: DateGrammar) -> bool:
    """True when the character before a year continues its number: 12023年 (a digit before 2023年),
    一二〇二三年; a year in the other script stands apart (增长8.6 + 二〇二三年 on the next line)."""
    if year[:1].isdigit():
        return prev.isdigit()
    return prev in grammar.cn_digits


def find_dates(text: str, grammar: DateGrammar) -> list[Span]:
    """Every DATE span of ``text``. Relative and counted ones carry ``kind`` for the linker.

    Attributes: ``year_start``/``year_end`` where the text alone fixes them; otherwise
    ``kind`` (``relative`` with ``offset``/``anchor``, ``counted`` with ``count``,
    ``recent``) to be resolved by :func:`pxextract.link.resolve_dates`.
    """
    rules = grammar.rules
    out: list[Span] = []
    for m in (m for a, b in _windows(text, grammar) for m in grammar.pattern.finditer(text, a, b)):
        start, end = m.span()
        prev = text[start - 1] if start else ""
        attrs: dict
        try:
            if m.group("range"):
                attrs = {"year_start": _year(m.group("y1"), rules), "year_end": _year(m.group("y2"), rules)}
            elif m.group("iso"):
                if prev.isdigit():
                    continue
                y = int(m.group("iy"))
                attrs = {"year_start": y, "year_end": y}
            elif m.group("range2"):
                attrs = {"year_start": int(m.group("r1")), "year_end": int(m.group("r2"))}
            elif m.group("year"):
                if _glued_to_number(prev, m.group("year"), grammar):
                    continue
                y = _year(m.group("year"), rules)
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
                if word in ("前年", "后年") and _NOUN_AFTER_YEAR.match(text, end):
                    continue  # 建成后年产值 (后 + 年产值): not a date
                rel = rules.relative_years[word]
                attrs = {"kind": "relative", "offset": rel.offset, "anchor": rel.anchor}
            elif m.group("recent") or m.group("few"):
                attrs = {"kind": "recent"}
            else:
                lead = _gap_before(text, start)  # 第 3 年 is an ordinal like 第3年
                if lead and (text[lead - 1].isdigit() or text[lead - 1] in "第."):
                    continue
                n = int(parse_number(m.group("cnum"), rules))
                has_cue = m.group("cpre") or m.group("csuf") or "周年" in m.group(0)
                if n < 1 or n > 200 or (len(m.group("cnum")) > 1 and m.group("cnum").isdigit() and not has_cue and n > 100):
                    continue
                if not m.group("csuf") and _COUNT_STOP.match(text, end):
                    continue
                if n == 1 and not m.group("cpre") and not m.group("csuf"):
                    continue  # 一年 alone is an article-like count (一年一度)
                attrs = {"kind": "counted", "count": n, "forward": (m.group("cpre") or "").startswith(("未来", "今后"))}
        except (NumeralError, KeyError, ValueError):
            continue
        out.append(Span(start, end, "DATE", text[start:end], attrs))
    return out
