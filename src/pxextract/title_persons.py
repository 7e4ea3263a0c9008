"""Persons right after a title whose name jieba glues into the next word (issue #13, h284).

The model often gives no span for a three-character name after a title when jieba cuts the
name's last two characters as a dictionary word of their own (县委书记 + 石|光源, 区委书记 +
陆|方舟, 所长 + 郭|北方) or glues its last character into the next word (书记 + 洪家|友说), so
:meth:`pxextract.ner_combine.Combiner.add_cued` has nothing to take. This module takes such a name
on its shape alone: a title (person_cues.tsv ``before`` / ``role_before``), a surname
(surnames.tsv, news_furniture.tsv ``surname``) and two more Han characters, then a word that
closes a name (punctuation, a speech verb of ``said`` / ``latin_said``, a ``title_next`` word:
一行, 等, 在, 走访, 看望 …, or another title). Never when the three characters are a dictionary
word (纪念馆) or a listed place, the surname reads as a function word alone or with the next character (向, 于, 曾; 陆续), the given name
is a function word, a speech verb or a title (时 + 表示), holds an anonymous mark (李某某) or an
honorific (华先生), or when any name already covers one of the characters.

Example:
    >>> from pxextract.rules import NerFilters
    >>> from pxextract.ner_combine import Combiner
    >>> c = Combiner({}, {}, NerFilters(frozenset(), (), (), (), frozenset(), ()), frozenset("石陆于"), {"光源": "n", "于": "p"})
    >>> c.person_before, c.person_after, c.title_next = ("书记", "记者"), ("表示",), ("走访",)
    >>> text = "县委书记石光源走访慰问，区委书记陆方舟，记者于当天表示"
    >>> [s.text for s in after_titles([], text, c)]
    ['石光源', '陆方舟']
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .spans import Span
from .title_places import NAME_CLOSE as _CLOSE, persons_over_places

_FUNCTION = ("p", "d", "c", "u", "r", "v", "q", "m", "y")  # jieba tags of a character that is no surname here (向 p, 曾 d, 代 q)
_GIVEN_FUNCTION = ("p", "c", "u", "r", "y")  # ... nor a given name's character (高 + 的多, 安慰 + 他, 焦急 + 地)
_NAME = regex.compile(r"[ \u3000]*(\p{Han}{3})")
_HAN_WORD = regex.compile(r"\p{Han}+")


def after_titles(spans: list, text: str, c) -> list:
    """``spans`` (flat, sorted) plus the persons of three characters a title stands before (module
    docstring); ``c`` is the :class:`pxextract.ner_combine.Combiner` (titles, surnames, tags)."""
    titles = long_titles(c.person_before)
    if not titles:
        return spans
    surnames = c.surnames | c.cue_surnames
    closers = (*c.person_after, *getattr(c, "title_next", ()), *titles)
    said_chars = {w for w in c.person_after if len(w) == 1}  # 说 said, 称 latin_said: 潘扬 + 称, no 潘扬称
    marks = (*c.anonymous, *getattr(c, "honorifics", ()))
    spans = persons_over_places(spans, text, c, titles, closers)  # 教授 + 陈连山 + 表示: no mountain (h290)
    taken: set[int] | None = None  # the characters a name covers, built on the first candidate
    added = []
    chars = set(text)  # (speed: one find per title only for the titles whose end characters occur at all)
    for t in titles:
        at = text.find(t) if t[0] in chars and t[-1] in chars else -1
        while at >= 0:
            end = at + len(t)
            at = text.find(t, end)
            m = _NAME.match(text, end)
            if m is None or any(text.endswith(u, 0, end) for u in titles if len(u) > len(t)):
                continue  # a longer title ends here too: read as that one
            a, b = m.span(1)
            name, after = m.group(1), text[b : b + 4]
            two = name[2] in said_chars and after[:1] in _CLOSE and c.tags.get(name[:2]) in (None, "nr")  # 市民 + 潘扬 + 称，(h290)
            if not (name[0] in surnames and (after[:1] in _CLOSE or after.startswith(closers))):
                continue
            if (c.tags.get(name) not in (None, "nr") or name in c.known or name[:2] in c.known or name in c.stop
                    or (c.tags.get(name[0]) or "x").startswith(_FUNCTION) or (c.tags.get(name[:2]) or "x").startswith(_FUNCTION)
                    or any((c.tags.get(ch) or "x").startswith(_GIVEN_FUNCTION) for ch in name[1:])
                    or name[1:].startswith(closers) or (name[2] in said_chars and not two) or any(k in name[1:] for k in marks)):
                continue
            if two:
                name, b = name[:2], b - 1
            if taken is None:
                taken = {i for s in spans for i in range(s.start, s.end)}
            if not taken.isdisjoint(range(a, b)):
                continue
            taken.update(range(a, b))
            added.append(Span(a, b, "PERSON", name))
    return sorted([*spans, *added], key=lambda s: s.start) if added else spans


@lru_cache(maxsize=8)
def long_titles(titles: tuple[str, ...]) -> tuple[str, ...]:
    """The titles of two or more Han characters (书记, 县委书记; 官 + 方网站: one character is no title here, nor a Latin one).

    >>> long_titles(("官", "书记", "CEO", "县委书记"))
    ('书记', '县委书记')
    """
    return tuple(t for t in titles if len(t) > 1 and is_han_word(t))


def is_han_word(word: str) -> bool:
    """Whether ``word`` is all Han characters (书记; not a Latin title)."""
    return _HAN_WORD.fullmatch(word) is not None
