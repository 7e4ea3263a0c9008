"""A model name glued to a body's short form (issue #15, h374): the NER model reads 东航C919 as the ORG 东航C, the
short form run on into the Latin letters of a model code (a Latin run and its digits: C919, A320, X5). Such an ORG
ends before the code: 东航C919国产大飞机 → 东航, 南航A320 → 南航. Used by :meth:`pxextract.ner_combine.Combiner.merge`
on the model's spans.

Example:
    >>> text = "东航C919国产大飞机首次开启双机运营"
    >>> before_code(text, 0, 3), before_code("华为公司", 0, 4), before_code("IBM2023", 0, 3)
    (2, 4, 3)
"""

from __future__ import annotations


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def before_code(text: str, a: int, b: int) -> int:
    """Where an ORG of ``text[a:b]`` ends: before its last Latin letters when they open a model code (a digit right
    after the name) after a non-Latin name of two characters or more, else ``b``."""
    if b >= len(text) or not text[b].isdigit() or not _latin(text[b - 1]):
        return b
    k = b
    while k > a and _latin(text[k - 1]):
        k -= 1
    return k if k - a >= 2 and not text[k - 1].isascii() else b
