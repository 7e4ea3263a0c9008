"""jieba dictionary look-ups the linker makes around a figure (:mod:`pxextract.link`): is the word
right before it a verb, is the word at a position a noun. The tags come from jieba's dictionary
file (:func:`pxextract.segment.dictionary_tags`), looked up directly: no token list is built.

Example:
    >>> tags = {"吸引": "v", "居民": "n", "活动": "vn"}
    >>> ends_in_verb(tags, "活动吸引3000名居民", 0, 4), noun_at(tags, "3000名居民", 5, 7)
    (True, True)
"""

from __future__ import annotations

VERB_CHARS = 4  # the longest word looked up before or at a figure
NOUN_TAGS = frozenset(("n", "nr", "ns", "nt", "nz", "j"))  # jieba's noun tags
COUNTED_TAGS = NOUN_TAGS | {"vn"}  # what a count counts: also a verbal noun (10项比赛)


def ends_with(text: str, words: tuple[str, ...]) -> str | None:
    """The first (longest, as cue lists are sorted) word that ``text`` ends with."""
    if not text.endswith(words):  # one C-level test before looking for which word
        return None
    return next(w for w in words if text.endswith(w))


def starts_with(text: str, words: tuple[str, ...]) -> str | None:
    """The first (longest, as cue lists are sorted) word that ``text`` starts with."""
    if not text.startswith(words):
        return None
    return next(w for w in words if text.startswith(w))


def ends_in_verb(tags: dict[str, str], text: str, clause_start: int, start: int) -> bool:
    """Whether the word right before ``start`` is a verb in jieba's dictionary (吸引, 设立 …:
    活动吸引3000名居民 → the metric is 居民, the noun after the figure): the longest dictionary
    word ending there."""
    for k in range(min(VERB_CHARS, start - clause_start), 1, -1):
        tag = tags.get(text[start - k : start])
        if tag is not None:
            return tag == "v"
    return False


def tail_tag(tags: dict[str, str], phrase: str) -> str | None:
    """jieba's dictionary tag of the longest dictionary word (up to four characters) that ``phrase`` ends
    with, None if none: 主要有以下 → 以下 (f), 两岸三地年满 → 年满 (a), 完成投资 → 投资 (vn).

    >>> tail_tag({"以下": "f", "投资": "vn"}, "主要有以下"), tail_tag({}, "主要有以下")
    ('f', None)
    """
    return next((t for k in range(min(VERB_CHARS, len(phrase)), 0, -1) if (t := tags.get(phrase[-k:])) is not None), None)


FUNCTION_TAGS = frozenset(("d", "t", "p", "c", "r", "f", "u", "uj", "ul", "uz", "tg", "dg"))  # adverbs, time words, particles
NAME_TAGS = frozenset(("ns", "nr", "nt", "nrt", "nrfg"))  # jieba's tags of a place, person or body: names no measure


def function_words_only(tags: dict[str, str], phrase: str) -> bool:
    """Whether ``phrase`` is made only of dictionary words (longest first, up to four characters) that are
    adverbs, time words, prepositions, conjunctions, pronouns, position words or particles: such a phrase
    names no metric (仅半个月就已累计 is not one: 月 and 累计 are no such words; 但在过去 is).

    >>> tags = {"但": "c", "在": "p", "过去": "t", "累计": "v"}
    >>> function_words_only(tags, "但在过去"), function_words_only(tags, "已累计"), function_words_only(tags, "")
    (True, False, False)
    """
    i = 0
    while i < len(phrase):
        k = next((k for k in range(min(VERB_CHARS, len(phrase) - i), 0, -1) if phrase[i : i + k] in tags), 0)
        if not k or tags[phrase[i : i + k]] not in FUNCTION_TAGS:
            return False
        i += k
    return bool(phrase)


def tag_at(tags: dict[str, str], text: str, at: int, end: int, token_starts=None) -> str | None:
    """jieba's dictionary tag of the segmenter's token at ``at`` (else of the longest dictionary
    word there), None if the dictionary lacks it: 将电量反充至 → 电量 n; 将于今年 → 于 p, not 于今."""
    return word_at(tags, text, at, end, token_starts)[1]


def word_at(tags: dict[str, str], text: str, at: int, end: int, token_starts=None) -> tuple[int, str | None]:
    """The length and jieba tag of the segmenter's token at ``at`` (else of the longest dictionary word
    there; 1 and None where the dictionary lacks it): 普速线路 → (2, "ad")."""
    ks = range(min(VERB_CHARS, end - at), 0, -1)
    if token_starts is not None:
        ks = [next((k for k in reversed(ks) if at + k in token_starts), 0)] if at in token_starts else []
    return next(((k, t) for k in ks if k and (t := tags.get(text[at : at + k])) is not None), (1, None))


