"""spaCy's lexical attribute getters, the same answers at less cost (speed, issue #13).

spaCy runs every getter of ``vocab.lex_attr_getters`` once for each word the first time it enters
the vocabulary, and again in each memory zone (``workers.ZoneBudget``): in news text some 50 new
words an article, 23 Python calls each. Here the getters that are one string method or a set
look-up become that C method (``lower`` → ``str.lower``, ``is_bracket`` → a frozenset's
``__contains__``), and ``like_url`` answers a word without a dot at once (北京 → False, as
spaCy's does after its loops); the others stay. tests/test_lexeme_attrs.py checks every getter
against spaCy's on the corpus's words and on random strings.

Example:
    >>> from spacy.lang import lex_attrs as la
    >>> g = {1: la.lower, 2: la.like_url, 3: la.is_quote}
    >>> _ = fast_getters(g)
    >>> g[1]("ABC北京"), g[2]("北京"), g[2]("www.gov.cn"), g[3]("“")
    ('abc北京', False, True, True)
"""

from __future__ import annotations

import operator
from collections.abc import Callable

from spacy.lang import lex_attrs as _spacy

_HTTP = ("http://", "https://")


def like_url(text: str) -> bool:
    """spaCy's LIKE_URL (spacy.lang.lex_attrs.like_url): without a dot only http:// and https:// say yes."""
    if "." not in text:
        return text.startswith(_HTTP)
    return _spacy.like_url(text)


# spaCy's getter → the same answers from a C method (all are called on non-empty strings only)
_SAME: dict[Callable, Callable] = {
    _spacy.lower: str.lower,
    _spacy.prefix: operator.itemgetter(0),
    _spacy.suffix: operator.itemgetter(slice(-3, None)),
    _spacy.is_alpha: str.isalpha,
    _spacy.is_digit: str.isdigit,
    _spacy.is_lower: str.islower,
    _spacy.is_space: str.isspace,
    _spacy.is_title: str.istitle,
    _spacy.is_upper: str.isupper,
    _spacy.is_ascii: str.isascii,
    _spacy.is_bracket: frozenset(("(", ")", "[", "]", "{", "}", "<", ">")).__contains__,
    _spacy.is_quote: frozenset(('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯", "''", "``")).__contains__,
    _spacy.is_left_punct: frozenset(("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮", "``")).__contains__,
    _spacy.is_right_punct: frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''")).__contains__,
    _spacy.like_url: like_url,
}


def fast_getters(getters: dict, more: dict[Callable, Callable] | None = None) -> dict:
    """Replace, in place, each of spaCy's own getters in ``getters`` (attribute id → function) by
    its cheaper twin (``more``: further pairs, such as the zh LIKE_NUM); other getters stay."""
    same = {**_SAME, **(more or {})}
    for attr, func in list(getters.items()):
        twin = same.get(func)
        if twin is not None:
            getters[attr] = twin
    return getters
