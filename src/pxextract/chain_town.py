"""The lead's chain down to a town or village (issue #15 S3, h366): a county's article whose lead writes the county
and right after it a town, township or street the NER left untagged (鲁山县琴台街道马洼社区, 京口区健康路街道,
泰安上高街道学苑社区) still writes that town; and a county written right before its town is one of the town's
mentions, not the county's own (鲁山县 five times, four of them in 鲁山县琴台街道…: the street's story).

* :func:`chain_towns`: the untagged towns (``rules/link_cues.tsv`` lead_town_end: 镇, 乡, 街道) written right after a
  place of the lead, as GPE spans for :mod:`pxextract.lead_town` and :mod:`pxextract.lead_village` to weigh; not a
  name run on from a division word (town_body_stem_end: 鲁山县乡村振兴局), nor one opening with chain_town_not_start
  (全县城乡…), nor one with 的 in it (de: 门头沟最远的镇), nor one named once, nor one the gazetteer holds.
* :func:`own_count`: how often a place is written on its own, not right before the narrower place of the chain
  (a division word such as 县 may lie between: 长沙县黄花镇 is a mention of 黄花镇 for 长沙 too); :mod:`pxextract.lead_town`
  weighs a town named three times at least so (named twice, 在保康县城关镇某宾馆 is a scene of 保康's story).

Example:
    >>> from pxextract.resolve import Resolver
    >>> from pxextract.spans import Span
    >>> text = "在鲁山县琴台街道马洼社区举办文化节。鲁山县琴台街道马洼社区举办。"
    >>> names = [Span(1, 4, "GPE", "鲁山县"), Span(8, 12, "GPE", "马洼社区"), Span(18, 21, "GPE", "鲁山县")]
    >>> [s.text for s in chain_towns(text, names, 30, Resolver(), ("镇", "乡", "街道"), ("县", "区"), ("全",))]
    ['琴台街道', '琴台街道']
    >>> own_count(text, "鲁山县", "琴台街道", ("县",)), own_count(text, "鲁山", "琴台街道", ("县",))
    (0, 0)
"""

from __future__ import annotations

import regex

from .spans import Span

_STEM = (2, 4)  # characters before the town word (琴台街道, 班各庄镇, 健康路街道)


def chain_towns(text: str, names: list[Span], lead_end: int, resolver, ends: tuple[str, ...],
                stem_ends: tuple[str, ...], not_start: tuple[str, ...], de: tuple[str, ...] = ()) -> list[Span]:
    """Untagged towns written right after a GPE of the lead (up to ``lead_end``), and their later mentions written
    the same way (after a GPE), as new GPE spans; none when ``ends`` is empty."""
    if not ends:
        return []
    tagged = [(s.start, s.end) for s in names if s.label in ("GPE", "ORG", "PERSON", "LOC")]
    word = regex.compile(rf"\p{{Han}}{{{_STEM[0]},{_STEM[1]}}}?(?:{'|'.join(map(regex.escape, ends))})")
    found: dict[str, list[Span]] = {}
    for g in names:
        if g.label != "GPE" or "furniture" in g.attrs or (m := word.match(text, g.end)) is None:
            continue
        town, stem = m.group(), m.group()[: -len(next(e for e in ends if m.group().endswith(e)))]
        if (stem.endswith(stem_ends) or stem[0] in stem_ends or town.startswith(not_start) or resolver.place(town) is not None
                or any(w in stem for w in de) or text.count(town) < 2  # 门头沟最远的镇 (de: 的): no name; a town named once is a scene
                or any(a < m.end() and m.start() < b for a, b in tagged)):
            continue  # (a name the NER tagged there already: its span speaks for itself)
        found.setdefault(town, []).append(Span(m.start(), m.end(), "GPE", town))
    return [s for spans in found.values() if spans[0].start < lead_end for s in spans]


def own_count(text: str, form: str, inner: str, gap: tuple[str, ...]) -> int:
    """How often ``form`` is written not right before ``inner`` (a word of ``gap`` may lie between)."""
    if not form:
        return 0
    between = f"(?:{'|'.join(map(regex.escape, gap))})?" if gap else ""
    return len(regex.findall(rf"{regex.escape(form)}(?!{between}{regex.escape(inner)})", text))
