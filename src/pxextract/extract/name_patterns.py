"""Regexes and token helpers of the name grammar (:class:`pxextract.extract.entities.EntityFinder`),
built from rules/name_grammar.tsv.

Example:
    >>> from pxextract.rules import load_rules
    >>> body, _, _ = grammar_patterns(load_rules().names)
    >>> body.match("第十三届人民代表大会常务委员会").group(), body.match("政府工作报告") is None
    ('第十三届人民代表大会常务委员会', True)
"""

from __future__ import annotations

from itertools import accumulate

import regex
from spacy.tokens import Doc

from .. import docdata  # noqa: F401  (doc._.px_words)
from ..rules import NameGrammar


def _alt(words) -> str:
    """A regex alternation of literal words in the order given (rules files list a longer word
    before its prefix where it matters)."""
    return "|".join(regex.escape(w) for w in words)


def grammar_patterns(g: NameGrammar) -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """(government body after a GPE, a list of company names, the end of such a list) from
    rules/name_grammar.tsv.

    The body: an optional session number (第十三届) and a body word; a body word that a
    ``not_gov_body`` word continues is no body there (政府 in 政府工作报告). The list: names
    joined by 、 and closed by 等 + (a count) + words ending in 企业/公司/集团/项目."""
    bodies = []
    for b in g.gov_body:
        guards = [w[len(b):] for w in g.not_gov_body if w.startswith(b) and len(w) > len(b)]
        bodies.append(regex.escape(b) + (f"(?!{_alt(guards)})" if guards else ""))
    numerals = regex.escape("".join(g.session_numeral))
    body = regex.compile(rf"(?:(?:{_alt(g.session_before)})[{numerals}]+(?:{_alt(g.session_after)}))?(?:{'|'.join(bodies)})")
    end = (rf"(?:{_alt(g.list_end)})(?:\d+(?:{_alt(g.list_count)})|{_alt(g.list_batch)})?[^，。；、\n]{{0,10}}?"
           rf"(?:{_alt(g.list_kind)})")
    items = r"(?P<items>(?:[\p{Han}A-Za-z]{2,10}、)+[\p{Han}A-Za-z]{2,10})"
    return body, regex.compile(items + end), regex.compile(end)


def words_and_starts(doc: Doc) -> tuple[list[str], list[int]]:
    """Token texts and their raw start offsets (from our tokenizer's word list when it made the Doc)."""
    words = doc._.px_words
    if words is None or len(words) != len(doc):
        words = [t.text for t in doc]
    return words, list(accumulate(map(len, words), initial=0))[:-1] if words else []


def pattern_anchor(pattern) -> str | None:
    """The literal text a pattern cannot match without: the phrase, or its first token's ORTH/TEXT."""
    if isinstance(pattern, str):
        return pattern
    first = pattern[0] if pattern else {}
    for key in ("ORTH", "TEXT"):
        if isinstance(first.get(key), str):
            return first[key]
    return None
