"""What the linker knows of an article as a whole and of its layout: the publication and
reviewed years (:func:`doc_context`), the sentences (:func:`sentences`), the years of section
headings, and the linker's regexes built from rules/link_cues.tsv (:class:`LinkPatterns`).

Example:
    >>> from pxextract.rules import load_rules
    >>> c = doc_context({"date": "2024-04-30", "title": "2023年洛阳市国民经济和社会发展统计公报"}, load_rules())
    >>> c.pub_year, c.reviewed_year, c.is_review
    (2024, 2023, True)
    >>> sentences("全市增长5%。其余")
    [(0, 7), (7, 9)]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, takewhile

import regex

from .clauses import CLAUSE_MARK
from .normalize import View, is_han, normalize
from .notices import notice_pattern
from .rules import Rules
from .sentence_firsts import positions
from .spans import Span

_SENT_END = regex.compile(r"[。！？；!?;]|\r\n|\n|\r")
# compiled once: a module-level regex.match(pattern, …) call pays for the pattern cache look-up
_YEAR4 = regex.compile(r"(\d{4})")
_MONTH = regex.compile(r"\d{4}-(\d{1,2})(?!\d)(?:-(\d{1,2})(?!\d))?")  # the month of an ISO publication date (2023-08-08)


def _chars(words) -> str:
    return regex.escape("".join(words))


def _words(words) -> str:
    return "|".join(regex.escape(w) for w in words)


@lru_cache(maxsize=8)
def _title_year(year_words: tuple[str, ...]) -> regex.Pattern:
    """A year in a title (2023年), for the year words of rules/date_words.tsv."""
    return regex.compile(rf"(\d{{4}})(?:{_words(year_words)})")


@dataclass(frozen=True)
class LinkPatterns:
    """The linker's regexes, built from rules/link_cues.tsv and rules/date_words.tsv."""

    list_mark: regex.Pattern  # the last list mark or conjunction before a position
    heading: regex.Pattern  # a top-level section heading: 一、
    respectively: regex.Pattern
    item_split: regex.Pattern  # what separates the items of a list: 、, 和 between Han characters
    list_joiner: regex.Pattern  # what joins the figures of a list: 、 和 …
    list_gap: regex.Pattern  # a figure's noun and what joins it to the next item: 的资产， (continues_list)
    plan_item: regex.Pattern  # an item of a list opening its clause: 一是, 二是 (plan_item)
    notice: regex.Pattern | None = None  # furniture notice words: 请注明来源 (notices.notice_ranges)
    plan_item_reach: int | None = None  # how far past its white space a plan_item match ends at most: 1 + the longest item_suffix

    @classmethod
    def of(cls, rules: Rules) -> "LinkPatterns":
        conj, end = rules.cue("conjunction"), rules.cue("list_end")
        return cls(
            list_mark=regex.compile(f"[、{_chars(conj + end)}]", regex.REVERSE),
            heading=regex.compile(rf"^[ \t\u3000]*[{_chars(rules.cue('heading_numeral'))}]+[、．.]"),
            respectively=regex.compile(_words(rules.cue("respectively"))),
            item_split=regex.compile(rf"[、]|(?<=\p{{Han}})(?:{_words(conj)})(?=\p{{Han}})"),
            list_joiner=regex.compile(rf"\s*[、{_chars(conj)}]\s*"),
            plan_item=regex.compile(rf"\s*[{_chars(rules.cue('heading_numeral'))}](?:{_words(rules.cue('item_suffix'))})" if rules.cue("item_suffix") else "(?!)"),
            list_gap=regex.compile(rf"(?:(?:{_words(rules.cue('de'))})?\p{{Han}}{{0,6}})?\s*(?P<sep>[，,、]|(?<=\p{{Han}})[{_chars(conj)}])\s*"),
            notice=notice_pattern(rules.furniture.get("notice", ())),
            plan_item_reach=1 + max(map(len, rules.cue("item_suffix")), default=0),
        )


@dataclass
class DocContext:
    """What the linker knows of the article as a whole."""

    pub_year: int | None
    reviewed_year: int | None
    is_review: bool  # a work report or communiqué that reviews a year
    subject: str | None = None
    pub_month: int | None = None  # 今年6月将… in an August article: June is past
    pub_day: int | None = None  # 26日8时至27日8时 in a July 28 article: observed, no forecast
    stories: tuple = ()  # a digest's (start, subject) of each story (pxextract.story_subjects)

    def subject_at(self, pos: int) -> str | None:
        """The subject of the story ``pos`` is in (a digest's), else the article's."""
        return next((s for a, s in reversed(self.stories) if a <= pos), self.subject)


