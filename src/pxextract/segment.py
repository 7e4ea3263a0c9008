"""Word segmentation with a private jieba tokenizer, and the spaCy tokenizer built on it.

jieba's module-level tokenizer is global mutable state (every ``jieba.add_word`` changes every
caller); pxextract instantiates its own ``jieba.Tokenizer`` with the user dictionary from
``rules/`` and never touches the global one. Segmentation runs on the normalized view (so
full-width digits and layout-broken lines are segmented as the reader sees them) and the
tokens are mapped back to raw-text slices, so ``doc.text`` is the raw article text.

Example:
    >>> seg = Segmenter.from_rules()
    >>> seg.cut("萍乡经开区拥有规模以上工业企业143家")[:4]
    ['萍乡', '经开区', '拥有', '规模以上']
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate, pairwise
from pathlib import Path

import regex
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from . import docdata  # noqa: F401  (registers the Doc extensions the tokenizer sets)
from .normalize import HAN_FIRST, HAN_LAST, View, is_han, is_stock_quote, normalize
from .rules import Rules, load_rules
from .rjieba_load import add_words, jieba_class
from .startup_cache import cache_folder, cache_key, stored


def _jieba():
    """The jieba package, imported on first need (about 0.25 s: its ``pkg_resources``): a start-up
    with a cached segmentation table needs only its files (:func:`_jieba_files`)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _jieba_files() -> tuple[Path, Path]:
    """jieba's ``__init__.py`` (its version and code) and its dictionary ``dict.txt``, found
    without importing the package."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("the jieba package is not installed")
    init = Path(spec.origin)
    return init, init.parent / "dict.txt"


# How jieba's HMM step splits a run of non-Han characters (jieba.finalseg's re_skip): rjieba
# keeps 2026-02-05 or PM_2.5 whole, jieba cuts them at the punctuation.
_NON_HAN_PIECES = regex.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_NO_HAN = regex.compile(r"^[^\p{Han}]+$")
_HAN_LO, _HAN_HI = chr(HAN_FIRST), chr(HAN_LAST)  # is_han(c) ⇔ _HAN_LO <= c <= _HAN_HI
# Full-width forms of the characters that jieba joins into words with Han characters (its
# re_han_default: Latin letters, digits and + # & . _ % -); folding any other character
# changes no token boundary.
_WIDE_WORD_CHAR = regex.compile("[０-９Ａ-Ｚａ-ｚ＋＃＆．＿％－]")


class Segmenter:
    """A private jieba tokenizer with pxextract's user dictionary and gazetteer words.

    ``backend="auto"`` uses rjieba (jieba-rs, the same algorithm in Rust) when it is installed,
    loaded with exactly the private tokenizer's dictionary and total frequency, so that its
    tokens equal jieba's (tests/test_segment.py proves it on both corpora); otherwise, or with
    ``backend="jieba"``, the jieba package itself.
    """

    def __init__(self, userdict: Path | None = None, words: tuple[str, ...] = (), backend: str = "auto",
                 cache_dir: Path | None = None):
        self._tk = None
        self._tags: dict[str, str] | None = None
        self._fast = None
        if backend in ("auto", "rjieba"):
            self._fast = self._rjieba(userdict, words, cache_dir)
            if backend == "rjieba" and self._fast is None:
                raise ImportError("backend 'rjieba' asked for, but the rjieba package is not installed")
        if self._fast is None:
            self._tk = _jieba_tokenizer(userdict, words)
        self.backend = "rjieba" if self._fast is not None else "jieba"

    def _rjieba(self, userdict: Path | None, words: tuple[str, ...], cache_dir: Path | None):
        """rjieba loaded with the private jieba tokenizer's exact word frequencies and total.

        Computing them means loading jieba and adding the user words one by one (about 1 s and
        100 MB); the result, with the dictionary's tags, is cached in a file named by a hash of
        everything it depends on (jieba's version and dictionary, the user dictionary, the
        words), as jieba caches its own dictionary. A missing or unreadable cache is rebuilt.
        """
        Jieba = jieba_class()  # without rjieba's unused default tokenizer
        if Jieba is None:
            return None
        table = _load_table(userdict, words, cache_dir)
        fast = Jieba.empty()
        add_words(fast, table["words"].split("\n"), array("q", table["freqs"]))
        if table["extra"] > 0:
            # jieba's total also counts the old frequency of re-added words; mirror it with a word
            # of private-use characters that never occurs in text, so route probabilities are equal
            fast.add_word("\ue000\ue000", table["extra"], None)
        intern = sys.intern
        self._tags = dict(zip(table["tag_words"].split("\n"), map(intern, table["tags"].split("\n"))))
        return fast

    @classmethod
    def from_rules(cls, rules: Rules | None = None, backend: str = "auto") -> "Segmenter":
        rules = rules or load_rules()
        names = tuple(e.name for e in rules.gazetteer if len(e.name) >= 2)
        return cls(rules.userdict, names, backend)

    def word_tags(self) -> dict[str, str]:
        """jieba's dictionary part-of-speech tags (word → ns / nt / nr / v …), loaded once.

        A dictionary look-up per token costs nothing next to ``jieba.posseg`` tagging
        (measured about 7× slower than segmentation), and gives the same tags for known words.
        The tag column is read straight from jieba's dictionary file, as ``jieba.posseg`` does,
        without importing ``jieba.posseg`` and its HMM tables (about 50 MB we never use).
        """
        if self._tags is None:
            self._tags = dictionary_tags()
        return self._tags

    def cut(self, text: str) -> list[str]:
        """Tokens of ``text``, concatenating back to ``text`` exactly (HMM on, as ``jieba.lcut``)."""
        if self._fast is None:
            return [t for t in self._tk.cut(text, HMM=True) if t]
        toks = self._fast.cut(text, hmm=True)
        # jieba's HMM step cuts runs like 2026-02-05 or PM_2.5 at the punctuation; split the few
        # such tokens the same way (checked once per distinct token, then one linear rebuild)
        # (a Han first character by comparison, as is_han: no call for the many Han words)
        split = {t: p for t in set(toks) if len(t) > 1 and not _HAN_LO <= t[0] <= _HAN_HI and (p := _jieba_pieces(t)) is not None}
        if not split:
            return toks
        out: list[str] = []
        prev = 0
        for i in [i for i, t in enumerate(toks) if t in split]:
            out.extend(toks[prev:i])
            out.extend(split[toks[i]])
            prev = i + 1
        out.extend(toks[prev:])
        return out


def _jieba_tokenizer(userdict: Path | None, words: tuple[str, ...]):
    """A private jieba tokenizer: jieba's dictionary, the user dictionary, then ``words``."""
    tk = _jieba().Tokenizer()
    tk.initialize()
    if userdict is not None:
        tk.load_userdict(str(userdict))
    for w in words:
        tk.add_word(w, freq=None)
    return tk


