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

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal, Inexact, Overflow

import regex

from ..numerals import EXACT, MAX_CHINESE_NUMERAL, NumeralError, OutOfRange, parse_number, to_json_number
from ..normalize import is_han
from ..rules import Rules
from ..rule_types import Unit
from ..spans import Span
from . import durations
from .number_signs import below_zero, below_zero_bounds, below_zero_start, join_per_range, spoken_tenth, uncued_degree
from .number_context import has_context, is_year, list_fused, names_address
from .number_refs import enumeration_totals, names_firms, names_pair, names_place, points_back, refers_back

# Space characters (ASCII, no-break U+00A0, thin U+2009, narrow no-break U+202F, ideographic
# U+3000 …: Unicode's space separators) that typesetting puts inside a figure.
SPACE = r"\p{Zs}"
# GAP: at most two of them between two fragments of a figure (19917.0 亿元, 5.6 %, 421.6 万 户)
GAP = rf"{SPACE}{{0,2}}"
_SPACES = regex.compile(SPACE)
_SPACE_CHARS = frozenset(ch for ch in map(chr, range(0x3001)) if _SPACES.match(ch))  # Zs lies below U+3001


def _chars(words) -> str:
    """A regex character class of one-character words."""
    return "[" + regex.escape("".join(words)) + "]"


