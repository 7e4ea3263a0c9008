"""Numeral values: Arabic, full-width and Chinese numerals to exact :class:`~decimal.Decimal`.

Example:
    >>> from pxextract.rules import load_rules
    >>> parse_number("一千二百万", load_rules())
    Decimal('12000000')
    >>> parse_number("82.32", load_rules()) * 100000000
    Decimal('8232000000.00')
"""

from __future__ import annotations

from decimal import Context, Decimal, DecimalException, Inexact, InvalidOperation, Overflow

from .rules import Rules

# Values are exact or out of range, never rounded. A figure's value may have at most 38
# significant digits (the precision of a SQL DECIMAL(38) / Arrow decimal128, beyond any real
# figure: 9999999万亿元 has 19); arithmetic in EXACT raises instead of rounding past that.
MAX_VALUE_DIGITS = 38
EXACT = Context(prec=MAX_VALUE_DIGITS, traps=[Inexact, InvalidOperation, Overflow])
# A Chinese numeral longer than this is not read (九千九百九十九万九千九百九十九 has 15 characters):
# the number grammar never matches a longer one, and positional digits stay far below any limit.
MAX_CHINESE_NUMERAL = 24


class NumeralError(ValueError):
    """The text is not a numeral this parser understands."""


class OutOfRange(ValueError):
    """A value that JSON cannot carry exactly within :data:`MAX_VALUE_DIGITS` digits."""


def _chinese_integer(text: str, numerals: dict[str, tuple[int, str]]) -> int:
    """一千二百万 → 12000000; 二〇二一 → 2021 (digit by digit when no scale is written)."""
    if not text:
        raise NumeralError("empty numeral")
    if len(text) > MAX_CHINESE_NUMERAL:
        raise NumeralError(f"a Chinese numeral of {len(text)} characters")
    kinds = []
    for ch in text:
        if ch not in numerals:
            raise NumeralError(f"not a numeral character: {ch!r}")
        kinds.append(numerals[ch])
    if all(kind == "digit" for _, kind in kinds):
        if len(kinds) == 1:
            return kinds[0][0]
        # 二〇二一 / 一九九八: positional digits
        return int("".join(str(v) for v, _ in kinds))
    total = 0  # completed 亿 groups
    section = 0  # completed 万 group inside the current 亿 group
    current = 0  # below 万
    digit = None
    for value, kind in kinds:
        if kind == "digit":
            if digit is not None and digit != 0 and value != 0:
                raise NumeralError(f"two digits in a row in {text!r}")
            digit = value
            continue
        if value >= 100000000:
            section += current + (digit or 0)
            total = (total + section) * value if (total + section) else value
            section = current = 0
        elif value >= 10000:
            base = current + (digit or 0)
            if section + base:
                section = (section + base) * value
            elif total:
                total *= value  # 一亿万: a scale after a completed group multiplies it
            else:
                section = value
            current = 0
        else:
            current += (digit if digit is not None else 1) * value
        digit = None
    return total + section + current + (digit or 0)


def parse_number(text: str, rules: Rules) -> Decimal:
    """The value of a numeral: ``3.5``, ``１２３．４``, ``两``, ``十五``, ``1千2``, ``3.5万``.

    Arabic digits with a decimal point are read exactly; Chinese characters are read as a
    Chinese numeral; a mix (``3.5万``, ``1千2百``) multiplies the Arabic part by the scales.
    """
    text = text.replace(",", "").replace("，", "")
    if text[:1] in ("-", "−", "－") and len(text) > 1:
        return -parse_number(text[1:], rules)
    if not text:
        raise NumeralError("empty numeral")
    arabic = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    if arabic and arabic == text:
        try:
            return Decimal(_ascii_digits(text))
        except Exception:
            raise NumeralError(f"bad number {text!r}") from None
    if not arabic:
        return Decimal(_chinese_integer(text, rules.numerals))
    try:
        return _mixed(text, rules)
    except (Inexact, Overflow):
        raise OutOfRange(f"more than {MAX_VALUE_DIGITS} significant digits: {text!r}") from None
    except DecimalException:
        raise NumeralError(f"bad number {text!r}") from None


def _mixed(text: str, rules: Rules) -> Decimal:
    """3.5万, 1千2百, 1.2亿: Arabic parts times the Chinese scales after them (exact arithmetic)."""
    add, mul = EXACT.add, EXACT.multiply
    total = Decimal(0)
    group = Decimal(0)
    num = ""
    for ch in text:
        if ch.isdigit() or ch == ".":
            num += ch
            continue
        if ch not in rules.numerals or rules.numerals[ch][1] != "scale":
            raise NumeralError(f"not a numeral character: {ch!r} in {text!r}")
        scale = Decimal(rules.numerals[ch][0])
        n = Decimal(_ascii_digits(num)) if num else Decimal(1)
        num = ""
        if scale >= 10000:
            group = mul(add(group, n), scale)
            total = add(total, group)
            group = Decimal(0)
        else:
            group = add(group, mul(n, scale))
    if num:
        group = add(group, Decimal(_ascii_digits(num)))
    return add(total, group)


def _ascii_digits(text: str) -> str:
    """Map any Unicode decimal digit (full-width １, Arabic-Indic …) to ASCII."""
    return "".join(str(int(ch)) if ch.isdigit() else ch for ch in text)


def to_json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as an exact JSON number: integers stay (big) integers, others become the float
    that reads back as the same decimal; :class:`OutOfRange` when neither is exact.

    Example: ``to_json_number(Decimal("12345678901234567890"))`` → ``12345678901234567890``;
    ``to_json_number(Decimal("82.32"))`` → ``82.32``.
    """
    if value is None:
        return None
    if not value.is_finite():
        raise OutOfRange(f"not a finite number: {value}")
    if value == value.to_integral_value():
        if value and value.adjusted() >= MAX_VALUE_DIGITS:
            raise OutOfRange(f"more than {MAX_VALUE_DIGITS} digits")
        return int(value)
    f = float(value)
    if Decimal(repr(f)) != value:
        raise OutOfRange(f"{value} has no exact float")
    return f
