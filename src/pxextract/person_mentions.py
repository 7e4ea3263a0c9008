"""A found person's later mentions that jieba glued to one character beside them (issue #13 recall, h335).

:meth:`pxextract.ner_combine.Combiner.propagate` adds every other mention of a name the rules or the
model found once, but only where the mention stands as words of its own on the model's cut. A person's
mention is often cut together with a one-character preposition, conjunction or verb before it
(债务由 + 周某, cut 由周 / 某; 这让 + 程女士; 和普京) or a verb or conjunction after it (梅西 + 和好友, cut
梅 / 西和; 周扬青 + 晒, 柯文哲 + 称), so the article's later mentions stayed unnamed. :func:`loose_whole`
widens the word-edge test for a person's mention (and only a person's): the mention plus that one
character (``person_cues.tsv`` sides ``mention_before`` / ``mention_after``) must make whole words on the
cut. A character that can be a given name's (成 of 林某成, 任 of 普里戈任, 妈 of 徐妈妈) is in neither list,
so a longer name is never cut short; a longer person of the article found there wins first (propagate
takes the leftmost, then longest mention). :func:`digit_after` lets a Chinese person's mention stand
before an ASCII digit (拜登9日, 柯文哲0.25), which ends no Han name as it ends a Latin one (CNN + Money).

Example:
    >>> text = "周扬青发文。周扬青晒照片，和普京通话"
    >>> cut = ["周扬青", "发文", "。", "周扬", "青晒", "照片", "，", "和普", "京", "通话"]
    >>> from itertools import accumulate
    >>> bounds = set(accumulate(map(len, cut), initial=0))
    >>> whole = lambda a, b: a in bounds and b in bounds
    >>> ok = loose_whole(whole, text, {"周扬青", "普京"}, ("和",), ("晒",))
    >>> ok(6, 9), ok(14, 16), ok(0, 2)
    (True, True, False)
"""

from __future__ import annotations

from collections.abc import Callable

from .normalize import is_han


def loose_whole(whole: Callable[[int, int], bool], text: str, persons: set[str] | frozenset[str],
                before: tuple[str, ...], after: tuple[str, ...]) -> Callable[[int, int], bool]:
    """``whole`` (a span on the cut's word edges), also true for a mention of a name in ``persons`` that
    one ``before`` character glued before it or one ``after`` character glued after it makes whole words."""
    if not persons or not (before or after):
        return whole

    def edge(a: int, b: int) -> bool:
        if whole(a, b):
            return True
        if text[a:b] not in persons:
            return False
        lead = a > 0 and text[a - 1] in before
        tail = b < len(text) and text[b] in after
        return (lead and whole(a - 1, b)) or (tail and whole(a, b + 1)) or (lead and tail and whole(a - 1, b + 1))

    return edge


def digit_after(text: str, end: int, labels: set[str]) -> bool:
    """Whether a person's mention ending at ``end`` in a Han character is followed by an ASCII digit
    (拜登 + 9日): the digit joins no name there."""
    return labels == {"PERSON"} and 0 < end < len(text) and text[end].isdigit() and text[end].isascii() and is_han(text[end - 1])
