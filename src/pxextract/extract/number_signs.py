"""Signs of figures: a minus that is a dash, 零下 before a temperature.

Example:
    >>> below_zero({"value": 10}), below_zero({"value": None, "low": 3, "high": 5})
    ({'value': -10}, {'value': None, 'low': -5, 'high': -3})

(零下10摄氏度 → −10 ℃; 零下3到5摄氏度 → −5 to −3 ℃.)
"""

from __future__ import annotations

from ..spans import Span


def below_zero_start(text: str, lead: int, unit: str, w) -> int | None:
    """Where 零下 (number_words ``below_zero``) right before a figure of a temperature unit
    (``below_zero_unit``) starts: 气温降至零下10摄氏度 → the index of 零; None when there is none."""
    if unit not in w.below_zero_unit:
        return None
    word = next((z for z in w.below_zero if text.endswith(z, 0, lead)), None)
    return None if word is None else lead - len(word)


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
