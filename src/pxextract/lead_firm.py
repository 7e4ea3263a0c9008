"""The company an article is about (issue #15 S1): an article whose headline or lead has a company act — a
company or brand (``firm``: a listed company, a name ending in a firm word) that opens its clause (nothing
written before it there: not 涉及益阳农商银行, 在拼多多购物), and is no list item or modifier (not followed by 的、和与及, no person named after it in the clause: 益阳农商银行原党委书记阳烨) —
and names it again at least twice (short forms too: 万豪 of 万豪国际酒店集团), more often than the place the article's subject would be
(not counted inside the company's name: 潜山市 of 国网潜山市供电公司, h331), is that company's: figures whose clause
names no one (the flight's, the recall's 15869辆) take it, not a city the story passes through or none. Never an
outlet, a byline or a cited source (news furniture, ``_cited``/``_source``/``_data``), nor a research firm
(``data_firm`` of ``rules/link_cues.tsv``), nor a public body (no company). Used by
:func:`pxextract.lead_town.lead_subject`.

Example:
    >>> from pxextract.spans import Span
    >>> text = "美国国家公路交通安全管理局发布公告，特斯拉将在当地召回15869辆汽车。特斯拉表示……特斯拉股价"
    >>> names = [Span(0, 13, "ORG", "美国国家公路交通安全管理局"), Span(18, 21, "ORG", "特斯拉"),
    ...          Span(36, 39, "ORG", "特斯拉"), Span(43, 46, "ORG", "特斯拉")]
    >>> lead_firm(text, names, "美国", 40, lambda s: s.text == "特斯拉")
    '特斯拉'
    >>> lead_firm(text, names, "美国", 40, lambda s: False)
"""

from __future__ import annotations

from typing import Callable

from .clauses import clause_bounds
from .spans import Span

_NOT_FIRM = ("furniture", "_cited", "_passing", "_source", "_data")  # outlets, bylines, cited sources
_MENTIONS = 3  # the lead's mention and twice again


def lead_firm(text: str, names: list[Span], main: str | None, lead_end: int, firm: Callable[[Span], bool],
              firm_ends: tuple[str, ...] = (), data_firms: tuple[str, ...] = (), not_acting: tuple[str, ...] = ()) -> str | None:
    """The first company of the headline or lead (up to ``lead_end``) that ``firm`` accepts or whose name ends in
    one of ``firm_ends`` (公司, 银行, 航空: ``firm_end`` of ``rules/link_cues.tsv``), opens its clause
    and acts in it (not followed by one of ``not_acting``: 的, 和, 、 — 华为和小米, 特斯拉的车主), when the article names it :data:`_MENTIONS` times at least and
    more often than ``main`` (a place, or None); else None."""
    for s in sorted(names, key=lambda n: n.start):
        if s.start >= lead_end or s.label != "ORG" or set(_NOT_FIRM) & s.attrs.keys() or s.text in data_firms or not (firm(s) or s.text.endswith(firm_ends)):
            continue
        begin, end = clause_bounds(text, s.start, s.end)
        if text[begin:s.start].strip() or text.startswith(not_acting, s.end) or any(
                n.label == "PERSON" and s.end <= n.start < end for n in names):
            continue  # (益阳农商银行原党委书记阳烨被查: the person of the company acts)
        count, taken = mentions(text, s.text, [n.text for n in names if n.label == "ORG"])
        place = len([i for i in _find_all(text, main) if i not in taken]) if main else 0
        return s.text if count >= _MENTIONS and count > place else None
    return None


def _find_all(text: str, name: str) -> list[int]:
    """Where ``name`` is written in ``text`` (no overlaps)."""
    found, at = [], text.find(name)
    while at >= 0:
        found.append(at)
        at = text.find(name, at + len(name))
    return found


def mentions(text: str, name: str, orgs: list[str]) -> tuple[int, set[int]]:
    """How often the firm ``name`` is written, under its full name or a short form (an organisation of ``orgs``
    that is a piece of it: 万豪 of 万豪国际酒店集团, 阿尔克姆公司 of 澳大利亚矿业企业阿尔克姆公司), and the positions
    those mentions cover: a place inside them (潜山市 of 国网潜山市供电公司) is no mention of the place (h331).

    >>> n, taken = mentions("国网潜山市供电公司抢修。潜山市遭暴雨，国网潜山市供电公司出动。", "国网潜山市供电公司", [])
    >>> n, 2 in taken, 12 in taken
    (2, True, False)
    """
    taken: set[int] = set()
    count = 0
    for form in sorted({name} | {o for o in orgs if len(o) >= 2 and o != name and o in name}, key=len, reverse=True):
        for at in _find_all(text, form):
            if at not in taken:
                count += 1
                taken.update(range(at, at + len(form)))
    return count, taken
