"""The entity finder's start-up tables, cached between runs (:mod:`pxextract.startup_cache`):
the gazetteer's names as token sequences (9,000 names segmented) and the jieba dictionary's
name words (350,000 tags read). Each is keyed by the rules' hash, jieba's files, the segmenter's
backend and the code that derives it; with another tokenizer or tag table, built as before.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> seqs, first = gazetteer_sequences(Extractor().nlp, Extractor().rules)
    >>> seqs[("萍乡市",)], first["萍乡"] >= 1
    (['GPE'], True)
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

from ..rules import Rules
from ..segment import Segmenter, _jieba_files
from ..startup_cache import cached
from .city_forms import city_forms

_HERE = Path(__file__).resolve().parent
# the code that derives the tables: a change to any of them is a new key
_CODE = (_HERE / "entity_tables.py", _HERE / "entities.py", _HERE / "city_forms.py", _HERE.parent / "segment.py",
         _HERE.parent / "normalize.py", _HERE.parent / "rules.py")


def _segmenter_files(seg: Segmenter) -> list[Path]:
    files = list(_jieba_files())
    if seg.backend == "rjieba":  # its tokens equal jieba's (tests/test_segment.py); its build is an input all the same
        spec = importlib.util.find_spec("rjieba")
        folder = Path(next(iter(spec.submodule_search_locations)))  # type: ignore[union-attr]
        files += sorted(folder.glob("rjieba*.so")) + sorted(folder.glob("rjieba*.pyd"))
    return files


def _our_segmenter(nlp) -> Segmenter | None:
    seg = getattr(nlp.tokenizer, "segmenter", None)
    return seg if isinstance(seg, Segmenter) and callable(getattr(nlp.tokenizer, "words", None)) else None


def _sequences(words_of: Callable[[str], list[str]], rules: Rules) -> tuple[dict, dict]:
    gazetteer: dict[tuple[str, ...], list[str]] = {}
    first: dict[str, int] = {}
    for e in rules.gazetteer + city_forms(rules.gazetteer, rules.names.city_suffix):  # + 纽约市
        seq = tuple(words_of(e.name))
        if seq and e.label not in (labels := gazetteer.setdefault(seq, [])):
            labels.append(e.label)
            first[seq[0]] = max(first.get(seq[0], 0), len(seq))
    return gazetteer, first


def _valid_sequences(v) -> bool:
    return (isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], dict) and isinstance(v[1], dict)
            and all(type(k) is tuple and type(x) is list for k, x in v[0].items())
            and all(type(k) is str and type(n) is int for k, n in v[1].items()))


def gazetteer_sequences(nlp, rules: Rules) -> tuple[dict[tuple[str, ...], list[str]], dict[str, int]]:
    """The gazetteer's names (and their city forms: 纽约 + 市) as our tokenizer's words → their
    labels, and the longest sequence per first token."""
    seg = _our_segmenter(nlp)
    if seg is None:  # another tokenizer: its words, uncached
        return _sequences(lambda t: [x.text for x in nlp.make_doc(t)], rules)
    words_of = nlp.tokenizer.words
    parts = ["gazetteer", rules.version, seg.backend, *_segmenter_files(seg), *_CODE]
    return cached("entity-gazetteer", parts, lambda: _sequences(words_of, rules), _valid_sequences)


def dictionary_names(nlp, tags: dict[str, str], rules: Rules, build: Callable[[], dict[str, str]]) -> dict[str, str]:
    """``build()`` (the dictionary's name words: word → ORG / PERSON / LOC), cached when ``tags`` is our
    segmenter's table (jieba's dictionary tags); other tags are built as they are."""
    seg = _our_segmenter(nlp)
    if seg is None or tags is not seg.word_tags():
        return build()
    parts = ["dictionary", rules.version, _jieba_files()[1], *_CODE]
    ok = {"ORG", "PERSON", "LOC"}
    return cached("entity-dictionary", parts, build,
                  lambda v: isinstance(v, dict) and all(type(k) is str and x in ok for k, x in v.items()))
