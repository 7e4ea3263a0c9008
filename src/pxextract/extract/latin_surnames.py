"""A person written in Latin letters is named by the last word of the name alone after (issue #13, kind C):
Wedbush分析师Dan Ives表示 … Ives认为 → PERSON Ives at each mention; Marko Kolanovic … Kolanovic表示.

* the full name is a PERSON the other rules found (two or three capitalised Latin words: latin_persons,
  a Latin gloss in brackets), its last word has three or more letters;
* the last word stands alone: no Latin letter, digit or name mark (· . & ' -) before it nor a Latin word and
  a space (Lipow of Lipow Oil Associates, Kanye·West), no Latin letter or digit after it nor a space or · and a
  capitalised word (Miller Samuel: a firm named after a person);
* no organisation of the article holds the word (Dell of Dell公司 where Michael Dell is named), and a name
  found there wins.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("分析师Dan Ives表示，需求强劲。Ives认为股价将上涨。")
    >>> [(s["text"], s["label"]) for s in rec["spans"]]
    [('Dan Ives', 'PERSON'), ('Ives', 'PERSON')]
"""

from __future__ import annotations

import regex

from ..spans import Span

_FULL = regex.compile(r"[A-Z][A-Za-z'\-]+(?: [A-Z]\.)?(?: [A-Z][A-Za-z'\-]+){1,2}")  # Dan Ives, John F. Smith, Ed Al-Hussainy
_LAST = regex.compile(r"[A-Z][a-z][A-Za-z'\-]+")  # a capitalised last word of three or more letters
# a lone Latin word: a whole run of letters, ' and - (so one pattern for all articles; the run must be a last word)
_LONE = regex.compile(r"(?<![A-Za-z0-9·•.&'\-])(?<![A-Za-z][ \u00a0])[A-Za-z'\-]+(?![A-Za-z0-9'\-])(?![ \u00a0·•]?[A-Z])")


def latin_surnames(names: list[Span], text: str) -> list[Span]:
    """``names`` (flat, sorted) plus the lone last words of the article's Latin persons (module docstring)."""
    lasts = {s.text.rsplit(" ", 1)[1] for s in names if s.label == "PERSON" and _FULL.fullmatch(s.text)}
    lasts = {w for w in lasts if _LAST.fullmatch(w)}
    if not lasts:
        return names
    in_orgs = {w for s in names if s.label == "ORG" for w in regex.findall(r"[A-Za-z][A-Za-z'\-]*", s.text)}
    lasts -= in_orgs
    if not lasts:
        return names
    new = [Span(m.start(), m.end(), "PERSON", m.group()) for m in _LONE.finditer(text)
           if m.group() in lasts and not any(n.start < m.end() and m.start() < n.end for n in names)]
    return sorted(names + new, key=lambda s: s.start) if new else names
