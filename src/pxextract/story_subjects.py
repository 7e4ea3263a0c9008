"""News digests (issue #15 S6): an article that holds several stories, each under its own head — numbered
(``1、``, ``2.``: ``rules/link_cues.tsv`` story_number_mark) or a 【…】 title (story_title) at a sentence's start,
three at least, numbered 1, 2, 3 … in turn. Each story's subject is chosen from its own head and first sentence, as
the lead rules choose the article's (:meth:`pxextract.subjects.Subjects.article_subject` on the story's span), and a
figure whose clause names none takes its story's subject instead of the article's (``2、苏州“小巨人”+230 … 3、上半年，
长三角铁路发送旅客逾3.7亿人次…日均发送旅客超200万人次`` → 长三角, not the first story's 萧山). A story whose
first sentence names no place or body keeps the article's subject, and so does every figure before the first head;
short items (a list of measures or tips, :data:`_MEAN_CHARS`) make no digest.

Example:
    >>> story = "，" + "事" * 90 + "。"
    >>> text = "1、苏州新增企业230家" + story + "2、在长丰，综合能源港投用" + story + "3、南通上升5位" + story
    >>> [text[a:a + 4] for a in story_starts(text, ("、",), ("【】",))]
    ['1、苏州', '2、在长', '3、南通']
    >>> story_starts("提醒：1、尽量少外出。2、注意积水。3、远离河道。", ("、",), ())  # tips, no stories
    []
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

import regex

from .spans import Span

_MIN_STORIES = 3
_MEAN_CHARS = 80  # the stories before the last are this long on average: 1、尽量不要购买…西瓜 (tips) are no stories
_BEFORE = r"(?:^|(?<=[。！？!?\s」”）)\]]))[ \t\u3000\xa0]*"  # a head opens the text or a sentence
_SENTENCE_END = regex.compile(r"[。！？!?\n]")
_HEAD_CHARS = 20  # a story's headline names its place or body early (3、在长丰，…; 1.威海市文登区…); a body named later in
# the first sentence of an item (3、抓实校外培训，…镇社发办…联合…（科委、教育局、文旅局…）) is a party, no story's subject


@lru_cache(maxsize=64)
def _pattern(source: str) -> regex.Pattern:
    """``source`` compiled once (speed, issue #13: regex's own cache costs a key and a look-up a call)."""
    return regex.compile(source)


def story_starts(text: str, marks: tuple[str, ...], titles: tuple[str, ...]) -> list[int]:
    """Where the stories of a digest start (their heads), or [] when ``text`` is no digest: the run of
    numbered heads 1, 2, 3 … (a number then a ``marks`` character), else of distinct 【…】 titles (``titles``
    holds the pair, 【】), at least :data:`_MIN_STORIES`, with the stories before the last long enough."""
    runs = []
    if marks:
        heads, want = [], 1
        for m in _pattern(_BEFORE + r"(\d{1,2})[" + regex.escape("".join(marks)) + r"](?!\d)").finditer(text):
            if int(m.group(1)) == want:
                heads.append(m.start(1))
                want += 1
        runs.append(heads)
    for pair in titles:
        found = list(_pattern(_BEFORE + regex.escape(pair[0]) + r"([^" + regex.escape(pair) + r"]{6,40})" + regex.escape(pair[1])).finditer(text))
        if len({m.group(1) for m in found}) == len(found):  # 【话题】…【话题】: a column's repeated labels
            runs.append([m.start(1) - 1 for m in found])
    for heads in runs:
        if len(heads) >= _MIN_STORIES and (heads[-1] - heads[0]) / (len(heads) - 1) >= _MEAN_CHARS:
            return heads
    return []


def story_subjects(text: str, names: list[Span], article_subject: str | None, rules,
                   subject_of: Callable[[str, list[Span]], str | None]) -> list[tuple[int, str | None]]:
    """(start, subject) of each story of a digest (none for another article): ``subject_of(story, names)`` —
    the article subject's rules on the story's text and its names (offsets in the story) — where the story's
    first sentence names a place or body in its first :data:`_HEAD_CHARS` characters, else ``article_subject``."""
    starts = story_starts(text, rules.cue("story_number_mark"), rules.cue("story_title"))
    out = []
    for a, b in zip(starts, starts[1:] + [len(text)]):
        m = _SENTENCE_END.search(text, a, b)
        lead_end = min(m.start() if m else b, a + _HEAD_CHARS)
        inside = [s for s in names if a <= s.start and s.end <= b]
        subject = None
        if any(s.label in ("GPE", "ORG") and "furniture" not in s.attrs and s.start < lead_end for s in inside):
            subject = subject_of(text[a:b], [Span(s.start - a, s.end - a, s.label, s.text, dict(s.attrs)) for s in inside])
        out.append((a, subject or article_subject))
    return out
