"""A figure's metric that is a fragment of its clause naming no measured noun (issue #15 M1, h311), read after
:func:`~pxextract.link_compared.compared_measure` and :func:`~pxextract.link_age.fragment_metric`:

- a change word alone (同比分别增长, 减少了) whose clause before has no number and opens with the noun that changes,
  then an adverb, a change word or a growth-rate word (link_cues clause_subject_stop): the noun is the measure,
  the change word kept (成交量同样减少，减少了约【3.45万手】 → 成交量减少);
- words that are only adverbs, pronouns, prepositions, conjunctions, particles, time or position words and verbs
  (jieba's dictionary tags), one of them at least no verb, before a count or quantity: no noun is named, the metric is empty (直到最【一个多月】前,
  我们来到这里已经【四天】了, 在不少于【2次】协调后仍未达成一致的): better empty than debris (ANNOTATION.md, metric);
  but the verb right before a count or a quantity that is no duration names the event counted and is kept (当天新增【13起】
  → 新增, 被停赛【3场】 → 停赛; h318).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("未平仓合约减少，成交量同样减少，减少了约3.45万手合约。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('3.45万手', '成交量减少')]
"""

from __future__ import annotations

from .link_compared import _names_measure, _right_before, bare_word, clause_before
from .link_copula import copula_measure
from .link_words import FUNCTION_TAGS, NAME_TAGS, ends_with, starts_with, tail_tag

_LONGEST = 18  # the longest noun taken
_WORD = 4  # the longest dictionary word looked up
_SUMS = frozenset(("MONEY", "PERCENT"))  # a sum or a share keeps the words written before it
_PARTICLES = frozenset(("uj", "ul", "uz"))  # 的, 了 after an event verb
_GAP = 3  # the most characters between an event verb and its count (link_cues event_verb_gap: 在建的有【10艘】)


def fragment_measure(linker, text: str, span, sent, clause_start: int, metric: str, token_starts=None) -> str:
    """``metric`` mended where it names no noun: a bare change word takes the noun opening the clause before
    (对照组（剔除…）也超出了市场预期，上涨【1%】 → 对照组上涨); words of no noun (two characters at least) of a count or quantity are emptied (虽只有短短【一个月】 → "");
    else unchanged (净利润增长, 死亡, 占比)."""
    if not metric:  # 美国损失最严重，达【5.9万亿美元】 → 损失 (link_copula, h326)
        return copula_measure(linker, text, span, sent, clause_start, token_starts)
    w = bare_word(linker, metric)
    if w:
        noun = _subject_before(linker, text, span, sent, clause_start, token_starts) if _right_before(linker, text, span, w) else ""
        return noun + w if noun else metric
    after = text[span.end : span.end + 3 + len(metric)].lstrip()
    after = after[len(starts_with(after, linker.de) or "") :]
    if span.label in _SUMS or len(metric) < 2 or after.startswith(metric):
        return metric  # 该团只收【300元】: a sum keeps its words (h189); 共 of 共7400毫升 is pinned; 【12个】春秋: the noun after
    return _event_verb(linker, text, span, metric) if _no_noun(linker, metric) else metric


def _event_verb(linker, text: str, span, metric: str) -> str:
    """What is left of a metric of function words and verbs (:func:`_no_noun`): the verb phrase right before a count
    or a quantity that is no duration names the event counted, kept without the words before it (当天新增【13起】 →
    新增, 被停赛【3场】 → 停赛, 在建的有【10艘】 → 在建); else "" (我们来到这里已经【四天】了, 我已经说了【一千次】)."""
    if span.attrs.get("unit") in linker.time_units or text.endswith(linker.de, 0, span.start):
        return ""  # 已取得的【50米】和100米两枚金牌: the figure before 的 qualifies a noun after it, no event
    tags, words, i, gaps = linker.word_tags, [], 0, linker.rules.cue("event_verb_gap")
    while i < len(metric):
        k = next((k for k in range(min(_WORD, len(metric) - i), 0, -1) if metric[i : i + k] in tags), 1)
        words.append(metric[i : i + k])
        i += k
    while words and (tags.get(words[-1]) in _PARTICLES or words[-1] in gaps):  # 在建的有
        words.pop()
    run = []
    while words and tags.get(words[-1]) == "v" and words[-1] not in linker.rules.cue("event_verb_lead"):
        run.insert(0, words.pop())
    verb = "".join(run)
    if verb not in tags and tags.get(verb[:1]) == "d" and tags.get(verb[1:]) == "v":
        verb = verb[1:]  # 已成立 (jieba 已成 立) → 成立
    before = text[max(0, span.start - len(verb) - _GAP) : span.start]
    gap = len(before) - len(before.rstrip("".join(gaps)))
    if len(verb) < 2 or verb in linker.rules.cue("event_verb_not") or not before[: len(before) - gap].endswith(verb):
        return ""  # 现已超出【100人】: a level, no event; 说, 分: one character names nothing
    return verb


def _no_noun(linker, metric: str) -> bool:
    """Whether ``metric`` is dictionary words only, each a function word (link_words.FUNCTION_TAGS) or a verb, one
    function word at least, no change word, share or metric's name: 就要退休, 而是一个 (not 拘留, 占比)."""
    tags, i, function = linker.word_tags, 0, False
    rules = linker.rules  # 持股占比: a share (link_cues share, ratio_tail) names its measure
    if ends_with(metric, linker.metric_names + rules.cue("ratio_tail")) or any(w in metric for w in linker.up + linker.down + rules.cue("share")):
        return False
    while i < len(metric):
        k = next((k for k in range(min(_WORD, len(metric) - i), 0, -1) if metric[i : i + k] in tags), 0)
        tag = tags.get(metric[i : i + k]) if k else None
        if tag is None or (tag != "v" and tag not in FUNCTION_TAGS):
            return False
        function = function or tag in FUNCTION_TAGS and tag != "f"  # 在过去的五次拍卖中: a position word names the events
        i += k
    return function


def _subject_before(linker, text: str, span, sent, clause_start: int, token_starts=None) -> str:
    """The noun opening the clause before the figure's (parted by a comma, no number in it nor in the figure's clause
    before it), up to the first stop word there at a token start (link_cues clause_subject_stop: 同样, 也, 增幅,
    and the change words): 公路水路货运量增幅较快，同比分别增长 → 公路水路货运量; cleaned as a metric's, naming a
    measure (a noun or a metric's name, no place, person or body); else ""."""
    bounds = clause_before(text, clause_start, whole=True)
    if bounds is None or any(c.isdigit() for c in text[clause_start : span.start]):
        return ""
    start, end = bounds
    if any(c.isdigit() for c in text[start:end]):
        return ""
    stops = linker.rules.cue("clause_subject_stop") + linker.up + linker.down
    at = next((i for i in range(start + 1, end) if (token_starts is None or i in token_starts) and text.startswith(stops, i)), None)
    if at is None:
        return ""
    asides = [(a, b + 1) for a in range(start, at) if text[a] in "（(" for b in [_close(text, a, at)] if b is not None]
    noun = linker._clean(text[start:at], sent, start, token_starts, asides)
    if not 2 <= len(noun) <= _LONGEST or not _names_measure(linker, noun) or tail_tag(linker.word_tags, noun) in NAME_TAGS:
        return ""
    return noun


def _close(text: str, a: int, end: int) -> int | None:
    """Where the bracket opening at ``a`` closes before ``end``, None if it does not."""
    b = min((k for k in (text.find("）", a, end), text.find(")", a, end)) if k >= 0), default=-1)
    return b if b >= 0 else None