def dictionary_tags() -> dict[str, str]:
    """The tag column of jieba's dictionary file (what ``jieba.posseg`` reads), word → tag."""
    tags: dict[str, str] = {}
    intern = sys.intern
    with _jieba().get_dict_file() as f:
        for line in f.read().decode("utf-8").splitlines():
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = intern(parts[2])
    return tags


_TABLE_FORMAT = 2
_TABLE_KEYS = {"words", "freqs", "extra", "tag_words", "tags"}


def _valid_table(table) -> bool:
    """Whether a cached table has the exact shape :func:`_load_table` writes (anything else —
    another version's file, garbage that unmarshals, wrong types — is rebuilt, never used):
    strings of words and tags, one non-negative int64 frequency per word, an int extra total."""
    if not (isinstance(table, dict) and table.get("format") == _TABLE_FORMAT and _TABLE_KEYS <= table.keys()):
        return False
    words, freqs, extra, tag_words, tags = (table[k] for k in ("words", "freqs", "extra", "tag_words", "tags"))
    if not (isinstance(words, str) and isinstance(tag_words, str) and isinstance(tags, str)
            and isinstance(freqs, bytes) and type(extra) is int and len(freqs) % 8 == 0):
        return False
    sign_bytes = freqs[7::8] if sys.byteorder == "little" else freqs[0::8]  # the high byte of each int64
    return (words.count("\n") + 1 == len(freqs) // 8 and tag_words.count("\n") == tags.count("\n")
            and not sign_bytes.translate(None, bytes(range(128))) and extra >= 0)  # no negative frequency


