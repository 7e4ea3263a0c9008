"""Persons right after a title that a place rule read as a place (issue #13, h290).

A name after a title can be a listed place or read as one: 教授 + 陈连山 + 表示 (LOC: …山, a
mountain), 副局长 + 黄平 + 透露 (GPE: the short form of 黄平县), 前高雄市长 + 韩国 + 瑜 (GPE 韩国
and one character glued on), 副校长 + 万安 + 伦 + 在. :func:`pxextract.title_persons.after_titles`
skips any name another span covers; this module first turns such a place (GPE, LOC) or
PERCENT span into the person when its shape is a name's: it starts right after a title with a
surname, has two or three characters and no
place suffix (沈阳市, 战旗村), and is followed by what closes a name after a title (punctuation, a
speech verb, a ``title_next`` word, a title or a credit mark: 王益亮 + 摄); a two-character span
may take one more Han character before that (韩国 + 瑜 + 等). 市长到黄平县 stays a place.

Example:
    >>> from types import SimpleNamespace as N
    >>> from pxextract.spans import Span
    >>> c = N(surnames=frozenset("黄韩"), cue_surnames=frozenset(), gpe_ends=("县",), tags={}, credit_marks="摄")
    >>> text = "副局长黄平透露，前市长韩国瑜等，市长到黄平县"
    >>> spans = [Span(3, 5, "GPE", "黄平"), Span(11, 13, "GPE", "韩国"), Span(19, 22, "GPE", "黄平县")]
    >>> [(s.text, s.label) for s in persons_over_places(spans, text, c, ("副局长", "市长"), ("透露", "等"))]
    [('黄平', 'PERSON'), ('韩国瑜', 'PERSON'), ('黄平县', 'GPE')]
"""

from __future__ import annotations

from .normalize import is_han
from .spans import Span

NAME_CLOSE = "，、。：；（(）)！？”“ \u3000"  # a name after a title ends before these (陆方舟，; 娄云洁：)
_LABELS = ("GPE", "LOC", "PERCENT")  # 黄平, 陈连山, 陆成 (六成): ORG spans after a title are bodies (代表 + 江西省委)
_GIVEN_FUNCTION = ("p", "c", "u", "r", "y", "f", "m", "q")  # jieba tags of a third character that is no given name's


def persons_over_places(spans: list, text: str, c, titles: tuple, closers: tuple) -> list:
    """``spans`` (flat, sorted) with a place after a title read as the person (module docstring);
    ``titles``, ``closers``: those of :func:`pxextract.title_persons.after_titles`."""
    surnames = c.surnames | c.cue_surnames
    closers = (*closers, *c.credit_marks)
    out, changed = list(spans), False
    for k, s in enumerate(spans):
        if s.label not in _LABELS or not 2 <= len(s.text) <= 3 or s.text[0] not in surnames or s.text.endswith(c.gpe_ends):
            continue
        if not any(text.endswith(t, 0, s.start) for t in titles):
            continue
        end = s.end
        if not _closes(text, end, closers):
            third = text[end : end + 1]
            if (len(s.text) != 2 or not third or not is_han(third) or third in c.gpe_ends or third in closers
                    or (c.tags.get(third) or "x").startswith(_GIVEN_FUNCTION) or c.tags.get(s.text + third) not in (None, "nr")
                    or not _closes(text, end + 1, closers) or any(o.start <= end < o.end for o in spans)):
                continue
            end += 1
        out[k], changed = Span(s.start, end, "PERSON", text[s.start : end]), True
    return out if changed else spans


def _closes(text: str, at: int, closers: tuple) -> bool:
    """Whether a name may end at ``at``: the text ends, or punctuation or a closing word follows."""
    return at >= len(text) or text[at] in NAME_CLOSE or text.startswith(closers, at)
