"""Numbers with units: MONEY, PERCENT, QUANTITY, CARDINAL with value, unit, qualifier, low/high.

The grammar is composed from named fragments built from ``rules/`` (units, magnitudes,
numerals, qualifiers). It runs over the normalized view of the text; offsets are the view's
and are mapped to the raw text by the caller.

Example:
    >>> from pxextract.rules import load_rules
    >>> [ (m.text, m.attrs["value"], m.attrs["unit"], m.attrs["qualifier"])
    ...   for m in find_numbers("规模近3亿元，90余所", NumberGrammar(load_rules())) ]
    [('3亿元', 300000000, '元', 'approx'), ('90余所', 90, '所', 'over')]
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ..numerals import NumeralError, parse_number, to_json_number
from ..rules import Rules
from ..spans import Span


def _alt(words) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class NumberGrammar:
    """The compiled number grammar for one :class:`Rules` (build once, reuse per article)."""

    rules: Rules

    def __post_init__(self):
        r = self.rules
        digits = "".join(ch for ch, (_, kind) in r.numerals.items() if kind == "digit")
        all_cn = "".join(r.numerals)
        inside = _alt(q.surface for q in r.qualifiers.values() if q.position == "inside")
        # ARABIC: 82.32 / 1,234 / -0.57 (a sign only where no digit or range dash precedes)
        # atomic: no unit starts with a digit, '.', ',' or '-' (rules.py checks it), so trying
        # shorter readings of 2021 (202, 20…) when no unit follows could never match
        arabic = r"(?>(?:(?<![\d.])-)?\d+(?:,\d{3})*(?:\.\d+)?)"
        # CHINESE: starts with a digit character or 十 (十五, 两, 二〇二一, 一千二百万)
        chinese = rf"(?:[{regex.escape(digits)}十拾][{regex.escape(all_cn)}]*|[百千](?=[万亿])[{regex.escape(all_cn)}]*|(?<=上)[百千万])"
        # MIXED: Arabic digits with Chinese scales between them (1千2百, 3万5千)
        mixed = r"\d+[千百](?:\d+[百十]?)+"
        # NUMBER: one number, its magnitude words, and 多/余 inside (1.2万余, 600多, 十多)
        number = rf"(?:{mixed}|{arabic}|{chinese})(?:(?:{inside})?(?:{_alt(r.magnitudes)}))?(?:{inside})?"
        # RANGE SEPARATORS: 3至5亿元, 10—15万亩, 5%-8%
        sep = r"(?:至|到|—|–|-|~|～|－)"
        unit = _alt(r.units)
        # one alternative for a number and what follows it (a range or a unit), so the number is
        # parsed once; a range is tried first, as in 3至5亿元
        self_pattern = rf"""
            (?P<pair>[{regex.escape(digits)}]{{2}})(?P<unitp>{unit})   # 两三个, 三四家
          | (?P<num>{number})
            (?: (?P<unit1>{unit})?{sep}(?P<high>{number})(?P<unit>{unit})
              | (?P<unitn>{unit}) )
        """
        object.__setattr__(self, "pattern", regex.compile(self_pattern, regex.VERBOSE))
        object.__setattr__(self, "inside_re", regex.compile(rf"(?:{inside})" if inside else r"(?!)"))
        object.__setattr__(self, "magnitude_re", regex.compile(rf"(?:{_alt(r.magnitudes)})$"))
        before = [q.surface for q in r.qualifiers.values() if q.position == "before"]
        after = [q.surface for q in r.qualifiers.values() if q.position == "after"]
        object.__setattr__(self, "before_re", regex.compile(rf"(?:{_alt(before)})$"))
        object.__setattr__(self, "after_re", regex.compile(rf"^(?:{_alt(after)})"))
        # number_stops.tsv: context that makes a match an ordinal, a class or a name (guide §3)
        stops = r.number_stops
        before = [w for w, _ in stops["before"]]
        object.__setattr__(self, "stop_before", regex.compile(rf"(?:{_alt(before)})$") if before else None)
        object.__setattr__(self, "stop_after", stops["after"])
        # one test for "any stop word follows" before the word-by-word check of their units
        object.__setattr__(self, "stop_after_start", tuple(w for w, _ in stops["after"]))
        object.__setattr__(self, "values", {})  # NUMBER text → (value, 多/余 inside): a memo


# Neighbours that make a match part of a code (5G, L6级, “4+2”, 2×35万千瓦) rather than a figure.
_CODE_NEIGHBOUR = regex.compile(r"[A-Za-z+＋/×*#·]")
_QUOTE_OPEN = "“\"‘「『"
_QUOTE_CLOSE = "”\"’」』"
_MAX_SLOGAN = 12


_QUOTE_OR_STOP = regex.compile(rf"[{regex.escape(_QUOTE_OPEN + _QUOTE_CLOSE)}。；！？\n]", regex.REVERSE)


def _in_short_quote(text: str, start: int, end: int) -> bool:
    """True inside a short quoted name or slogan: “5020”项目, “365天不打烊”, “六个聚力”."""
    m = _QUOTE_OR_STOP.search(text, max(0, start - _MAX_SLOGAN), start)  # the nearest one before
    if m is None:
        return False
    ch = m.group()
    if ch not in _QUOTE_OPEN:  # a closing quote or a sentence end comes first
        return False
    i = m.start()
    return any(c in _QUOTE_CLOSE for c in text[end : min(len(text), i + _MAX_SLOGAN + 2)])


def _value(text: str, grammar: NumberGrammar) -> tuple[Decimal, bool]:
    """Numeric value of a NUMBER fragment (with magnitude) and whether 多/余 was inside it."""
    cache = grammar.values
    hit = cache.get(text)
    if hit is None:
        if len(cache) > _VALUE_CACHE_SIZE:
            cache.clear()
        hit = cache[text] = _parse_value(text, grammar)
    return hit


_VALUE_CACHE_SIZE = 100_000


def _parse_value(text: str, grammar: NumberGrammar) -> tuple[Decimal, bool]:
    rules = grammar.rules
    has_inside = bool(grammar.inside_re.search(text))
    core = grammar.inside_re.sub("", text)
    mult = Decimal(1)
    m = grammar.magnitude_re.search(core)
    if m and core[: m.start()].replace(".", "").replace("-", "").isdigit():
        mult = rules.magnitudes[m.group(0)]
        core = core[: m.start()]
    return parse_number(core, rules) * mult, has_inside


def _qualifier(text: str, start: int, end: int, inside: bool, grammar: NumberGrammar) -> str:
    before = grammar.before_re.search(text, max(0, start - 4), start)
    if before and not (before.group(0) == "上" and text[start : start + 1] not in "百千万"):
        return grammar.rules.qualifiers[before.group(0)].qualifier
    after = grammar.after_re.search(text[end : end + 4])
    if after:
        return grammar.rules.qualifiers[after.group(0)].qualifier
    return "over" if inside else "exact"


def _bare_magnitude_ok(text: str, start: int, end: int) -> bool:
    """千亿元 / 上百家 are figures; 百万吨乙烯项目 is a class label (a noun follows at once)."""
    if text[start - 1 : start] in ("上", "近", "超", "约", "逾", "达"):
        return True
    nxt = text[end : end + 1]
    return not nxt or not ("\u4e00" <= nxt <= "\u9fff") or nxt in "的以左多余"


def _is_article_one(num: str, unit) -> bool:
    """一个重要举措, 一批, 一种, 一方面: 一 written as a character before a count word is an
    article, not a count (guide §3); a count of one is written 1个. Measures stay (一千瓦)."""
    return num == "一" and (unit.label == "CARDINAL" or len(unit.surface) == 1)  # 一天接着一天干


def find_numbers(text: str, grammar: NumberGrammar) -> list[Span]:
    """Every numeric span of ``text`` (offsets into ``text``), with its attributes.

    Example: ``find_numbers("增加到2021年的123.77亿元，增长约50%", g)`` gives
    ``123.77亿元`` (12377000000 元) and ``50%`` (50 %, approx).
    """
    out: list[Span] = []
    rules = grammar.rules
    for m in grammar.pattern.finditer(text):
        start, end = m.span()
        before_ch = text[start - 1] if start else ""
        after_ch = text[end] if end < len(text) else ""
        if grammar.stop_before is not None and grammar.stop_before.search(text, max(0, start - 4), start):
            continue
        if _CODE_NEIGHBOUR.match(before_ch) or _CODE_NEIGHBOUR.match(after_ch) or before_ch.isdigit():
            continue
        if text.startswith(grammar.stop_after_start, end) and any(
            text.startswith(w, end) and (not u or text.endswith(u, 0, end)) for w, u in grammar.stop_after
        ):
            continue
        if before_ch == "月" and text[end - 1] in "日号":  # 3月5日 is a date, not a duration
            continue
        if _in_short_quote(text, start, end):
            continue
        try:
            if m.group("unitn"):
                num, unit_text = m.group("num"), m.group("unitn")
                # 一千瓦 is 一 + 千瓦, not 一千 + 瓦: prefer the longer unit when both read
                if len(num) > 1 and num[-1] + unit_text in rules.units and not num[-2].isdigit():
                    num, unit_text = num[:-1], num[-1] + unit_text
                unit = rules.units[unit_text]
                if _is_article_one(num, unit) or num in ("零", "〇", "○"):
                    continue
                if num[0] in "百千万" and not _bare_magnitude_ok(text, start, end):
                    continue
                value, inside = _value(num, grammar)
                low = high = None
            elif m.group("pair"):
                a, b = (rules.numerals[ch][0] for ch in m.group("pair"))
                if b != a + 1:
                    continue
                unit = rules.units[m.group("unitp")]
                low, high, value, inside = Decimal(a), Decimal(b), None, False
            else:
                unit = rules.units[m.group("unit")]
                if m.group("unit1") and rules.units[m.group("unit1")].unit != unit.unit:
                    continue
                low, inside_low = _value(m.group("num"), grammar)
                high, inside = _value(m.group("high"), grammar)
                # 3至5亿元: the magnitude written once applies to both bounds
                if not grammar.magnitude_re.search(grammar.inside_re.sub("", m.group("num"))):
                    hm = grammar.magnitude_re.search(grammar.inside_re.sub("", m.group("high")))
                    if hm and any(ch.isdigit() for ch in m.group("num")):
                        low *= rules.magnitudes[hm.group(0)]
                if low >= high:
                    continue
                value = None
        except (NumeralError, KeyError):
            continue
        factor = unit.factor
        attrs = {
            "value": to_json_number(value * factor) if value is not None else None,
            "unit": unit.unit,
            "qualifier": _qualifier(text, start, end, inside, grammar),
        }
        if value is None:
            attrs["low"] = to_json_number(low * factor)
            attrs["high"] = to_json_number(high * factor)
        out.append(Span(start, end, unit.label, text[start:end], attrs))
    return out