def _load_table(userdict: Path | None, words: tuple[str, ...], cache_dir: Path | None) -> dict:
    """The words with their frequencies, the extra total and the dictionary tags, from the cache
    (:func:`pxextract.startup_cache.stored`, keyed by jieba's files — its ``__init__.py`` holds its
    version —, the user dictionary and the words), or computed with jieba (and then cached). Words
    and tags are stored as newline-joined strings and frequencies as an int64 array, which
    load at memory speed (a list of 350,000 tuples takes about a second to unmarshal)."""
    if any("\n" in w for w in words):  # cannot happen with names from the gazetteer files
        return _build_table(userdict, words)
    parts = [f"segmenter-table-{_TABLE_FORMAT}", *_jieba_files(), Path(userdict) if userdict else "no userdict", "\n".join(words)]
    path = cache_folder(cache_dir) / f"segmenter-{cache_key(parts)}.marshal"
    return stored(path, lambda: _build_table(userdict, words), lambda t: t if _valid_table(t) else None)


def _build_table(userdict: Path | None, words: tuple[str, ...]) -> dict:
    tk = _jieba_tokenizer(userdict, words)
    pairs = [(w, f) for w, f in tk.FREQ.items() if f > 0]
    tags = dictionary_tags()
    return {
        "format": _TABLE_FORMAT,
        "words": "\n".join(w for w, _ in pairs),
        "freqs": array("q", [f for _, f in pairs]).tobytes(),
        "extra": tk.total - sum(f for _, f in pairs),
        "tag_words": "\n".join(tags),
        "tags": "\n".join(tags.values()),
    }


def _jieba_pieces(t: str) -> list[str] | None:
    """How jieba cuts a non-Han token that rjieba keeps whole (None: the same token)."""
    if len(t) < 2 or is_han(t[0]) or not _NO_HAN.match(t):
        return None
    pieces = [p for p in _NON_HAN_PIECES.split(t) if p]
    return pieces if len(pieces) > 1 else None


