"""An age before 的 and the person it describes (issue #15 M1, h232): 今年【30多岁】的王俣钦具有多重身份 → 年龄
(link_cues age_metric), as an age in brackets after a person is (张某（【51岁】）). The person is a pronoun (link_cues
age_person: 他, 她) right after 的, or a name (PERSON) opening within a few characters of it, only the words of a title
or a kinship between (no age_person_stop word: 和, 是, 的) (【19岁】的中国选手潘展乐, 【33岁】的女儿李思雨); not 他今年【11岁】的儿子 nor 一名【30岁】的男子
(no name: the noun after counts, link_modifier), nor 【7岁】的女儿和4岁的儿子. :func:`fragment_metric` (issue #15 M1, h250)
mends a metric that is only a fragment: an age whose metric holds a person's name (周女士今年【29岁】与丈夫 → 年龄, not
周女士), a bare time or filler word (已经【17天】了 → not 经, 【三个月】的时间 → not 时间: empty).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("今年30多岁的王俣钦具有多重身份。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "QUANTITY"]
    [('30多岁', '年龄')]
"""

from __future__ import annotations

import regex

from .age_fragment import age_fragment, empty_age
from .link_listed import listed_metric
from .link_words import starts_with
from .quoted_item import quoted_item

_GAP = 8  # the most characters between 的 and the name (英国前奥运选手乔恩·古德温)
_BREAK = regex.compile(r"[\s\p{P}]")  # a clause break between: no title (link_cues age_person_stop: a list, a verb, 的)


def age_before_person(linker, text: str, span, sent) -> bool:
    """Whether ``span`` is an age (age_unit) right before 的 and a person: a link_cues age_person pronoun right after
    的 (年仅【20岁】的他), or a PERSON span opening at most _GAP characters after it, no punctuation, conjunction,
    verb or 的 between (【77岁】的退伍老兵刘福宽说 → 年龄)."""
    if span.attrs.get("unit") not in linker.age_units:
        return False
    at = span.end + (text[span.end : span.end + 1] == " ")
    de = starts_with(text[at : at + 1], linker.de)
    if not de:
        return False
    at += len(de)
    if starts_with(text[at : at + 1], linker.rules.cue("age_person")):
        return True
    person = next((s for s in sent if s.label == "PERSON" and at <= s.start <= at + _GAP), None)
    between = text[at : person.start] if person is not None else ""
    return person is not None and not _BREAK.search(between) and not any(w in between for w in linker.rules.cue("age_person_stop"))


def fragment_metric(linker, span, sent, metric: str, text: str = "", s1: int = 0, token_starts=None) -> str:
    """The metric of ``span`` mended when it is only a fragment (issue #15 M1, h250): an age (age_unit) whose metric
    holds a PERSON of its sentence is the person's age (德索萨都【33岁】了 → 年龄, 【43岁】得州女子阿比盖尔 → 年龄);
    a metric that is a bare period_word or a no_metric word of one character (经 of 已经, 时间) names nothing: empty;
    not a longer no_metric word, which may be the noun after the figure (实现【两个】首次 → 首次, link_after); an age
    left with no metric is the age (她【62岁】了, 从【9岁】起 → 年龄; h328)."""
    if not metric:
        return empty_age(linker, span)
    if (len(metric) == 1 and metric in linker.no_metric) or metric in linker.period_words:
        return empty_age(linker, span)  # 已经【17天】了 → 经, 【三个月】的时间 → 时间
    age = linker.age_metric[0] if linker.age_metric else ""
    if age and metric != age and span.attrs.get("unit") in linker.age_units and any(
            s.label == "PERSON" and s.text in metric for s in sent):
        return age  # 周女士今年【29岁】与丈夫… → 年龄, 在胡玉涛【24岁】那年 → 年龄
    metric = listed_metric(linker, text, span, sent, metric, s1, token_starts)  # 李某坤等【5人】 → '', 湘南【35～37℃】 (h256)
    metric = quoted_item(linker, text, span, sent, metric, s1, token_starts)  # “稻米产业提升”等【10个】首批…项目 (h285)
    return age_fragment(linker, span, metric, text, token_starts)  # 摊贩已经【60岁】 → 年龄, not 摊贩已经 (h278)
