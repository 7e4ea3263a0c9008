"""The lead's town (issue #15 S3): a county's or city's article whose headline or lead names one town,
township or street inside it, and names it again, at least as often as the county, is that town's story
(胶州市三里河街道坚持…, 三里河街道 six times, 胶州 twice → 三里河街道, not 胶州市), unless the town is only where
someone goes or comes from (赴舒兰市开原镇抗洪; 文安县大留镇人). Towns are in no
gazetteer: one written right after a place of another county (门头沟清水镇 in a 兰溪 article) is not inside.
The words come from ``rules/link_cues.tsv`` (lead_town_end, place_motion). Used by
:meth:`pxextract.subjects.Subjects.article_subject`.

Example:
    >>> from pxextract.resolve import Resolver
    >>> from pxextract.spans import Span
    >>> text = "7月26日，湖南省双峰县花门镇大坝村干部抗旱。花门镇共有水田9000亩。"
    >>> names = [Span(6, 9, "GPE", "湖南省"), Span(9, 12, "GPE", "双峰县"), Span(12, 15, "GPE", "花门镇")]
    >>> lead_town(text, names, "双峰县", len(text), Resolver(), ("镇", "乡", "街道"), ("赴", "前往"))
    '花门镇'
"""

from __future__ import annotations

from .spans import Span

_LEVELS = ("county", "prefecture")  # the places whose article a town's story may be
_ORIGIN = "人"  # 大留镇人: where a person comes from
_MENTIONS = 2  # a town named once is a scene or an item (最大为绵阳市安县千佛镇老望沟村176.2mm), not the story's


def lead_town(text: str, names: list[Span], main: str, lead_end: int, resolver, ends: tuple[str, ...],
              motion: tuple[str, ...]) -> str | None:
    """The one town (a GPE ending in ``ends``, in no gazetteer) the lead (up to ``lead_end``) names inside the
    Chinese county or prefecture ``main``, or None (none, two or more, a destination or an origin)."""
    home = resolver.place(main)
    if not ends or home is None or not home.code.isdigit() or home.level not in _LEVELS:
        return None
    towns = [s for s in names if s.label == "GPE" and s.start < lead_end and s.text.endswith(ends)
             and "furniture" not in s.attrs and "_passing" not in s.attrs and resolver.place(s.text) is None]
    if len({s.text for s in towns}) != 1:
        return None
    before = {s.end: s for s in names if s.label == "GPE"}
    for town in towns:
        first = town
        while first.start in before:  # 赴舒兰市开原镇: the chain written before the town
            first = before[first.start]
        if motion and text.endswith(motion, 0, first.start) or text.startswith(_ORIGIN, town.end):
            return None
        outer = before.get(town.start)
        place = resolver.place(outer.text, home.province_code) if outer is not None else None
        if outer is not None and (place is None or place.key != home.key and home.key not in {p.key for p in place.parents}):
            return None  # 门头沟清水镇 in a 兰溪 article: another county's town
    name = towns[0].text  # as with most_specific: the town holds as many of the article's mentions as its county, twice at least
    forms = {main, home.name} | ({home.name[:-1]} if len(home.name) > 2 else set())
    return name if text.count(name) >= max(_MENTIONS, max(text.count(f) for f in forms)) else None


def acting_places(text: str, lead: list[Span]) -> list[str]:
    """The places of the public bodies the lead's first sentence names that act there (``_place`` set by
    :meth:`pxextract.subjects.Subjects.mark_sources`; not cited as a source: no ``_cited`` or ``_source``; no item of a
    list: 海南省财政厅、海口海关、…): where the lead's place has no more specific place of the story written alone, they
    are its mentions (安徽两名主播被约谈！…8月10日霍邱县公安局联合网信办… → 霍邱县, the story's county; h178)."""
    stop = text.find("。") % (len(text) + 1)
    return [s.attrs["_place"] for s in lead if s.label == "ORG" and "_place" in s.attrs and s.start < stop
            and "_cited" not in s.attrs and "_source" not in s.attrs and "、" not in text[max(0, s.start - 1):s.start] + text[s.end:s.end + 1]]
