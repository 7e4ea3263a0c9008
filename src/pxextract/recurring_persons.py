"""Less sure model persons taken because the article writes them again and again (issue #13, h349).

Performers, athletes and people of history and entertainment news are written with no title, role or
speech verb beside them (张豆豆代表国家队参加团体比赛, 白善烨为 …), so :meth:`pxextract.ner_combine.Combiner.add_cued`
has no context to take the model's less sure reading on. :func:`recurring_persons` takes such a person on its
form and its recurrence instead: three Han characters starting with a listed surname that is no function word,
no word of jieba's dictionary as a whole, written at least twice in the article and each time as a word of its
own (on jieba's word edges) — or once, as an item of a list beside a person of the article (保荐代表人为徐恩、张喜慧;
王明弹、游闽键、袁峰; not 柳岸风 + 和、, a longer item) — touching no name. :meth:`~pxextract.ner_combine.Combiner.propagate` then finds its
other mentions. Guards:

* a word ending in a place's or a thing's character (person_cues.tsv ``thing_end``: 毛伊 + 岛, 夏塔 + 沟,
  林西 + 线, 梅泰 + 族) or a function, direction, numeral or adjective character (胡同 + 里, 沈报 + 全 + 媒体),
  a listed place or a place by its suffix, or a listed place in front (林西 of 林西线);
* a two-character person of the article it continues (郑敏 + 任 + 昌吉州团委副书记: a verb glued on);
* a given part that is a dictionary word written alone in the article too (熊 + 孩子 … 孩子);
* a name the article shows to be no person (台风“杜苏芮”, a product: :class:`pxextract.person_evidence.PersonEvidence`)
  or a piece of a longer name (a name dot or a Latin letter beside it: 武里南BRU).

Example:
    >>> from pxextract.rules import NerFilters
    >>> from pxextract.ner_combine import Combiner
    >>> c = Combiner({}, {}, NerFilters(frozenset(), (), (), (), frozenset(), ()), frozenset("张夏"), {"孩子": "n", "熊": "n"})
    >>> c.thing_ends = ("沟",)
    >>> t = "张豆豆夺冠。张豆豆说。夏塔沟很美，夏塔沟深处。张宁、张喜慧"
    >>> from pxextract.spans import Span
    >>> [s.text for s in recurring_persons([Span(23, 25, "PERSON", "张宁")], [(0, 3, "PER"), (11, 14, "PER"), (26, 29, "PER")], t, c, lambda a, b: True)]
    ['张豆豆', '张宁', '张喜慧']
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from .spans import Span

_HAN3 = regex.compile(r"\p{Han}{3}")
_FUNCTION_TAGS = frozenset("dcpruy")  # a surname that is a function word (于 p: 于 + 海峰 may be a preposition)
_NOT_END_TAGS = frozenset("adfmpqru")  # 全 a, 里 f, 任 r …: no given name's last character here
_NAME_TAGS = ("nr", "nrt", "nrfg")
_LIST_MARK = "、"  # 徐恩、张喜慧: an item of a list beside a person


def recurring_persons(spans: list, unsure: list[tuple[int, int, str]], text: str, c, whole) -> list:
    """``spans`` (flat, sorted) plus the less sure model persons (``unsure``) the module docstring takes;
    ``c`` is the :class:`pxextract.ner_combine.Combiner`, ``whole(a, b)`` whether ``text[a:b]`` is on word edges."""
    taken = sorted((s.start, s.end) for s in spans)
    persons = {s.text for s in spans if s.label == "PERSON"}
    listed = {s.end + 1 for s in spans if s.label == "PERSON"} | {-s.start for s in spans if s.label == "PERSON"}  # 徐恩 + 、 + 张喜慧
    places = {s.end for s in spans if s.label in ("GPE", "LOC")}
    out = list(spans)
    for a, b, lab in unsure:
        if lab != "PER" or b - a != 3:
            continue
        i = bisect_left(taken, (b,))
        if (i and taken[i - 1][1] > a) or not _recurring(text, a, b, c, whole, persons, places, listed):
            continue
        out.append(Span(a, b, "PERSON", text[a:b]))
        taken.insert(i, (a, b))
    return sorted(out, key=lambda s: s.start) if len(out) > len(spans) else spans


def _recurring(text: str, a: int, b: int, c, whole, persons: set[str], places: set[int], listed: set[int] = frozenset()) -> bool:
    """Whether the less sure model person ``text[a:b]`` is taken (module docstring)."""
    name = text[a:b]
    tags = c.tags
    if (not _HAN3.fullmatch(name) or name[0] not in c.surnames or (tags.get(name[0]) or "x")[0] in _FUNCTION_TAGS
            or name in tags or name in c.stop or any(s in name for s in c.stop_contains) or any(m in name for m in c.anonymous)):
        return False
    if (name.endswith(getattr(c, "thing_ends", ())) or (tags.get(name[2]) or "x")[0] in _NOT_END_TAGS
            or name in c.known or name[:2] in c.known or c.label(name, "LOC") is not None):
        return False
    if any(p != name and name.startswith(p) for p in persons):
        return False  # 郑敏 + 任
    given = name[1:]
    mentions = [m.start() for m in regex.finditer(regex.escape(name), text)]
    in_list = ((a in listed and text[a - 1] == _LIST_MARK) or (-(b + 1) in listed and text[b : b + 1] == _LIST_MARK)) and not (
        text[b + 1 : b + 2] in ("、", "，") and regex.match(r"\p{Han}", text[b : b + 1]))  # 朱李居、柳岸风 + 和、: a longer item
    if len(mentions) < 2 and not in_list or not all(whole(m, m + 3) for m in mentions):
        return False
    if tags.get(given, "nr") not in _NAME_TAGS and text.count(given) > len(mentions):
        return False  # 熊 + 孩子 … 孩子
    if any(0 <= k < len(text) and (text[k] in "·・•‧" or text[k].isascii() and text[k].isalpha()) for m in mentions for k in (m - 1, m + 3)):
        return False  # 武里南BRU: a piece of a longer name
    return not (c._beside_non_person(text, name) or (c.evidence is not None and c.evidence.against(text, name, places)))
