"""A known foreign city written with 市 is one place (issue #13, h204): 纽约市, 大阪市, 顿河畔罗斯托夫市.

The world gazetteer (rules/gazetteers/gpe_world.tsv, kind ``city``) lists foreign cities without the
suffix (纽约, 大阪); the rules' gazetteer matcher also knows each with 市 after it (name_grammar.tsv city_suffix), so that the city stays a
name after its country (美国 + 纽约市 → two GPEs, as 中国 + 北京市) and the longest name wins
(顿河畔罗斯托夫市, not 顿河畔罗斯托夫 + 市). The full form points to the same city (纽约市 → 纽约).
A 市 that begins a longer word is no suffix: the matcher works on words (纽约 + 市场, 洛杉矶 + 市长).

    >>> from pxextract.rules import GazetteerEntry
    >>> [e.name for e in city_forms((GazetteerEntry("纽约", "GPE", "city", "纽约"), GazetteerEntry("胡志明市", "GPE", "city", "胡志明市")), ("市",))]
    ['纽约市']
"""
from __future__ import annotations

from ..rules import GazetteerEntry


def city_forms(gazetteer: tuple[GazetteerEntry, ...], suffixes: tuple[str, ...]) -> tuple[GazetteerEntry, ...]:
    """The entries a foreign city (kind ``city``) has with a ``suffixes`` word (name_grammar.tsv city_suffix: 市):
    one per city not written with it already and not listed with it (胡志明市 stays as it is)."""
    names = {e.name for e in gazetteer}
    return tuple(GazetteerEntry(e.name + s, e.label, e.kind, e.full) for e in gazetteer for s in suffixes
                 if e.kind == "city" and not e.name.endswith(s) and e.name + s not in names)
