"""An age whose metric is a fragment of its clause is the age (issue #15 M1, h278): where an age (link_cues age_unit)
is measured by words that name neither a person nor an age, the words before or after it run on into a verb, a
name or a filler (摊贩已经【60岁】 → 摊贩已经, 一名【24岁】男子爬上… → 男子爬, 【16岁】那年 → 那年), its metric is the
age (link_cues age_metric, 年龄). A metric ending in a person noun (link_cues person_end, age_noun_tail: 一名【30岁】的男子
→ 男子, h227; 年满【18周岁】的设计人才) or holding an age or gap word (link_cues age_keep: 平均年龄, 享年, 二者差距)
stays.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("因为摊贩已经60岁，在该退休的年纪却还要摆摊。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "QUANTITY"]
    [('60岁', '年龄')]
"""

from __future__ import annotations

from .link_words import ends_with


def age_fragment(linker, span, metric: str) -> str:
    """``metric`` of ``span``, or the age metric (年龄) where ``span`` is an age and ``metric`` names no person nor
    age: 曹同学今年【18岁】 → 年龄 (not 曹同学), 还没到【14岁】 → 年龄 (not 还没); 这名【19岁】学生 → 学生 stays."""
    age = linker.age_metric[0] if linker.age_metric else ""
    if not age or not metric or span.attrs.get("unit") not in linker.age_units:
        return metric
    rules = linker.rules
    if any(w in metric for w in rules.cue("age_keep")) or ends_with(metric, rules.cue("person_end") + rules.cue("age_noun_tail")):
        return metric
    return age
