"""An age whose metric is a fragment of its clause is the age (issue #15 M1, h278): where an age (link_cues age_unit)
is measured by words that name neither a person nor an age, the words before or after it run on into a verb, a
name or a filler (摊贩已经【60岁】 → 摊贩已经, 【16岁】那年 → 那年), its metric is the
age (link_cues age_metric, 年龄). A metric ending in a person noun (link_cues person_end, age_noun_tail: 一名【30岁】的男子
→ 男子, h227; 年满【18周岁】的设计人才) or holding an age or gap word (link_cues age_keep: 平均年龄, 享年, 二者差距)
stays. A person noun right after the age run on into a verb is cut to the noun (这名【19岁】学生是在… → 学生, not
年龄: the noun the age describes, h227; h285).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("因为摊贩已经60岁，在该退休的年纪却还要摆摊。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "QUANTITY"]
    [('60岁', '年龄')]
"""

from __future__ import annotations

from .link_words import ends_with


def age_fragment(linker, span, metric: str, text: str = "", token_starts=None) -> str:
    """``metric`` of ``span``, or the age metric (年龄) where ``span`` is an age and ``metric`` names no person nor
    age: 曹同学今年【18岁】 → 年龄 (not 曹同学), 还没到【14岁】 → 年龄 (not 还没); 这名【19岁】学生 → 学生 stays."""
    age = linker.age_metric[0] if linker.age_metric else ""
    if not age or not metric or span.attrs.get("unit") not in linker.age_units:
        return metric
    rules = linker.rules
    if any(w in metric for w in rules.cue("age_keep")) or ends_with(metric, rules.cue("person_end") + rules.cue("age_noun_tail")):
        return metric
    return person_before_verb(linker, span, metric, text, token_starts) or age


def empty_age(linker, span) -> str:
    """The age metric (年龄) of an age (link_cues age_unit) whose words name no metric at all, else "" (issue #15 M2,
    h328): 她【62岁】了, 从【9岁】起, 【19岁】时受到了极大的心理创伤 → 年龄; 【两天】后 (no age) stays empty."""
    return (linker.age_metric[0] if linker.age_metric else "") if span.attrs.get("unit") in linker.age_units else ""


def person_before_verb(linker, span, metric: str, text: str, token_starts=None) -> str:
    """The words opening ``metric`` right after the age ``span`` (after 的 or a space) up to the first word ending in a
    person noun (link_cues person_end, age_noun_tail), where the next word is a verb (jieba v): 一名【24岁】男子爬上… →
    男子, 我国【16-24岁】城镇青年有 → 城镇青年; '' otherwise: 其【13岁】女儿庄某某 (a name follows), 【8岁】孩子家属称
    (another noun), 【3岁】随父母迁居 (a preposition, verb, adverb or pronoun before: _STOP_TAGS), 袁老太太家住 (a
    surname first): 年龄 stays."""
    if token_starts is None:
        return ""
    at = span.end + (text[span.end : span.end + 1] == " ")
    at += len(ends_with(text[at : at + 1], linker.de) or "")
    if not text.startswith(metric, at) or at not in token_starts:
        return ""
    ends, tags, start = linker.rules.cue("person_end") + linker.rules.cue("age_noun_tail"), linker.word_tags, at
    while start < at + len(metric):
        stop = _token_end(text, start, token_starts)
        tag = tags.get(text[start:stop]) or ""
        if tag in _STOP_TAGS or (start == at and stop - start == 1 and tag.startswith("nr")):
            return ""
        start = stop
        if ends_with(text[at:start], ends):
            return text[at:start] if tags.get(text[start : _token_end(text, start, token_starts)]) == "v" else ""
    return ""


_STOP_TAGS = frozenset(("v", "vn", "vd", "p", "d", "r", "c", "u", "uj", "ul", "uz", "f", "x"))  # no noun of a person
_WORD = 8  # the longest token looked for


def _token_end(text: str, start: int, token_starts) -> int:
    """The end of the segmenter's token opening at ``start``."""
    return next((k for k in range(start + 1, start + _WORD) if k in token_starts), min(len(text), start + _WORD))
