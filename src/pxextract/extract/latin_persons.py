"""Persons named in Latin letters after a role word (issue #13 kind C): 分析师John Evans表示,
英特尔首席执行官 Pat Gelsinger 表示, 董事长Ana Botin (rules/person_cues.tsv ``before`` and ``latin_before``).

* the name is two or three capitalised Latin words (a middle initial may stand between: John F. Smith;
  a hyphen or a second capital inside a word: Jean-Luc, McCarthy), right after the role word or one or
  two spaces, and not inside a longer Latin run (the next character is no Latin letter or digit);
* a Chinese name with its Latin form in brackets (蒂姆·门德尔松（Tim Mendelson）) is no concern here: the
  bracket follows no role word, and the Chinese name is the person.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("经纪公司分析师John Evans表示，价格将走高。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] == "PERSON"]
    [('John Evans', 'PERSON')]
"""

from __future__ import annotations

import regex

from ..spans import Span

_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"  # Evans, McCarthy, Jean-Luc


def latin_person_pattern(roles) -> regex.Pattern:
    """A Latin name of two or three words right after one of ``roles`` (longest first)."""
    alt = "|".join(map(regex.escape, sorted(set(roles), key=len, reverse=True)))
    return regex.compile(rf"(?<=(?:{alt})[ \u00a0]{{0,2}})({_WORD}(?: [A-Z]\.)?(?: {_WORD}){{1,2}})(?![A-Za-z0-9.])")


def latin_persons(pattern: regex.Pattern, text: str) -> list[Span]:
    """PERSON spans of the Latin names after a role word in ``text``."""
    return [Span(m.start(1), m.end(1), "PERSON", m.group(1)) for m in pattern.finditer(text)]
