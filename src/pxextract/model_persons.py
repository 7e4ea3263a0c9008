"""Sure model persons that the form filters drop, taken on a title beside them (issue #13, h298).

:meth:`pxextract.ner_forms.NameForms.label` drops a model person that is a word of jieba's dictionary
with another tag than a person's (jieba's dictionary, built from 1998 news, holds many names as ``n``,
``ns`` or ``nz``: 巴金 ns, 朱梦魁 n, 周铁农 nz) or two characters without a listed surname (a rarer
surname or a given name alone: 喻晖, 威曼, 克雄). :func:`titled_person` takes such a sure model person
when a title stands right before it (person_cues.tsv ``before`` / ``role_before``: 记者 + 朱梦魁) or a
title or honorific right after it (``honorific``, ``title_after`` and the titles: 巴金 + 先生, 威曼 + 女士,
克雄 + 同志, 桥本 + 首相, 陈佳洱 + 教授). Never a slogan of the filters, a function word (tags d, c, p,
r, u, y), a listed place, a piece of a longer name (a name dot or a Latin letter beside it, or a dot a few
characters on), or a two-character given name after a title ending in a surname (得主任 + 小蕾: 任小蕾).
:func:`over_places` lets such a person win over the rules' places it wholly holds (黄宗江 LOC by its
suffix 江, 朱成山; 刘 + 山南, 罗马 + 里奥) unless it is a river (:func:`_river`: 支流 + 袁溪河), and
:func:`glued_word` over the rules' person with a function word glued (顾浩等). :func:`tagged_person`
takes a sure surname + two characters jieba's dictionary tags n, nz, i or l whose given part is no word (刘彦彬 nz, h319).

Example:
    >>> from pxextract.rules import NerFilters
    >>> from pxextract.ner_combine import Combiner
    >>> c = Combiner({}, {}, NerFilters(frozenset(), (), (), (), frozenset(), ()), frozenset("李"), {"巴金": "ns", "远征": "v"})
    >>> c.person_before, c.title_after = ("记者",), ("先生", "同志")
    >>> t = "巴金先生说，记者威曼报道，远征同志，巴金来了"
    >>> titled_person(c, t, 0, 2), titled_person(c, t, 8, 10), titled_person(c, t, 13, 15), titled_person(c, t, 18, 20)
    (True, True, False, False)
"""

from __future__ import annotations

import regex

_NOT_NAME_TAGS = frozenset("dcpruyv")  # first letters of jieba tags of function words and verbs (远征 v): no name
_FUNCTION_TAGS = frozenset("dcpruy")  # first letters of jieba tags of function words (等 u, 以 p, 及 c, 都 d)
_OTHER_TAGS = frozenset(("n", "nz", "i", "l"))  # jieba's 1998-news tags of many names: 刘彦彬 nz, 金钟泌 n, 汪铭珊 i
_HAN = regex.compile(r"\p{Han}{2,4}")
_DOT_NEAR = regex.compile(r"\p{Han}{1,4}[·・•‧]")  # a name dot right after more characters: the model's piece of a longer name


def titled_person(c, text: str, a: int, b: int) -> bool:
    """Whether the sure model person ``text[a:b]`` that ``c.label`` drops is a person on a title beside
    it (module docstring); ``c`` is the :class:`pxextract.ner_combine.Combiner`."""
    name = text[a:b]
    if not _HAN.fullmatch(name) or name in c.stop or any(s in name for s in c.stop_contains) or name in c.known:
        return False
    if (c.tags.get(name) or "x")[0] in _NOT_NAME_TAGS or any(m in name for m in c.anonymous):
        return False
    if any(0 <= i < len(text) and (text[i] in "·・•‧" or text[i].isascii() and text[i].isalpha()) for i in (a - 1, b)) or _DOT_NEAR.match(text, b):
        return False  # a piece of a longer name (依甫 of 依甫提哈尔·阿不都热西提)
    if text.startswith(c.title_after, b):
        return True
    return (text[max(0, a - 8) : a].endswith(c.person_before)
            and not (b - a == 2 and text[a - 1] in c.surnames))  # 主任 + 小蕾: the title's 任 is the name's surname