MODIFIER_TAGS = frozenset(("a", "ad", "an", "b", "t"))  # 普速 (ad), 青年 (t), 大型 (b) before a noun
MODIFIERS = 2  # the most modifier words looked past


def noun_phrase_at(tags: dict[str, str], text: str, at: int, end: int, token_starts=None, prefixes=(), nouns=NOUN_TAGS) -> bool:
    """Whether a noun phrase starts at ``at`` (a space skipped): a noun (:func:`noun_at`), or one led by at most
    two modifier words or a title prefix (``prefixes``), no noun themselves: 7条普速线路 (普速 ad + 线路 n; also
    where the segmenter cut 条普速 as one word: the rest of it counts as a modifier),
    数十位青年员工 (青年 t + 员工 n), 7 名前雇员 (前 + 雇员 n).

    >>> tags = {"普速": "ad", "线路": "n", "参加": "v", "前": "f", "雇员": "n"}
    >>> noun_phrase_at(tags, "普速线路", 0, 4), noun_phrase_at(tags, "普速参加", 0, 4), noun_phrase_at(tags, " 前雇员", 0, 4, None, ("前",))
    (True, False, True)

    ``nouns``: the tags of the noun (a count may count events: 10项比赛, 比赛 vn).
    """
    at += text[at : at + 1] == " "
    i0 = 0
    if token_starts is not None and at not in token_starts:  # 7|条普速|线路: jieba glued the classifier to a modifier
        at = next((k for k in (at + 1, at + 2) if k in token_starts), end)
        i0 = 1
    for i in range(i0, MODIFIERS + 1):
        if at >= end:
            return False
        k, tag = word_at(tags, text, at, end, token_starts)
        if tag in nouns:
            return True
        if i == MODIFIERS or not (tag in MODIFIER_TAGS or (i == 0 and text[at : at + k] in prefixes)):
            return False
        at += k
    return False


def noun_at(tags: dict[str, str], text: str, at: int, end: int, token_starts=None) -> bool:
    """Whether the segmenter's token at ``at`` (else the longest dictionary word) is a noun in
    jieba's dictionary: 将电量反充至 → 电量 (n); 将投资 → vn; 将于今年 → 于 (p), not 于今."""
    return tag_at(tags, text, at, end, token_starts) in NOUN_TAGS


OBJECT_GAP = 16  # the longest phrase between 将 (= 把) and the figure its object counts
NOT_OBJECT_TAGS = frozenset(("v", "vn", "p", "d"))  # a future's verb, preposition or adverb after 将: 将分两批, 将由, 将被处, 将再新增


def handled_object(tags: dict[str, str], text: str, at: int, start: int, tail: str, de: tuple[str, ...],
                   markers: frozenset[str], verbs, qualifiers: tuple[str, ...], token_starts=None) -> bool:
    """Whether the object marker (将 = 把) ending at ``at`` opens an object that the figure at
    ``start`` counts, with words between them: a verb of handling (``verbs``) follows the figure in
    its clause (``tail``), and the words between end in 的 (``de``: an attributive phrase,
    将正在熟睡的三名犯罪嫌疑人抓获, 尝试将之前投资的50多万元申请提现), are a qualifier (将约170克月壤带回) or
    open with no verb, preposition or adverb (将其余两名嫌疑人抓获, 将车上两名被困人员救出). A future keeps
    its cue: 将分两批陆续送往, 将由20辆大巴车送往, 将被处十五日以下拘留, 将把…退还 (把 after 将).

    >>> tags = {"正在": "t", "熟睡": "v", "由": "p", "抓获": "v"}
    >>> t = "将正在熟睡的三名嫌疑人抓获"
    >>> handled_object(tags, t, 1, 6, "嫌疑人抓获", ("的",), frozenset("将把"), ("抓获",), ())
    True
    >>> handled_object(tags, "将由20辆大巴车送往", 1, 2, "大巴车送往", ("的",), frozenset("将把"), ("送往",), ())
    False
    """
    gap = text[at:start]
    if not 0 < len(gap) <= OBJECT_GAP or gap[0] in markers or not any(v in tail for v in verbs):
        return False
    if gap.endswith(de) or gap in qualifiers:
        return True
    if token_starts is not None and at not in token_starts:  # 将分两批: the segmenter's word 将分 hides 分 (v)
        token_starts = None
    return tag_at(tags, text, at, start, token_starts) not in NOT_OBJECT_TAGS
