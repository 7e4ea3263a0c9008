"""The clause around a stretch of text: the punctuation that ends a clause, and a span's clause bounds.

One definition for the steps that read "the clause a name or figure stands in" (lead_firm, product_maker,
world_scope, extract/code_makers): ， , 。 ； ; ！ ？ ! ? ： : and a line break end a clause.

Example:
    >>> text = "IT之家消息，联想今日发布新机，售价5999元。"
    >>> start = text.index("联想")
    >>> begin, end = clause_bounds(text, start, start + 2)
    >>> text[begin:end]
    '联想今日发布新机'
"""

from __future__ import annotations

import regex

CLAUSE_END = regex.compile(r"[，,。；;！？!?：:\n]")
CLAUSE_MARK = regex.compile(r"[，,；;：:]")  # a clause's end inside its sentence
LAST_CLAUSE_MARK = regex.compile(CLAUSE_MARK.pattern, regex.REVERSE)  # the last one before a point
SENTENCE_END = regex.compile(r"[。！？\n]")


def clause_bounds(text: str, start: int, end: int, reach: int | None = None) -> tuple[int, int]:
    """The clause of ``text[start:end]``: from after the last clause end before ``start`` (looked for at most
    ``reach`` characters back; the text's start when none is found) to the first clause end at or after ``end``
    (the text's end when none)."""
    lo = 0 if reach is None else max(0, start - reach)
    begin = max((m.end() for m in CLAUSE_END.finditer(text, lo, start)), default=0)
    m = CLAUSE_END.search(text, end)
    return begin, m.start() if m else len(text)
