"""分别 ("respectively"): a list of figures after it takes, one by one, the items of the list
before it — the things it names (A、B和C分别增长x%、y%和z%) or the years (2020年-2022年，营收分别为
a、b、c; 2021年、2022年营收分别为a、b) — and the places or bodies it names own them one by one
(中国移动、中国联通和中国电信上半年分别实现归母净利润761.73亿元、54亿元和201.53亿元).

Called by :class:`pxextract.link.Linker` once every figure has its clause-based attributes; it
only overwrites them where the counts agree (docs/annotation.md §6 Attributes, 分别 over years).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("2020年-2022年，营收分别为2.07亿元、1.98亿元、2.5亿元。", date="2023")
    >>> [(s["text"], s["year"]) for s in rec["spans"] if s["label"] == "MONEY"]
    [('2.07亿元', 2020), ('1.98亿元', 2021), ('2.5亿元', 2022)]
"""

from __future__ import annotations

import bisect

from .link_subject import _as_subject
from .rules import LABELS_NUMERIC
from .spans import Span

_WINDOW = 80  # how far before 分别 its items are looked for
_NEAR = 6  # at most this many characters between 分别 and the first figure (分别为, 分别增长)
_CLAUSE_MARKS = "，,；;：:。\n"
_OWNERS = ("GPE", "ORG")
_SUBJECT_HINTS = ("_scope", "_topic", "_name_place", "_inner_place", "_unit", "_body")  # pxextract.subjects would move it


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(c, max(0, pos - _WINDOW), pos) for c in _CLAUSE_MARKS) + 1


def respectively(linker, text: str, spans: list[Span], sents: list[tuple[int, int]]) -> None:
    """Pair each 分别 list of figures (two or more, joined by 、/和/及) with the list before it.

    Years first: when the DATE that governs the figures is a span of as many years as there are
    figures (2019年-2022年这4年间，…分别亏损a、b、c、d), or closes a list of as many single years
    (2021年和2020年分别为a和b), the i-th figure takes the i-th year. Then items: the i-th item of
    the clause before 分别 names the i-th figure (its metric); a list whose count differs keeps the
    first figure's metric for all, and so does a list of names that own the figures (_owners: 韩国、越南、日本的出口额
    分别下降了a、b、c → 出口额下降, not 韩国); a later list of as many figures in the sentence, with no name before
    it since, takes the same owners (…分别实现净利润a、b和c，同比增长分别为x、y和z). ``linker``: the :class:`pxextract.link.Linker` (its patterns,
    change words and metric stripping; not imported here, as link imports this module).
    """
    patterns = linker.patterns
    numeric = [s for s in spans if s.label in LABELS_NUMERIC]
    starts = [s.start for s in numeric]
    dates = [s for s in spans if s.label == "DATE"]
    date_ends = [d.end for d in dates]
    sent_starts = [a for a, _ in sents]
    names = [s for s in spans if s.label in ("GPE", "ORG", "PERSON")]
    owned = None  # (sentence start, last figure's end, names) of the last list _owners paired
    for m in patterns.respectively.finditer(text):
        i = bisect.bisect_left(starts, m.end())
        if i >= len(numeric):
            continue
        between = text[m.end() : numeric[i].start]
        near = len(between) <= _NEAR  # (a verb phrase within the clause: the names alone, 分别实现营收a、b)
        if not near and any(c in between for c in _CLAUSE_MARKS):
            continue
        figs = [numeric[i]]
        while i + 1 < len(numeric) and patterns.list_joiner.fullmatch(text[figs[-1].end : numeric[i + 1].start]):
            i += 1
            figs.append(numeric[i])
        if len(figs) < 2:
            continue
        c0 = _clause_start(text, m.start())
        head = text[c0 : m.start()]
        if not head.strip() and c0 > 0 and text[c0 - 1] in "，,":  # A、B从无到有，分别达2个、3个: the items stand in the clause before
            c1 = _clause_start(text, c0 - 1)
            head, c0 = text[c1 : c0 - 1], c1
        s0 = sent_starts[max(0, bisect.bisect_right(sent_starts, m.start()) - 1)]
        owners = _owners(linker, text, names, c0, m.start(), figs)
        if owners is None and owned is not None and owned[0] == s0 and len(owned[2]) == len(figs) and not any(
                owned[1] <= s.start < m.start() for s in names):  # A、B分别实现a、b，同比增长分别为x、y: A and B again
            _own(figs, owned[2])
        elif owners is not None:
            owned = (s0, figs[-1].end, owners)
        if not near:
            continue
        items = [x for x in head.split("、") if x.strip()]
        if len(items) != len(figs):
            items = [x for x in patterns.item_split.split(head) if x.strip()]
        years = _years(linker, text, dates, date_ends, s0, m.start(), figs)
        if years is not None:
            chain, values = years
            if len(chain) > 1 and chain[0].start >= c0:
                items = []  # 恒大汽车2021年、2022年营收分别为…: the items are the years, not things
            if len(items) != len(figs):  # (A、B分别…: the items are things, and the years stay)
                for fig, year in zip(figs, values):
                    fig.attrs["year"] = year
        if owners is not None and len(items) == len(figs):  # 韩国、越南、日本的出口额分别下降了a、b、c: the names own, the measure stays
            items, tail = [], head[owners[-1].end - c0 :].strip()
            tail = tail[len(_starts_with(tail, linker.de)) :]  # (哈尔滨、扬州新建住宅价格环比跌幅较大，分别为a和b)
            if not figs[0].attrs.get("metric") and tail:
                figs[0].attrs["metric"] = linker._strip_base(tail)
        if len(items) != len(figs):
            # the items cannot be paired: every figure of the list shares the first one's metric
            for fig in figs[1:]:
                for k in ("metric", "change", "base_year"):
                    if k in figs[0].attrs:
                        fig.attrs[k] = figs[0].attrs[k]
            continue
        word = _ends_with(between.strip(), linker.up + linker.down)
        change = ("up" if word in linker.up else "down") if word else None
        for fig, item in zip(figs, items):
            fig.attrs["metric"] = linker._strip_base(item.strip()) + word
            if change:
                fig.attrs["change"] = change