def _alt(words) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class NumberGrammar:
    """The compiled number grammar for one :class:`Rules` (build once, reuse per article)."""

    rules: Rules

    def __post_init__(self):
        r = self.rules
        w = r.numbers  # rules/number_words.tsv
        digits = "".join(ch for ch, (_, kind) in r.numerals.items() if kind == "digit")
        all_cn = regex.escape("".join(r.numerals))
        inside = _alt(q.surface for q in r.qualifiers.values() if q.position == "inside")
        magnitude = _alt(r.magnitudes)
        # No number starts inside a run of digits or numeral characters, and no fragment repeats
        # without bound: each position of a run costs constant work (linear time on any input).
        # SIGN: a minus where no digit or point precedes (-0.57‰; not the dash of 3-5)
        sign = r"(?:(?<![\d.])-)"
        # START: a number starts a digit run, never with 0 before a digit (00:00, 007 are codes) and
        # never at a thousands group (…,000): a longer number than the bounds below is no number
        start = r"(?<!\d)(?!0\d)(?!(?<=\d,)\d{3}(?!\d))"
        # PLAIN: 82.32 / 1,234 / 2021: the whole digit run, at most ten thousands groups
        plain = rf"{start}\d+(?:,\d{{3}}){{0,10}}(?:\.\d+)?"
        # GROUPED: 1 234.5 / 12 345 678 (any space separator): groups of three after one to three
        # digits, never after a digit or letter and a space, never followed by another digit group
        grouped = rf"(?<![\dA-Za-z]{SPACE}?){start}\d{{1,3}}(?:{SPACE}\d{{3}}){{1,10}}(?!\d|{SPACE}\d)(?:\.\d+)?"
        # ARABIC: atomic, as no unit starts with a digit, '.', ',' or '-' (rules.py checks it):
        # shorter readings of 2021 (202, 20…) could never match when no unit follows
        arabic = rf"(?>{sign}?(?:{grouped}|{plain}))"
        # NUMERAL UNIT: a unit that starts with a numeral character (千瓦时, 千米, 百分点) is read as
        # the unit, not as a scale or magnitude and the rest (50.6千瓦时 → 50.6 + 千瓦时, not 50.6千 + 瓦)
        numeral_unit = _alt(u for u in r.units if u[0] in r.numerals) or "(?!)"
        # CHINESE: starts a numeral run with a digit character or 十 (十五, 两, 二〇二一, 一千二百万),
        # at most MAX_CHINESE_NUMERAL characters, none starting a NUMERAL UNIT (三千瓦时 → 三 + 千瓦时)
        cn_tail = rf"(?:(?!{numeral_unit})[{all_cn}]){{0,{MAX_CHINESE_NUMERAL - 1}}}"
        # (the scales of value ten may start it: 十五, 拾; a bare magnitude after its qualifier: 上百)
        tens = "".join(ch for ch, (v, kind) in r.numerals.items() if kind == "scale" and v == 10)
        chinese = (
            rf"(?<![{all_cn}])(?:[{regex.escape(digits + tens)}]{cn_tail}"
            rf"|{_chars(w.scale_start)}(?={_chars(w.large_scale)}){cn_tail}"
            rf"|(?<=(?<![{all_cn}\d])(?:{_alt(w.bare_qualifier)})){_chars(w.bare_magnitude)})"
        )
        # MIXED: Arabic digits with Chinese scales between them (1千2百, 3万5千)
        mixed = rf"(?<!\d)(?>\d+){_chars(w.mixed_scale)}(?:(?>\d+){_chars(w.mixed_inner)}?){{1,3}}"
        # NUMBER: one number, its magnitude word and 多/余 inside (1.2万余, 600多, 十多, 19917.0 亿),
        # a GAP allowed between these fragments
        number = rf"(?:{mixed}|{arabic}|{chinese})(?:{GAP}(?:(?:{inside}){GAP})?(?!{numeral_unit})(?:{magnitude}))?(?:{GAP}(?:{inside}))?"
        # RANGE SEPARATORS: 3至5亿元, 10—15万亩, 5%-8%
        sep = "(?:" + "|".join(regex.escape(x) for x in w.range_sep) + ")"
        below = rf"(?P<neg>{_alt(w.below_zero)}{GAP})?"  # 零下12～零下8℃: a second 零下 before the upper bound
        unit = _alt(r.units)
        # one alternative for a number and what follows it (a range or a unit), so the number is
        # parsed once; a range is tried first, as in 3至5亿元
        # FIRST: every alternative starts with a digit, a minus or a numeral character; saying so
        # up front lets the engine skip other positions at once (15 % of the matching time)
        first = rf"(?=[\d\-{all_cn}])"
        # PAIR: two consecutive digit characters and a unit, an approximate range (两三个, 三四家)
        # DURATION: a compound duration (二年六个月, 2小时30分钟: durations.tsv), tried first
        self_pattern = rf"""
            {first}
          (?:
            (?P<dur>{durations.pattern(r, GAP, sep)})
          | (?P<pair>[{regex.escape(digits)}]{{2}})(?P<unitp>{unit})
          | (?P<num>{number})
            (?: (?:{GAP}(?P<unit1>{unit}))?{GAP}{sep}{GAP}{below}(?P<high>{number}){GAP}(?P<unit>{unit})
              | {GAP}(?P<unitn>{unit}) )
          )
        """
        object.__setattr__(self, "pattern", regex.compile(self_pattern, regex.VERBOSE))
        # PER: a slash (a GAP around it) and the unit a figure is per (13.81元/公斤, 2.9 元 / 罐,
        # 250 公里 / 小时): the counts and measures of units.tsv (factor 1) and the per_unit words
        per = {u.surface: u.unit for u in r.units.values() if u.label in ("CARDINAL", "QUANTITY") and u.factor == 1 and "/" not in u.surface}
        per.update((p, p) for p in w.per_unit if p not in per)
        object.__setattr__(self, "per_units", per)
        object.__setattr__(self, "per_re", regex.compile(rf"{GAP}/{GAP}(?:{_alt(per)})(?![A-Za-z])"))
        object.__setattr__(self, "inside_re", regex.compile(rf"(?:{inside})" if inside else r"(?!)"))
        object.__setattr__(self, "magnitude_re", regex.compile(rf"(?:{_alt(r.magnitudes)})$"))
        before = [q.surface for q in r.qualifiers.values() if q.position == "before"]
        after = [q.surface for q in r.qualifiers.values() if q.position == "after"]
        object.__setattr__(self, "before_re", regex.compile(rf"(?:{_alt(before)})$"))
        object.__setattr__(self, "after_re", regex.compile(rf"^(?:{_alt(after)})"))
        # an after-qualifier ending where a bare_qualifier would stand (以上 + 十万元以下): it ends the figure before
        object.__setattr__(self, "after_end_re", regex.compile(rf"(?:{_alt(a for a in after if len(a) > 1)})$"))
        # number_stops.tsv: context that makes a match an ordinal, a class or a name (guide §3)
        stops = r.number_stops
        before = [w for w, _ in stops["before"]]
        object.__setattr__(self, "stop_before", regex.compile(rf"(?:{_alt(before)})$") if before else None)
        object.__setattr__(self, "stop_before_units", {w: u for w, u in stops["before"]})
        object.__setattr__(self, "stop_after", stops["after"])
        object.__setattr__(self, "quote_units", frozenset(w for w, _ in stops["in_quote"]))
        # in_name: set phrases whose number is part of the name (八项规定, 三个联合公报)
        names = [w for w, _ in stops.get("in_name", ())]
        object.__setattr__(self, "name_re", regex.compile(_alt(names)) if names else None)
        # quoted_word: slogan words that, quoted right after a count, make it a slogan count (四个“注重”)
        object.__setattr__(self, "slogan_words", frozenset(w for w, _ in stops.get("quoted_word", ())))
        # enclosed: a bracket pair → the units that alone inside it are no figures (（84位）: a rank)
        pairs = [p for p, _ in stops.get("enclosed", ())]
        object.__setattr__(self, "enclosed", {p: tuple(u for q, u in stops["enclosed"] if q == p) for p in pairs})
        # one test for "any stop word follows" before the word-by-word check of their units
        object.__setattr__(self, "stop_after_start", tuple(w for w, _ in stops["after"]))
        object.__setattr__(self, "values", {})  # NUMBER text → (value, 多/余 inside): a memo, bounded (_VALUE_CACHE_SIZE)
        # numerals of value zero (零 alone is no figure); the inside qualifiers of "over" (多), which
        # written inside a unit (两个多月) make the figure a lower bound
        object.__setattr__(self, "scales", frozenset(ch for ch, (_, kind) in r.numerals.items() if kind == "scale"))
        object.__setattr__(self, "zeros", frozenset(ch for ch, (v, kind) in r.numerals.items() if kind == "digit" and v == 0))
        object.__setattr__(self, "over_inside", tuple(q.surface for q in r.qualifiers.values()
                                                      if q.position == "inside" and q.qualifier == "over"))
        # number_stops.tsv needs_*: unit → (words before, words after) one of which it needs
        needs: dict[str, tuple[list[str], list[str]]] = {}
        for side, i in (("needs_before", 0), ("needs_after", 1)):
            for w, u in stops.get(side, ()):
                needs.setdefault(u, ([], []))[i].append(w)
        object.__setattr__(self, "needs", {u: (tuple(b), tuple(a)) for u, (b, a) in needs.items()})
        # ENUMERATION TOTAL: a digit numeral (2–9) and a noun naming the parties (沪深两市, 三地)
        w = r.numbers
        counts = "".join(ch for ch, (v, kind) in r.numerals.items() if kind == "digit" and 2 <= v <= 9)
        object.__setattr__(self, "enum_re", regex.compile(
            rf"(?P<num>[{regex.escape(counts)}2-9])(?P<noun>{_alt(w.enum_noun + w.enum_level)})(?!{_alt(tuple(x[1:] for x in w.enum_not_word))})"
            if w.enum_noun else r"(?!)"))
        object.__setattr__(self, "enum_split", regex.compile(_alt(w.enum_sep)))
        object.__setattr__(self, "enum_abbrev", frozenset(w.enum_abbrev))
        object.__setattr__(self, "enum_levels", frozenset(w.enum_level))
        # a count of people earlier in the sentence (造成3人死亡，两人受伤): see _refers_back
        numerals = "".join(ch for ch, (v, kind) in r.numerals.items() if kind in ("digit", "scale"))
        object.__setattr__(self, "people_before", regex.compile(
            rf"(?:\d+|[{regex.escape(numerals)}]+)(?:{_alt(w.people_unit)})[^。！？\n]*$"))
        # a count of firms earlier in the sentence (5家企业参与，两家企业中标): see number_refs.names_firms
        object.__setattr__(self, "firms_before", regex.compile(
            rf"(?:\d+|[{regex.escape(numerals)}]+)(?:{_alt(w.firm_unit)})[^。！？\n]*$"))


