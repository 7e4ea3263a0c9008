"""A modifier that says where a place lies, opening its sentence (issue #15 S3, h306): 位于…的 (``rules/link_cues.tsv``
place_modifier, then ``de``) right before a chain of places does not keep the chain from opening its sentence, so the
chain's last place goes on as the topic of the later clauses (:meth:`pxextract.link_subject.ClauseSubjects.topic`):
位于甘肃省最东部的庆阳市合水县组织20辆拉水车，…，全力保障县城【2.64万人】 → 合水县, not the article's 甘肃省. The
places inside the modifier (甘肃省) are no second topic. Only a place (GPE) that a clause mark, a figure, a verb of two
characters or more, an adverb or a preposition follows: not one opening a longer name (位于房山阎村镇的房山粮油南梨园分库;
位于…的荔波站: 站 alone is no verb there), nor a body
(位于…的圣何塞联邦地区法院作出裁决). Not across a clause mark, and at most :data:`_REACH` characters.

Example:
    >>> from pxextract.spans import Span
    >>> text = "位于甘肃省最东部的庆阳市合水县组织20辆拉水车"
    >>> tags = {"组织": "v", "站": "v"}
    >>> past_modifier(text, 0, Span(12, 15, "GPE", "合水县"), 9, ("位于",), ("的",), tags)
    9
    >>> past_modifier("位于黔南州荔波县朝阳镇的荔波站", 0, Span(12, 14, "GPE", "荔波"), 12, ("位于",), ("的",), tags)
    0
"""

from __future__ import annotations

_REACH = 16  # characters at most from 位于 to the place after its 的 (位于甘肃省最东部的)
_MARKS = "，。；！？,;:：\n"
_GOES_ON = ("v", "d", "p")  # the word after the place: its verb, an adverb or a preposition (组织, 累计, 向)


def past_modifier(text: str, at: int, place, start: int, words: tuple[str, ...], de: tuple[str, ...],
                  tags: dict[str, str]) -> int:
    """``start`` (where the chain of places ending in ``place`` begins) when a place_modifier word opens ``text`` at ``at``
    and a ``de`` word ends it right before ``start``, no clause mark between, and ``place`` is a GPE that a clause mark,
    a digit or a verb (two characters at least), adverb or preposition follows (``tags``: jieba's word → tag, the longest
    word decides); ``at`` otherwise."""
    if not words or not de or place.label != "GPE" or start - at > _REACH or not text.startswith(words, at) or not text.endswith(de, at, start):
        return at
    after = text[place.end : place.end + 1]
    word = next((w for k in range(4, 0, -1) if (w := text[place.end : place.end + k]) in tags and len(w) == k), "")
    size, tag = len(word), tags.get(word, "")
    if not (after and (after in _MARKS or after.isdigit() or tag[:1] in _GOES_ON and (size > 1 or tag[:1] != "v"))):
        return at
    return at if any(c in _MARKS for c in text[at:start]) else start
