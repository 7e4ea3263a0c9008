"""A generic tail after a known place is no part of its name (issue #13, h204): 京津冀 + 部分地区,
北京 + 受灾地区, 华南 + 大部地区 name the place, not a region called so (annotation §6).

The suffix grammar (extract.entities) ends a LOC at 地区 (name_grammar.tsv ``country_area``); when the words
before 地区 end in a ``area_part`` word (部分, 受灾, 大部) right after a known place or region of the gazetteer,
the suffix name is none and the gazetteer's place stands alone. An unknown head keeps the name (青岛等市局部地区).

    >>> generic_tail(["京津冀", "部分"], ("部分", "受灾"), {"京津冀": "LOC"})
    True
    >>> generic_tail(["河北", "涿州", "部分", "受灾"], ("部分", "受灾"), {"涿州": "GPE"})
    True
    >>> generic_tail(["东北"], ("部分", "受灾"), {"东北": "LOC"}), generic_tail(["等市", "局部"], ("局部",), {})
    (False, False)
"""
from __future__ import annotations


def generic_tail(parts: list[str], tails, known) -> bool:
    """Whether the words ``parts`` of a name before its suffix end in ``tails`` words right after a ``known`` name."""
    k = len(parts)
    while k and parts[k - 1] in tails:
        k -= 1
    return 0 < k < len(parts) and parts[k - 1] in known
