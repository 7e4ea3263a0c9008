"""Japanese persons (issue #13 recall, h342): a Japanese surname and a given name of one or two characters,
where the shape comes with person evidence (rules/japanese_names.tsv). jieba and the model miss most of them
(岸田 + 文雄, 植田 + 和男, 福原 + 爱), and a surname alone is often a place or a word (中山, 清水, 福田, 和田):

* a title or role right before the surname (日本首相 + 岸田文雄, 女星 + 福原爱; japanese_names.tsv ``role``,
  person_cues.tsv ``before`` / ``role_before``): the given name is two characters when a boundary follows them
  (punctuation, a speech verb, an honorific, a not_given_end adverb or a mention_after word), else one;
* a given name of two characters ending in a Japanese given name's last character (文雄, 太郎, 早苗, 结弦, 俊一;
  ``given_end``), no dictionary word, after no Han character or a one-character word that stands before a
  person (和, 与, 由; name_grammar.tsv ``mention_before``) or a speech verb (认为 + 铃木俊一);
* a given name of one such character before a boundary (福原爱 + 2021年, 福原爱 + 也);
* a speech verb or an honorific right after the name (羽生结弦 + 在声明, 福原爱 + 女士; ``after``), the given name
  no dictionary word of two characters, nor one that is a noun, a place or a measure word (清水 + 镇 + 表示);
* a surname that is a known company (丰田, 本田, 松下: a maker named after its founder) needs the title
  (社长 + 丰田章男; 丰田 + 凯美瑞 is a car);
* the later mentions are found by the combiner's propagation (福原爱回到日本).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("去年7月，羽生结弦宣布退役。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] == "PERSON"]
    [('羽生结弦', 'PERSON')]
"""

from __future__ import annotations

import regex

from ..normalize import is_han
from ..spans import Span

_NOUN_TAGS = ("n", "ns", "nt", "nz", "q", "m", "f", "s", "t")  # a one-character "given name" that is a word of its own (镇, 区, 县)


class JapanesePersons:
    """``persons(text)``: the Japanese persons of ``text`` (none without japanese_names.tsv)."""

    def __init__(self, japanese, roles: tuple[str, ...], stops: tuple[str, ...], before: tuple[str, ...], after_words: tuple[str, ...],
                 tags: dict[str, str], known: dict[str, str] | None = None):
        self.j, self.tags, self.known = japanese, tags, known or {}
        if japanese is None:
            self.pattern = None
            return
        alt = "|".join(map(regex.escape, sorted(japanese.surname, key=len, reverse=True)))
        self.pattern = regex.compile(rf"(?=({alt})\p{{Han}})")
        self.roles = tuple(sorted({*japanese.role, *roles}, key=len, reverse=True))
        self.after = tuple(sorted(japanese.after, key=len, reverse=True))
        self.verbs = tuple(w for w in self.after if len(w) > 1)  # 认为 + 铃木俊一
        self.ends = frozenset(japanese.given_end)
        self.not_after = frozenset(japanese.not_after)  # 中山北二 + 路: a place
        self.stops = frozenset(stops)  # 却, 也, 将: an adverb after a name (person_cues.tsv not_given_end)
        self.before = frozenset(before)  # 和, 与, 由: one character before a person's mention
        self.after_words = tuple(after_words)  # 晒, 称: one character after a person's mention

    def _boundary(self, text: str, k: int) -> bool:
        """Does the name end before ``text[k]``?"""
        if k >= len(text) or not is_han(text[k]):
            return True
        return text[k] not in self.not_after and (text[k] in self.stops or text.startswith(self.after, k) or text.startswith(self.after_words, k))

    def _left(self, text: str, a: int) -> bool:
        """May a name start at ``a`` with no title before it?"""
        return a == 0 or not is_han(text[a - 1]) or text[a - 1] in self.before or text[:a].endswith(self.verbs)

    def persons(self, text: str) -> list[Span]:
        if self.pattern is None:
            return []
        out, tags = [], self.tags
        for m in self.pattern.finditer(text):
            a, b = m.start(1), m.end(1)
            g2 = text[b : b + 2]
            two = len(g2) == 2 and all(map(is_han, g2)) and g2 not in tags and not any(c in self.stops or c in self.not_after for c in g2)
            one = not tags.get(text[b], "x").startswith(_NOUN_TAGS) and text[b] not in self.stops and text[b] not in self.not_after
            if text[:a].endswith(self.roles):
                if two and self._boundary(text, b + 2):
                    out.append(Span(a, b + 2, "PERSON", text[a : b + 2]))
                elif one and self._boundary(text, b + 1):
                    out.append(Span(a, b + 1, "PERSON", text[a : b + 1]))
                continue
            if self.known.get(m.group(1)) == "ORG" or not self._left(text, a):
                continue
            if b + 2 < len(text) and text[b + 2] in self.not_after:
                two = False
            if two and g2[1] in self.ends:
                out.append(Span(a, b + 2, "PERSON", text[a : b + 2]))
            elif two and text.startswith(self.after, b + 2):
                out.append(Span(a, b + 2, "PERSON", text[a : b + 2]))
            elif one and (text.startswith(self.after, b + 1) or text[b] in self.ends and self._boundary(text, b + 1)):
                out.append(Span(a, b + 1, "PERSON", text[a : b + 1]))
        return out
