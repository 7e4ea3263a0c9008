"""The loader of rules/brands.tsv (companies and brands whose names are common words, issue #13 kind A).

The file is a word list of :func:`pxextract.rules._load_words` (``kind<TAB>surface<TAB>note``); on top
of that, brand and token words must have two or more characters, be listed under one kind only and be
no place or person of the gazetteer (长城 may be a LOC there: the scenic site is the word's other reading).

Example:
    >>> w = load_brand_words()
    >>> "小米" in w.brand, "高通" in w.token, "手机" in w.product
    (True, True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .rules import _load_words, default_rules_dir, load_rules
from .rule_types import RulesError

FILE = "brands.tsv"


@dataclass(frozen=True)
class BrandWords:
    """rules/brands.tsv (see the file's header)."""

    brand: tuple[str, ...]
    token: tuple[str, ...]
    product: tuple[str, ...]
    cue: tuple[str, ...]
    between: tuple[str, ...]
    list_mark: tuple[str, ...]
    code_stop: tuple[str, ...]
    latin_cue: tuple[str, ...]
    latin_not_org: tuple[str, ...]
    latin_firm_end: tuple[str, ...]
    line: tuple[str, ...]
    code_after_not: tuple[str, ...]
    launch_gap_not: tuple[str, ...]
    common_after: tuple[str, ...]
    share_before: tuple[str, ...]
    share_after: tuple[str, ...]
    latin_industry: tuple[str, ...]
    caps_verb: tuple[str, ...]
    caps_cue: tuple[str, ...]
    caps_stop: tuple[str, ...]
    subject_verb: tuple[str, ...]
    subject_not_end: tuple[str, ...]
    subject_body_end: tuple[str, ...]


@lru_cache(maxsize=4)
def load_brand_words(path: str | Path | None = None) -> BrandWords:
    """rules/brands.tsv of the rules folder ``path`` (default: the bundled one), validated."""
    d = Path(path) if path is not None else default_rules_dir()
    words = _load_words(d, FILE, BrandWords)
    f = d / FILE
    labels = {e.name: e.label for e in load_rules(d).gazetteer}
    seen: set[str] = set()
    for w in words.brand + words.token:
        if len(w) < 2:
            raise RulesError(f"{f}: {w!r}: a brand or token word has two or more characters")
        if w in seen:
            raise RulesError(f"{f}: {w!r} is listed twice among brand and token words")
        if labels.get(w) in ("GPE", "PERSON"):
            raise RulesError(f"{f}: {w!r} is a {labels[w]} of the gazetteer")
        seen.add(w)
    return words
