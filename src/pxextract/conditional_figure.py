"""A figure of a supposition is no one's (issue #15 S5, h365; docs/annotation.md §6, a general rule, advice or finding:
``null``): a figure whose clause opens a condition before it (``rules/link_cues.tsv`` condition_word: 如果, 一旦, 假如,
倘若, 若是) in a sentence that names no place, body or person up to the figure's clause end and refers to no one before
the figure (condition_anaphor: 他们, 其, 该 …) states what would happen to anyone, not the article's place or firm:
如果一个创业者投资【30万元】新开一个小餐馆 → null; 若是卖的话会亏【3600多元】 → null.

Not a place's own rule framed before the condition (在杭州，如果同一对夫妻…最高可以申领【7000元】补助 keeps 杭州: the sentence
names it), nor someone's plan (分析师表示：“如果他们调整上限【25个基点】 keeps the bank: a name and 他们 before).

Example:
    >>> from pxextract.spans import Span
    >>> text = "如果一个创业者投资30万元新开一个小餐馆，可以带来几个就业岗位。"
    >>> fig = Span(text.index("30万元"), text.index("30万元") + 4, "MONEY", "30万元")
    >>> conditional_figure(text, fig, [fig], 0, ("如果",), ("他们",))
    True
"""

from __future__ import annotations

from .clauses import CLAUSE_END
from .sentence_firsts import any_in, first_at, last_before, within
from .spans import Span

_NAMES = ("GPE", "ORG", "PERSON")


def conditional_figure(text: str, span: Span, sent: list[Span], sentence_start: int | None, words: tuple[str, ...],
                       anaphors: tuple[str, ...]) -> bool:
    """Whether ``span`` is a supposition's figure (see the module)."""
    if sentence_start is None or not words or not any_in(text, words):
        return False
    at = last_before(text, CLAUSE_END, sentence_start, span.start)
    start = at + 1 if at >= 0 else sentence_start
    if not any(within(text, start, w, span.start) for w in words):
        return False
    at = first_at(text, span.end, CLAUSE_END)
    end = at if at >= 0 else len(text)
    if any(within(text, sentence_start, w, span.start) for w in anaphors):
        return False  # “如果他们调整上限【25个基点】: someone's plan
    return not any(e.label in _NAMES and sentence_start <= e.start and e.end <= end for e in sent)
