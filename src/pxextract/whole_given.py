"""Persons cut one character short (issue #13 recall, h329).

The model (or jieba's cut under it) sometimes ends a person one character early: 分析师 + 郭明 +
錤称 (錤, a rare character the model never saw), 主席 + 齐全 + 胜，, or starts it one character late
where the given name is a dictionary word: 申 + 胡说 (胡说, "nonsense") + ，. This module, run once
after the names are merged (:func:`pxextract.pipeline.make_entities`), gives the person its
character back when the longer form closes as a name does (punctuation, a speech verb, a title or
honorific, a ``title_next`` word, a ``latin_lead`` word: 的, 和) and the shorter is never written alone
in the article (every 郭明 is a 郭明錤); a character jieba's dictionary lacks (錤) needs no close
after it, a verb's character (胜) a title before. Never over a function word, a verb with no title
before or one making a word with the next character (高嵩 + 看到), an adverb of a word (王伟 + 正在) or a
``not_given_end`` adverb (王伟 + 也说, 余飞 + 则和; 李明 + 的, 张三 + 说, 孔明 + 锁), a dictionary word other than a
name (申 + 胡说 → 申胡说 only when 申胡说 is none), or a character another name covers. All mentions
of the name change together, as :meth:`pxextract.ner_combine.Combiner.propagate` would.

Example:
    >>> from types import SimpleNamespace as N
    >>> from pxextract.spans import Span
    >>> c = N(surnames=frozenset("郭申胡张"), cue_surnames=frozenset(), tags={"胡说": "v", "说": "v"}, gpe_ends=("县",),
    ...       person_after=("称", "说"), person_before=(), title_next=(), title_after=(), name_close=("的",), not_given_end=("也",), credit_marks="")
    >>> text = "郭明錤称，郭明錤的预测。申胡说，张三说，"
    >>> spans = [Span(0, 2, "PERSON", "郭明"), Span(5, 7, "PERSON", "郭明"), Span(13, 15, "PERSON", "胡说"), Span(18, 20, "PERSON", "张三")]
    >>> [s.text for s in whole_given(spans, text, c)]
    ['郭明錤', '郭明錤', '申胡说', '张三']
"""

from __future__ import annotations

from .normalize import is_han
from .spans import Span
from .title_places import NAME_CLOSE

_NOT_GIVEN = ("p", "c", "u", "r", "y", "k", "b", "f", "q", "v", "e", "o")  # jieba tags of a character that ends no given name here (对 p, 们 k, 副 b, 锁 v)
_NOT_SURNAME = ("p", "d", "c", "u", "r", "q", "m", "y")  # ... nor stands as a surname before a word (向 p: 向 + 拜登)


def whole_given(spans: list, text: str, c) -> list:
    """``spans`` (flat, sorted) with each two-character person cut one character short made whole
    (module docstring); ``c`` is the :class:`pxextract.ner_combine.Combiner` (surnames, tags, cues)."""
    surnames = c.surnames | c.cue_surnames
    closers = (*c.person_after, *getattr(c, "title_next", ()), *c.title_after, *getattr(c, "name_close", ()), *c.credit_marks)
    longer: dict[str, tuple[str, int]] = {}  # 郭明 → (郭明錤, 0); 胡说 → (申胡说, 1): the whole name and the characters added before
    for k, s in enumerate(spans):
        if s.label != "PERSON" or len(s.text) != 2 or not all(map(is_han, s.text)) or "furniture" in s.attrs or s.text in longer:
            continue
        before = spans[k - 1].end if k else 0
        after = spans[k + 1].start if k + 1 < len(spans) else len(text)
        whole = _after(s, text, c, surnames, closers, after) or _before(s, text, c, surnames, closers, before)
        if whole:
            longer[s.text] = whole
    if not longer:
        return spans
    out = []
    for k, s in enumerate(spans):
        whole, lead = longer.get(s.text, ("", 0)) if s.label == "PERSON" else ("", 0)
        a = s.start - lead
        if whole and text.startswith(whole, a) and (k == 0 or spans[k - 1].end <= a) and (k + 1 == len(spans) or spans[k + 1].start >= a + len(whole)):
            s = Span(a, a + len(whole), "PERSON", whole, s.attrs)
        out.append(s)
    return out


def _after(s, text: str, c, surnames, closers: tuple, nxt: int) -> tuple[str, int] | None:
    """(郭明錤, 0) when the person ``s`` (郭明) goes on over one more character, else None."""
    end = s.end
    third = text[end : end + 1]
    if (s.text[0] not in surnames or not third or not is_han(third) or nxt <= end or third in NAME_CLOSE
            or text.startswith(closers, end) or third in c.not_given_end or third in c.gpe_ends or c.tags.get(s.text) not in (None, "nr")):
        return None
    tag, whole = c.tags.get(third), s.text + third
    if tag is not None and tag.startswith(_NOT_GIVEN):  # 主席 + 齐全 + 胜，: a verb only after a title, before no word it makes (高嵩 + 看到)
        if not (tag.startswith("v") and text.endswith(c.person_before, 0, s.start) and text[end : end + 2] not in c.tags):
            return None
    if tag is not None and tag.startswith("d") and text[end : end + 2] in c.tags:
        return None  # 王伟 + 正在: an adverb of a word (林芳正 is taken at another mention: 林芳正 + 表示)
    if (c.tags.get(whole) not in (None, "nr") or text.count(s.text) != text.count(whole)
            or not (tag is None or _closes(text, end + 1, closers))):  # 錤, no dictionary character: any word may follow (郭明錤 + 近日)
        return None
    return whole, 0


def _before(s, text: str, c, surnames, closers: tuple, prev: int) -> tuple[str, int] | None:
    """(申胡说, 1) when the character before the person ``s`` (胡说) is its surname, else None."""
    a = s.start - 1
    if a < 0 or prev > a or text[a] not in surnames or (c.tags.get(text[a]) or "x").startswith(_NOT_SURNAME):
        return None
    if s.text[0] in surnames and c.tags.get(s.text) in (None, "nr"):
        return None  # 胡某 stands as a name of its own
    whole = text[a] + s.text
    if (a and is_han(text[a - 1]) and not text.endswith(c.person_before, 0, a)) or c.tags.get(whole) not in (None, "nr") or not _closes(text, s.end, closers) or text.count(s.text) != text.count(whole):
        return None
    return whole, 1


def _closes(text: str, at: int, closers: tuple) -> bool:
    """Whether a name may end at ``at``: the text ends, or punctuation or a closing word follows."""
    return at >= len(text) or text[at] in NAME_CLOSE or text.startswith(closers, at)
