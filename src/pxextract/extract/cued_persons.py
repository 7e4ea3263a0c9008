"""Persons found by a cue (issue #13): a title before the name, a photo credit after it
(rules/person_cues.tsv ``before`` and the one-character ``after`` marks).

* a title, then the name after optional spaces: 区长　　张天喜, 国务院总理 李强 (two or three characters,
  a known surname first, a word jieba does not tag as something other than a person);
* a caption credit: the two or three characters before 摄, as one token (张恩鸿摄) or one or two
  (李 + 桂东 + 摄);
* an anonymised person (:meth:`CuedPersons.anonymised`): a surname and 某 or 某某 (王某, 李某某), the
  way courts and police name people; not after a surname character that is a preposition or
  conjunction (于 + 某日, 向 + 某公司);
* after a title, a name of two characters runs on over one more character that jieba glued to a
  speech verb (person_cues.tsv ``said``): 市民 + 赵粉 + 珍说 → 赵粉珍;
* a copula between the title and the name (person_cues.tsv ``copula``): 总经理 + 为 + 马化腾, 董事长 + 是 + 张三.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("国务院总理李强说。张恩鸿摄")
    >>> [(s["text"], s["label"]) for s in rec["spans"]]
    [('国务院', 'ORG'), ('李强', 'PERSON'), ('张恩鸿', 'PERSON')]
"""

from __future__ import annotations

import regex

from ..spans import Span

_HAN = regex.compile(r"^\p{Han}+$")
_DOT_AHEAD = regex.compile(r"\p{Han}{0,4}[·・•‧]")
_FUNCTION_TAGS = frozenset(("p", "c"))  # 于, 向, 和: a surname character that is a preposition or conjunction here
# jieba tags of a one-character token after 某 that is a given name's kept character (陈某德 ns, 吴某强 a,
# 张某宣 nr), not a word of its own (案 n, 家 q, 称 v, 等 u); zg is both (刘某娴, 王某穿): the model decides
_GIVEN_TAGS = frozenset(("nr", "ns", "a"))
_ADVERB_TAGS = frozenset(("d", "p", "c"))  # a surname character that is an adverb or a function word here (曾, 向)
_NOT_GIVEN = frozenset("pcudvtfmqryeok")  # first letters of jieba tags of a word that is no given name (于 p, 近日 t, 作为 v, 中 f)
_GLUED_TAGS = frozenset(("nr", "ns", "nz", "nt"))  # a name right before a surname character: 恒安 + 路 + 某路口 is a street