# Neighbours that make a match part of a code (5G, L6级, “4+2”, 2×35万千瓦) rather than a figure.
_CODE_NEIGHBOUR = regex.compile(r"[A-Za-z+＋/×*#·]")
_HAN = regex.compile(r"\p{Han}")
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


def _slogan_count(text: str, at: int, unit: str, grammar: NumberGrammar) -> bool:
    """从…四个“注重”到…四个“只有”, 突出3个“更”: a count right before a quoted word of one Han character
    (after a general classifier, number_words slogan_unit, and no quoted_tail: 两辆“豹”式坦克 stays)
    or a slogan word (number_stops.tsv quoted_word) counts the parts of a slogan, no figure (§6);
    七个“国度”, 8个“剧组” (quoted nouns) stay figures."""
    if text[at : at + 1] not in _QUOTE_OPEN:
        return False
    close = next((i for i in range(at + 1, min(len(text), at + 6)) if text[i] in _QUOTE_CLOSE), None)
    word, w = (text[at + 1 : close] if close is not None else ""), grammar.rules.numbers
    one = len(word) == 1 and is_han(word) and unit in w.slogan_unit and text[close + 1 : close + 2] not in w.quoted_tail
    return one or word in grammar.slogan_words


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
    core = grammar.inside_re.sub("", _SPACES.sub("", text))
    mult = Decimal(1)
    m = grammar.magnitude_re.search(core)
    if m and core[: m.start()].replace(".", "").replace("-", "").isdigit():
        mult = rules.magnitudes[m.group(0)]
        core = core[: m.start()]
    return _times(parse_number(core, rules), mult), has_inside


