"""A local regulation's figure keeps the place its title opens with (issue #15 S5; docs/annotation.md §6, a general
rule: a province's own regulation keeps its place): a figure that :func:`pxextract.world_scope.general_figure` finds
no one's (a provision's condition and penalty, a penalty range) whose sentence cites before it a title ending as a
local rule does (``rules/link_cues.tsv`` provision_local_end: 条例, 办法, 规定, 细则) and opening with a Chinese
division's full name (上海市, 南京市, 鞍山市铁东区, 四川天府新区: the gazetteer's divisions, :class:`pxextract.resolve.places.PlaceResolver`)
is that place's: 根据《上海市生活垃圾管理条例》第五十七条规定，个人…混合投放的，处【50元】以上200元以下罚款 → 上海市, not null.

Places inside a title are no names of the text (docs/annotation.md §6 Entities: a LAW is one name, nothing nested), so
the place is read here, not tagged. Not a national law (《中华人民共和国…法》, provision_nation), nor a country's
(《中国共产党纪律处分条例》), nor a short form that also opens other words (《公安机关办理行政案件程序规定》: 公安 is also
公安县; 《上海证券交易所…细则》, 《北京大学…规定》: a body's rule): only a division's full name.

Example:
    >>> from pxextract.resolve import Resolver
    >>> resolve = Resolver().places.resolve
    >>> title_place("上海市生活垃圾管理条例", ("条例",), ("中华人民共和国",), resolve)
    '上海市'
    >>> title_place("公安机关办理行政案件程序规定", ("规定",), ("中华人民共和国",), resolve) is None
    True
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from .sentence_firsts import last_match
from .spans import Span

_LONGEST = 16  # a title's place is at most this long (鞍山市铁东区, 广西壮族自治区南宁市)
_REACH = 1 + 60 + 1 + 16 + 1 + 3  # a provision_cue match: 《, the title, 》, the article, the provision word, the mark


def title_place(title: str, ends: tuple[str, ...], nations: tuple[str, ...], resolve: Callable) -> str | None:
    """The Chinese division whose full name opens ``title`` when it ends as a local rule (``ends``), else None."""
    if not ends or not title.endswith(ends) or title.startswith(nations):
        return None
    for n in range(min(len(title) - 2, _LONGEST), 1, -1):
        p = resolve(title[:n])
        if p is not None and p.level != "country" and title[:n].endswith(p.name):
            return title[:n]
    return None


def local_rule_place(text: str, span: Span, sentence_start: int | None, cue: regex.Pattern | None, ends: tuple[str, ...],
                     nations: tuple[str, ...], resolve: Callable) -> str | None:
    """The place of the local rule (:func:`title_place`) whose title and provision word (``cue``:
    :func:`pxextract.world_scope.provision_cue`) come last before ``span`` in its sentence, else None."""
    if sentence_start is None or cue is None or not ends:
        return None
    last = last_match(text, sentence_start, span.start, cue, "\u300a", _REACH)
    return title_place(last.group(1), ends, nations, resolve) if last is not None else None