class CuedPersons:
    """``persons(words, starts, text, cue_positions)``: the persons named at the cue tokens given."""

    def __init__(self, surnames, person_cues: tuple[str, ...], credit_marks: frozenset[str], stop, tags: dict[str, str],
                 said: tuple[str, ...] = (), anonymous: tuple[str, ...] = (), ordinals: tuple[str, ...] = (),
                 honorifics: tuple[str, ...] = (), speech: tuple[str, ...] = (), copulas: tuple[str, ...] = ()):
        self.surnames = surnames
        self.person_cues = frozenset(person_cues)
        self.credit_marks = credit_marks
        self.stop = stop
        self.tags = tags
        self.said = frozenset(said)
        self.speech = frozenset((*said, *speech))  # 说, 表示, 介绍: a speech verb after a name ends it (person_cues.tsv said, latin_said)
        self.some = anonymous[0] if anonymous else None  # 某: a withheld given name (person_cues.tsv anonymous)
        self.ordinals = frozenset(ordinals)  # 甲, 乙: two such persons of one surname told apart
        self.honorifics = tuple(sorted(honorifics, key=len, reverse=True))  # 女士, 先生: a private person's title after a surname
        self.honorific_set = frozenset(honorifics)
        self.honorific_ends = frozenset(h[-1] for h in honorifics)
        self.copulas = frozenset(copulas)  # 为, 是: between a title and its name (总经理 + 为 + 马化腾; person_cues.tsv copula)

    def anonymised(self, words: list[str], starts: list[int]) -> list[Span]:
        """王某, 李 + 某某, 吴某 + 某: a surname and 某 (once or twice) as a person, with an ordinal
        (吴某甲) or a kept character of the given name (陈某德) after a single 某."""
        out, n, some = [], len(words), self.some
        marked = [i for i, t in enumerate(words) if some in t] if some else ()  # (few articles name anyone so)
        for i in sorted({j for m in marked for j in (m - 1, m) if j >= 0}):
            t = words[i]
            if len(t) in (2, 3) and t.endswith(some) and self._surname(t[:-1]):
                name = t + (some if i + 1 < n and words[i + 1] == some else "")
            elif self._surname(t) and i + 1 < n and words[i + 1] in (some, some * 2) and (i == 0 or self.tags.get(words[i - 1]) not in _GLUED_TAGS):
                name = t + words[i + 1]
            else:
                continue
            k = i + (2 if len(name) > len(t) else 1)  # the token after the name
            if len(name) == 2 + (len(t) == 3) and k < n and len(words[k]) == 1 and _HAN.match(words[k]) and (words[k] in self.ordinals or self.tags.get(words[k]) in _GIVEN_TAGS):
                name += words[k]  # 吴某 + 甲 (the first of two), 陈某 + 德 (the last character kept)
            if self.tags.get(name[0]) not in _FUNCTION_TAGS:
                out.append(Span(starts[i], starts[i] + len(name), "PERSON", name))
        return out

    def titled(self, words: list[str], starts: list[int]) -> list[Span]:
        """赵女士, 丁 + 先生, 李阿姨: a surname and a title news writes for a private person instead of a name
        (person_cues.tsv honorific) as one person; not after a name it would be glued to (恒安路 + 王先生) and
        not a surname character that is a function word here (于 + 先生们).

        >>> c = CuedPersons(frozenset("赵丁王"), (), frozenset(), frozenset(), {}, honorifics=("女士", "先生"))
        >>> [s.text for s in c.titled(["据", "赵", "女士", "介绍", "，", "丁先生", "说", "各位", "女士"], [0, 1, 2, 4, 6, 7, 10, 11, 13])]
        ['赵女士', '丁先生']
        """
        if not self.honorifics:
            return []
        out, titles, ends = [], self.honorific_set, self.honorific_ends
        for i, t in enumerate(words):
            if not t or t[-1] not in ends:  # (a character test first: the loop runs over every token)
                continue
            if t in titles:
                k = i - 1  # 丁 + 先生
                if k < 0 or not self._surname(words[k]):
                    continue
                name = words[k] + t
            else:
                h = next((h for h in self.honorifics if t.endswith(h)), None)
                if h is None or not 1 <= len(t) - len(h) <= 2 or not self._surname(t[: -len(h)]):
                    continue
                k, name = i, t  # 丁先生 as one token
            if (k == 0 or self.tags.get(words[k - 1]) not in _GLUED_TAGS) and self.tags.get(name[0]) not in _FUNCTION_TAGS:
                out.append(Span(starts[k], starts[k] + len(name), "PERSON", name))
        return out

    def _surname(self, s: str) -> bool:
        """A surname of the list, or a character jieba's dictionary tags a person name (梅 nr)."""
        return s in self.surnames or (len(s) == 1 and self.tags.get(s) == "nr")

    def persons(self, words: list[str], starts: list[int], text: str, positions) -> list[Span]:
        out = []
        for i in positions:
            t = words[i]
            if t[-1] in self.credit_marks and len(t) in (3, 4) and t[0] in self.surnames and t not in self.tags:  # not a dictionary word (黄金首饰)
                out.append(Span(starts[i], starts[i] + len(t) - 1, "PERSON", t[:-1]))  # 张恩鸿摄 as one token
                continue
            if t in self.credit_marks and i > 0:
                # a caption credit: the 2–3 characters before 摄 (one or two tokens: 李 + 桂东)
                k = i - 1
                name = words[k]
                if len(name) == 1 and k > 0 and words[k - 1] in self.surnames:
                    k -= 1
                    name = words[k] + name
                elif len(name) == 2 and k > 0 and words[k - 1] in self.surnames and (k < 2 or not _HAN.match(words[k - 2])):
                    k -= 1
                    name = words[k] + name
                if 2 <= len(name) <= 3 and name[0] in self.surnames and _HAN.match(name):
                    out.append(Span(starts[k], starts[k] + len(name), "PERSON", name))
                continue
            if t in self.person_cues:
                # the name follows the title, after optional spaces: 区长　　张天喜, 国务院总理 李强
                k = i + 1
                while k < len(words) and not words[k].strip():
                    k += 1
                if k + 1 < len(words) and words[k] in self.copulas:
                    k += 1  # 总经理 + 为 + 马化腾, 董事长 + 是 + 张三
                if k >= len(words):
                    continue
                name = words[k].rstrip()  # 李强 + a line break the normalizer joined (国务院总理 李强⏎各位代表): no more after it
                if name == words[k]:
                    name = self._run_on(words, k)
                    if name is None:
                        continue
                if 2 <= len(name) <= 3 and name[0] in self.surnames and _HAN.match(name) and name not in self.stop:
                    tag = self.tags.get(name)
                    if tag is None or tag.startswith("nr"):
                        out.append(Span(starts[k], starts[k] + len(name), "PERSON", name))
        # a name dot right after it, or after a few more characters, makes it the first part of a transliterated
        # name (教授 + 费利佩·阿戈特, 总理 + 卓奥玛 + 尔特·奥托尔巴耶夫)
        return [s for s in out if text[s.start : s.end] == s.text and not _DOT_AHEAD.match(text, s.end)]

    def _run_on(self, words: list[str], k: int) -> str | None:
        """The name starting at token ``k`` right after a title, over the tokens that continue it, or None when
        the words after it leave its end open (the model then decides):

        * a surname and a given name of one or two characters (曾 + 向 + 介绍, 李 + 明说 → 李明), no function
          word or time word (民警 + 于 + 近日, 民警 + 向 + 孩子), no speech verb (时 + 表示), no verb after a surname
          that is an adverb here (法官 + 曾 + 组织; 严 + 立新, 艾 + 可知 are names), unless one character is followed by
          a speech verb or a punctuation mark (副站长 曾 + 向 + 介绍, 副省长张 + 和 + 。);
        * two characters and one more that is no function word when a speech verb, a punctuation mark or an
          adverb follows (施惠 + 财 + 表示, 潘照 + 虎 + 也; 赵粉 + 珍说); open before another word
          (潘照 + 虎 + 作为) or an unknown word (乔干 + 那烈, 钟欣 + 潼为);
        * a name of three characters, no dictionary word, that jieba glued to a speech verb or a
          preposition (陈茂说, 邢航以) is the first two (not when the last two are a word: 刘有为).

        >>> c = CuedPersons(frozenset("施曾于李"), (), frozenset(), frozenset(), {"财": "n", "表示": "v", "于": "p", "近日": "t", "明说": "v"}, said=("说",), speech=("表示",))
        >>> [c._run_on(w, 0) for w in (["施惠", "财", "表示"], ["曾", "向", "表示"], ["于", "近日", "赶赴"], ["李", "明说"], ["施惠", "财", "工作"])]
        ['施惠财', '曾向', None, '李明', None]
        """
        name, n, tags = words[k], len(words), self.tags
        nxt = words[k + 1] if k + 1 < n else ""
        after = words[k + 2] if k + 2 < n else ""
        spoken = after in self.speech and nxt not in self.speech  # 曾 + 向 + 介绍
        if len(name) == 3 and name not in tags and (name[2:] in self.said or (tags.get(name[2]) == "p" and name[1:] not in tags)):
            return name[:2]  # 陈茂说, 邢航以 as one token
        if len(name) == 1 and name in self.surnames and 1 <= len(nxt) <= 2:
            if len(nxt) == 2 and nxt[1:] in self.said:
                return name + nxt[0]  # 李 + 明说
            ended = len(nxt) == 1 and not after[:1].isalnum()  # 副省长张 + 和 + 。
            kind = (tags.get(nxt) or "n")[0]  # a verb, an adverb or a time word is a given name after a plain surname (严 + 立新, 艾 + 可知, 余 + 清清)
            plain = tags.get(name) not in _ADVERB_TAGS  # not 曾 d, 向 p: 曾 + 担任, 向 + 代替
            if tags.get(name) in _FUNCTION_TAGS and nxt in tags or not (len(nxt) == 1 and (spoken or ended)) and (
                    nxt in self.speech or kind in _NOT_GIVEN and (len(nxt) == 1 or not plain or kind not in "vdt")):
                return None  # 时 + 表示, 于 + 近日, 曾 + 把, 向 + 孩子
            return name + nxt
        if len(name) != 2 or not _HAN.match(nxt):
            return name
        if self._glued(words, k + 1):
            return name + nxt[0]  # 赵粉 + 珍说
        if len(nxt) == 1 and (tags.get(nxt) or "n")[0] not in _NOT_GIVEN:
            ends = after in self.speech or not after[:1].isalnum() or (tags.get(after) or "x")[0] == "d"
            return name + nxt if ends else None  # 施惠 + 财 + 表示
        return None if len(nxt) >= 2 and nxt not in tags else name  # 乔干 + 那烈

    def _glued(self, words: list[str], k: int) -> bool:
        """Is ``words[k]``, no dictionary word, one name character glued to a speech verb (珍说)?"""
        w = words[k] if k < len(words) else ""
        return len(w) >= 2 and bool(_HAN.match(w)) and w not in self.tags and w[1:] in self.said
