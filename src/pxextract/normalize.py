"""A normalized view of an article's text whose offsets map back exactly to the raw text.

Matching needs half-width digits and signs (１２３．４％ → 123.4%) and sentences that
page layout broke with blank lines joined again ("赣西交通枢\\n\\n纽城市" → "赣西交通枢纽城市");
zero-width characters that web pages leave inside figures, and stock quotes a portal links into
names (阿里(94.85, 0.63, 0.67%)巴巴 → 阿里巴巴), are not in the view (60\\u200b0亿 → 600亿).
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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

import regex

# Full-width ASCII block (！ … ～) maps to ASCII by a fixed offset; the ideographic space to a space.
_FULLWIDTH = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH["\u3000"] = " "
# The CJK Unified Ideographs block: what the pipeline counts as a Han character where one is
# tested by code point (the regexes say \p{Han}).
HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF


def is_han(ch: str) -> bool:
    """Whether the one character ``ch`` lies in U+4E00–U+9FFF (``is_han("萍")`` → True)."""
    return HAN_FIRST <= ord(ch) <= HAN_LAST


_WIDE = regex.compile("[\uff01-\uff5e\u3000]")

# A line break inside a sentence: a long line that ends in a Han character or digit, one or more
# (blank) line breaks, and a line that goes on with a Han character or digit. Headings are short
# lines, so they are never joined to what follows. A digit is never joined to a digit: two
# numbers would read as one (增长8.6 + 2023年，… would become 8.62023年).
MIN_BROKEN_LINE = 30
_LINE_GAP = r"[ \t\u3000]*(?:\r?\n[ \t\u3000]*){1,4}"  # the break with its indentation and blank lines
_BREAK = regex.compile(rf"(?<=\p{{Han}}){_LINE_GAP}(?=[\p{{Han}}\d])|(?<=\d){_LINE_GAP}(?=\p{{Han}})")


@dataclass(frozen=True)
class View:
    """Normalized text plus the map from its positions to the raw text.

    The map is piecewise: normalization only removes characters (joined line breaks), so the
    view is a run of raw pieces. ``view_starts`` and ``raw_starts`` hold each piece's start in
    the view and in the raw text (both empty: identity). A position maps with one bisection, and
    an article keeps two short lists rather than one integer per character. ``folded`` says
    whether width folding changed any character (１２ → 12, ，→ ,).
    """

    raw: str
    text: str
    view_starts: tuple[int, ...] = ()
    raw_starts: tuple[int, ...] = ()
    folded: bool = False  # some characters were width-folded (else every kept character is raw)

    @property
    def identity(self) -> bool:
        return not self.view_starts

    def raw_pos(self, pos: int) -> int:
        """Raw index of a view position (for boundaries such as sentence ends)."""
        if not self.view_starts:
            return pos
        if pos >= len(self.text):
            return len(self.raw)
        i = bisect_right(self.view_starts, pos) - 1
        return self.raw_starts[i] + pos - self.view_starts[i]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open range of the view to the raw text."""
        if not self.view_starts:
            return start, end
        if end <= start:
            pos = self.raw_pos(start)
            return pos, pos
        return self.raw_pos(start), self.raw_pos(end - 1) + 1

    def view_pos(self, raw_pos: int) -> int | None:
        """View index of a raw position; None for a character that normalization removed."""
        if not self.view_starts:
            return raw_pos
        i = bisect_right(self.raw_starts, raw_pos) - 1
        if i < 0:
            return None
        pos = self.view_starts[i] + raw_pos - self.raw_starts[i]
        limit = self.view_starts[i + 1] if i + 1 < len(self.view_starts) else len(self.text)
        return pos if pos < limit else None

    def unfolded(self) -> str:
        """The raw characters the view keeps (line breaks joined, widths as written)."""
        if not self.folded:
            return self.text
        if not self.view_starts:
            return self.raw
        vs, rs = self.view_starts, self.raw_starts
        ends = [*vs[1:], len(self.text)]
        return "".join(self.raw[r : r + e - v] for v, r, e in zip(vs, rs, ends))

    def raw_bounds(self, lengths) -> list[int]:
        """Raw start of every piece of a tiling of the view given by ``lengths`` (tokens)."""
        out = list(accumulate(lengths, initial=0))
        out.pop()
        vs, rs = self.view_starts, self.raw_starts
        # positions ascend: shift each piece's run of positions by that piece's offset
        cuts = [bisect_left(out, v) for v in vs] + [len(out)]  # before any shifting
        for i in range(1, len(vs)):
            lo, hi, d = cuts[i], cuts[i + 1], rs[i] - vs[i]
            out[lo:hi] = [p + d for p in out[lo:hi]]
        return out


def _line_length_before(text: str, pos: int) -> int:
    start = text.rfind("\n", 0, pos) + 1
    return pos - start


# Zero-width characters web pages leave inside words and figures (zero-width space and joiners,
# word joiner, a BOM inside the text): removed in the view, kept in the raw text.
# A stock quote a finance portal links into the text after a name it recognised: (price, change,
# change %), e.g. 贝莱德(756.58, 5.37, 0.71%), 人民币(7.1564, -0.0289, -0.40%); digits and signs only.
_QUOTE = r"\(\s*-?\d+(?:\.\d+)?\s*,\s*[-+]?\d+(?:\.\d+)?\s*,\s*[-+]?\d+(?:\.\d+)?%\s*\)"
_DEBRIS = regex.compile(rf"[\u200b-\u200d\u2060\ufeff]+|{_QUOTE}")
_QUOTE_ONLY = regex.compile(_QUOTE)


def is_stock_quote(raw: str) -> bool:
    """Whether ``raw`` is exactly one stock quote a portal linked in (full or half width):
    ``is_stock_quote("(157.4761, 1.13, 0.72%)")`` → True, as after 摩根大通."""
    folded = "".join(_FULLWIDTH.get(ch, ch) for ch in raw)
    return _QUOTE_ONLY.fullmatch(folded) is not None


def normalize(raw: str) -> View:
    """Build the normalized :class:`View` of ``raw`` (width folding and broken-line joining)."""
    # fold each full-width character present (few distinct ones): str.replace runs at memory
    # speed, where str.translate with a table costs about six times more on Chinese text
    folded = raw
    wide = set(_WIDE.findall(raw))
    for ch in wide:
        folded = folded.replace(ch, _FULLWIDTH[ch])
    cuts = [
        (m.start(), m.end())
        for m in _BREAK.finditer(folded)
        if _line_length_before(folded, m.start()) >= MIN_BROKEN_LINE
    ]
    # invisible characters (60\u200b\u200b0亿) and stock quotes a portal linked into the text
    # (阿里(94.85, 0.63, 0.67%)巴巴): not in the view, kept in the raw text
    extra = [(m.start(), m.end()) for m in _DEBRIS.finditer(folded)]
    if extra:
        cuts = sorted(set(cuts) | {(a, b) for a, b in extra if not any(s <= a < e for s, e in cuts)})
    if not cuts:
        return View(raw, folded, folded=bool(wide))
    parts = []
    view_starts, raw_starts = [0], [0]
    prev = size = 0
    for s, e in cuts:
        parts.append(folded[prev:s])
        size += s - prev
        view_starts.append(size)
        raw_starts.append(e)
        prev = e
    parts.append(folded[prev:])
    return View(raw, "".join(parts), tuple(view_starts), tuple(raw_starts), folded=bool(wide))
