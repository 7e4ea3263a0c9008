"""The model's less sure organisations that end in a firm's word are companies (issue #13, kind A: ORG without
an organisation suffix): 东吴 + 证券, 蓝驰 + 创投, 诺华 + 制药, 新思 + 科技, 施罗德 + 基金.

A less sure model ORG (marginal 0.5–0.8, whole words: :func:`pxextract.ner.split_spans`) is kept when

* it ends in a ``model_end`` word of rules/company_words.tsv (证券, 基金, 创投, 制药, 科技 …; not 集团, 智能,
  文化, 股份: 跨国集团, 通用人工智能, 熊猫文化, 日产股份 describe, or are a firm's shares) after a head of two to
  five characters that is no common word of jieba's dictionary (装修, 港口 n; 国防 of 国防科技) and no place
  (上海 + 证券 is a sector's name as often as a firm);
* the combiner's filters let it be an ORG (:meth:`Combiner.label`: no stop word, no generic prefix);
* it touches no name of the rules or the sure model: those win.

Example:
    >>> from pxextract.spans import Span
    >>> t = "东吴证券涨超9%，国防科技发展"
    >>> [s.text for s in unsure_firms([], [(0, 4, "ORG"), (10, 14, "ORG")], t, ("证券", "科技"), lambda n: "ORG", {"国防": "n"}, {})]
    ['东吴证券']
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

import regex

from .spans import Span

_HEAD = regex.compile(r"\p{Han}{2,5}|[A-Za-z][A-Za-z0-9]{1,11}")
_COMMON_TAGS = ("n", "v", "vn", "a", "ad", "an", "d", "m", "f", "s", "t", "l", "i")  # a dictionary word of these tags is no firm's head


def unsure_firms(spans: list, unsure: list[tuple[int, int, str]], text: str, ends: tuple[str, ...],
                 label: Callable[[str], str | None], tags: dict[str, str], known: dict[str, str]) -> list:
    """``spans`` (flat, sorted) plus the less sure model ORGs (``unsure``) that the module docstring keeps;
    ``ends``: the ``model_end`` words, longest first; ``label``: the combiner's ORG filter."""
    if not ends:
        return spans
    taken = sorted((s.start, s.end) for s in spans)
    new = []
    for a, b, lab in unsure:
        if lab != "ORG":
            continue
        name = text[a:b]
        end = next((e for e in ends if name.endswith(e)), None)
        if end is None:
            continue
        head = name[: -len(end)]
        if (not _HEAD.fullmatch(head) or tags.get(head, "nz") in _COMMON_TAGS or known.get(head) in ("GPE", "LOC")
                or label(name) is None):
            continue
        i = bisect_left(taken, (b,))
        if (i and taken[i - 1][1] > a) or (i < len(taken) and taken[i][0] < b):
            continue
        taken.insert(i, (a, b))
        new.append(Span(a, b, "ORG", name))
    return sorted(spans + new, key=lambda s: s.start) if new else spans
