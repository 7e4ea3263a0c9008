"""Context checks of a figure, for :mod:`pxextract.extract.numbers`: a list number fused with a building number, a
model year, a day of the month that needs a duration word beside it.

Example:
    >>> list_fused("发现以下问题。1.17栋", 7, "1.17"), is_year("2024"), is_year("2400")
    (True, True, False)
"""

from __future__ import annotations

import regex


# a decimal with one digit before the point: 1.17 after a sentence end may be list number 1 and 17
_LIST_DECIMAL = regex.compile(r"[1-9]\.\d+")
_LINE_OPENERS = frozenset("。！？；：\n")


def list_fused(text: str, lead: int, num: str) -> bool:
    """发现以下问题。1.17栋楼层内临边无防护措施: a decimal count of whole buildings or floors
    (number_words ``list_unit``) opening a sentence or line is a list number (1.) fused with a
    building or floor number (17栋), no figure. ``1.7 亿台`` (a magnitude) is a figure."""
    if not _LIST_DECIMAL.fullmatch(num):
        return False
    at = lead
    while at > 0 and text[at - 1].isspace() and text[at - 1] != "\n":
        at -= 1
    return at == 0 or text[at - 1] in _LINE_OPENERS


def names_address(text: str, tail: int, parts: tuple[str, ...], numerals) -> bool:
    """A building number (number_words ``address_unit``: 12幢) followed by a number (digits or ``numerals``) and an
    ``address_part`` (单元, 号, 室) is an address, no count of buildings (h246)."""
    at = tail
    while at < len(text) and text[at] == " ":
        at += 1
    end = at
    while end < len(text) and (text[end].isdigit() or text[end] in numerals):
        end += 1
    return end > at and text.startswith(parts, end)


def is_year(num: str) -> bool:
    """2024款: a four-digit number of the 1900s or 2000s (a model year)."""
    return len(num) == 4 and num.isdigit() and num[:2] in ("19", "20")


def has_context(text: str, lead: int, tail: int, attrs: dict, needs: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    """Whether a figure whose unit needs context has it (number_stops.tsv ``needs_*``): a value
    (or a range's upper bound) beyond 31 (no day of a month), a qualifier, or one of the words beside it.
    ``美国国务院23日晚说`` → False (a day of the month); ``连续7日``, ``30日内`` → True."""
    v = attrs["value"] if attrs.get("value") is not None else attrs.get("high")  # 17-19日: days too
    if v is None or attrs["qualifier"] != "exact" or not (isinstance(v, int) and 1 <= v <= 31):
        return True
    before, after = needs
    return bool(before and text.endswith(before, max(0, lead - 4), lead)) or bool(after and text.startswith(after, tail))
