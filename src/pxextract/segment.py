"""Word segmentation with a private jieba tokenizer, and the spaCy tokenizer built on it.

jieba's module-level tokenizer is global mutable state (every ``jieba.add_word`` changes every
caller); pxextract instantiates its own ``jieba.Tokenizer`` with the user dictionary from
``rules/`` and never touches the global one. Segmentation runs on the normalized view (so
full-width digits and layout-broken lines are segmented as the reader sees them) and the
tokens are mapped back to raw-text slices, so ``doc.text`` is the raw article text.

Example:
    >>> seg = Segmenter.from_rules()
    >>> seg.cut("萍乡经开区拥有规模以上工业企业143家")[:3]
    ['萍乡经开区', '拥有', '规模以上']
"""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .normalize import View, normalize
from .rules import Rules, load_rules

jieba.setLogLevel(logging.WARNING)


class Segmenter:
    """A private jieba tokenizer with pxextract's user dictionary and gazetteer words."""

    def __init__(self, userdict: Path | None = None, words: tuple[str, ...] = ()):
        self._tk = jieba.Tokenizer()
        self._tk.initialize()
        self._tags: dict[str, str] | None = None
        if userdict is not None:
            self._tk.load_userdict(str(userdict))
        for w in words:
            self._tk.add_word(w, freq=None)

    @classmethod
    def from_rules(cls, rules: Rules | None = None) -> "Segmenter":
        rules = rules or load_rules()
        names = tuple(e.name for e in rules.gazetteer if len(e.name) >= 2)
        return cls(rules.userdict, names)

    def word_tags(self) -> dict[str, str]:
        """jieba's dictionary part-of-speech tags (word → ns / nt / nr / v …), loaded once.

        A dictionary look-up per token costs nothing next to ``jieba.posseg`` tagging
        (measured about 7× slower than segmentation), and gives the same tags for known words.
        """
        if self._tags is None:
            import jieba.posseg

            self._tags = jieba.posseg.POSTokenizer(self._tk).word_tag_tab
        return self._tags

    def cut(self, text: str) -> list[str]:
        """Tokens of ``text``, concatenating back to ``text`` exactly (HMM on, as ``jieba.lcut``)."""
        return [t for t in self._tk.cut(text, HMM=True) if t]


def raw_words(view: View, tokens: list[str]) -> list[str]:
    """Map tokens of ``view.text`` to raw-text slices that tile the raw text exactly.

    Characters removed by normalization (joined line breaks) join the token before them.
    """
    raw = view.raw
    if view.index is None and len(view.text) == len(raw):
        # width folding keeps lengths: slice the raw text at the same offsets
        out, pos = [], 0
        for t in tokens:
            out.append(raw[pos : pos + len(t)])
            pos += len(t)
        return out
    bounds = []
    pos = 0
    for t in tokens:
        bounds.append(view.raw_pos(pos))
        pos += len(t)
    bounds.append(len(raw))
    if bounds:
        bounds[0] = 0
    return [raw[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


class JiebaTokenizer:
    """spaCy tokenizer: ``Doc`` over the raw text, tokens from the private jieba segmenter."""

    def __init__(self, vocab: Vocab, segmenter: Segmenter):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        view = normalize(text)
        words = raw_words(view, self.segmenter.cut(view.text))
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["pxextract.view"] = view
        return doc

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
def create_jieba_tokenizer(rules_path: str = ""):
    """spaCy config entry: ``[nlp.tokenizer] @tokenizers = "pxextract.JiebaTokenizer.v1"``."""

    def factory(nlp):
        rules = load_rules(rules_path or None)
        return JiebaTokenizer(nlp.vocab, Segmenter.from_rules(rules))

    return factory


def get_view(doc: Doc) -> View:
    """The normalized view of a Doc (made by our tokenizer, or computed for a foreign Doc)."""
    view = doc.user_data.get("pxextract.view")
    n = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if view is None or len(view.raw) != n:  # a Doc made by another tokenizer, or changed
        view = normalize(doc.text)
        doc.user_data["pxextract.view"] = view
    return view
