"""An age before 的 and the person it describes (issue #15 M1, h232): 今年【30多岁】的王俣钦具有多重身份 → 年龄
(link_cues age_metric), as an age in brackets after a person is (张某（【51岁】）). The person is a pronoun (link_cues
age_person: 他, 她) right after 的, or a name (PERSON) opening within a few characters of it, only the words of a title
or a kinship between (no age_person_stop word: 和, 是, 的) (【19岁】的中国选手潘展乐, 【33岁】的女儿李思雨); not 他今年【11岁】的儿子 nor 一名【30岁】的男子
(no name: the noun after counts, link_modifier), nor 【7岁】的女儿和4岁的儿子.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("今年30多岁的王俣钦具有多重身份。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "QUANTITY"]
    [('30多岁', '年龄')]
"""

from __future__ import annotations

import regex

from .link_words import starts_with

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
