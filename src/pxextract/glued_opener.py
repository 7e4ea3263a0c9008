"""The next sentence's opener glued to a figure (issue #15 M6, h360): web news often loses the 。 between two
paragraphs, so a figure ending a sentence runs on into the next one, whose opening words the linker would read as
the noun after the figure (…面积占到了【98%】近年来，陕西省… → 近年来). Where such an opener follows the figure, the
figure's clause ends there for its metric, which then falls back to the words before it. An opener is a
topic_opener word (近年来, 此外, 截至目前) or a link_cues glued_opener word (本报讯, 据悉, 今年), a word of its own;
a source clause (link_cues glued_source: 据, 记者) ending in a credit word (opener_credit or glued_credit: 获悉, 介绍)
before its clause mark (记者从省人社厅获悉，, 据市人社局介绍，); or a dateline, an outlet, a place and a day then a glued_dateline word (中新网北京8月16日电).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("提供就业岗位约2万个记者从省人社厅获悉，活动将持续一周。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('2万个', '提供就业岗位')]
"""

from __future__ import annotations

import regex

from .link_words import starts_with

_SOURCE_REACH = 16  # the most characters from a source word (据, 记者) to its credit word
# a dateline: an outlet and a place (at most 8 characters), a month and a day, then a link_cues glued_dateline
# word (中新网哈尔滨8月7日电)
_DATELINE = regex.compile(r"\p{Han}{1,8}?[0-9０-９]{1,2}\p{Han}[0-9０-９]{1,2}\p{Han}")
_MARK = regex.compile(r"[，,。；;！？!?：:\n（(]")


def glued_end(linker, text: str, span, s1: int, token_starts=None) -> int:
    """Where the words after ``span`` end for its metric: at a next sentence's opener glued to the figure (module
    docstring), else at ``s1``: 占到了【98%】近年来，… → the figure's end."""
    at = span.end
    if at >= s1:
        return s1
    rest = text[at : min(s1, at + 40)]
    w = starts_with(rest, _openers(linker))
    if w and (token_starts is None or at + len(w) in token_starts):
        return at
    src = starts_with(rest, linker.rules.cue("glued_source"))
    if src:
        m = _MARK.search(rest, len(src))
        clause = rest[len(src) : m.start() if m else len(rest)]
        if m and len(clause) <= _SOURCE_REACH and clause.endswith(_credits(linker)):
            return at  # 记者从省人社厅获悉，, 据市人社局介绍，
    m = _DATELINE.match(text, at, min(len(text), at + 20))
    if m and text.startswith(linker.rules.cue("glued_dateline"), m.end()):
        return at  # 【6100余起】中新网北京8月16日电
    return s1


def _openers(linker) -> tuple[str, ...]:
    """topic_opener and glued_opener words, longest first."""
    return tuple(sorted(set(linker.rules.cue("topic_opener") + linker.rules.cue("glued_opener")), key=len, reverse=True))


def _credits(linker) -> tuple[str, ...]:
    """opener_credit and glued_credit words (获悉, 介绍)."""
    return linker.rules.cue("opener_credit") + linker.rules.cue("glued_credit")
