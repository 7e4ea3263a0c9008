"""The noun phrase after a count, read to its end (issue #15 M2, h358): where a count's metric is the first word(s)
right after the figure (after a 的) and the words after them go on as a noun up to a clause mark, the metric cut at a
jieba word boundary is the whole phrase: 围绕上述【6项】工作要求， → 工作要求 (not 工作), 开展了为期【九天】的社会实践活动。
→ 社会实践活动 (not 社会). The words that go on are nouns (jieba n*, vn) or a verb used as a noun (link_cues noun_verb:
要求); after 的 a verb inside the phrase too (实践), the phrase then ending in a verbal noun (活动, 行动). A metric not all
nouns (a run-on: 队员到…开展) or a verb, an adverb or any other word before the mark leaves it as it is (员工受伤).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("专班紧紧围绕上述6项工作要求，督查平台公司。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('6项', '工作要求')]
"""

from __future__ import annotations

import regex

from .link_words import NOUN_TAGS, starts_with

_MARK = regex.compile(r"[，,；;。！？!?：:、）)\n]|$")
_HAN = regex.compile(r"\p{Han}+")
_END_TAGS = (NOUN_TAGS - {"nr"}) | {"vn"}  # a noun phrase's words (not a person's name: jieba tags 建立健全 nr)
_LONGEST = 8  # the longest metric read on: a longer one is a run-on cut at the metric's length
_REACH = 8  # the most characters the phrase goes on after the metric


def noun_run(linker, span, metric: str, text: str, token_starts=None) -> str:
    """``metric`` of a count ``span``, run on to the clause mark where it is the words right after the figure and
    those after it go on as a noun (module docstring): 【6项】工作要求， → 工作要求."""
    if not metric or token_starts is None or span.label not in ("CARDINAL", "QUANTITY"):
        return metric
    at = span.end + (text[span.end : span.end + 1] == " ")
    de = starts_with(text[at : at + 2], linker.de)
    at += len(de) if de else 0
    end = at + len(metric)
    if len(metric) > _LONGEST or text[at:end] != metric or not _HAN.fullmatch(metric) or end not in token_starts or _MARK.match(text, end):
        return metric
    run = _HAN.match(text, end)
    stop = end + len(run.group()) if run else end
    if not run or stop - end > _REACH or not _MARK.match(text, stop):
        return metric
    if any(t not in _END_TAGS for t in _tags(linker, text, at, end, token_starts)):
        return metric  # 【9名】队员到…开展卫生健康: a run-on of a predicate, no noun cut
    run = _tags(linker, text, end, stop, token_starts)
    if any(t not in _END_TAGS and not (de and t == "v") for t in run[:-1]) or run[-1] not in _END_TAGS:
        return metric  # 【3名】员工受伤。: a predicate, no noun
    if "v" in run and run[-1] != "vn":
        return metric  # 以【5300万部】的出货量稳居榜首: a verb before a noun is a predicate, unless an act heads the phrase (实践活动)
    return text[at:stop]


def _tags(linker, text: str, start: int, stop: int, token_starts) -> list:
    """jieba's tags of the words of ``text[start:stop]`` (a link_cues noun_verb word counted a verbal noun, vn)."""
    bounds = [k for k in range(start + 1, stop) if k in token_starts] + [stop]
    out, prev = [], start
    for b in bounds:
        word = text[prev:b]
        out.append("vn" if word in linker.rules.cue("noun_verb") else linker.word_tags.get(word))
        prev = b
    return out