def _owners(linker, text: str, names: list[Span], c0: int, at: int, figs: list[Span]) -> list[Span] | None:
    """The i-th place or body of the list that opens the clause before 分别 (``c0`` to ``at``) owns the
    i-th figure: 三星和LG集团的市值则分别下降了0.70%和2.50% → 三星, LG集团.

    Only when the list holds exactly as many names (GPE, ORG) joined by 、/和/与/及 as there are figures,
    no name or subject_anaphor stands before it in the clause (该公司在美国和中国的收入: the company's), no
    subject_preposition, inner_place_stop or respectively_object word right before it (自越南、加拿大进口额),
    and no name and no second list (respectively_nest) between it and 分别 (内蒙古和新疆两地的…数量和产能占比).
    ``names``: the GPE, ORG and PERSON spans of the text; returns the names paired, or None.
    """
    names = [s for s in names if c0 <= s.start and s.end <= at]
    if len(names) != len(figs) or any(s.label not in _OWNERS or _as_subject(s) is None for s in names):
        return None
    if not all(linker.patterns.list_joiner.fullmatch(text[a.end : b.start]) for a, b in zip(names, names[1:])):
        return None
    cue = linker.rules.cue
    before, after = text[c0 : names[0].start], text[names[-1].end : at]
    stops = cue("subject_preposition") + cue("inner_place_stop") + cue("respectively_object")
    if before.endswith(stops) or any(w in before for w in cue("subject_anaphor")) or any(w in after for w in cue("respectively_nest")):
        return None
    _own(figs, names)
    return names


def _own(figs: list[Span], names: list[Span]) -> None:
    """The i-th name is the i-th figure's subject (pxextract.subjects' hints dropped)."""
    for fig, name in zip(figs, names):
        for k in _SUBJECT_HINTS:
            fig.attrs.pop(k, None)
        fig.attrs["subject"] = _as_subject(name)


def _years(linker, text: str, dates: list[Span], date_ends: list[int], s0: int, at: int,
           figs: list[Span]) -> tuple[list[Span], list[int]] | None:
    """The DATEs and the years that 分别 at ``at`` hands out to ``figs``, one each, or None.

    The last DATE before ``at`` in its sentence (from ``s0``) must govern every figure (their
    year is its last year) and not be a comparison base (较2019年); it is a span of exactly as
    many years as figures, or the last of a list of as many single years joined by 、/和/及.
    """
    k = bisect.bisect_right(date_ends, at) - 1
    if k < 0 or dates[k].start < s0:
        return None
    last = dates[k]
    y0, y1 = last.attrs.get("year_start"), last.attrs.get("year_end")
    if y1 is None or linker._is_base_date(text, last) or any(f.attrs.get("year") != y1 for f in figs):
        return None
    if y0 is not None and y0 < y1:
        if y1 - y0 + 1 != len(figs) or not _names_years(linker, last):
            return None
        return [last], list(range(y0, y1 + 1))
    chain = [last]
    while k > 0 and dates[k - 1].start >= s0 and linker.patterns.list_joiner.fullmatch(text[dates[k - 1].end : chain[0].start]):
        k -= 1
        a, b = dates[k].attrs.get("year_start"), dates[k].attrs.get("year_end")
        if b is None or a != b:
            return None
        chain.insert(0, dates[k])
    if len(chain) != len(figs):
        return None
    return chain, [d.attrs["year_end"] for d in chain]


def _names_years(linker, date: Span) -> bool:
    """Whether a span of years names a period: years written out (2019年-2022年, “十三五”期间) or
    a count with its cue (过去3年, 这4年间; rules/date_words.tsv count_before / count_after). A bare
    count (发行期限均为2年) is as often a term as a period."""
    if "_pending" not in date.attrs:
        return True
    words = linker.rules.dates
    return date.text.startswith(words.count_before) or date.text.endswith(words.count_after)


def _starts_with(text: str, words: tuple[str, ...]) -> str:
    """The first word of ``words`` that ``text`` starts with, or ""."""
    return next((w for w in words if text.startswith(w)), "")


def _ends_with(text: str, words: tuple[str, ...]) -> str:
    """The first word of ``words`` (each cue list longest first) that ``text`` ends with, or ""."""
    return next((w for w in words if text.endswith(w)), "")
