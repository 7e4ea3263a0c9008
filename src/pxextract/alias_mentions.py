"""A short form the text defines for an organisation names it everywhere (issue #13, brief h334): after
深圳市麦士德福科技股份有限公司（简称“麦士德福”） every 麦士德福 of the article is that ORG, though the model read some
of them as a person (麦士德福向深交所提交…) or jieba cut them across words (持有夜视丽11.22%). Aliases of three or more
characters only (a two-character one is too often a generic word: 协会).

Example:
    >>> from pxextract.spans import Span
    >>> t = "麦士德福科技公司（简称“麦士德福”）。麦士德福向深交所提交。"
    >>> spans = [Span(11, 15, "ORG", "麦士德福", {"alias_of": "麦士德福科技公司"}), Span(18, 22, "PERSON", "麦士德福")]
    >>> names, aliases = alias_mentions(spans)
    >>> [(s.text, s.label) for s in names], sorted(aliases)
    ([('麦士德福', 'ORG'), ('麦士德福', 'ORG')], ['麦士德福'])
"""

from __future__ import annotations

from .spans import Span

MIN_ALIAS = 3  # characters


def alias_mentions(spans: list[Span]) -> tuple[list[Span], frozenset[str]]:
    """``spans`` with every mention of a defined alias (``alias_of``, module docstring) made ORG, and those aliases,
    whose other mentions :meth:`pxextract.ner_combine.Combiner.propagate` then finds whatever the model's word edges."""
    aliases = frozenset(s.text for s in spans if "alias_of" in s.attrs and len(s.text) >= MIN_ALIAS)
    if not aliases:
        return spans, aliases
    return [Span(s.start, s.end, "ORG", s.text, s.attrs) if s.text in aliases and s.label != "ORG" else s for s in spans], aliases