def doc_context(meta: dict, rules: Rules) -> DocContext:
    """Publication and reviewed year from the metadata.

    Example: ``{"date": "2024-04-30", "title": "2023年洛阳市国民经济和社会发展统计公报"}`` →
    pub 2024, reviewed 2023; a 2024 work report reviews 2023; a news article reviews its own year.
    """
    date = str(meta.get("date") or "")
    m = _YEAR4.match(date)
    pub = int(m.group(1)) if m else None
    title = str(meta.get("title") or "")
    reviewed = pub
    is_review = False
    if pub is not None:
        if any(w in title for w in rules.cue("communique")):
            is_review = True
            ym = _title_year(rules.dates.year).search(title)
            reviewed = int(ym.group(1)) if ym else pub - 1
        elif any(w in title for w in rules.cue("work_report")):
            is_review = True
            reviewed = pub - 1
    mm = _MONTH.match(date)
    month = int(mm.group(1)) if mm and 1 <= int(mm.group(1)) <= 12 else None
    day = int(mm.group(2)) if month and mm.group(2) else None
    return DocContext(pub, reviewed, is_review, pub_month=month, pub_day=day)


_WRAP_MIN_LINE = 20  # a line at least this long that ends inside a word was wrapped by the layout
_HAN_OR_DIGIT = regex.compile(r"[\p{Han}0-9]")
_NUMBERED = regex.compile(r"\s*(?:[（(]|[\p{Han}0-9]{1,3}[、．.])")  # （一） 一、 1. : a heading's numbering


