"""A count after quoted list items counts the noun after it (issue #15 M1, h285): where the metric of a count (CARDINAL)
is only the quoted name or names right before it (“稻米产业提升”等【10个】首批种业科研合作项目 → 稻米产业提升; “周末草坪”
和“激情夏夜”【两场】摇滚音乐演出 → 激情夏夜), the names are examples of what it counts: the noun after the count, up to
its verb (首批种业科研合作项目, 摇滚音乐演出), is its metric. A count with no noun after it keeps the name (“口袋公园”
【230个】，: the name is the thing counted), and so does a measure (“海峰2001”【4000吨】全回转起重船).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("会上，“稻米产业提升”等10个首批种业科研合作项目完成合作意向签约。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('10个', '首批种业科研合作项目')]
"""

from __future__ import annotations

import regex

_QUOTED = regex.compile(r"[\u201c\u300a\u300c]([^\u201c\u201d\u300a\u300b\u300c\u300d]{1,40})[\u201d\u300b\u300d](?:\u7b49\u7b49|\u7b49)?$")  # “name”(等) right before the count
_LOOK = 48  # the most characters before the count looked at


def quoted_item(linker, text: str, span, sent, metric: str, s1: int, token_starts=None) -> str:
    """``metric`` of the count ``span``, or the noun after it where ``metric`` ends in the quoted name right before
    the count (“胃肠标记物胶囊”【两个】第三类医疗器械品种 → 第三类医疗器械品种, not 胃肠标记物胶囊)."""
    if not metric or span.label != "CARDINAL" or span.attrs.get("unit") in linker.time_units | linker.place_units:
        return metric
    quoted = _QUOTED.search(text[max(0, span.start - _LOOK) : span.start])
    if not quoted or not metric.endswith(quoted.group(1)):
        return metric
    after = linker._after_noun(text, span, s1, sent)
    at = text.find(after, span.end) if after else -1
    if at != span.end:  # a noun right after the count, no 的 nor qualifier between
        return metric
    noun = _last_noun(linker, text, at, linker._noun_words(text, at, len(after), token_starts), token_starts)
    return noun if noun and not noun[:1].isnumeric() else metric  # 《红日》【四册】一套连环画: another count follows


def _last_noun(linker, text: str, at: int, words: str, token_starts) -> str:
    """``words`` (at ``at``) up to the last noun (jieba n*, vn) of their first run of nouns: 首批种业科研合作项目顺利完成合作
    → 首批种业科研合作项目 (顺利完成: jieba l)."""
    if token_starts is None:
        return words
    bounds = [k for k in range(at + 1, at + len(words)) if k in token_starts] + [at + len(words)]
    end = None
    for a, b in zip([at] + bounds, bounds):
        tag = linker.word_tags.get(text[a:b]) or ""
        if tag.startswith(("n", "vn")):
            end = b
        elif end is not None and tag:
            break
    return text[at:end] if end else words
