"""What may start at a word, for the entity finder (:class:`pxextract.extract.entities.EntityFinder`):
each distinct word of an article gets kind bits once (a place at the head of a longer dictionary
word, a place's last character at its start, a dictionary name, a name suffix, a person cue, an
outlet, a town suffix jieba glued to the next word), so that each token rule looks only at the
words that may start it; and the names two of those kinds give at once: a gazetteer place jieba
cut across tokens and jieba's dictionary names by their tag (nt → ORG, nrfg → PERSON, ns ending in a natural
feature's end → LOC: 亚丁湾, 尼亚加拉大瀑布; h347).
EntityFinder inherits these (its attributes: known, tags, place_end, suffix_by_last, …).

Example: 台湾同胞 (a dictionary word headed by the place 台湾) → GPE 台湾; 武功 + 山脚下 (山 ends
a place) → LOC 武功山; 江西省人民政府 (jieba's nt) → ORG.
"""

from __future__ import annotations

import regex

from ..spans import Span

_HAN = regex.compile(r"^\p{Han}+$")
# kind bits of a word: which token rules may start at it (EntityFinder._kind)
_HEAD3, _HEAD2, _PLACE_TAIL, _DICTIONARY, _SUFFIX_END, _PERSON_CUE, _OUTLET, _GLUED_SUFFIX = 1, 2, 4, 8, 16, 32, 64, 128
_KIND_CACHE_SIZE = 100_000


class WordKinds:
    """Kind bits of words and the names they give at once; the attributes are
    :class:`pxextract.extract.entities.EntityFinder`'s."""

    def _tag(self, word: str) -> str | None:
        return self.tags.get(word)

    def _kinds(self, distinct: set[str]) -> dict[str, int]:
        """Word → kind bits (0: no rule starts at it) for at least the words of ``distinct``:
        a memo over the articles, so each article computes only the words it brings new."""
        cache = self._kind_cache
        new = distinct.difference(cache)
        if len(cache) + len(new) > _KIND_CACHE_SIZE:
            cache.clear()
            new = distinct
        kind = self._kind
        cache.update((w, kind(w)) for w in new)
        return cache

    def _kind(self, w: str) -> int:
        known = self.known
        k = 0
        if len(w) >= 4 and w not in known:  # a place at the head of a longer dictionary word
            for n, bit in ((3, _HEAD3), (2, _HEAD2)):
                if known.get(w[:n]) in ("GPE", "LOC") and len(w) - n >= 2 and w[n:] in self.tags:
                    k |= bit
                    break
        if len(w) >= 2 and (w[0] in self.place_end or w[1] in self.place_end):
            k |= _PLACE_TAIL
        if w in self.dictionary_names:
            k |= _DICTIONARY
        if w[-1] in self.suffix_by_last and w not in known and _HAN.match(w):
            k |= _SUFFIX_END
        if w[-1] in self.credit_marks or w in self.person_cue_set:
            k |= _PERSON_CUE
        if w in self.outlet_heads:
            k |= _OUTLET
        if len(w) >= 2 and w[0] in self.glued_suffixes and w not in self.tags and w not in known and _HAN.match(w):
            k |= _GLUED_SUFFIX  # 镇泗马: jieba's guess glued a town's suffix to the next word
        return k

    def _split_names(self, words: list[str], starts: list[int], kinds: dict[str, int], hits: list[int]) -> list[Span]:
        """A gazetteer place that jieba cut across tokens: 武功 + 山脚下 → 武功山 (LOC).

        Only names of three or more characters ending in a place character are taken, and only
        when they start at a token boundary, so 大同 in 拉大/同一 is never found.
        """
        out = []
        known = self.known
        # a place at the head of a longer dictionary word: 台湾同胞 → 台湾
        for i in hits:
            t = words[i]
            kind = kinds[t]
            if kind & (_HEAD3 | _HEAD2):
                k = 3 if kind & _HEAD3 else 2
                out.append(Span(starts[i], starts[i] + k, known[t[:k]], t[:k]))
        # a token whose first or second character ends a place name: 武功 + 山脚下
        for i in hits:
            if i == 0 or not kinds[words[i]] & _PLACE_TAIL:
                continue
            t, nxt = words[i - 1], words[i]
            if nxt.startswith(self.place_end_word):
                continue
            for k in (1, 2):
                if len(nxt) <= k:
                    break
                cand = t + nxt[:k]
                if len(cand) >= 3 and cand[-1] in self.place_end and known.get(cand) in ("GPE", "LOC"):
                    out.append(Span(starts[i - 1], starts[i - 1] + len(cand), known[cand], cand))
                    break
        return out

    def _dictionary_candidates(self) -> dict[str, str]:
        """jieba dictionary words that are names by their tag: nt → ORG, nrfg → PERSON, ns + feature_end → LOC (built once,
        cached between runs by :func:`entity_tables.dictionary_names`)."""
        out = {}
        g = self.rules.names
        features, not_feature = tuple(g.feature_end), frozenset(g.not_feature)  # 亚丁湾, 南迦巴瓦峰 → LOC (h347)
        for t, tag in self.tags.items():
            if len(t) < 2 or t in self.stop or t in self.known:
                continue
            if tag == "nt" and _HAN.match(t) and t.endswith(self.org_ends):
                out[t] = "ORG"
            elif tag == "nrfg" and len(t) <= 4 and t[0] in self.surnames:
                out[t] = "PERSON"
            elif tag == "ns" and len(t) >= 3 and t.endswith(features) and t not in not_feature and _HAN.match(t):
                out[t] = "LOC"
        return out

    def _dictionary_names(self, words: list[str], starts: list[int], kinds: dict[str, int], hits: list[int]) -> list[Span]:
        cands = self.dictionary_names
        return [Span(starts[i], starts[i] + len(w), cands[w], w) for i in hits if kinds[w := words[i]] & _DICTIONARY]
