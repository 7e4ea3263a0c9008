"""What the pipeline's components hand each other on a spaCy ``Doc``, declared once: registered
Doc extensions (``doc._.px_view`` …), never string keys in ``doc.user_data`` (issue #14).

The tokenizer (:mod:`pxextract.segment`) sets the normalized view and its words; the finders
(:mod:`pxextract.pipeline`) add their spans to ``px_found``; the linker reads them all and
leaves the final spans in ``px_found["final"]`` and the metadata it used in ``px_meta``.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> doc = Extractor().doc("全市实现地区生产总值1108.3亿元。", {"date": "2023"}, records_only=True)
    >>> [s.text for s in doc._.px_found["final"]], doc._.px_meta["date"]
    (['1108.3亿元'], '2023')
"""

from __future__ import annotations

from spacy.tokens import Doc

# name → what it holds; every one defaults to None (a Doc that our components did not make)
EXTENSIONS = {
    "px_view": "the normalized view of the raw text (pxextract.normalize.View), made by the tokenizer",
    "px_words": "the tokenizer's words: raw slices that join to the text",
    "px_view_tokens": "the segmenter's words over the normalized view",
    "px_toks": "(text, raw offset) of each token, made on demand by pxextract.segment.tokens",
    "px_found": "the spans each component found (dates, numbers, entities) and the final ones",
    "px_meta": "the article's metadata; after the linker, the metadata it used (the publication date)",
    "px_sentences": "the sentence ranges (raw offsets) the linker read the text in; the store's contexts",
    "px_datelines": "the news datelines of the raw text, found once for the finders and the linker",
    "px_records_only": "the caller reads records only: no spaCy Span objects are made",
}

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def found(doc: Doc) -> dict:
    """The Doc's ``px_found`` dict (made empty on first use)."""
    spans = doc._.px_found
    if spans is None:
        spans = doc._.px_found = {}
    return spans