def _times(a: Decimal, b: Decimal) -> Decimal:
    """``a × b`` exactly, or :class:`OutOfRange` (more significant digits than a value may have)."""
    try:
        return EXACT.multiply(a, b)
    except (Inexact, Overflow):
        raise OutOfRange(f"{a} × {b}") from None


def _gap_before(text: str, pos: int) -> int:
    """Where the GAP of spaces ending at ``pos`` starts (``pos`` when there is none)."""
    lo = max(0, pos - 2)
    while pos > lo and text[pos - 1] in _SPACE_CHARS:
        pos -= 1
    return pos


def _gap_after(text: str, pos: int) -> int:
    """Where the GAP of spaces starting at ``pos`` ends."""
    hi = min(len(text), pos + 2)
    while pos < hi and text[pos] in _SPACE_CHARS:
        pos += 1
    return pos


def _qualifier(text: str, start: int, lead: int, tail: int, inside: bool, grammar: NumberGrammar) -> str:
    """exact / approx / over / under from the words around the figure ``text[start:…]``; ``lead``
    and ``tail`` are its bounds with the GAPs around it (约 30 %, 110 万亩 以上)."""
    w = grammar.rules.numbers
    before = grammar.before_re.search(text, max(0, lead - 4), lead)
    if before and before.group(0) in w.bare_qualifier and (
            text[start : start + 1] not in grammar.scales  # 上, 数, 几 qualify a number starting with a scale only
            or grammar.after_end_re.search(text, max(0, before.end() - 4), before.end())):  # 一万元以上十万元以下
        before = None
    if before:
        return grammar.rules.qualifiers[before.group(0)].qualifier
    after = grammar.after_re.search(text[tail : tail + 4])
    if after:
        return grammar.rules.qualifiers[after.group(0)].qualifier
    return "over" if inside else "exact"


def _bare_magnitude_ok(text: str, lead: int, end: int, w) -> bool:
    """千亿元 / 上百家 are figures; 百万吨乙烯项目 is a class label (a noun follows at once).
    ``w``: the rules' :class:`~pxextract.rules.NumberWords`."""
    if text[lead - 1 : lead] in w.bare_before:
        return True
    nxt = text[end : end + 1]
    return not nxt or not is_han(nxt) or nxt in w.bare_after


def _is_article_one(num: str, unit, w) -> bool:
    """一个重要举措, 一批, 一种, 一方面: 一 written as a character before a count word is an
    article, not a count (guide §3); a count of one is written 1个. Measures stay (一千瓦)."""
    return num in w.article_one and (unit.label == "CARDINAL" or len(unit.surface) == 1)  # 一天接着一天干


