"""Compound durations for the number grammar: 有期徒刑二年六个月, 1年6个月, 三年零六个月, 2小时30分钟.

A count of a larger time word followed by a count of a smaller one of the same unit is one QUANTITY in
the smaller part's unit, its value the whole duration counted in that unit (docs/annotation.md §6):
二年六个月 → 30 个月, 2小时30分钟 → 150 分钟, 三年八个月至九个月 → 44–45 个月. ``rules/durations.tsv``
gives each time word its value in a base unit (年 = 12 个月, 个月 = 1 个月); a row of factor > 1 is a
first part, a row of factor 1 a second part. :mod:`pxextract.extract.numbers` puts :func:`pattern` in
its grammar and reads a match with :func:`read`; :mod:`pxextract.extract.dates` uses :func:`tail` so
that the 二年 of 二年六个月 is no counted period (no DATE).

Example:
    >>> from pxextract.rules import load_rules
    >>> from pxextract.extract.numbers import NumberGrammar, find_numbers
    >>> [(s.text, s.attrs["value"], s.attrs["unit"]) for s in find_numbers("判处有期徒刑二年六个月", NumberGrammar(load_rules()))]
    [('二年六个月', 30, '个月')]
"""

from __future__ import annotations

from decimal import Decimal

import regex

from ..numerals import NumeralError, parse_number
from ..rules import Rules
from ..rule_types import Unit

# at most this many characters in each count: 十二年, 二十五年, 120小时 (二〇二三年 is a year, never a part)
_COUNT_CHARS = 3


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _count(rules: Rules) -> str:
    """A small count: 1–3 Arabic digits not starting with 0, or 1–3 numeral characters starting with a
    digit other than zero or a scale of ten (六, 十二, 二十五)."""
    first = "".join(ch for ch, (v, kind) in rules.numerals.items() if (kind == "digit" and v) or (kind == "scale" and v == 10))
    chars = "".join(ch for ch, (v, kind) in rules.numerals.items() if kind == "digit" or v == 10)
    n = _COUNT_CHARS - 1
    return rf"(?:[1-9]\d{{0,{n}}}|[{regex.escape(first)}][{regex.escape(chars)}]{{0,{n}}})"


def _zero(rules: Rules) -> str:
    return "[" + regex.escape("".join(ch for ch, (v, kind) in rules.numerals.items() if kind == "digit" and not v)) + "]"


def units(rules: Rules) -> list[str]:
    """The base units that have first and second parts, in the order of the file."""
    d = rules.durations
    out = dict.fromkeys(u.unit for u in d.values())
    return [u for u in out if any(v.unit == u and v.factor > 1 for v in d.values())
            and any(v.unit == u and v.factor == 1 for v in d.values())]


def tail(rules: Rules, unit: str, gap: str, sep: str) -> str:
    """What follows a first part of base ``unit``: the second part (六个月, 零六个月, 30分钟, 八至九个月, 八个月至九个月),
    with a ``gap`` between the fragments and ``sep`` between the bounds of a range of second parts."""
    seconds = [w for w, u in rules.durations.items() if u.unit == unit and u.factor == 1]
    count, zero = _count(rules), _zero(rules)
    second = _alt(seconds)
    return (rf"{gap}(?P<dminor>{zero}?{count})(?:(?:{gap}(?:{second}))?{gap}(?:{sep}){gap}(?P<dhigh>{zero}?{count}))?"
            rf"{gap}(?P<dunit>{second})")


def pattern(rules: Rules, gap: str, sep: str) -> str:
    """The regex of a whole compound duration (named groups ``dnum``, ``dmajor``, ``dminor``, ``dhigh``,
    ``dunit``; a first and a second part always of one base unit), or a pattern that never matches."""
    cn = regex.escape("".join(rules.numerals))
    alts, every = [], []
    for unit in units(rules):
        firsts = [w for w, u in rules.durations.items() if u.unit == unit and u.factor > 1]
        every += firsts
        alts.append(rf"(?P<dnum>{_count(rules)}){gap}(?P<dmajor>{_alt(firsts)}){tail(rules, unit, gap, sep)}")
    if not alts:
        return "(?!)"
    # the last character of a first part within reach (count, a GAP of two, the word), a cheap test at every number
    ends = regex.escape("".join(sorted({w[-1] for w in every})))
    reach = _COUNT_CHARS + 2 + max(map(len, every)) - 1
    return rf"(?=.{{1,{reach}}}?[{ends}])(?<![\d.{cn}])(?:" + "|".join(alts) + ")"


def read(m, rules: Rules) -> tuple[Unit, Decimal | None, Decimal | None, Decimal | None]:
    """``(unit, value, low, high)`` of a match of :func:`pattern`: 二年六个月 → (个月, 30, None, None);
    三年八个月至九个月 → (个月, None, 44, 45). Raises :class:`NumeralError` for an empty range."""
    d = rules.durations
    second = d[m.group("dunit")]
    whole = parse_number(m.group("dnum"), rules) * d[m.group("dmajor")].factor
    zeros = "".join(ch for ch, (v, kind) in rules.numerals.items() if kind == "digit" and not v)

    def total(part: str) -> Decimal:
        return whole + parse_number(part.lstrip(zeros), rules) * second.factor

    unit = Unit(second.surface, second.unit, second.label, Decimal(1))
    if not m.group("dhigh"):
        return unit, total(m.group("dminor")), None, None
    low, high = total(m.group("dminor")), total(m.group("dhigh"))
    if low >= high:
        raise NumeralError(f"an empty range: {m.group()}")
    return unit, None, low, high