def over_places(c, text: str, a: int, b: int, inside: list, crosses: bool) -> bool:
    """Whether the sure model person ``text[a:b]`` replaces the rules' names ``inside`` it: all are
    places (GPE, LOC; no dateline) that no name reaching out of it (``crosses``) continues, the whole is
    no listed place, three or four Han characters starting with a surname that is no function word
    (黄宗江, whose 江 made it a river; 刘 + 山南) or transliteration characters only (罗马 + 里奥):
    the longest name wins (annotation §3). A place inside leaves one more character at most, no direction
    or numeral (张家界 + 西, 吴江 + 第), and the place is no item of a list of places (江 + 甘肃 + 和 + 新疆); a place the rules made by its suffix is a LOC (a natural one's: 江, 山;
    not 高视村), no listed place + a suffix (徐汇 + 滨江) and no village of the pattern surname + 家 + 山 (郭家山).

    >>> from pxextract.rules import NerFilters
    >>> from pxextract.ner_combine import Combiner
    >>> from pxextract.spans import Span
    >>> c = Combiner({"山南": "GPE"}, {}, NerFilters(frozenset(), (), (), (), frozenset(), ()), frozenset("黄刘向郭"), {"向": "p"})
    >>> c.place_middle = ("家",)
    >>> t = "黄宗江说，刘山南说，向山南"
    >>> over_places(c, t, 0, 3, [Span(0, 3, "LOC", "黄宗江")], False), over_places(c, t, 5, 8, [Span(6, 8, "GPE", "山南")], False)
    (True, True)
    >>> over_places(c, t, 10, 13, [Span(11, 13, "GPE", "山南")], False), over_places(c, "郭家山隧道", 0, 3, [Span(0, 3, "LOC", "郭家山")], False)
    (False, False)
    >>> over_places(c, "高视村", 0, 3, [Span(0, 3, "GPE", "高视村")], False)
    False
    """
    name = text[a:b]
    if crosses or not inside or name in c.known or not regex.fullmatch(r"\p{Han}{3,4}", name) or _river(c, text, a, b):
        return False
    if any(s.label not in ("GPE", "LOC") or "furniture" in s.attrs for s in inside):
        return False
    if all(ch in c.translit for ch in name):
        return True  # 罗马 + 里奥
    rest = name.replace(inside[0].text, "", 1) if len(inside) == 1 else ""
    if rest:  # a listed place and one more character of the name: 刘 + 山南, 韩国 + 瑜; not 张家界 + 西, 吴江 + 第, 吕梁 + 英雄
        if len(rest) != 1 or (c.tags.get(rest) or "x")[0] in "fmq" or _listed(c, text, b):
            return False
    elif inside[0].label != "LOC" or name[:2] in c.known or name[1] in c.place_middle:
        return False  # 高视村 (an administrative suffix), 徐汇 + 滨江, 郭家山 (a village's pattern): places by their suffix indeed
    return name[0] in c.surnames and (c.tags.get(name[0]) or "x")[0] not in _NOT_NAME_TAGS


def tagged_person(c, text: str, a: int, b: int) -> bool:
    """Whether the sure model person ``text[a:b]`` that ``c.label`` drops for its dictionary tag is a
    person all the same: a listed surname and two more Han characters that jieba's 1998-news dictionary
    holds as a whole with a common or other-proper tag (n, nz, i, l: 刘彦彬 nz, 汪铭珊 i, 辛业江 nz), whose
    given part is no dictionary word or a name (彦彬; 达内 nrt of 齐达内) — not a common word
    (高科技: 科技 n), a place or an organisation (ns, nt), nor a piece of a longer name.

    >>> from pxextract.rules import NerFilters
    >>> from pxextract.ner_combine import Combiner
    >>> c = Combiner({}, {}, NerFilters(frozenset(), (), (), (), frozenset(), ()), frozenset("刘高"), {"刘彦彬": "nz", "高科技": "n", "科技": "n"})
    >>> tagged_person(c, "刘彦彬贷款，高科技", 0, 3), tagged_person(c, "刘彦彬贷款，高科技", 6, 9)
    (True, False)
    """
    name = text[a:b]
    if (b - a != 3 or not _HAN.fullmatch(name) or name[0] not in c.surnames or (c.tags.get(name[0]) or "x")[0] in _NOT_NAME_TAGS
            or c.tags.get(name) not in _OTHER_TAGS or c.tags.get(name[1:], "nr") not in ("nr", "nrt", "nrfg")):
        return False
    if name in c.stop or any(s in name for s in c.stop_contains) or name in c.known or any(m in name for m in c.anonymous):
        return False
    return not (any(0 <= i < len(text) and (text[i] in "·・•‧" or text[i].isascii() and text[i].isalpha()) for i in (a - 1, b))
                or _DOT_NEAR.match(text, b))


def glued_word(c, text: str, a: int, b: int, rule) -> bool:
    """Whether the sure two-character model person ``text[a:b]`` replaces the rules' three-character
    person ``rule`` that starts with it: the third character is a function word (jieba tags d, c, p,
    u, r, y: 等, 以, 及, 在) the rules took after a title (副书记 + 顾浩等, 主编 + 宋嵩以 + 《). The rules'
    news furniture (a byline) and a name the model reads whole (魏华都) stay.

    >>> from pxextract.rules import NerFilters
    >>> from pxextract.ner_combine import Combiner
    >>> from pxextract.spans import Span
    >>> c = Combiner({}, {}, NerFilters(frozenset(), (), (), (), frozenset(), ()), frozenset("顾"), {"等": "u", "强": "a"})
    >>> glued_word(c, "顾浩等出席", 0, 2, Span(0, 3, "PERSON", "顾浩等")), glued_word(c, "顾浩强出席", 0, 2, Span(0, 3, "PERSON", "顾浩强"))
    (True, False)
    """
    return (rule.label == "PERSON" and rule.start == a and rule.end == b + 1 == a + 3 and "furniture" not in rule.attrs
            and (c.tags.get(text[b]) or "x")[0] in _FUNCTION_TAGS)


def _river(c, text: str, a: int, b: int) -> bool:
    """Whether the place ``text[a:b]`` the model reads as a person is a river or lake: it ends in
    江, 河, 溪 or 湖 (name_grammar.tsv water_end) after another such character (袁溪河) or with a word of a river's
    context within 12 characters (water_near: 支流 + 袁溪河, 污水 … 吴淞江; not 判处辛业江有期徒刑)."""
    if not c.water_end or text[b - 1] not in c.water_end:
        return False
    return text[b - 2] in c.water_end or any(w in text[max(0, a - 12) : b + 12] for w in c.water_near)


def _listed(c, text: str, b: int) -> bool:
    """Whether a list joint (name_grammar.tsv given_list_joint) and a listed place follow ``b``: the place
    before is an item of a list of places (江 + 甘肃 + 和 + 新疆)."""
    j = next((w for w in c.list_joints if text.startswith(w, b)), None)
    return j is not None and any(text[b + len(j) : b + len(j) + k] in c.known for k in (2, 3, 4))