def find_numbers(text: str, grammar: NumberGrammar) -> list[Span]:
    """Every numeric span of ``text`` (offsets into ``text``), with its attributes.

    Example: ``find_numbers("增加到2021年的123.77亿元，增长约50%", g)`` gives
    ``123.77亿元`` (12377000000 元) and ``50%`` (50 %, approx).
    """
    out: list[Span] = []
    rules = grammar.rules
    w = rules.numbers
    # the set phrases of the text (number_stops in_name): a number inside one is part of the name
    names = [n.span() for n in grammar.name_re.finditer(text)] if grammar.name_re is not None else []
    name_ends = [b for _, b in names]
    fused = -1  # where the last list number fused with a building number ends (以下问题。1.17栋)
    for m in grammar.pattern.finditer(text):
        start, end = m.span()
        per = None if m.group("dur") else _per_unit(text, end, m.group("unitn") or m.group("unit") or m.group("unitp"), grammar)
        if per is not None:
            end = per[0]
        if names:
            k = bisect_left(name_ends, end)  # the first set phrase ending at or after this figure
            if k < len(names) and names[k][0] <= start:
                continue
        # the context words may stand beyond a GAP (第 3 个, 约 5 %, 8 月 16 日, 2000 吨 级); a
        # code's letters, signs or digits must touch the number (Model Y 10 万辆, P3 100% are figures)
        lead, tail = _gap_before(text, start), _gap_after(text, end)
        before_ch = text[lead - 1] if lead else ""
        if grammar.stop_before is not None:
            stop = grammar.stop_before.search(text, max(0, lead - 4), lead)
            if stop and text.endswith(grammar.stop_before_units[stop.group()], 0, end):  # unit "" → any
                continue
        touching, after = text[start - 1 : start], text[end : end + 1]
        # a Han unit may be followed by a Latin name (9辆Cybertruck, 3台iPhone): only a number or
        # a Latin unit touching letters or signs is a code
        if _CODE_NEIGHBOUR.match(touching) or touching.isdigit() or (
            _CODE_NEIGHBOUR.match(after) and not (after.isascii() and after.isalpha() and _HAN.match(text, end - 1))
        ):
            continue
        if touching == ":" and text[start - 2 : start - 1].isdigit():  # 00:00:00 起, 3.9:39.0: a clock or a ratio
            continue
        if text.startswith(grammar.stop_after_start, tail) and any(
            text.startswith(w, tail) and (not u or text.endswith(u, 0, end)) for w, u in grammar.stop_after
        ):
            continue
        if grammar.enclosed and text.endswith(grammar.enclosed.get(before_ch + text[tail : tail + 1], ()), 0, end):
            continue  # 上汽集团（84位）: a rank
        if before_ch in w.date_month and text[end - 1] in w.date_day:  # 3月5日 is a date, not a duration
            continue
        quoted = _in_short_quote(text, start, end)
        out_of_range = False
        try:
            if m.group("dur"):  # 二年六个月 → 30 个月
                unit, value, low, high = durations.read(m, rules)
                inside = False
            elif m.group("unitn"):
                num, unit_text = m.group("num"), m.group("unitn")
                # 一千瓦 is 一 + 千瓦, not 一千 + 瓦: prefer the longer unit when both read
                if (len(num) > 1 and num[-1] + unit_text in rules.units and not num[-2].isdigit()
                        and m.end("num") == m.start("unitn")):
                    num, unit_text = num[:-1], num[-1] + unit_text
                if len(num) == 1 and num in w.word_numeral and start and is_han(text[start - 1]):
                    continue  # 队伍克服, 重拾天真: a character of a word, no 5克 or 10天
                unit = rules.units[unit_text]
                tenth = spoken_tenth(text, end, num, unit_text, rules)  # 一米八: the digit after the unit is 0.8
                if tenth is None and (_is_article_one(num, unit, w) or num in grammar.zeros):
                    continue
                if num[0] in w.bare_magnitude and not _bare_magnitude_ok(text, lead, end, w):
                    continue
                low = high = None
                value, inside = _value(num, grammar)
                if tenth is not None:
                    value, end, tail = value + tenth, end + 1, _gap_after(text, end + 1)
            elif m.group("pair"):
                a, b = (rules.numerals[ch][0] for ch in m.group("pair"))
                if a < 1 or b != a + 1:  # 一个月零一个星期: 零 is no range's start
                    continue
                unit = rules.units[m.group("unitp")]
                low, high, value, inside = Decimal(a), Decimal(b), None, False
            else:
                unit = rules.units[m.group("unit")]
                if m.group("unit1") and rules.units[m.group("unit1")].unit != unit.unit:
                    continue
                value, inside = None, False
                low, inside_low = _value(m.group("num"), grammar)
                high, inside = _value(m.group("high"), grammar)
                # 3至5亿元: the magnitude written once applies to both bounds
                if not grammar.magnitude_re.search(grammar.inside_re.sub("", m.group("num"))):
                    hm = grammar.magnitude_re.search(grammar.inside_re.sub("", m.group("high")))
                    if hm and any(ch.isdigit() for ch in m.group("num")):
                        low = _times(low, rules.magnitudes[hm.group(0)])
                if m.group("neg"):
                    low, high = below_zero_bounds(text, lead, low, high, w)
                if low >= high:
                    continue
            attrs = _values(value, low, high, unit.factor)
        except (NumeralError, KeyError):
            continue
        except OutOfRange:  # a value JSON cannot carry exactly: the span is kept, its value not
            attrs, out_of_range = _values(None, None, None, unit.factor), True
            if m.group("unitn") is None:
                attrs["low"] = attrs["high"] = None
        if per is not None:
            unit = per[1]
        if uncued_degree(text, lead, m.group("num") or "", unit.surface, w):
            continue  # 度 of no temperature: 一度 ("once"), 360度
        if quoted and unit.surface not in grammar.quote_units:  # “365天不打烊”, but “8英寸集成电路成套装备”
            continue
        if text[start] == "-" and unit.unit in w.unsigned_unit:
            continue  # 6日14时-7日5时: the dash of a range of times, no negative count of days
        if unit.label == "CARDINAL" and _slogan_count(text, tail, unit.surface, grammar):
            continue  # 四个“注重”, 五个“最”: the parts of a slogan
        if unit.surface in w.model_year_unit and m.group("unitn") and is_year(m.group("num")):
            continue  # 2024款: a model year
        if unit.surface in w.party_unit and m.group("unitn") and refers_back(text, lead, m.group("num"), grammar):
            continue
        if unit.surface in w.pair_unit and m.group("unitn") and names_pair(text, lead, end, m.group("num"), grammar):
            continue  # 林嘉欣与袁剑伟…，但目前二人处于分居状态: the pair named before
        if unit.surface in w.pointer_unit and m.group("unitn") and points_back(text, lead, m.group("num"), w):
            continue  # 这两位, 该两家: things named before
        if m.group("unitn") and names_place(text, lead, tail, m.group("num"), unit.surface, w):
            continue  # 在五套村、五墩村和益平村: a village's name
        if unit.surface in w.firm_unit and m.group("unitn") and names_firms(text, lead, end, m.group("num"), grammar):
            continue  # …与松下签署协议。两家公司表示: the firms named before
        if unit.surface in w.list_unit and m.group("unitn") and list_fused(text, lead, m.group("num")):
            fused = end  # 以下问题。1.17栋楼层内…: list number 1 and building 17, no count
            continue
        if lead == fused and unit.surface in w.floor_unit:
            continue  # 3.17栋17层外飘大阳台: that building's floor 17
        if unit.surface in w.address_unit and m.group("unitn") and names_address(text, tail, w.address_part, rules.numerals):
            continue  # 12幢1单元: an address
        attrs["unit"] = unit.unit
        # 多 written inside the unit (两个多月, 3个多小时) makes the figure a lower bound too
        over = not out_of_range and (inside or any(q in (m.group("unitn") or m.group("dunit") or "") for q in grammar.over_inside))
        attrs["qualifier"] = _qualifier(text, start, lead, tail, over, grammar)
        if unit.unit in grammar.needs and not has_context(text, lead, tail, attrs, grammar.needs[unit.unit]):
            continue
        if out_of_range:
            attrs["out_of_range"] = True
        if per is not None and out and out[-1].end == start and text[start] == "-" and out[-1].attrs.get("unit") == unit.unit:
            join_per_range(text, out, end, attrs)  # 0.49元/升-0.57元/升: one range, no negative price
            continue
        zero = below_zero_start(text, lead, unit.unit, w) if text[start] != "-" else None
        if zero is not None:  # 零下10摄氏度: −10, 零下 inside the span (as the minus of -5℃)
            start, attrs = zero, below_zero(attrs)
        out.append(Span(start, end, unit.label, text[start:end], attrs))
    totals = enumeration_totals(text, grammar, out)
    return sorted(out + totals, key=lambda s: s.start) if totals else out


