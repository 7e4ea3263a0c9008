"""A change or comparison figure whose metric names only the change or the comparison (issue #15 M1, h301): the
measured noun is written before the figure, in the clause before or as the metric of the figure before in the
sentence, and is lost across the change word or the thing compared with. The measure is carried and the change word
kept as the relation (as 比上年增长【8%】 → 地区生产总值增长, change up): 南极海冰面积为1500万平方公里，比平均水平低
【17%】 → 南极海冰面积低 (change down); 游戏用户规模为6.68亿，同比增长【0.35%】 → 游戏用户规模增长 (6.68亿 is no
figure span: the noun before 为 in the clause before names it). Comparison words that are no change words elsewhere
(高, 低, 少, 加快: link_cues compare_up / compare_down) count only here, right before the figure.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("据统计，南极海冰面积为1500万平方公里，比平均水平低17%。", date="2023-08-01")
    >>> [(s["text"], s.get("metric"), s.get("change")) for s in rec["spans"] if s["label"] == "PERCENT"]
    [('17%', '南极海冰面积低', 'down')]
"""

from __future__ import annotations

import regex

from .labels import LABELS_NUMERIC
from .link_words import COUNTED_TAGS, ends_with, function_words_only, starts_with, tail_tag

_FIGURE = regex.compile(r"[\d０-９]")
_CLAUSE_BREAK = "，,；;"
_STOP = "。！？!?\n"
_NUMBER = regex.compile(r"[\d０-９][\d０-９.,，]*[^\d０-９，,；;。！？!?\n]*$")  # the last number before the comma
_TIME_LEAD = regex.compile(r"^.*[\d０-９]\s*")
_BRACKETS = regex.compile(r"[（(][^（()）]*[）)]")
_REACH = 40  # the most characters of the clause before read back from its comma


def compared_measure(linker, text: str, span, sent, clause_start: int, prev_metric: str | None, metric: str, change: str | None,
                     token_starts=None) -> tuple[str, str | None]:
    """``(metric, change)`` of a figure, its measure carried when ``metric`` is a change or comparison word alone or
    after a comparison base, adverbs or the thing compared with only (增长, 比上月回升, 较一季度加快, 比全国平均水平高,
    分别增长), that word written right before the figure (a qualifier or 了 between at most): the noun before the number
    opening the clause before where that number is no figure span (…用户规模为6.68亿，同比增长【0.35%】), else the figure
    before's measure in the sentence (``prev_metric``), where it names one; else unchanged. Not a level reached (降至【5%】), an extreme (最高【39℃】), nor a stem naming a
    noun of its own (净利润同比增长)."""
    level = _level_verb(linker, text, span, metric)
    w = "" if level else bare_word(linker, metric) or _carried_word(linker, metric, change, prev_metric)
    if not level and (not w or not _right_before(linker, text, span, w)):
        return metric, change
    carried = linker.carried_measure(prev_metric)
    if carried and not _names_measure(linker, carried):
        carried = None  # 拼多多上涨了30%，京东上涨了【20%】: the figure before names no measure either
    before = next((n for n in reversed(sent) if n.end <= span.start and n.label in LABELS_NUMERIC and n is not span), None)
    own = _clause_before(linker, text, span, sent, clause_start, token_starts, before)
    if not own and carried and metric == carried + w:
        return metric, change
    measure = own or carried  # …为8.4亿，比去年同期增长了40%，…日活用户为8.5亿，同比增长了【13%】: the clause before's
    if not measure:
        return metric, change
    span.attrs["_base_metric"] = measure
    if level:  # 申报数量为200股，拟调整为【100股】 → 申报数量: the level reached, no change
        return measure, None
    if carried and not own and before is not None and before.attrs.get("change") and w not in linker.up + linker.down and (
            before.attrs["metric"].startswith(carried)):
        measure = before.attrs["metric"]  # 增长1.5%，较一季度加快【3.9个百分点】 → 第二产业增加值增长加快: the growth compared
    return measure + w, _words(linker)[w]


def _carried_word(linker, metric: str, change: str | None, prev_metric: str | None) -> str:
    """The change word of a metric that is the figure before's measure and that word (the measure carried by
    :meth:`~pxextract.link_metric.MetricLinker._metric`), so that a number opening the clause before that is no figure
    span names it instead (…8.4亿，比去年同期增长了40%，…日活用户为8.5亿，同比增长了【13%】); else ""."""
    carried = linker.carried_measure(prev_metric) if change else None
    w = metric[len(carried) :] if carried and metric.startswith(carried) else ""
    return w if w in _words(linker) else ""


def _level_verb(linker, text: str, span, metric: str) -> bool:
    """Whether ``metric`` is only the verb of a change to the level the figure is (link_cues level_verb 调整, or a change
    or comparison word), written right before the figure with a to_end word (为, 至, 到): 拟调整为【100股】 → 调整."""
    if not metric or not (metric in _words(linker) or metric in linker.rules.cue("level_verb")):
        return False
    head = text[max(0, span.start - 12) : span.start].rstrip()
    q = ends_with(head, linker.before_qualifiers)
    head = head[: -len(q)].rstrip() if q else head
    return any(head.endswith(metric + e) for e in linker.to_ends)


