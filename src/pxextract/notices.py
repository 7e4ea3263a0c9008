"""Reprint and copyright notices: page debris at an article's end (``notice`` of rules/news_furniture.tsv).

A web page ends its body with a notice (转载请注明出处, 如若转载，请注明来源：, 未经授权不得转载, 版权归原作者所有),
often followed by more debris: the article's title repeated, a link, a hotline. The notice and what
follows it on its line are news furniture when that rest is short (at most :data:`MAX_TAIL`
characters: debris, titles and links); a notice followed by a long run of text keeps that text as
body, only the notice's own words are furniture. Figures there are marked (no subject: debris
speaks of no body's fact), and no figure reads its metric from the notice's words.

Example:
    >>> text = "本文属于原创文章，如若转载，请注明来源：比亚迪新车售价13.98万元https://news.example.com/1.htm"
    >>> [(text[a:w], e == len(text)) for a, w, e in notice_ranges(text, ("请注明来源",))]
    [('请注明来源：', True)]
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .rules import LABELS_NUMERIC
from .spans import Span

MAX_TAIL = 200  # characters from a notice to its line's end that are still debris (titles, links, a hotline)
_SEP = regex.compile(r"[：:，,。！!]?")


def notice_ranges(text: str, words: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """``(start, words_end, end)`` of each notice: where its words start and end (a separator after
    them included: 请注明来源：) and where the furniture ends — the line's end when at most
    :data:`MAX_TAIL` characters away, else the words' end (a notice before body text keeps the body)."""
    if not words:
        return []
    rx = _words_pattern(tuple(words))
    out: list[tuple[int, int, int]] = []
    for m in rx.finditer(text):
        if out and m.start() < out[-1][2]:
            continue  # inside the furniture of an earlier notice
        w = _SEP.match(text, m.end()).end()
        line_end = text.find("\n", w)
        line_end = len(text) if line_end < 0 else line_end
        out.append((m.start(), w, line_end if line_end - m.start() <= MAX_TAIL else w))
    return out


@lru_cache(maxsize=32)
def _words_pattern(words: tuple[str, ...]) -> regex.Pattern:
    """The alternation of ``words`` (请注明来源, 转载请注明), built once per word list (speed, issue #13)."""
    return regex.compile("|".join(regex.escape(w) for w in words))


def read_from(notices: list[tuple[int, int, int]], pos: int, s0: int) -> int:
    """Where a figure at ``pos`` may start reading its sentence (its ``s0``): after the words of a
    notice whose furniture holds it (请注明来源：比亚迪…【13.98万元】 → after 请注明来源：)."""
    for _, w, e in notices:
        if w <= pos < e:
            return max(s0, w)
    return s0


def mark_notices(text: str, notices: list[tuple[int, int, int]], spans: list[Span]) -> None:
    """Figures inside a notice's furniture lose their subject (page debris; docs/annotation.md §6 News)
    and any metric read from the notice's words (请注明来源：【13.98万元】 took 请注明来源 as a label)."""
    for a, w, e in notices:
        words = text[a:w].rstrip("：:，,。！! ")
        for s in spans:
            if s.label in LABELS_NUMERIC and a <= s.start < e:
                s.attrs["subject"] = None
                if words and words in (s.attrs.get("metric") or ""):
                    s.attrs["metric"] = None
