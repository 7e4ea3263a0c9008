"""A company named right after its descriptor (issue #13 recall, h356): rules/company_words.tsv ``descriptor`` and
``descriptor_end``.

Chinese news introduces a company the reader may not know with a descriptor written straight before its name:
初创企业御风未来, 车企理想汽车, 游戏厂商米哈游, 上市公司中炬高新, 竞争对手Starlink. No suffix ends such a name, so the
grammars missed it and no subject rule reached its figures. After a ``descriptor`` written as whole jieba words, the
words up to a clause break (punctuation, a number, a ``descriptor_end`` word: 宣布, 的, 与, 昨日; a verb, preposition,
conjunction, particle or adverb) are an ORG of 2–8 characters when they look like a name: the first word is no
dictionary word (御风, 米哈游), a proper noun (中炬高新) or Latin (Shopee; not a ``caps_stop`` acronym: CEO, ETF), or
they end in an industry or firm word after a head of two characters (理想 + 汽车). The later mentions are found by the
combiner's propagation. No name after a common word (车企纷纷, 房企销售额, 上市公司数量, 券商研报: ``not_head``), a
person (竞争对手张三: a surname's word jieba tags a person), a known place (竞争对手日本), or where a name stands.
An ORG that swallowed its descriptor (金融科技公司蚂蚁集团) is cut after it when the rest ends in an ORG suffix.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("初创企业御风未来昨日宣布完成融资。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] == "ORG"]
    [('御风未来', 'ORG')]
"""

from __future__ import annotations

import regex

from ..rule_types import CompanyWords
from ..spans import Span

_LATIN = regex.compile(r"[A-Za-z][A-Za-z0-9]{1,15}")
_NAME_CHARS = regex.compile(r"[\p{Han}A-Za-z][\p{Han}A-Za-z0-9]*")
_GOES_ON = ("n", "nz", "nr", "ns", "j", "b", "t", "eng", "g")  # a word that may stand inside such a name (御风 + 未来)
_PERSON_TAGS = ("nr", "nrfg", "nrt")
_FIRST_TAGS = ("nz", "j", "eng")  # a proper word that opens a name (中炬高新); nt words are generic (联合体)
_MAX, _MIN = 8, 2


class DescriptorNames:
    """``names(names, text, words, starts)``: the sorted, flat ``names`` with the companies of the module docstring."""

    def __init__(self, w: CompanyWords, tags: dict[str, str], known: dict[str, str], stop, latin_stop, org_suffixes, surnames):
        self.descriptors = regex.compile("|".join(map(regex.escape, sorted(w.descriptor, key=len, reverse=True))))
        self.ends, self.not_head = frozenset(w.descriptor_end), frozenset(w.not_head)
        self.industry = tuple(w.industry) + tuple(w.firm)
        self.tags, self.known, self.stop, self.latin_stop, self.surnames = tags, known, stop, latin_stop, surnames
        self.org_suffixes = tuple(sorted(org_suffixes, key=len, reverse=True))

    def _first_ok(self, w: str) -> bool:
        """May the word ``w`` open a company's name right after a descriptor?"""
        if w in self.stop or w in self.not_head or self.known.get(w) in ("GPE", "LOC"):
            return False
        if w.isascii():
            return bool(_LATIN.fullmatch(w)) and w not in self.latin_stop and w.upper() not in self.latin_stop
        tag = self.tags.get(w)
        if tag is None:  # 券商 + 股低开: jieba glued a word's first character (股, 的) to the next
            return len(w) >= 2 and bool(_NAME_CHARS.fullmatch(w)) and w[0] not in self.ends
        if tag in _PERSON_TAGS:
            return False  # 竞争对手 + 张三
        return tag in _FIRST_TAGS

    def _ends_clause(self, text: str, words: list[str], k: int) -> bool:
        """Does a clause break start at word ``k`` (past the end: the text's end)?"""
        if k >= len(words):
            return True
        w = words[k]
        if w in self.ends or not _NAME_CHARS.match(w):
            return True  # 宣布, 的; punctuation, a number
        tag = self.tags.get(w) or ""
        return tag.startswith(("v", "p", "c", "u", "d"))

    def _run(self, text: str, words: list[str], starts: list[int], k: int) -> int:
        """The end of the name opening at word ``k`` (module docstring), or -1."""
        first = words[k]
        head_ok = self._first_ok(first)
        j, end = k, starts[k]
        if first.isascii():  # a Latin name is its own word (游戏巨头 + EA + 因微交易)
            after = words[k + 1] if k + 1 < len(words) else ""
            return starts[k] + len(first) if head_ok and not after[:1].isalnum() or head_ok and not after.isascii() else -1
        while j < len(words) and not (j > k and self._ends_clause(text, words, j)):
            w = words[j]
            if j > k and (w in self.stop or (self.tags.get(w) is not None and not self.tags[w].startswith(_GOES_ON))) or not _NAME_CHARS.fullmatch(w):
                return -1
            end = starts[j] + len(w)
            if end - starts[k] > _MAX:
                return -1
            if j > k and w in self.industry and end - len(w) - starts[k] >= 2:
                j += 1  # 理想 + 汽车, 昊华 + 能源: an industry word ends it
                break
            j += 1
        name = text[starts[k]:end]
        if not self._ends_clause(text, words, j) or len(name) < _MIN:
            return -1
        if head_ok or (name.endswith(self.industry) and j - k >= 2 and first not in self.not_head and self.tags.get(first, "n")[:2] not in _PERSON_TAGS):
            return end
        return -1

    def names(self, names: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        hits = list(self.descriptors.finditer(text))
        if not hits:
            return names
        at = {a: i for i, a in enumerate(starts)}
        new, drop = [], set()
        for m in hits:
            a, e = m.span()
            if a not in at or e not in at:
                continue  # 汽车企业: no descriptor 车企
            over = [s for s in names if s.start < e + 1 and s.end > a]
            if any(s.start <= a and s.end > e for s in over):
                s = next(s for s in over if s.start <= a and s.end > e)
                rest = text[e:s.end]
                suffix = next((x for x in self.org_suffixes if rest.endswith(x)), "")
                head = rest[: len(rest) - len(suffix)]
                if s.label == "ORG" and s.start < a and suffix and len(head) >= 2 and head not in self.stop and (not head.isascii() or self._first_ok(head)):
                    drop.add(id(s))  # 金融科技公司蚂蚁集团 → 蚂蚁集团
                    new.append(Span(e, s.end, "ORG", rest, s.attrs))
                continue
            if any(s.start == e for s in over):
                continue  # a name stands there (美团, 日置集团)
            b = self._run(text, words, starts, at[e])
            if b < 0 or any(s.start < b and s.end > e for s in names):
                continue
            new.append(Span(e, b, "ORG", text[e:b]))
        if not new:
            return names
        return sorted([s for s in names if id(s) not in drop] + new, key=lambda s: s.start)