def raw_words(view: View, tokens: list[str], unfolded: bool = False) -> list[str]:
    """Map tokens of ``view.text`` (of ``view.unfolded()`` if ``unfolded``) to raw-text slices
    that tile the raw text exactly.

    Characters removed by normalization (joined line breaks) join the token before them.
    """
    raw = view.raw
    if not tokens:  # normalization removed every character (a lone byte-order mark): one raw token holds them
        return [raw] if raw else []
    if view.identity:
        # nothing removed (width folding keeps lengths): slice the raw text at the same offsets
        if unfolded or view.text == raw:
            return tokens
        return [raw[a:b] for a, b in pairwise(accumulate(map(len, tokens), initial=0))]
    if unfolded or not view.folded:
        # every kept character is the raw one: only the tokens at a joined line break change,
        # taking the removed characters at their place (枢 + \n\n + 纽 inside 枢纽)
        starts = list(accumulate(map(len, tokens), initial=0))
        words = list(tokens)
        vs, rs = view.view_starts, view.raw_starts
        for i in range(len(vs) - 1, 0, -1):  # from the last cut, so earlier offsets hold
            gap = raw[rs[i - 1] + vs[i] - vs[i - 1] : rs[i]]
            k = bisect_right(starts, vs[i] - 1) - 1  # the token holding the character before the cut
            w = words[k]
            off = vs[i] - starts[k]
            words[k] = w[:off] + gap + w[off:]
        return words
    bounds = view.raw_bounds(map(len, tokens))
    bounds.append(len(raw))
    return [raw[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def quotes_apart(view: View, words: list[str]) -> list[str]:
    """Raw words with each stock quote the view left out that ends a word made a word of its own.

    :func:`raw_words` joins removed characters to the word before them, so a portal's quote after
    a name hid the name inside one word (``摩根大通(157.4761, 1.13, 0.72%)``); split it as
    ``摩根大通`` + ``(157.4761, 1.13, 0.72%)``. A quote inside a view word (阿里(…)巴巴) stays.
    """
    if view.identity:
        return words
    raw, vs, rs = view.raw, view.view_starts, view.raw_starts
    gaps = {}
    for i in range(1, len(vs)):
        g0, g1 = rs[i - 1] + vs[i] - vs[i - 1], rs[i]
        if g1 > g0 and is_stock_quote(raw[g0:g1]):
            gaps[g1] = g0
    if not gaps:
        return words
    out: list[str] = []
    pos = 0
    for w in words:
        end = pos + len(w)
        g0 = gaps.get(end)
        if g0 is not None and pos < g0:
            out.append(w[: g0 - pos])
            out.append(w[g0 - pos :])
        else:
            out.append(w)
        pos = end
    return out


class JiebaTokenizer:
    """spaCy tokenizer: ``Doc`` over the raw text, tokens from the private jieba segmenter."""

    def __init__(self, vocab: Vocab, segmenter: Segmenter):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        view, cut, words = self._cut(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc._.px_view = view
        doc._.px_words = words
        doc._.px_view_tokens = cut  # turned into token starts in the view on demand
        return doc

    def words(self, text: str) -> list[str]:
        """The token texts of ``text`` exactly as a Doc of it holds them, without making the Doc
        (the gazetteer's names, thousands at start-up: ``萍乡市`` → ``["萍乡市"]``)."""
        return self._cut(text)[2]

    def _cut(self, text: str):
        view = normalize(text)
        if view.folded and _WIDE_WORD_CHAR.search(text) is None:
            # only characters jieba never joins into words were folded (，：（ and spaces): the
            # raw characters segment into the same tokens, which are raw slices already
            cut = self.segmenter.cut(view.unfolded())
            return view, cut, quotes_apart(view, raw_words(view, cut, unfolded=True))
        cut = self.segmenter.cut(view.text)
        return view, cut, quotes_apart(view, raw_words(view, cut))

    # spaCy serializes tokenizers; ours is rebuilt from rules, so there is nothing to store
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


@registry.tokenizers("pxextract.JiebaTokenizer.v1")
def create_jieba_tokenizer(rules_path: str = "", backend: str = "auto"):
    """spaCy config entry: ``[nlp.tokenizer] @tokenizers = "pxextract.JiebaTokenizer.v1"``."""

    def factory(nlp):
        rules = load_rules(rules_path or None)
        return JiebaTokenizer(nlp.vocab, Segmenter.from_rules(rules, backend))

    return factory


def tokens(doc: Doc) -> list[tuple[str, int]]:
    """The Doc's tokens as ``(text, raw offset)`` pairs, from the tokenizer's word list when it
    is ours: building them costs a fraction of iterating spaCy Token objects."""
    cached = doc._.px_toks
    if cached is not None and len(cached) == len(doc):
        return cached
    words = doc._.px_words
    if words is None or len(words) != len(doc):
        return [(t.text, t.idx) for t in doc]
    out = list(zip(words, accumulate(map(len, words), initial=0)))
    doc._.px_toks = out
    return out


class TokenStarts:
    """Where tokens start in the normalized view (the linker's word boundaries), made on the
    first test: the linker tests a few positions, and a set of every offset would cost more."""

    def __init__(self, make):
        self._make = make
        self._starts: list[int] | None = None

    def __contains__(self, pos: int) -> bool:
        if self._starts is None:
            self._starts = self._make()
        i = bisect_left(self._starts, pos)
        return i < len(self._starts) and self._starts[i] == pos


def view_token_starts(doc: Doc) -> TokenStarts:
    """The Doc's token starts in its normalized view (see :class:`TokenStarts`)."""
    cut = doc._.px_view_tokens
    view = get_view(doc)
    if cut is not None and sum(map(len, cut)) == len(view.text):
        return TokenStarts(lambda: list(accumulate(map(len, cut), initial=0)))
    return TokenStarts(lambda: sorted({p for p in map(view.view_pos, (t[1] for t in tokens(doc))) if p is not None}))


def get_view(doc: Doc) -> View:
    """The normalized view of a Doc (made by our tokenizer, or computed for a foreign Doc)."""
    view = doc._.px_view
    if view is not None and doc._.px_words is not None:
        return view  # made by our tokenizer for this very text
    n = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if view is None or len(view.raw) != n:  # a Doc made by another tokenizer, or changed
        view = normalize(doc.text)
        doc._.px_view = view
    return view