def is_wrap(text: str, nl: int) -> bool:
    r"""Whether the line break at ``nl`` only wraps a long line: a Han character or digit on both
    sides, and the line before it long and not a numbered heading. Such a break ends neither a
    sentence nor a clause (…全年实现地区生产总\n值（GDP）19917.0 亿元).

    >>> t = "根据地区生产总值统一核算初步结果，全年实现地区生产总\n值（GDP）19917.0 亿元。"
    >>> is_wrap(t, t.index("\n")), is_wrap("（一）地区生产总值核算结果与主要产业增加值情况\n全年", 24)
    (True, False)
    """
    if nl == 0 or nl + 1 >= len(text) or text[nl] != "\n":
        return False
    if not (_HAN_OR_DIGIT.match(text, nl - 1) and _HAN_OR_DIGIT.match(text, nl + 1)):
        return False
    line_start = text.rfind("\n", 0, nl) + 1
    return nl - line_start >= _WRAP_MIN_LINE and not _NUMBERED.match(text, line_start)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges: ends at 。！？； and at line breaks (headings are their own sentences),
    except a break that only wraps a long line (:func:`is_wrap`)."""
    out = []
    start = 0
    for m in _SENT_END.finditer(text):
        if text[m.start()] == "\n" and is_wrap(text, m.start()):
            continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def raw_sentences(text: str, view: View | None = None) -> list[tuple[int, int]]:
    """The sentence ranges the linker reads ``text`` in (:func:`sentences` over its normalized
    view: layout breaks inside a sentence joined), as half-open ranges of ``text`` itself.

    >>> raw_sentences("全市投资3亿元。增长5%。")
    [(0, 8), (8, 13)]

    (In a statistical communiqué typeset in short lines, ``…贡献率分别为 2.0%、28.6%和\n69.4%。``
    is one sentence here, two for :func:`sentences` over the raw text.)
    """
    view = normalize(text) if view is None else view
    sents = sentences(view.text)
    return sents if view.identity else [view.to_raw(a, b) for a, b in sents]


_QUOTED_REST = regex.compile(r"[^“”\"「」『』。，；\n]{1,14}(?=[”\"」』])")


def quoted_rest(text: str, span: Span) -> str:
    """The rest of a short quoted name a figure opens (“8英寸集成电路成套装备” → 集成电路成套装备)."""
    if text[span.start - 1 : span.start] not in ("“", '"', "「", "『"):
        return ""
    m = _QUOTED_REST.match(text, span.end)
    return m.group() if m else ""


def heading_years(text: str, dates: list[Span], heading: regex.Pattern) -> list[tuple[int, int | None]]:
    """(line start, year) for every top-level section heading (一、2023年工作回顾 → 2023)."""
    out = []
    pos = 0
    starts = [d.start for d in dates]
    for line in text.split("\n"):
        if heading.match(line) and len(line.strip()) <= 60:
            i = bisect.bisect_left(starts, pos)
            end = pos + len(line)
            in_line = takewhile(lambda d: d.start < end, islice(dates, i, None))  # the heading's own dates
            year = next((d.attrs["year_end"] for d in in_line if d.attrs.get("year_end")), None)
            out.append((pos, year))
        pos += len(line) + 1
    return out


def section_year(headings: list[tuple[int, int | None]], starts: list[int], pos: int) -> int | None:
    """The year of the section heading before ``pos`` (``starts``: the headings' line starts)."""
    i = bisect.bisect_right(starts, pos) - 1
    return headings[i][1] if i >= 0 else None


_CLOSERS = {"）": "（", ")": "(", "”": "“", "》": "《", "」": "「", "』": "『"}  # pairs a time expression may stand inside
_OPENERS = {v: k for k, v in _CLOSERS.items()}
_ENCLOSE_REACH = 60  # how far back an opening mark is looked for


def enclosure(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int] | None:
    """Where the bracket, quotation or title pair around ``text[start:end]`` opens (its opening mark) and
    ends (after its closing mark), the pair lying within ``text[lo:hi]``; None when no pair encloses it.
    A time expression inside such a pair glosses a word or belongs to a quoted name (h122):

    >>> t = "超过了工业化前（1850年-1900年）水平1.5℃的阈值"
    >>> enclosure(t, t.index("1850"), t.index("）"), 0, len(t)) == (t.index("（"), t.index("）") + 1)
    True
    >>> enclosure("（一）2023年，全市", 3, 8, 0, 11) is None
    True
    """
    for i in range(start - 1, max(lo, start - _ENCLOSE_REACH) - 1, -1):
        c = text[i]
        if c in _CLOSERS:
            return None
        if c in _OPENERS:
            j = text.find(_OPENERS[c], end, hi)
            return (i, j + 1) if j >= 0 else None
    return None


def continues_list(text: str, prev_end: int, start: int, end: int, de: tuple[str, ...], gap: regex.Pattern) -> bool:
    """Whether the figure ``text[start:end]`` is the next item of a list the figure ending at ``prev_end``
    opened: only that figure's noun and a list mark or conjunction between them, and after a comma the
    figure describing a noun (…的). Such an item shares its modality (h122 pre-read #52):

    >>> from pxextract.rules import load_rules
    >>> g = LinkPatterns.of(load_rules()).list_gap
    >>> t = "合并后的实体将拥有361亿美元的资产，253亿美元的贷款总额和305亿美元的存款"
    >>> a, b = t.index("253"), t.index("305")
    >>> continues_list(t, t.index("的资产"), a, a + 6, ("的",), g), continues_list(t, a + 6, b, b + 6, ("的",), g)
    (True, True)
    >>> t = "将投资10亿元，5个项目已开工"
    >>> continues_list(t, t.index("，"), t.index("5个"), t.index("5个") + 2, ("的",), g)
    False
    """
    m = gap.fullmatch(text, prev_end, start)
    if m is None:
        return False
    return m.group("sep") not in "，," or text.startswith(de, end)


_ITEM_REACH = 200  # how far back the first item of a list and the words announcing it are looked for
_SPACES = regex.compile(r"\s*")  # the white space plan_item's item mark may open with


def plan_item(text: str, lo: int, start: int, item: regex.Pattern, target, not_target, token_starts=None, reach: int | None = None) -> bool:
    """Whether the figure at ``start`` stands in an item of a list (一是…，二是…; items joined by ；, the run of
    sentences from ``lo``) that a plan announces: its clause opens with an item mark (``item``) and a
    ``target`` cue at a token start, outside a ``not_target`` phrase, stands before the list's first item
    (计划推出新产品，一是新增门店50家；二是营收增长20% → both plans; h122 brief). ``reach``
    (LinkPatterns.plan_item_reach): an item mark ends at most that far past its white space, so the match stops
    there (h288: a match to the text's end looks for 是 up to it, for every figure of a long text)."""
    lo = max(lo, start - _ITEM_REACH)
    found = positions(text, CLAUSE_MARK)  # the clause marks in [lo, start), by a bisect (h288)
    marks = [at + 1 for at in found[bisect.bisect_left(found, lo) : bisect.bisect_left(found, start)]]
    def opens(e: int):
        return item.match(text, e) if reach is None else item.match(text, e, min(len(text), _SPACES.match(text, e).end() + reach))
    if target is None or not marks or not opens(marks[-1]):
        return False
    first = next(e for e in marks if opens(e))
    blocked = [(n.start(), n.end()) for n in not_target.finditer(text, lo, first, overlapped=True)] if not_target else []
    return any((token_starts is None or m.start() in token_starts) and not any(a <= m.start() < b for a, b in blocked)
               for m in target.finditer(text, lo, first, overlapped=True))


def owned_through_noun(gap: str, joiners: tuple[str, ...], de: tuple[str, ...], change: tuple[str, ...]) -> bool:
    """Does a date own the figure ``gap`` characters after it through a short noun — 与上年同期的
    亏损1.1亿元相比 (上年 is the loss's year), 较上年的营收为100亿元 — rather than a change (比上年增长5%:
    no 的)? ``gap``: the text between them; ``joiners``: the date joiners (的, 同期的, 为 …); ``de``:
    the particle; ``change``: the change words, which the noun may not hold.

    >>> owned_through_noun("同期的亏损", ("的", "同期的", "为"), ("的",), ("增长",))
    True
    >>> owned_through_noun("增长", ("的", "同期的", "为"), ("的",), ("增长",))
    False
    """
    for j in sorted((j for j in joiners if j.endswith(de)), key=len, reverse=True):
        if gap.startswith(j):
            noun = gap[len(j):]
            noun = next((noun[: -len(t)] for t in joiners if t and not t.endswith(de) and noun.endswith(t)), noun)
            return 1 <= len(noun) <= 4 and all(is_han(c) for c in noun) and not any(w in noun for w in change)
    return False

