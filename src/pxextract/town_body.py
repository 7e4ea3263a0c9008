"""A town's or street's public body acting in the figure's sentence (issue #15 S3, h306): where a figure would take
the article's place, a county or prefecture, and the sentence's acting body (:func:`pxextract.body_county.acting_body`:
``_body`` or ``_unit``) is named after a town, township or street (``rules/link_cues.tsv`` lead_town_end: 镇, 乡, 街道,
苏木) that no gazetteer holds, the figure is that town's: 郑店街道综合执法中心开展…专项整治行动，共收缴超期钢瓶【12支】
in a 江夏区 article → 郑店街道, not 江夏区. The county's own bodies stay with :mod:`pxextract.body_county`.
Not a county body whose name runs on into 乡 (town_body_stem_end: 灵川县乡村振兴局 is 灵川县's), nor a town of the
gazetteer; a town written after its county is the town (松江区新浜镇政府 → 新浜镇).

Example:
    >>> from pxextract.resolve import Resolver
    >>> r = Resolver()
    >>> town_of_body("郑店街道综合执法中心", r.place("江夏区"), r)
    '郑店街道'
    >>> town_of_body("灵川县乡村振兴局", r.place("灵川县"), r) is None
    True
    >>> town_of_body("松江区新浜镇政府", r.place("松江区"), r)
    '新浜镇'
"""

from __future__ import annotations

import regex

from .rules import load_rules

_LEVELS = ("county", "prefecture")  # the article's places whose towns a body may be named after
_LONGEST = 6  # characters at most before the town word (阳澄湖镇, 郑店街道, 上江圩镇)


def town_of_body(name: str, home, resolver) -> str | None:
    """The town, township or street the public body ``name`` opens with, when the article's place ``home`` is a Chinese
    county or prefecture; else None."""
    if home is None or not home.code.isdigit() or home.level not in _LEVELS:
        return None
    cue = load_rules(resolver.rules_dir).cue
    ends, division_ends = cue("lead_town_end"), cue("town_body_stem_end")
    if not ends:
        return None
    m = regex.match(rf"\p{{Han}}{{2,{_LONGEST}}}?(?:{'|'.join(map(regex.escape, ends))})", name)
    if m is None or m.end() >= len(name) or name.startswith(resolver.places.local_suffixes, m.end()):
        return None
    town = m.group()
    stem = town[: len(town) - len(next(e for e in ends if town.endswith(e)))]
    if resolver.place(town) is not None or stem.endswith(division_ends):
        return None  # a division of the gazetteer, or a county's body run on into 乡 (灵川县乡村振兴局)
    head = max((i + 1 for i, c in enumerate(stem) if c in division_ends and resolver.place(stem[: i + 1], home.province_code)), default=0)
    return town[head:] if len(stem) - head >= 2 else None  # 松江区新浜镇政府: the town after its county
