"""Levels reached from a start value (issue #15 M1): a start cue (link_cues start: 从, 由), a time and 的 open the
start value (占比从第一季度的55.6%降至【51.6%】, 平均子女数由5年前的1.3人跌至【0.9人】); the time is read by its text
(DATE spans, numerals and link_cues start_time words: jieba tags 第一季度 as an idiom), not by word tags. The
metric is the noun before the start cue, for the start value and the level reached alike. A base class of
:class:`pxextract.link_metric.MetricLinker` (no state of its own; its cue words are the Linker's).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("平均子女数由5年前的1.3人跌至0.9人。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('1.3人', '平均子女数'), ('0.9人', '平均子女数')]
"""

from __future__ import annotations

from functools import cached_property

from .extract.affixes import Affixes
from .labels import LABELS_NUMERIC
from .link_lists import _SENTENCE_END
from .link_words import FUNCTION_TAGS, NOUN_TAGS, VERB_CHARS, word_at

_REACH = 24  # the most characters from a start cue to its figure
_COMMAS = "，,"
_CLAUSE_ENDS = "，,；;。！？!?：:\n"
_STEM_REACH = 300  # the most characters from a measure named to a list head standing for it


class LevelLinker:
    """Finds the start cue that opens a start value and its time (从第一季度的【55.6%】)."""

    @cached_property
    def start_times(self) -> tuple[str, ...]:
        """link_cues start_time: the time words of a start value (季度, 年前, 去年同期) and numerals (第, 一, 两, 个), longest first."""
        return tuple(sorted(self.rules.cue("start_time"), key=len, reverse=True))  # type: ignore[attr-defined]

    @cached_property
    def start_times_at(self) -> Affixes:
        return Affixes(self.start_times)  # speed: one look-up per length

    @cached_property
    def base_words_at(self) -> Affixes:
        """link_cues base and base_period words, longest first (较上期, 环比, 同比): one look-up per length."""
        return Affixes(sorted(self.base + self.base_periods, key=len, reverse=True))  # type: ignore[attr-defined]

    def start_cue_at(self, text: str, end: int, sent, lo: int = 0) -> int | None:
        """The position of a start cue before ``end`` (a figure's start) when only a time (a DATE span, numerals and
        start_time words, at least one of them) and 的 at most stand between: 从第一季度的, 由5年前的, 从去年同期的 → the
        position of 从 or 由; else None (从【100亿元】: no time; 从公司的【100万元】: no time word)."""
        j = end
        while j > lo and text[j - 1].isspace():
            j -= 1
        if text[j - 1 : j] in self.de:  # type: ignore[attr-defined]
            j -= 1
        first = j
        while j > max(lo, end - _REACH):
            d = next((d.start for d in sent if d.label == "DATE" and d.end == j and d.start < j), None)
            w = (self.start_times_at.last(text, j) or "") if d is None else ""
            if d is not None or w or text[j - 1].isdigit() or text[j - 1] == ".":  # 5年前, 1.5年前
                j = d if d is not None else j - (len(w) or 1)
            else:
                break
        if j == first or j <= lo or text[j - 1] not in self.start_cues:  # type: ignore[attr-defined]
            return None
        return j - 1

    def level_noun_before(self, text: str, span, clause_start: int, phrase: str, sent, token_starts) -> str:
        """The noun phrase ending the clause before when a level is reached by a verb without its noun (issue #15
        M1): 自主调整缴存比例，最低可调整至【5%】 → 比例 (the metric was 最低可调整). The words before the figure end in a
        level_end word (至, 到) and name no noun (dictionary words only, the last a verb of two characters or more); the
        clause before is parted by a comma (no 。；) and holds no figure or digit; its last tokens are nouns (jieba n, nr, ns, nt, nz, j)."""
        tags = self.word_tags  # type: ignore[attr-defined]
        if token_starts is None or not phrase or text[span.start - 1 : span.start] not in self.level_ends:  # type: ignore[attr-defined]
            return ""
        i, stop, verb = span.start - 1 - len(phrase), span.start - 1, False
        if text[i:stop] != phrase:
            return ""
        while i < stop:  # the segmenter's tokens; the last a verb of two characters or more (调整; not 降, 有期徒刑)
            k, tag = word_at(tags, text, i, stop, token_starts)
            if tag is None or tag in NOUN_TAGS:
                return ""
            verb, i = tag in ("v", "vn") and k >= 2, i + k
        end = clause_start - 1
        if not verb or text[end : clause_start] not in _COMMAS:
            return ""
        start = end
        while start > 0 and text[start - 1] not in _CLAUSE_ENDS:
            start -= 1
        if any(c.isdigit() for c in text[start:end]) or any(n.label in LABELS_NUMERIC and n.end > start and n.start < end for n in sent):
            return ""
        j = end
        while j > start:  # token by token back: 缴存|比例 → 比例
            b = next((b for b in range(j - 1, max(start, j - VERB_CHARS) - 1, -1) if b in token_starts), None)
            if b is None or tags.get(text[b:j]) not in NOUN_TAGS:
                break
            j = b
        return text[j:end]

    def elided_measure(self, span, phrase: str, sent, text: str = "") -> str:
        """The measure a figure's metric opens but does not name, carried from a figure before it in the sentence whose
        metric names it (issue #15 M1, h198): a metric that is a count_measure cue alone (平均, 人均), or a place (jieba
        ns or s, or ending in a place character: 城区) then such a cue or a place_measure cue (累计; h206): 全市平均降雨量
        已达260毫米，房山区平均【415.4毫米】 → 平均降雨量, 城区平均【235.1毫米】 → 平均降雨量; a list head that is a verb
        stem (降雨 of length_head) takes the measure the text before names (:meth:`stem_measure`); else ""."""
        cues = self.rules.cue("count_measure") + self.rules.cue("place_measure")  # type: ignore[attr-defined]
        cue = next((c for c in cues if phrase.endswith(c)), "")
        place = phrase[: len(phrase) - len(cue)]
        if not cue or (place and not (len(place) <= 4 and (self.word_tags.get(place) in ("ns", "s") or place[-1:] in self.rules.cue("place_end")))):  # type: ignore[attr-defined]
            return self.stem_measure(text, span, phrase) if text else ""
        for n in reversed(sent):
            m = n.attrs.get("metric") or "" if n.end <= span.start else ""
            k = m.find(cue)
            if k >= 0 and len(m) > k + len(cue) and n.attrs.get("unit") == span.attrs.get("unit"):
                return m[k:]
        return ""

    def bare_change_stem(self, stem: str) -> bool:
        """Whether the words before a change word name no measure of their own, only the comparison (issue #15 M1, h217):
        a base word and its time (较上期: :meth:`_base_only`), or base words (link_cues base: 环比, 较), base_period
        nouns and adverbs, time words, particles or distinguishing words (也, 则, 同期: jieba b) only: 环比也下滑【3%】,
        较同期增长【5.2%】, 与去年同期相比减少了【86.4%】 → the measure of the figure before in the sentence; not
        净利润同比增长【5%】 (a noun of its own)."""
        if self._base_only(stem):  # type: ignore[attr-defined]
            return True
        i, base = 0, self.base_words_at
        while i < len(stem):
            w = base.first(stem, i) or ""
            if w:
                i += len(w)
            else:  # a dictionary word of its own, longest first: 同期 (t), 也 (d)
                k = next((k for k in (2, 1) if stem[i : i + k] in self.word_tags), 0)  # type: ignore[attr-defined]
                if not k or self.word_tags[stem[i : i + k]] not in FUNCTION_TAGS | {"b"}:  # type: ignore[attr-defined]
                    return False
                i += k
        return bool(stem)

    def compared_stem(self, stem: str) -> bool:
        """Whether the words before a change word open with a comparison lead (link_cues compare_lead: 比, 较, 相比) and
        name the thing compared with, not the measure: the figure before in the sentence names it (issue #15 M1, h274):
        募集资金净额为38亿元，较原计划多【9亿元】 → 募集资金净额多; 女性就业率为25.3%，比上次调查时上升【0.9个
        百分点】 → 女性就业率上升; not 比较知名的银行诸如裕信跌, 比亚迪销量增长 (a dictionary word opens the stem)."""
        lead = next((w for w in self.rules.cue("compare_lead") if stem.startswith(w)), "")  # type: ignore[attr-defined]
        n = len(lead)
        return bool(lead) and len(stem) > n and not any(  # 比基 (nrt, 比基尼) opens 比基础设施: a name's word no bar
            self.word_tags.get(stem[: n + k]) not in (None, "nrt") for k in (1, 2, 3) if n + k <= len(stem))  # type: ignore[attr-defined]

    def stem_measure(self, text: str, span, head: str) -> str:
        """The measure a list head that is a verb stem (length_head 降雨, 降水: no 量) stands for, named in the words before
        it up to the sentence before: 全省平均降雨量137.4毫米。其中，降雨较大市：保定市【350毫米】 → 平均降雨量 (a
        count_measure or place_measure cue before it kept); not an extreme's (link_cues extreme_word 最 before: 最大降雨
        出现在…【82.6毫米】, 最大点降雨量), else ""."""
        lo = max(0, span.start - _STEM_REACH)
        at = text.rfind(head, lo, span.start)  # 最大降雨出现在…，为【82.6毫米】: the head itself an extreme's
        (suffix, *_), extreme = self.rules.cue("stem_measure") or ("",), self.rules.cue("extreme_word")  # type: ignore[attr-defined]
        if not suffix or head not in self.rules.cue("length_head") or head.endswith(suffix) or at < 0 or any(  # type: ignore[attr-defined]
                w in text[max(0, at - 2) : at] for w in extreme):
            return ""
        end = _SENTENCE_END.search(text, lo, span.start)
        end = _SENTENCE_END.search(text, lo, end.start()) if end else None
        lo = end.end() if end else lo  # the sentence before at most
        cues = self.rules.cue("count_measure") + self.rules.cue("place_measure")  # type: ignore[attr-defined]
        k = text.rfind(head + suffix, lo, span.start)
        while k >= 0 and any(w in text[max(lo, k - 4) : k] for w in extreme):
            k = text.rfind(head + suffix, lo, k)
        if k < 0:
            return ""
        cue = next((c for c in cues if text.endswith(c, lo, k)), "")
        return cue + head + suffix

    def short_change(self, text: str, span, clause_start: int, phrase: str, direction: str) -> str:
        """A change word of one character (link_cues short_change_up 增, 涨 / short_change_down 降, 跌) ending the metric
        words right after a short_change_base word (同比, 环比, 较) before the figure (issue #15 M1, h218): 营业收入12亿元，
        环比增【9.38%】 → 增 (the measure carried: 营业收入增); not 新增【3家】, 增加值; else ""."""
        c = next((c for c in self.rules.cue("short_change_" + direction) if phrase.endswith(c)), "")  # type: ignore[attr-defined]
        k = text.rfind(c, clause_start, span.start) if c else -1
        rest = text[k + 1 : span.start].strip()
        if k < 0 or len(rest) > 2 or any(ch.isdigit() for ch in rest):  # 环比增约【5%】: a qualifier between at most
            return ""
        return c if text.endswith(tuple(self.rules.cue("short_change_base")), clause_start, k) else ""  # type: ignore[attr-defined]

    def reach_cut(self, text: str, span, end: int, phrase: str) -> str:
        """The metric words without the first character of a reach_qualifier (多达, 长达) ending the text before a figure,
        when that character and the one before it make no dictionary word (issue #15 M1, h218): 游客多达【1000人】 →
        游客 (not 游客多, a change 多); 营收增长达【10%】 keeps 增长 (a word); a length keeps 长 (link_cues reach_length), its measure (鳄鱼长达【4米】)."""
        raw = text[:end].rstrip()
        q = next((q for q in self.rules.cue("reach_qualifier") if raw.endswith(q)), "")  # type: ignore[attr-defined]
        at = len(raw) - len(q)
        length = q in self.rules.cue("reach_length") and self.lists.dimension.get(span.attrs.get("unit") or "") == "length"  # type: ignore[attr-defined]
        if not q or length or not phrase.endswith(q[0]) or text[at - 1 : at + 1] in self.word_tags:  # type: ignore[attr-defined]
            return phrase
        return phrase[:-1]

    def carried_measure(self, metric: str | None) -> str | None:
        """The measure a figure passes on to the figures after it in its sentence: none when its metric names only the
        comparison (较同期: :meth:`bare_change_stem`) or ends in a change word of one character (美股盘后涨, short_change_up
        / short_change_down), so the nearest figure before with a real measure passes it on, if any (issue #15 M1, h218)."""
        shorts = tuple(self.rules.cue("short_change_up") + self.rules.cue("short_change_down"))  # type: ignore[attr-defined]
        if metric and (metric.endswith(shorts) or self.bare_change_stem(metric)):
            return None
        return metric
