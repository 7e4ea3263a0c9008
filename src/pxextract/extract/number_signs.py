"""Signs of figures: a minus that is a dash, 零下 before a temperature; 度 of a temperature; a spoken tenth (一米八).

Example:
    >>> below_zero({"value": 10}), below_zero({"value": None, "low": 3, "high": 5})
    ({'value': -10}, {'value': None, 'low': -5, 'high': -3})

(零下10摄氏度 → −10 ℃; 零下3到5摄氏度 → −5 to −3 ℃.)
"""

from __future__ import annotations

from decimal import Decimal

from ..normalize import is_han
from ..spans import Span


def below_zero_start(text: str, lead: int, unit: str, w) -> int | None:
    """Where 零下 (number_words ``below_zero``) right before a figure of a temperature unit
    (``below_zero_unit``) starts: 气温降至零下10摄氏度 → the index of 零; None when there is none."""
    if unit not in w.below_zero_unit:
        return None
    word = next((z for z in w.below_zero if text.endswith(z, 0, lead)), None)
    return None if word is None else lead - len(word)


def below_zero_bounds(text: str, lead: int, low, high, w):
    """The bounds to store of a range whose upper bound is written after 零下 (零下12～零下8℃): with 零下 before the
    lower bound too, the written numbers swapped (12, 8 → 8, 12; :func:`below_zero` then makes them −12 to −8);
    without it, the second bound is the negative one (3～零下5℃ → −5 to 3)."""
    if any(text.endswith(z, 0, lead) for z in w.below_zero):
        return high, low
    return -high, low


def uncued_degree(text: str, lead: int, num: str, unit: str, w) -> bool:
    """度 (number_words ``cued_unit``) is a temperature only after a ``temperature_cue`` in its clause, at most
    ``_CUE_REACH`` characters before it (零下5度, 气温达到29度, 生长温度25度—30度); else it is no figure (一度 "once",
    360度, 30度角). 一度 alone is "at one time" also after a cue (最高气温一度超过30摄氏度): True = no figure."""
    if unit not in w.cued_unit:
        return False
    if num in w.article_one:
        return True
    window = text[max(0, lead - _CUE_REACH) : lead]
    window = window[max(window.rfind(c) for c in _CLAUSE_END) + 1 :]
    return not any(c in window for c in w.temperature_cue)


_CUE_REACH = 12
_CLAUSE_END = "，。；！？,;!?\n"


def below_zero(attrs: dict) -> dict:
    """The attributes of a figure below zero: the value negated, a range's bounds negated and swapped
    (零下3到5摄氏度: from −5 to −3)."""
    out = dict(attrs)
    if out.get("value") is not None:
        out["value"] = -out["value"]
    if out.get("low") is not None and out.get("high") is not None:
        out["low"], out["high"] = -attrs["high"], -attrs["low"]
    return out


def join_per_range(text: str, out: list[Span], end: int, attrs: dict) -> None:
    """0.09元/升-0.10元/升: the figure before becomes the range up to this one (its minus a dash)."""
    prev, high = out[-1], attrs.get("value")
    low = prev.attrs.get("value")
    if low is None or high is None or low >= -high:
        return
    out[-1] = Span(prev.start, end, prev.label, text[prev.start : end], {**prev.attrs, "value": None, "low": low, "high": -high})


def spoken_tenth(text: str, end: int, num: str, unit: str, rules) -> Decimal | None:
    """一米八 (1.8 米), 四米五左右 (4.5 米): after a Chinese numeral and a ``spoken_tenth_unit``, one Chinese digit that
    starts no further number or unit is the tenths of a spoken decimal, inside the span: its value (0.8), else None
    (100米半程, 两米三个人, 1米8, and 一米八海洋科技: a Han character after the digit that no ``spoken_tenth_after`` word
    starts continues a word)."""
    w, numerals = rules.numbers, rules.numerals
    d = numerals.get(text[end : end + 1])
    if unit not in w.spoken_tenth_unit or d is None or d[1] != "digit" or not 1 <= d[0] <= 9 or num[:1].isdigit():
        return None
    if text[end + 1 : end + 2] in numerals or any(text.startswith(u, end + 1) for u in rules.units):
        return None
    if is_han(text[end + 1 : end + 2] or "a") and not text.startswith(w.spoken_tenth_after, end + 1):
        return None  # 一米八海洋科技（浙江）有限公司: the digit starts a word of a name
    return Decimal(d[0]) / 10