def bare_word(linker, metric: str | None) -> str:
    """The change or comparison word ending ``metric`` when the words before it name nothing (a comparison base and
    its time, the thing compared with after 比/较, adverbs: :meth:`~pxextract.link_levels.LevelLinker.bare_change_stem`,
    :meth:`~pxextract.link_levels.LevelLinker.compared_stem`), no extreme (最高); else "": 比平均水平低 → 低, 增长 →
    增长, 净利润增长 → ""."""
    words = _words(linker)
    w = ends_with(metric or "", tuple(words))
    if not w:
        return ""
    stem = metric[: -len(w)]
    if any(x in stem for x in linker.rules.cue("extreme_word")):
        return ""
    adverb = ends_with(stem, linker.to_adverbs)  # 小幅下降, 较一季度进一步加快
    stem = stem[: -len(adverb)] if adverb else stem
    based = starts_with(stem, linker.base + linker.rules.cue("compare_lead"))  # 比上月, 较一季度, 同比; not 进度同比 (进度: jieba d)
    bare = not stem or (based and (linker.bare_change_stem(stem) or linker.compared_stem(stem))) or _adverbs(linker, stem)
    return w if bare else ""


def _adverbs(linker, stem: str) -> bool:
    """Whether ``stem`` is adverbs only, each of one character or a respectively cue (也, 则, 还, 分别)."""
    return function_words_only(linker.word_tags, stem) and (len(stem) == 1 or stem in linker.rules.cue("respectively") or all(
        linker.word_tags.get(c) in ("d", "c") for c in stem))


def _names_measure(linker, measure: str) -> bool:
    """Whether a carried measure names one: it ends in a noun (jieba n*, vn) or a metric's name, it names no comparison
    or change itself (增速比上月末低, 比RTX 2070 SUPER快, 较第一季度), no extreme (最高, …最高可达每立方厘米), and is no
    verb nor one character (报)."""
    if len(measure) < 2 or any(x in measure for x in linker.rules.cue("extreme_word")) or ends_with(measure, tuple(_words(linker))):
        return False
    if linker.bare_change_stem(measure) or linker.compared_stem(measure):
        return False
    return tail_tag(linker.word_tags, measure) in COUNTED_TAGS or bool(ends_with(measure, linker.metric_names))


def _words(linker) -> dict[str, str]:
    """The change words and comparison words (link_cues change_up / change_down, compare_up / compare_down) and their
    direction, longest first; built once per linker."""
    words = linker.__dict__.get("_compare_words")
    if words is None:
        cue = linker.rules.cue
        pairs = [(w, "up") for w in cue("change_up") + cue("compare_up")] + [(w, "down") for w in cue("change_down") + cue("compare_down")]
        words = linker.__dict__["_compare_words"] = dict(sorted(pairs, key=lambda p: len(p[0]), reverse=True))
    return words


def _right_before(linker, text: str, span, word: str) -> bool:
    """Whether ``word`` ends the text before the figure, a qualifier (约, 近) and 了 between at most."""
    head = text[max(0, span.start - 12) : span.start].rstrip()
    for _ in range(2):
        q = ends_with(head, linker.before_qualifiers + linker.perfective)
        if q:
            head = head[: -len(q)].rstrip()
    return head.endswith(word)


def clause_before(text: str, clause_start: int, whole: bool = False, stop: str = _STOP + "：:") -> tuple[int, int] | None:
    """Where the clause before the figure's lies, ``(start, end)`` with ``text[end]`` the comma between them (read back
    at most ``_REACH`` characters, to a clause break or a ``stop`` mark): 游戏用户规模为6.68亿，同比增长 → the first part;
    None when no comma parts them, or (``whole``) when the clause before runs longer than the reach.

    >>> t = "游戏用户规模为6.68亿，同比增长0.35%"
    >>> clause_before(t, 13)
    (0, 12)
    """
    end = clause_start - 1
    if end <= 0 or text[end] not in _CLAUSE_BREAK:
        return None
    start = end
    while start > 0 and text[start - 1] not in _CLAUSE_BREAK + stop and end - start < _REACH:
        start -= 1
    if whole and start > 0 and text[start - 1] not in _CLAUSE_BREAK + stop:
        return None
    return start, end


def _clause_before(linker, text: str, span, sent, clause_start: int, token_starts, before=None) -> str:
    """The noun before a number opening the clause before the figure's (parted by a comma; no figure span need be
    there): 游戏用户规模为6.68亿，同比增长 → 游戏用户规模; only a copula (为, 达) between them and the number; the words
    cleaned as a metric's, a noun (jieba n*, vn) or a metric's name ending them; else ""."""
    bounds = clause_before(text, clause_start)
    if bounds is None or _FIGURE.search(text, clause_start, span.start):
        return ""
    start, end = bounds
    if before is not None and before.end > start:
        return ""  # a figure span there: its metric is carried
    m = _NUMBER.search(text, start, end)
    if m is None:
        return ""
    head = text[start : m.start()].rstrip()
    copula = linker.rules.cue("clause_copula")
    lead = len(head)
    while (c := ends_with(head[:lead], copula)) is not None:
        lead -= len(c)
    if lead == len(head):
        return ""
    asides = [(b.start(), b.end()) for b in _BRACKETS.finditer(text, start, start + lead)]  # 指数（CPI）为105.4
    noun = linker._clean(head[:lead], sent, start, token_starts, asides)
    cut = _TIME_LEAD.match(noun)  # 今年1至6月全球…装车量, 日本7月去除…指数: a time not read as a date (not 5G发射功率)
    time = starts_with(noun[cut.end() :], linker.rules.cue("clause_time")) if cut and cut.end() else None
    if time:
        noun = noun[cut.end() + len(time) :].strip()
    if len(noun) < 2 or len(noun) > 16 or not _names_measure(linker, noun):  # 奖号和值 → 值 (和 read as a list's)
        return ""
    return noun
