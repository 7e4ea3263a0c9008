"""Latin glosses of names (issue #13 kind C): a person's or an organisation's name in Latin letters,
in brackets right after its Chinese name, names the same person or body — 凯文·米特尼克（Kevin David
Mitnick） → PERSON, 美国联邦航空管理局(FAA), 华平投资（Warburg Pincus） → ORG.

* the bracket opens right after the name and holds only the Latin name: one to five words, the first
  capitalised (a person's words all capitalised: Bill Gates, TafariCampbell; an organisation's may be an
  acronym: FAA, NVIDIA, SAE International);
* a stock ticker (爱奇艺(IQ.US), 花旗(C.US)) is a code, not a name;
* a gloss is flagged ``furniture`` (``gloss``): the Chinese name before it, not the gloss, is a figure's
  subject candidate (瑞穗证券（Mizuho Securities）分析师 stays a source).

Example:
    >>> from pxextract.spans import Span
    >>> text = "创始人比尔·盖茨（Bill Gates）与美国联邦航空管理局(FAA)会谈"
    >>> a, b = text.index("比尔"), text.index("美国")
    >>> names = [Span(a, a + 5, "PERSON", "比尔·盖茨"), Span(b, b + 9, "ORG", "美国联邦航空管理局")]
    >>> [(s.text, s.label) for s in latin_glosses(names, text)]
    [('Bill Gates', 'PERSON'), ('FAA', 'ORG')]
"""

from __future__ import annotations

import regex

from ..spans import Span

_GLOSS = regex.compile(r"[（(](?P<name>[A-Z][A-Za-z0-9.&'\-]*(?: [A-Za-z0-9.&'\-]+){0,4})[)）]")
_PERSON = regex.compile(r"[A-Z][a-z'\-]*(?:[A-Z][a-z'\-]+)?(?: [A-Z][a-z'\-]*\.?(?:[A-Z][a-z'\-]+)?){0,3}")
_TICKER = regex.compile(r".*\.[A-Z]{1,2}")  # IQ.US, 0700.HK: a listing code


def latin_glosses(names: list[Span], text: str) -> list[Span]:
    """The Latin glosses in brackets right after the PERSON and ORG ``names`` of ``text``, with their
    names' labels."""
    out = []
    for s in names:
        if s.label not in ("PERSON", "ORG") or s.end >= len(text) or text[s.end] not in "（(":
            continue
        m = _GLOSS.match(text, s.end)
        if m is None:
            continue
        g = m.group("name")
        if _TICKER.fullmatch(g) or (s.label == "PERSON" and not _PERSON.fullmatch(g)):
            continue
        out.append(Span(m.start("name"), m.end("name"), s.label, g, {"furniture": "gloss"}))  # its name, not it, is a subject
    return out
