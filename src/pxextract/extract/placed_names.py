"""Names whose suffix needs a place or an organisation before it (rules/name_grammar.tsv ``placed_suffix``):
陕西历史博物馆, 成都蜀锦织绣博物馆 are one ORG; 就连 + 博物馆, 崧|泽遗址博物馆 are none (issue #13, h294)."""

from __future__ import annotations

_LABELS = ("GPE", "LOC", "ORG")


def placed(name: str, suffix_len: int, known: dict[str, str]) -> bool:
    """Does ``name`` (its suffix ``suffix_len`` characters long) open with a listed place or organisation of two or
    more characters before the suffix?

    >>> [placed(n, 3, {"陕西": "GPE", "重庆": "GPE"}) for n in ("陕西历史博物馆", "重庆建川博物馆", "连博物馆", "泽遗址博物馆")]
    [True, True, False, False]
    """
    return any(known.get(name[:n]) in _LABELS for n in range(2, len(name) - suffix_len + 1))
