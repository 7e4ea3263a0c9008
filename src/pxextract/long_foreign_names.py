"""How long a transliterated person's name with name dots may run (issue #13).

The model gives whole foreign names: with a patronymic, ``本`` or a double surname they pass the
12 characters of an ordinary dotted name (费萨尔·本·法尔汉·阿勒沙特, 路易斯·伊纳西奥·卢拉·达席尔瓦).
Such a name runs up to :data:`LONG_DOTTED` characters when no conjunction (jieba's tag c) joins two persons in it
(罗伯特·洛朗松和维韦克·特里维迪 is two names, no one) and no part between the dots is longer than a
transliterated word (:data:`LONGEST_PART`).

Example:
    >>> dotted_person_max("塔拉勒·本·阿卜杜拉·奥泰比", 12)
    20
    >>> dotted_person_max("罗伯特·洛朗松和维韦克·特里维迪", 12, {"和": "c"})
    12
"""

from __future__ import annotations

import regex

LONG_DOTTED = 20  # 安德烈斯·曼努埃尔·洛佩斯·奥夫拉多尔 (19)
LONGEST_PART = 8  # 康斯坦丁诺斯 (6); a longer run between dots is a phrase, no name's part
_DOTS = regex.compile("[·・•‧]")


def dotted_person_max(name: str, ordinary: int, tags: dict[str, str] | None = None) -> int:
    """The longest the dotted person ``name`` may be: :data:`LONG_DOTTED` for a name of
    transliterated parts, else ``ordinary`` (the combiner's 12); a character jieba's ``tags`` give
    as a conjunction (c: 和, 及) joins two names."""
    parts = _DOTS.split(name)
    if any((tags or {}).get(ch, "").startswith("c") for ch in name) or any(not p or len(p) > LONGEST_PART for p in parts):
        return ordinary
    return LONG_DOTTED


def part_of_name(text: str, a: int, b: int, start: int, end: int, label: str) -> bool:
    """Whether the rules' name ``text[start:end]`` inside the model's dotted person ``text[a:b]`` is
    only a piece of it: a whole part between dots (阿里 of 阿齐兹·拉贝赫·阿里), or a place glued inside
    one part with more transliteration around it (沙特 of 阿勒沙特, 马里 of 马里乌什, 纽埃 of 埃马纽埃尔).

    >>> t = "外交大臣费萨尔·本·法尔汉·阿勒沙特访问"
    >>> part_of_name(t, 4, 18, 16, 18, "GPE"), part_of_name(t, 4, 18, 4, 7, "ORG")
    (True, True)
    >>> part_of_name("总统马里·王", 2, 6, 2, 4, "GPE")
    True
    """
    if _DOTS.match(text, start - 1) if start > a else end < b and _DOTS.match(text, end):
        return True  # a whole part, or its first
    if label not in ("GPE", "LOC"):
        return False
    dots_before = [m.end() for m in _DOTS.finditer(text, a, start)]
    after = _DOTS.search(text, end, b)
    part = (after.start() if after else b) - (dots_before[-1] if dots_before else a)  # the part the place is in
    return not _DOTS.search(text, start, end) and part > end - start
