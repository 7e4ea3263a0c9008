"""A normalized view of an article's text whose offsets map back exactly to the raw text.

Matching needs half-width digits and signs (１２３．４％ → 123.4%) and sentences that
page layout broke with blank lines joined again ("赣西交通枢\\n\\n纽城市" → "赣西交通枢纽城市").
The raw text is never changed: every span found on the view is mapped back with
:meth:`View.to_raw`, and ``raw[start:end]`` is what the span's text is.

Example:
    >>> v = normalize("投资１２．５亿元")
    >>> v.text
    '投资12.5亿元'
    >>> v.to_raw(2, 8)
    (2, 8)
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Full-width ASCII block (！ … ～) maps to ASCII by a fixed offset; the ideographic space to a space.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_WIDTH_TABLE = str.maketrans({chr(k): chr(v) for k, v in _FULLWIDTH.items()})

# A line break inside a sentence: a long line that ends in a Han character or digit, one or more
# (blank) line breaks, and a line that goes on with a Han character or digit. Headings are short
# lines, so they are never joined to what follows.
MIN_BROKEN_LINE = 30
_BREAK = regex.compile(r"(?<=[\p{Han}\d])[ \t\u3000]*(?:\r?\n[ \t\u3000]*){1,4}(?=[\p{Han}\d])")


@dataclass(frozen=True)
class View:
    """Normalized text plus, for every normalized character, its index in the raw text."""

    raw: str
    text: str
    index: tuple[int, ...] | None  # None: identity mapping (nothing was removed)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open range of the view to the raw text."""
        if self.index is None:
            return start, end
        if end <= start:
            pos = self.index[start] if start < len(self.index) else len(self.raw)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1

    def raw_pos(self, pos: int) -> int:
        """Raw index of a view position (for boundaries such as sentence ends)."""
        if self.index is None:
            return pos
        return self.index[pos] if pos < len(self.index) else len(self.raw)


def _line_length_before(text: str, pos: int) -> int:
    start = text.rfind("\n", 0, pos) + 1
    return pos - start


def normalize(raw: str) -> View:
    """Build the normalized :class:`View` of ``raw`` (width folding and broken-line joining)."""
    folded = raw.translate(_WIDTH_TABLE)
    cuts = [
        (m.start(), m.end())
        for m in _BREAK.finditer(folded)
        if _line_length_before(folded, m.start()) >= MIN_BROKEN_LINE
    ]
    if not cuts:
        return View(raw, folded, None)
    parts = []
    index: list[int] = []
    prev = 0
    for s, e in cuts:
        parts.append(folded[prev:s])
        index.extend(range(prev, s))
        prev = e
    parts.append(folded[prev:])
    index.extend(range(prev, len(folded)))
    return View(raw, "".join(parts), tuple(index))
