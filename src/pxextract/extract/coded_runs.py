"""A stock name the code step cut short is the whole run of characters before its code (issue #13/#15, h355).

:func:`~pxextract.extract.name_patterns.coded_companies` takes the words before a stock code back to a function word
and drops leading verbs, so a name that jieba cuts into common pieces loses its head: 同|兴|环保（003027） → 环保
(同: a preposition), 中|能|电气(300062) → 电气, 首开|股份（600376.SH） → 股份 (a verb). What is left there is one common
word (环保, 电气, 股份: jieba tags it, no proper name), no company by itself; the run of two to six Han characters
before the code (after punctuation, a digit or the text's start) is the name then, where the words cut off are
single characters that are no conjunction, adverb, pronoun, particle, numeral or time word (同 + 兴, 中 + 能), or the
whole run stands so again in the article (首开股份 … 7月份首开股份以…). Its other whole-word mentions in the article are
the company too (行业内排名如下：同兴环保2023中报显示). Not a common word the code step cut rightly (包括 + 苹果, 维持 +
港交所, 已 + 针对 + 微软, 和 + 谷歌), nor a market index (上证指数（000001）: name_grammar.tsv quote_no_name), which the
code step drops too unless the gazetteer knows it as an organisation. A date's 日 that jieba glued to the name's head
is no part of it (7月27 + 日同兴 + 环保（003027） → 同兴环保).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("股票行情快报：同兴环保（003027）8月18日主力资金净卖出50.47万元。")
    >>> [s["text"] for s in rec["spans"] if s["label"] == "ORG"]
    ['同兴环保']
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..spans import Span

_RUN = regex.compile(r"(?:(?!\u4e28)\p{Han}){2,6}$")  # not the web separator 丨 (格隆汇8月11日丨靖洋集团)
_PROPER = ("nr", "ns", "nt", "nz")  # jieba's tags of proper names: 通用汽车, 雪佛龙, 阿里巴巴
_NOT_HEAD = ("c", "d", "r", "u", "y", "e", "o", "m", "t", "q", "x", "w")  # 和, 已, 其, 日, 万 …: no name's head character


def coded_runs(spans: list[Span], words: list[str], starts: list[int], text: str, tag, no_name: tuple[str, ...],
               known: dict[str, str]) -> list[Span]:
    """``spans`` (the names before stock codes) with a name cut short made the whole run before the code, its other
    whole-word mentions added, and market indexes dropped (module doc)."""
    out, whole = [], set()
    for s in spans:
        if s.text.endswith(no_name) and known.get(s.text) != "ORG":
            continue  # 上证指数（000001）: an index, no company
        if s.start and text[s.start - 1].isdigit() and (tag(text[s.start]) or "").startswith("m") and len(s.text) > 3:
            s = Span(s.start + 1, s.end, "ORG", s.text[1:])  # 7月27 + 日同兴 + 环保: jieba glued the date's 日 to the name
        run = _whole(s, words, starts, text, tag)
        if run is not None and not run.text.endswith(no_name):
            s = run
            whole.add(run.text)
        out.append(s)
    return out + _mentions(whole, starts, text, {(s.start, s.end) for s in out}) if whole else out


def _whole(s: Span, words: list[str], starts: list[int], text: str, tag) -> Span | None:
    """The whole run of Han characters before ``s``'s code when the code step cut it short (module doc), else None."""
    m = _RUN.search(text, max(0, s.end - 6), s.end)
    if m is None or m.start() >= s.start or (m.start() and regex.match(r"\p{Han}", text[m.start() - 1])):
        return None  # a longer run: the code step's words stand (故降低宝胜国际, 上市猪企新希望)
    i = bisect_left(starts, s.start)
    if i == len(starts) or starts[i] != s.start or starts[i] + len(words[i]) != s.end:
        return None  # what is left is more than one word (金冠 + 电气) or a piece of one
    last = tag(s.text)
    if last is None or last.startswith(_PROPER):
        return None  # 谷歌, 舜宇光学, 通用汽车: a name
    j = bisect_left(starts, m.start())
    if j == len(starts) or starts[j] != m.start():
        return None
    while j < i and (tag(words[j]) or "").startswith(("m", "t")):
        j += 1  # 8月18日 + 同兴环保, 今日 + …: a date before the name
    if s.end - starts[j] < 3:
        return None
    cut = words[j:i]
    single = all(len(w) == 1 and not (tag(w) or "x").startswith(_NOT_HEAD) for w in cut)  # 同 + 兴, 中 + 能
    if not single and _stands(text[starts[j] : s.end], text) < 2:
        return None  # 包括 + 苹果, 维持 + 港交所, 已 + 针对 + 微软: the words cut are no part of the name
    return Span(starts[j], s.end, "ORG", text[starts[j] : s.end])


def _stands(run: str, text: str) -> int:
    """How often ``run`` stands in ``text`` after no Han character (首开股份 after a comma, a digit or the start)."""
    return sum(1 for k in _find(run, text) if not (k and regex.match(r"\p{Han}", text[k - 1])))


def _find(word: str, text: str):
    k = text.find(word)
    while k >= 0:
        yield k
        k = text.find(word, k + 1)


def _mentions(names: set[str], starts: list[int], text: str, taken: set[tuple[int, int]]) -> list[Span]:
    """Each whole-word mention (on the tokens' edges) of ``names`` not in ``taken``: 7月份 + 首开股份 + 以."""
    edges = set(starts) | {len(text)}
    return [Span(k, k + len(n), "ORG", n) for n in sorted(names) for k in _find(n, text)
            if k in edges and k + len(n) in edges and (k, k + len(n)) not in taken]