def _per_unit(text: str, end: int, unit_text: str, grammar: NumberGrammar) -> tuple[int, Unit] | None:
    """Where a figure ends and its unit when a slash and the unit it is per follow its unit:
    a compound unit of units.tsv written with spaces (250 公里 / 小时), or a price (13.81元/公斤,
    0.24元/股, 2.9 元 / 罐: MONEY, the currency's unit + / + the per unit; the value is unchanged)."""
    m = grammar.per_re.match(text, end)
    if m is None:
        return None
    per = m.group().split("/")[1].strip()
    units = grammar.rules.units
    known = units.get(unit_text + "/" + per)
    if known is not None:
        return m.end(), known
    unit = units[unit_text]
    if unit.label != "MONEY" or "/" in unit.unit:
        return None
    return m.end(), Unit(unit_text + "/" + per, unit.unit + "/" + grammar.per_units[per], "MONEY", unit.factor)


def _values(value, low, high, factor: Decimal) -> dict:
    """``value`` (or ``low``/``high`` of a range) times the unit's factor, as exact JSON numbers."""
    if value is None and low is None:
        return {"value": None}
    if value is not None:
        return {"value": to_json_number(_times(value, factor))}
    return {"value": None, "low": to_json_number(_times(low, factor)), "high": to_json_number(_times(high, factor))}
