"""Persons named in Latin letters after a role word (issue #13 kind C): 分析师John Evans表示,
英特尔首席执行官 Pat Gelsinger 表示, 董事长Ana Botin (rules/person_cues.tsv ``before`` and ``latin_before``),
or before a speech verb (``said``, ``latin_said``): 。Huw Pill表示, 摩根士丹利的Michael Wilson表示.

* the name is two or three capitalised Latin words (a middle initial may stand between: John F. Smith;
  a hyphen or a second capital inside a word: Jean-Luc, McCarthy), right after the role word or one or
  two spaces, and not inside a longer Latin run (the next character is no Latin letter or digit);
* before a speech verb the name stands after punctuation, a space or a ``latin_lead`` word (的, 和), never
  glued to a Chinese name (李丹Danny Li), and its last word is none of ``latin_not_last`` (Wedbush
  Securities表示: a firm);
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
_CAPITALISED = regex.compile(r"[A-Z][a-z]")  # a capitalised Latin word starts every name the pattern finds


def _alt(words) -> str:
    return "|".join(map(regex.escape, sorted(set(words), key=len, reverse=True)))


def latin_person_pattern(roles, said=(), lead=(), not_last=()) -> regex.Pattern:
    """A Latin name of two or three words right after one of ``roles``, or, with no role, right before
    one of the speech verbs ``said`` (after punctuation, a space or a ``lead`` word; its last word
    none of ``not_last``: Wedbush Securities is a firm)."""
    name = rf"{_WORD}(?: [A-Z]\.)?(?: {_WORD}){{1,2}}"
    roled = rf"(?<=(?:{_alt(roles)})[ \u00a0]{{0,2}})(?P<name>{name})(?![A-Za-z0-9.])"
    first = "(?=[A-Z][a-z])"  # speed: every name starts so; tried first, the look-behinds run only there (10× faster)
    if not said:
        return regex.compile(first + roled)
    firm = rf"(?<! (?:{_alt(not_last)}))" if not_last else ""
    lead_ok = rf"(?<=^|[^\p{{Han}}A-Za-z0-9.&\-]|{_alt(lead)})" if lead else r"(?<=^|[^\p{Han}A-Za-z0-9.&\-])"
    spoke = rf"{lead_ok}(?P<name>{name}){firm}(?=[ \u00a0]{{0,2}}(?:{_alt(said)}))"
    return regex.compile(rf"{first}(?:{roled}|{spoke})")


def latin_persons(pattern: regex.Pattern, text: str, known=frozenset()) -> list[Span]:
    """PERSON spans of the Latin names after a role word or before a speech verb in ``text``; none
    holding a ``known`` name as a word (Google Play 称)."""
    if _CAPITALISED.search(text) is None:
        return []  # no capitalised Latin word, no Latin name (most articles: the pattern's look-behinds cost)
    return [Span(m.start("name"), m.end("name"), "PERSON", m.group("name")) for m in pattern.finditer(text)
            if not any(w in known for w in m.group("name").split())]
