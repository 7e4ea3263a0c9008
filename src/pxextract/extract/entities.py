"""Named entities: PERSON, GPE, LOC, ORG, LAW from gazetteers, suffix grammars and cues.

* gazetteer names (``rules/gazetteers/*.tsv``) are jieba words of the private segmenter and
  are found with a spaCy ``PhraseMatcher`` over tokens;
* jieba's dictionary tags are candidates: ``nt`` words are organisations (江西省人民政府,
  国家统计局), ``nrfg`` words full person names; generic words are filtered by the STOP list;
* unknown names are found by suffix grammar over tokens: name-like tokens (nouns, place or
  person words, unknown words — never verbs, particles or numbers) ending in an ORG/GPE/LOC
  suffix (甘源食品 + 股份有限公司, 东源 + 乡, 长株潭 + 城市群), with at least one proper-name
  token among them; a known place ends the walk to the left (江西省 + 人民政府);
* a GPE directly followed by a government-body suffix is one ORG (海拉尔区 + 人民政府);
* persons from cues: a title before the name (总理 李强), 摄 after a caption's name;
* LAW is the inside of 《…》 when the title ends in a document word (规划, 方案, 条例…).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("东源乡桥头村在萍乡市。张恩鸿摄")
    >>> [(s["text"], s["label"]) for s in rec["spans"]]
    [('东源乡', 'GPE'), ('桥头村', 'GPE'), ('萍乡市', 'GPE'), ('张恩鸿', 'PERSON')]
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from itertools import accumulate

import regex
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..rules import Rules, RulesError
from ..spans import Span, remove_overlaps
from . import occurrences

_NAME_TOKEN = regex.compile(r"^[\p{Han}A-Za-z][\p{Han}A-Za-z·]*$")
_HAN = regex.compile(r"^\p{Han}+$")
_LAW = regex.compile(r"《([^《》\n]{2,80})》")
_TRAILING_PAREN = regex.compile(r"[（(][^（）()]{1,12}[）)]$")
_MAX_NAME_TOKENS = 4
_MAX_NAME_CHARS = 18
# kind bits of a word: which token rules may start at it (EntityFinder._kind)
_HEAD3, _HEAD2, _PLACE_TAIL, _DICTIONARY, _SUFFIX_END, _PERSON_CUE, _OUTLET = 1, 2, 4, 8, 16, 32, 64
_KIND_CACHE_SIZE = 100_000
_PATTERN_WINDOW = 12  # tokens from an entity pattern's anchor within which the pattern must end
# jieba dictionary tags of words that may be part of a name (nouns, places, persons,
# organisations, other proper nouns, abbreviations, distinguishing words such as 国际)
_NAME_TAGS = ("n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "b", "eng", "x")
_PROPER_TAGS = ("nr", "nrfg", "nrt", "ns", "nt", "nz", "j")
_BODY_AFTER_GPE = regex.compile(
    r"(?:第[一二三四五六七八九十]+届)?(?:人民政府|人民代表大会(?:常务委员会)?|人大常委会|政府(?!工作)|委员会|统计局|调查队|海关|市委|县委|区委|省委|党委"
    r"|人民医院|中医院|医院|学院|大学|中学|小学|图书馆|博物馆|公安局|人民法院|人民检察院)"
)
_PAREN_AFTER_ORG = regex.compile(r"[（(][\p{Han}]{1,4}[）)]")
# A list of names closed by 等 + (a count) + words ending in 企业/公司/集团/项目: the names are companies.
_COMPANY_LIST = regex.compile(
    r"(?P<items>(?:[\p{Han}A-Za-z]{2,10}、)+[\p{Han}A-Za-z]{2,10})等(?:\d+家|一批)?[^，。；、\n]{0,10}?(?:企业|公司|集团|项目)"
)
# what closes such a list: found first (cheap), the list itself is then looked for just before it
_COMPANY_LIST_END = regex.compile(r"等(?:\d+家|一批)?[^，。；、\n]{0,10}?(?:企业|公司|集团|项目)")
_MAX_COMPANY_LIST = 300  # characters a company list may span before its 等


def _company_lists(text: str):
    """``_COMPANY_LIST`` matches of ``text``, in order, looked for only before each list end."""
    done = 0
    for end in _COMPANY_LIST_END.finditer(text):
        if end.end() <= done:
            continue
        m = _COMPANY_LIST.search(text, max(done, end.start() - _MAX_COMPANY_LIST), end.end())
        if m is not None:
            done = m.end()
            yield m


_LABEL_PRIORITY = {"LAW": 0, "ORG": 1, "GPE": 2, "LOC": 3, "PERSON": 4}
_PLACE_END = frozenset("山河湖江海岭峰岛湾市县区省州镇乡村")
_GENERIC_PREFIX = frozenset(("市", "省", "县", "区", "镇", "乡", "本", "该", "全"))


def _words_and_starts(doc: Doc) -> tuple[list[str], list[int]]:
    """Token texts and their raw start offsets (from our tokenizer's word list when it made the Doc)."""
    words = doc.user_data.get("pxextract.words")
    if words is None or len(words) != len(doc):
        words = [t.text for t in doc]
    return words, list(accumulate(map(len, words), initial=0))[:-1] if words else []


def _anchor(pattern) -> str | None:
    """The literal text a pattern cannot match without: the phrase, or its first token's ORTH/TEXT."""
    if isinstance(pattern, str):
        return pattern
    first = pattern[0] if pattern else {}
    for key in ("ORTH", "TEXT"):
        if isinstance(first.get(key), str):
            return first[key]
    return None


class EntityFinder:
    """Finds names in a Doc built by the pxextract tokenizer (token texts are raw slices)."""

    def __init__(self, nlp, rules: Rules, tags: dict[str, str] | None = None, patterns: list[dict] | None = None):
        self.rules = rules
        # EntityRuler-style patterns from rules/entity_patterns.jsonl (phrase or token patterns),
        # run by a spaCy SpanRuler over our tokens: names the grammars cannot see (WTO, 中共…省委)
        self.ruler = None
        if patterns:
            from spacy.pipeline import SpanRuler

            self.ruler = SpanRuler(nlp, name="pxextract_patterns", spans_key="pxextract_patterns", phrase_matcher_attr="ORTH", validate=True)
            for n, pattern in enumerate(patterns, 1):
                try:
                    self.ruler.add_patterns([pattern])
                except Exception as exc:  # noqa: BLE001 - spaCy raises several types for bad patterns
                    raise RulesError(f"{rules.path / 'entity_patterns.jsonl'}:{n}: bad pattern ({type(exc).__name__}: {exc})") from None
            # a pattern can only match where its literal anchor occurs: skip the (token) matcher on
            # texts that contain none of them; a pattern without a literal anchor always runs
            anchors = [_anchor(p["pattern"]) for p in patterns]
            self.ruler_anchors = None if None in anchors else tuple(sorted(set(anchors)))
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_label: dict[str, list[str]] = {}
        for e in rules.gazetteer:
            by_label.setdefault(e.label, []).append(e.name)
        for label, names in by_label.items():
            self.matcher.add(label, [nlp.make_doc(n) for n in names])
        suf = rules.entity_suffixes
        self.suffixes = sorted(
            ((s, label) for label in ("ORG", "GPE", "LOC") for s in suf.get(label, ())), key=lambda x: -len(x[0])
        )
        self.suffix_by_last: dict[str, list[tuple[str, str]]] = {}
        for suffix, label in self.suffixes:  # longest first within each last character
            self.suffix_by_last.setdefault(suffix[-1], []).append((suffix, label))
        self.gazetteer_only = frozenset(("省", "市", "县", "区", "旗"))  # county and above: gazetteer
        self.law_suffixes = suf.get("LAW", ())
        self.org_ends = suf.get("ORGEND", ())
        self.person_cues = tuple(s for s in suf.get("PERSON", ()) if s not in ("摄", "摄影"))
        self.person_cue_set = frozenset(self.person_cues)
        self.stop = rules.entity_stop
        self.surnames = rules.surnames
        self.known = {e.name: e.label for e in rules.gazetteer}
        self.tags = tags or {}
        self.dictionary_names = self._dictionary_candidates()
        self.news = NewsFurniture(rules, self.tags)  # datelines, bylines, credits (§6 News)
        # outlets of scope any (新华社, IT之家) by the word they start with: every prefix of two or
        # more characters, and the first word of those that jieba starts with one character (新 + 京报)
        heads: dict[str, list[str]] = {}
        for o in self.news.outlets_any:
            first = nlp.make_doc(o)[0].text
            for p in {o[:n] for n in range(2, len(o) + 1)} | ({first} if len(first) == 1 else set()):
                heads.setdefault(p, []).append(o)
        # head → the lengths of the outlets it starts, longest first (a slice and a set look-up each)
        self.outlet_heads = {p: tuple(sorted({len(o) for o in v}, reverse=True)) for p, v in heads.items()}
        self._kind_cache: dict[str, int] = {}  # word → kind bits (memo; depends on the word and rules only)

    def __call__(self, doc: Doc, text: str | None = None, datelines: list[dict] | None = None) -> list[Span]:
        """Names of ``doc`` (``text``: its raw text); ``datelines``: ``self.news.datelines(text)``
        when the caller has them already."""
        text = doc.text if text is None else text
        words, starts = _words_and_starts(doc)
        found: list[Span] = []
        strings = doc.vocab.strings
        for match_id, s, e in self.matcher(doc):
            a, b = starts[s], starts[e - 1] + len(words[e - 1])
            found.append(Span(a, b, strings[match_id], text[a:b]))
        if self.ruler is not None:
            found.extend(self._pattern_names(doc, words, starts, text))
        # most tokens can start nothing: the rules below look only at the positions of words whose
        # kind (a property of the word alone, memoized) says they may; one set look-up per token
        kinds = self._kinds(set(words))
        hits = [i for i, w in enumerate(words) if kinds[w]]
        found.extend(self._split_names(words, starts, kinds, hits))
        found.extend(self._dictionary_names(words, starts, kinds, hits))
        found.extend(self._suffix_names(words, starts, text, kinds, hits))
        for m in _LAW.finditer(text):
            inner = _TRAILING_PAREN.sub("", m.group(1))
            if inner.endswith(self.law_suffixes) or inner.endswith("法"):
                found.append(Span(m.start(1), m.end(1), "LAW", m.group(1)))
        found.extend(self._persons(words, starts, text, kinds, hits))
        found.extend(self._listed_companies(words, starts, text))
        news = self.news
        if not news.enabled:
            return self._flatten(found, text)
        found.extend(self._outlets(words, starts, text, kinds, hits))
        flat = self._flatten(found, text)
        for s in flat:  # an outlet found by another rule too (新华社 in the gazetteer) is still one
            if s.label == "ORG" and s.text in news.outlets_any_set:
                s.attrs["furniture"] = "outlet"
        furniture = news.spans(text, words, starts, datelines=datelines)
        if not furniture:
            return flat
        # the furniture's place in the article decides: its names win over what overlaps them (both
        # lists are sorted and flat: one merge)
        out, k, nf = [], 0, len(furniture)
        for s in flat:
            while k < nf and furniture[k].end <= s.start:
                out.append(furniture[k])
                k += 1
            if k < nf and furniture[k].start < s.end:
                continue  # overlaps the furniture span k
            out.append(s)
        out.extend(furniture[k:])
        return out

    def _outlets(self, words: list[str], starts: list[int], text: str, kinds: dict[str, int], hits: list[int]) -> list[Span]:
        """News outlets of scope any that stand as whole words (据新华社报道 → ORG 新华社, 新京报记者)."""
        out = []
        n = len(words)
        outlets = self.news.outlets_any_set
        for i in hits:
            w = words[i]
            if not kinds[w] & _OUTLET:
                continue
            a = starts[i]
            for length in self.outlet_heads[w]:
                o = text[a : a + length]
                if o not in outlets:
                    continue
                e, j = a + length, i
                while j < n and starts[j] < e:
                    j += 1
                if j == n or starts[j] == e:  # ends where a word ends
                    out.append(Span(a, e, "ORG", o, {"furniture": "outlet"}))
                    break
        return out

    def _pattern_names(self, doc: Doc, words: list[str], starts: list[int], text: str) -> list[Span]:
        """Matches of rules/entity_patterns.jsonl. A pattern starts with its literal anchor, so
        the SpanRuler runs only on short windows of tokens from each anchor occurrence (a token
        Matcher over a whole article costs more than segmenting it); a pattern without a literal
        anchor makes it run over the whole Doc."""
        if self.ruler_anchors is None:
            windows = [(0, len(words))]
        else:
            hits = sorted(occurrences(text, self.ruler_anchors))
            windows = []
            for pos in hits:
                i = bisect_right(starts, pos) - 1
                j = min(len(words), i + _PATTERN_WINDOW)
                if windows and i <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], j)
                else:
                    windows.append((i, j))
        out = []
        for i, j in windows:
            if (i, j) == (0, len(doc)):
                part = doc
            else:  # a small Doc of the window's words (Span.as_doc copies arrays of the whole Doc)
                part = Doc(doc.vocab, words=words[i:j], spaces=[False] * (j - i))
            base = starts[i]
            for span in self.ruler.match(part):
                a, b = base + span.start_char, base + span.end_char
                out.append(Span(a, b, span.label_, text[a:b]))
        return out

    def _listed_companies(self, words: list[str], starts: list[int], text: str) -> list[Span]:
        """Items of a list closed by 等…企业 / 公司 / 项目 are companies (山东寿光、赣州铭宸等企业).

        An item counts only if it holds a proper-name token (not 污水处理厂、自来水厂等项目).
        """
        out = []
        for m in _company_lists(text):
            pos = m.start()
            for item in m.group("items").split("、"):
                start, end = pos, pos + len(item)
                pos = end + 1
                if not 2 <= len(item) <= 10 or item in self.stop or self.known.get(item) in ("LOC", "PERSON"):
                    continue
                i = bisect_right(starts, start) - 1
                if i < 0 or starts[i] != start:
                    continue
                seq = []
                while i < len(words) and starts[i] < end:
                    seq.append((words[i], starts[i]))
                    i += 1
                if not seq or seq[-1][1] + len(seq[-1][0]) != end:
                    continue
                while seq and not self._proper(seq[0][0]):  # 引进 / 助力 before the first name
                    seq.pop(0)
                if seq and all(self._name_part(w[0]) for w in seq) and len(seq[0][0]) + end - seq[0][1] >= 2:
                    out.append(Span(seq[0][1], end, "ORG", text[seq[0][1] : end]))
        return out

    # -- candidates ---------------------------------------------------------------------
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
        if len(w) >= 2 and (w[0] in _PLACE_END or w[1] in _PLACE_END):
            k |= _PLACE_TAIL
        if w in self.dictionary_names:
            k |= _DICTIONARY
        if w[-1] in self.suffix_by_last and w not in known and _HAN.match(w):
            k |= _SUFFIX_END
        if w[-1] == "摄" or w in self.person_cue_set:
            k |= _PERSON_CUE
        if w in self.outlet_heads:
            k |= _OUTLET
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
            for k in (1, 2):
                if len(nxt) <= k:
                    break
                cand = t + nxt[:k]
                if len(cand) >= 3 and cand[-1] in _PLACE_END and known.get(cand) in ("GPE", "LOC"):
                    out.append(Span(starts[i - 1], starts[i - 1] + len(cand), known[cand], cand))
                    break
        return out

    def _dictionary_candidates(self) -> dict[str, str]:
        """jieba dictionary words that are names by their tag: nt → ORG, nrfg → PERSON (built once)."""
        out = {}
        for t, tag in self.tags.items():
            if len(t) < 2 or t in self.stop or t in self.known:
                continue
            if tag == "nt" and _HAN.match(t) and t.endswith(self.org_ends):
                out[t] = "ORG"
            elif tag == "nrfg" and len(t) <= 4 and t[0] in self.surnames:
                out[t] = "PERSON"
        return out

    def _dictionary_names(self, words: list[str], starts: list[int], kinds: dict[str, int], hits: list[int]) -> list[Span]:
        cands = self.dictionary_names
        return [Span(starts[i], starts[i] + len(w), cands[w], w) for i in hits if kinds[w := words[i]] & _DICTIONARY]

    def _name_part(self, t: str) -> bool:
        if t in self.stop or not _NAME_TOKEN.match(t):
            return False
        tag = self._tag(t)
        return t in self.known or tag is None or tag.startswith(_NAME_TAGS)

    def _proper(self, t: str) -> bool:
        tag = self._tag(t)
        return t in self.known or (tag is None and len(t) >= 2) or (tag is not None and tag.startswith(_PROPER_TAGS))

    def _is_org(self, t: str) -> bool:
        return self.known.get(t) == "ORG" or (self._tag(t) == "nt" and t.endswith(self.org_ends))

    def _suffix_names(self, words: list[str], starts: list[int], text: str, kinds: dict[str, int], hits: list[int]) -> list[Span]:
        """Names ending in a suffix (…股份有限公司, …村, …工业园), the suffix possibly spanning tokens."""
        out = []
        by_last = self.suffix_by_last
        for i in hits:
            t = words[i]
            if not kinds[t] & _SUFFIX_END:
                continue
            cands = by_last[t[-1]]
            end = starts[i] + len(t)
            hit = next(
                ((s, lab) for s, lab in cands if text.endswith(s, 0, end) and end - len(s) >= starts[max(0, i - 3)]),
                None,
            )
            if hit is None:
                continue
            suffix, label = hit
            if label == "GPE" and suffix in self.gazetteer_only:
                continue
            q = end - len(suffix)
            k = bisect_right(starts, q) - 1  # the token where the suffix starts
            head = text[starts[k] : q]  # that token's part before the suffix (中小学 → 中)
            if head and head in self.stop:
                continue
            single = len(suffix) == 1
            gpe = label == "GPE"
            low_unit = gpe and (single or suffix in ("街道", "社区"))
            parts = [head] if head else []
            j = k
            if not (head and (self._is_org(head + suffix) or head in self.known)):
                while j > 0 and k - j < (1 if single else _MAX_NAME_TOKENS):
                    prev = words[j - 1]
                    if not self._name_part(prev) or end - starts[j - 1] > _MAX_NAME_CHARS:
                        break
                    if low_unit and prev.endswith(("省", "市", "县", "区", "镇", "乡", "村", "街道", "社区")):
                        break  # 安源区 / 凤凰街道 / 凤池社区 are separate names
                    j -= 1
                    parts.insert(0, prev)
                    if prev in self.known and not low_unit:
                        # a known place starts the name, unless an organisation or place precedes it
                        # (国家统计局 + 洛阳 + 调查队, 萍乡 + 武功山 + 景区)
                        if j > 0 and (self._is_org(words[j - 1]) or words[j - 1] in self.known):
                            j -= 1
                            parts.insert(0, words[j])
                        break
            while len(parts) > 1 and self._tag(parts[0]) in ("vn", "v"):
                parts.pop(0)  # a name does not start with a verb (培训 in …红色培训联合体 stays inside)
                j += 1
            if not parts:
                continue
            proper = any(self._proper(p) for p in parts)
            if not proper and not (single and gpe and len(parts) == 1 and len(parts[0]) == 2):
                continue  # 桥头村 / 东源乡: a two-character village name of common nouns is allowed
            if label != "GPE" and j > 0 and words[j - 1] in _GENERIC_PREFIX:
                continue  # 市投发集团, 省博物馆: a body of "the city", not a name
            start = starts[j]
            name = text[start:end]
            if name in self.stop or len(name) - len(suffix) < (2 if single else 1):
                continue
            if single and len(name) - 1 > 3:  # 乡/镇/村/山/湖/河: short place names only
                continue
            out.append(Span(start, end, label, name))
        return out

    def _persons(self, words: list[str], starts: list[int], text: str, kinds: dict[str, int], hits: list[int]) -> list[Span]:
        out = []
        for i in hits:
            t = words[i]
            if not kinds[t] & _PERSON_CUE:
                continue
            if t.endswith("摄") and len(t) in (3, 4) and t[0] in self.surnames:
                out.append(Span(starts[i], starts[i] + len(t) - 1, "PERSON", t[:-1]))  # 张恩鸿摄 as one token
                continue
            if t == "摄" and i > 0:
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
                if k >= len(words):
                    continue
                name = words[k]
                if len(name) == 1 and name in self.surnames and k + 1 < len(words) and len(words[k + 1]) <= 2:
                    name = name + words[k + 1]
                if 2 <= len(name) <= 3 and name[0] in self.surnames and _HAN.match(name) and name not in self.stop:
                    tag = self._tag(name)
                    if tag is None or tag.startswith("nr"):
                        out.append(Span(starts[k], starts[k] + len(name), "PERSON", name))
        return [s for s in out if text[s.start : s.end] == s.text]

    def _flatten(self, spans: list[Span], text: str) -> list[Span]:
        merged: list[Span] = []
        locs = {s.start: s for s in spans if s.label == "LOC"}
        for s in spans:
            if s.label == "GPE":  # GPE + government-body suffix → one ORG (海拉尔区第十三届人民代表大会)
                m = _BODY_AFTER_GPE.match(text, s.end)
                if m:
                    s = Span(s.start, m.end(), "ORG", text[s.start : m.end()])
                elif s.end in locs:  # 萍乡 + 武功山 → one LOC (the longest name wins)
                    s = Span(s.start, locs[s.end].end, "LOC", text[s.start : locs[s.end].end])
            if s.label == "ORG" and s.text.endswith(("大学", "学院")):  # 中国矿业大学(北京): the campus belongs to the name
                m = _PAREN_AFTER_ORG.match(text, s.end)
                if m:
                    s = Span(s.start, m.end(), "ORG", text[s.start : m.end()])
            merged.append(s)
        # longest wins, nothing nested (guide §3); on equal length LAW > ORG > GPE > LOC > PERSON
        return remove_overlaps(merged, priority=lambda s: _LABEL_PRIORITY[s.label])


# -- news furniture ----------------------------------------------------------------------------
# Datelines, bylines and credits (docs/annotation.md §6 News), from rules/news_furniture.tsv. Their
# spans carry the private attribute ``furniture`` (dateline, byline, source, outlet) so that the
# linker never takes them as a figure's or the article's subject; the pipeline drops it on output.

_SPACES = " \t\u3000\xa0\u2002\u2003\u2009\u202f"
_GAP = f"[{_SPACES}]*"  # spaces a dateline may hold between its parts (IT之家 8 月 16 日消息)
_ROLE_SEPARATORS = "：:丨|｜/／"  # after a role word: 责任编辑：X, 文/X, 监制丨X
_NAME_ENDS = frozenset(_SPACES + "、，,。；;：:）)】]」』|｜丨/／“”\"'‘’《》!！?？\r\n（(【[·•-—－")
_BOUNDARY_BEFORE = frozenset(_SPACES + "。！？!?；;，,、：:）)】]」』”\"（(【[\r\n")
_HAN_CHAR = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"^\p{Han}+$")
_OUTLET_CHARS = regex.compile(r"^[\p{Han}A-Za-z0-9·]+$")
_MONTH_DAY = rf"(?P<month>\d{{1,2}}){_GAP}月{_GAP}(?P<day>\d{{1,2}}){_GAP}日"
_YEAR_OPT = rf"(?:(?P<year>(?:19|20)\d\d){_GAP}年{_GAP})?"
# words that 电 / 讯 start after a date in running text (8月17日电视台…): not a dateline verb
_NOT_AFTER_VERB = "视影话力商器网子梯池动脑源竞车价费站缆线厂量气能信号息"
_AFTER_NAME = frozenset("的了在是和与及等说称对从向将也就都为把被让给跟同并而又还表")  # may follow a name
_HEAD = 300  # datelines are looked for in the article's first characters
_FIRST_LINES, _FIRST_CHARS = 3, 300  # where a publication date in the text may stand
_DATE_FULL = (
    rf"(?P<y>(?:19|20)\d\d){_GAP}(?:(?P<s>[-/.]){_GAP}(?P<m>\d{{1,2}}){_GAP}(?P=s){_GAP}(?P<d>\d{{1,2}})(?!\d)"
    rf"|年{_GAP}(?P<m2>\d{{1,2}}){_GAP}月{_GAP}(?P<d2>\d{{1,2}}){_GAP}日?)"
)
_BRACKET_ITEM = re.compile(f"[^{_SPACES}、，,]+")  # an item of a dateline's credit bracket
_TIME = rf"{_GAP}\d{{1,2}}[:：]\d\d"
_WEEKDAY = rf"{_GAP}(?:星期|周)[一二三四五六日天]"


def _longest_before(text: str, pos: int, words, max_len: int) -> str | None:
    """The longest word of the set ``words`` that ends at ``pos``."""
    for n in range(min(max_len, pos), 0, -1):
        if text[pos - n : pos] in words:
            return text[pos - n : pos]
    return None


def _calendar_date(y: int, m: int, d: int | None) -> bool:
    try:
        datetime.date(y, m, d or 1)
    except ValueError:
        return False
    return True


class NewsFurniture:
    """Datelines, bylines and credits of news articles (rules/news_furniture.tsv).

    ``spans(text, words, starts)`` gives the furniture's names: ORG for outlets (新华社, IT之家), GPE
    for dateline places, PERSON for the names of bylines and credits; ``datelines(text)`` the
    datelines with their dates; ``text_date(text)`` a full publication date written in the first
    lines (a dateline with a year, ``2023-08-16 10:32``, ``发布时间：2023-08-16``).

    Example:
        >>> from pxextract.rules import load_rules
        >>> f = NewsFurniture(load_rules())
        >>> [(s.text, s.label) for s in f.spans("新华社北京8月17日电（记者 王小军 陈文军）全市…")]
        [('新华社', 'ORG'), ('北京', 'GPE'), ('王小军', 'PERSON'), ('陈文军', 'PERSON')]
    """

    def __init__(self, rules: Rules, tags: dict[str, str] | None = None):
        w = rules.furniture
        self.enabled = bool(w)
        self.outlets = frozenset(w.get("outlet", ()))
        self.outlets_any = w.get("outlet_any", ())
        self.outlets_any_set = frozenset(self.outlets_any)
        self.locals = frozenset(w.get("local", ()))
        self.cites = w.get("cite", ())
        self.place_tails = w.get("place_tail", ())
        self.outlet_suffixes = w.get("outlet_suffix", ())
        self.long_suffixes = tuple(x for x in self.outlet_suffixes if len(x) >= 2)
        self.roles = w.get("role", ())
        self.role_seps = w.get("role_sep", ())
        self.after = w.get("credit_after", ())
        self.sources = w.get("source", ())
        self.credit_ends = w.get("credit_end", ())
        self.surnames = rules.surnames | frozenset(w.get("surname", ()))
        self.places = frozenset(e.name for e in rules.gazetteer if e.label == "GPE")
        self.known = {e.name: e.label for e in rules.gazetteer}
        self.tags = tags or {}
        self.outlet_set = self.outlets | self.locals
        self.outlets_longest = tuple(sorted(self.outlets, key=len, reverse=True))
        self.cite_set = frozenset(self.cites)
        self.tail_set = frozenset(self.place_tails)
        self.max_outlet = max(map(len, self.outlet_set), default=1)
        self.outlet_last = frozenset(o[-1] for o in self.outlet_set)
        self.not_names = rules.entity_stop | self.outlets | self.locals | frozenset(
            self.roles + self.role_seps + self.after + self.sources + self.credit_ends + w.get("verb", ())
        )
        verbs = "|".join(regex.escape(v) for v in w.get("verb", ()))
        labels = "|".join(regex.escape(x) for x in w.get("date_label", ()))
        credits = "|".join(regex.escape(x) for x in self.roles + self.sources)
        if not self.enabled:
            return
        # a dateline's date and verb: 8月17日电, 2023年8月16日讯, 8 月 16 日消息
        # (literal alternations run on the standard library's re, which scans them far faster)
        self.date_verb = re.compile(rf"(?<!\d){_YEAR_OPT}{_MONTH_DAY}{_GAP}(?P<verb>{verbs})(?![{_NOT_AFTER_VERB}])")
        self.day_verb = re.compile(rf"日{_GAP}(?:{verbs})")  # found first (a literal start), the date then looked for before it
        # a dateline without a date: 本报讯, 新京报讯, 央视网消息, 【环球网报道 (an outlet right before)
        self.undated_verb = re.compile(rf"(?P<verb>讯|消息|报道)(?![{_NOT_AFTER_VERB}])")
        # X月X日，记者从…获悉: the reporter's date, no outlet
        self.heard = re.compile(rf"(?<!\d){_MONTH_DAY}[^，。！？\n]{{0,8}}?[，,]?{_GAP}记者(?:从|在|获悉|了解到)")
        # a publication date in the first lines: labelled, stamped with a time, alone on its line,
        # or followed by a credit (2023-08-15 13:40:22 作者：…)
        stamps = [rf"(?<!\d){_DATE_FULL}(?:{_WEEKDAY})?(?={_TIME})"]  # 2023-08-16 10:32
        if labels:
            stamps.append(rf"(?:{labels})[：:]{_GAP}{_DATE_FULL}")  # 发布时间：2023-08-16
        if credits:
            stamps.append(rf"(?<!\d){_DATE_FULL}(?:{_WEEKDAY})?{_GAP}(?:{credits})")  # 2023年8月16日 来源：…
        self.stamps = [re.compile(s) for s in stamps]
        # a line that holds nothing but a date (and its weekday and time)
        self.date_line = re.compile(rf"[{_SPACES}]*{_DATE_FULL}(?:{_WEEKDAY})?(?:{_TIME}(?::\d\d)?)?[{_SPACES}]*")
        self.role_words = re.compile(
            "|".join(re.escape(r) for r in self.roles)
            + ("|(?:" + "|".join(re.escape(r) for r in self.role_seps) + f")(?=[{re.escape(_ROLE_SEPARATORS)}])" if self.role_seps else "")
        )
        # role_sep words count before a separator (文/, 图：): found from the separator
        self.role_sep_set = frozenset(self.role_seps)
        self.max_role_sep = max(map(len, self.role_seps), default=0)
        self.role_sep_last = frozenset(x[-1] for x in self.role_seps)
        # one scan of the article finds every role, credit and source word and every separator
        kinds_of: dict[str, list[str]] = {}
        for kind, ws in (("role", self.roles), ("after", self.after), ("source", self.sources)):
            for x in ws:
                kinds_of.setdefault(x, []).append(kind)
        self.word_kinds = {x: tuple(k) for x, k in kinds_of.items()}
        # (literals only: a character class in the alternation would cost re its fast literal scan)
        self.scan_words = re.compile("|".join(re.escape(x) for x in sorted(kinds_of, key=len, reverse=True) + list(_ROLE_SEPARATORS)))
        self.source_sep = re.compile(f"[{_SPACES}]*[：:丨|｜【]")
        self.after_words = re.compile("|".join(re.escape(a) for a in self.after))  # longest first
        self.end_words = re.compile("|".join(re.escape(x) for x in self.credit_ends + self.sources))
        self.credit_end_words = re.compile("|".join(re.escape(x) for x in self.credit_ends) or "(?!)")
        self.outlet_at = re.compile("|".join(re.escape(o) for o in self.outlets_longest))
        # the first character of anything a byline run may go on with (a quick test per position)
        self.run_chars = frozenset(x[0] for x in self.roles + self.role_seps + self.after) | frozenset(s[0] for s in self.surnames)

    # -- datelines ---------------------------------------------------------------------------
    def datelines(self, text: str) -> list[dict]:
        """Datelines in the article's first characters, in order: ``{"start", "end", "kind"
        (dateline | cited | heard), "year", "month", "day", "spans"}`` (year None when not written)."""
        if not self.enabled:
            return []
        head = text[:_HEAD]
        out: list[dict] = []
        dated = "月" in head
        for m in self._date_verbs(head) if dated else ():
            parsed = self._back(head, m.start())
            if parsed is None:
                continue
            start, kind, spans = parsed
            y = int(m.group("year")) if m.group("year") else None
            mo, d = int(m.group("month")), int(m.group("day"))
            if not _calendar_date(y or 2000, mo, d):
                continue
            out.append({"start": start, "end": m.end(), "kind": kind, "year": y, "month": mo, "day": d, "spans": spans})
        for m in self.undated_verb.finditer(head):
            k = m.start()
            while k > 0 and head[k - 1] in _SPACES:
                k -= 1
            o = self._outlet_before(head, k)
            if o is None or any(d["start"] <= m.start() < d["end"] for d in out):
                continue
            a = k - len(o)
            cited = _longest_before(head, a, self.cite_set, 2)
            spans = [] if o in self.locals else [Span(a, k, "ORG", o, {"furniture": "dateline"})]
            out.append({"start": a, "end": m.end(), "kind": "cited" if cited else "dateline",
                        "year": None, "month": None, "day": None, "spans": spans})
        for m in self.heard.finditer(head) if dated and "记者" in head else ():
            if not _calendar_date(2000, int(m.group("month")), int(m.group("day"))):
                continue
            out.append({"start": m.start(), "end": m.end(), "kind": "heard", "year": None,
                        "month": int(m.group("month")), "day": int(m.group("day")), "spans": []})
        return sorted(out, key=lambda d: d["start"])

    def _date_verbs(self, head: str):
        """``date_verb`` matches of ``head``, looked for only just before each 日 + verb."""
        done = 0
        for v in self.day_verb.finditer(head):
            m = self.date_verb.search(head, max(done, v.start() - 24), v.end() + 4)
            if m is not None and m.start() >= done:
                done = m.end()
                yield m

    def _outlet_before(self, text: str, k: int) -> str | None:
        if k <= 0 or text[k - 1] not in self.outlet_last:
            return None  # most positions: no outlet ends with this character
        return _longest_before(text, k, self.outlet_set, self.max_outlet)

    def _back(self, text: str, j: int) -> tuple[int, str, list[Span]] | None:
        """Outlet(s) and places that end where a dateline's date starts: (start, kind, spans), or
        None when no outlet stands there (新华社 + 北京 + 8月17日电, 中新网 + 广东 + 新闻 + 8月1日电)."""
        k = j
        while k > 0 and text[k - 1] in _SPACES:
            k -= 1
        places: list[tuple[int, int]] = []
        unknown = None  # a place missing from the gazetteer: skipped, but no span (half are not places)
        outlets: list[tuple[int, int]] = []
        while k > 0 and j - k <= 40:
            o = self._outlet_before(text, k)
            if o is not None:
                outlets.insert(0, (k - len(o), k))
                k -= len(o)
                if k > 1 and text[k - 1] in "-－—·" and self._outlet_before(text, k - 1):
                    k -= 1  # 四川新闻网-首屏新闻, 中青报·中青网
                continue
            if outlets:
                break
            tail = _longest_before(text, k, self.tail_set, 2)
            if tail and not places and _longest_before(text, k - len(tail), self.places, 8):
                k -= len(tail)  # 中新网广东新闻8月1日电: 新闻 is the channel
                continue
            p = _longest_before(text, k, self.places, 8)
            if p is not None:
                places.insert(0, (k - len(p), k))
                k -= len(p)
                continue
            if not places and unknown is None:  # 新华社 + 尼科西亚 + 8月1日电: skipped to find the outlet
                for n in range(6, 1, -1):
                    cand = text[k - n : k] if k >= n else ""
                    if _HAN_RUN.match(cand) and not self.role_words.search(cand) and self._outlet_before(text, k - n):
                        unknown = (k - n, k)
                        k -= n
                        break
                else:
                    break
                continue
            break
        if not outlets:
            generic = self._generic_outlet(text, places[0][0] if places else k) if unknown is None else None
            if generic is None:
                return None
            outlets = [generic]
        start = outlets[0][0]
        cited = _longest_before(text, start, self.cite_set, 2) is not None
        spans = [Span(a, b, "ORG", text[a:b], {"furniture": "dateline"}) for a, b in outlets if text[a:b] not in self.locals]
        spans += [Span(a, b, "GPE", text[a:b], {"furniture": "dateline"}) for a, b in places]
        return start, "cited" if cited else "dateline", spans

    def _generic_outlet(self, text: str, k: int) -> tuple[int, int] | None:
        """An outlet missing from the list: 2–12 characters from a clear boundary (the text's
        start, a space, 。】) to ``k``, ending in an outlet suffix (…网, …日报, …新闻)."""
        a = k
        while a > 0 and k - a < 12 and text[a - 1] not in _BOUNDARY_BEFORE:
            a -= 1
        if not (a == 0 or text[a - 1] in _BOUNDARY_BEFORE) or k - a < 2:
            return None
        name = text[a:k]
        if _OUTLET_CHARS.match(name) and name.endswith(self.outlet_suffixes) and (name in self.outlets or name not in self.not_names):
            return a, k
        return None

    # -- dates ---------------------------------------------------------------------------------
    def text_date(self, text: str, datelines: list[dict] | None = None) -> tuple[int, int, int] | None:
        """A full publication date written in the text: a dateline that names its year, or a
        date in the first lines that is labelled (发布时间：), stamped with a time
        (``2023-08-16 10:32``), alone on its line, or followed by a credit (… 作者：X).

        A date opening a sentence (2023年7月18日，英特尔宣布…) is an event's date, not taken."""
        if not self.enabled:
            return None
        for d in datelines if datelines is not None else self.datelines(text):
            if d["kind"] == "dateline" and d["year"] is not None:
                return d["year"], d["month"], d["day"]
        parts = text[:_FIRST_CHARS].split("\n")
        for n, line in enumerate(parts[:_FIRST_LINES]):
            found = []
            complete = n < len(parts) - 1 or len(text) <= _FIRST_CHARS  # not cut at _FIRST_CHARS
            m = self.date_line.fullmatch(line.rstrip("\r")) if complete else None
            if m is not None:
                found.append(m)
            found += [m for p in self.stamps if (m := p.search(line)) is not None]
            for m in sorted(found, key=lambda m: m.start()):
                y, mo, d = int(m.group("y")), int(m.group("m") or m.group("m2")), int(m.group("d") or m.group("d2"))
                if _calendar_date(y, mo, d):
                    return y, mo, d
        return None

    def month_day(self, datelines: list[dict]) -> tuple[int, int] | None:
        """The month and day of the article's own dateline (not a cited report's)."""
        for d in datelines:
            if d["kind"] != "cited" and d["month"] is not None:
                return d["month"], d["day"]
        return None

    # -- names -----------------------------------------------------------------------------------
    def scan(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Where the furniture's words stand, in one pass over the text: ``role`` (role words, and
        role_sep words before their separator), ``after`` (credit words), ``source`` (source words
        with their separator: the outlet starts at the range's end)."""
        out: dict[str, list[tuple[int, int]]] = {"role": [], "after": [], "source": []}
        if not self.enabled:
            return out
        kinds_of = self.word_kinds
        for m in self.scan_words.finditer(text):
            a, e = m.span()
            kinds = kinds_of.get(m.group())
            if kinds is None:  # a separator: after a role_sep word (文/, 图：)?
                w = _longest_before(text, a, self.role_sep_set, self.max_role_sep) if a and text[a - 1] in self.role_sep_last else None
                if w is not None:
                    out["role"].append((a - len(w), a))
                continue
            for kind in kinds:
                if kind == "source":
                    sep = self.source_sep.match(text, e)
                    if sep is not None:
                        out["source"].append((a, sep.end()))
                else:
                    out[kind].append((a, e))
        out["role"].sort()
        return out

    def spans(self, text: str, words: list[str] | None = None, starts: list[int] | None = None,
              datelines: list[dict] | None = None, found: dict | None = None) -> list[Span]:
        """Names of the furniture: dateline outlets and places, byline and credit persons, source
        outlets (flagged ``furniture``), longest first, nothing overlapping. ``words``/``starts``:
        the article's tokens and their offsets, when known; ``datelines`` and ``found`` (the
        :meth:`scan`) of ``text`` when already computed."""
        if not self.enabled:
            return []
        found = self.scan(text) if found is None else found
        datelines = self.datelines(text) if datelines is None else datelines
        if not (datelines or found["role"] or found["after"] or found["source"]):
            return []
        out: list[Span] = []
        for d in datelines:
            out.extend(d["spans"])
            if d["kind"] != "heard":
                out.extend(self._bracket_after(text, d["end"]))
        out.extend(self._role_runs(text, words, starts, found["role"]))
        out.extend(self._names_before_credit(text, found["after"]))
        out.extend(self._source_outlets(text, found["source"]))
        return remove_overlaps(out) if len(out) > 1 else out

    def _bracket_after(self, text: str, pos: int) -> list[Span]:
        """The credit in brackets right after a dateline: （记者 王小军 陈文军）, (巴特尔达拉 刘雨珊)."""
        i = pos
        while i < len(text) and text[i] in _SPACES:
            i += 1
        if i >= len(text) or text[i] not in "（(【":
            return []
        close = {"（": "）", "(": ")", "【": "】"}[text[i]]
        j = text.find(close, i + 1, i + 80)
        if j < 0 or "\n" in text[i:j]:
            return []
        out = []
        # items split by spaces and 、; an item is role words and/or one name
        for m in _BRACKET_ITEM.finditer(text[i + 1 : j]):
            a, item = i + 1 + m.start(), m.group()
            cut = 0
            for r in self.role_words.finditer(item):  # 记者周勉 → 周勉; 中青报·中青网记者 → nothing
                cut = r.end()
            a, item = a + cut, item[cut:]
            if item.startswith(tuple(_ROLE_SEPARATORS)):
                a, item = a + 1, item[1:]
            if item in self.outlets or (len(item) >= 3 and item.endswith(self.long_suffixes) and _OUTLET_CHARS.match(item)):
                out.append(Span(a, a + len(item), "ORG", item, {"furniture": "source"}))  # (沈阳日报、…记者 X)
            elif item and self._plausible(item, lenient=True, longest=5):
                out.append(Span(a, a + len(item), "PERSON", item, {"furniture": "byline"}))
        return out

    def _role_runs(self, text: str, words, starts, roles: list[tuple[int, int]]) -> list[Span]:
        """Names after role words: 记者 王小军 陈文军, 责任编辑：X, 文/X, 编辑 陈静 校对 陈荻雁.

        A role word counts where it starts a word: after a non-Han character, an outlet (本报记者,
        新京报记者) or, with the article's tokens, at a token start (not 作者 in 工作者, 文 in 黄博文/)."""
        out: list[Span] = []
        done = 0
        for a, end in roles:
            if a < done:
                continue
            if a > 0 and text[a - 1] not in _BOUNDARY_BEFORE and not text[a - 1].isascii():
                # after a Han character: a word start (token start; not for 文/, 图/) or after an outlet
                word_start = False
                if starts and text[a:end] not in self.role_sep_set:
                    k = bisect_right(starts, a) - 1
                    word_start = k >= 0 and starts[k] == a
                if not word_start and not self._outlet_before(text, a):
                    continue
            names, done = self._run(text, end, words, starts)
            out.extend(names)
        return out

    def _skip_sep(self, text: str, i: int) -> tuple[int, bool]:
        """Spaces and one separator after a role word; True when there was any."""
        j = i
        while j < len(text) and text[j] in _SPACES:
            j += 1
        if j < len(text) and text[j] in _ROLE_SEPARATORS:
            j += 1
            while j < len(text) and text[j] in _SPACES:
                j += 1
        return j, j > i

    def _run(self, text: str, i: int, words, starts) -> tuple[list[Span], int]:
        """The names of a byline run from ``i`` (right after a role word), and where it ends."""
        out: list[Span] = []
        i, lenient = self._skip_sep(text, i)
        limit = min(len(text), i + 80)
        while i < limit:
            if not lenient and text[i] not in self.run_chars:
                break  # no role, credit word or surname: the run is over
            r = self.role_words.match(text, i)
            if r is not None:
                i, lenient = self._skip_sep(text, r.end())
                continue
            a = self.after_words.match(text, i)
            if a is not None and self._name_end(text, a.end(), words_only=False):
                i = a.end()
                lenient = False
                continue
            end = self._name_at(text, i, lenient)
            fallback = end is None
            if fallback:
                end = self._token_name(text, i, words, starts)
            if end is None:
                break
            out.append(Span(i, end, "PERSON", text[i:end], {"furniture": "byline"}))
            i = end
            if fallback:
                break
            j = i
            while j < limit and (text[j] in _SPACES or text[j] == "、"):
                j += 1
            if j == i and self.role_words.match(text, i) is None and self.after_words.match(text, i) is None:
                break
            i, lenient = j, False
        return out, i

    def _name_end(self, text: str, i: int, words_only: bool = False) -> bool:
        """Does a name end before position ``i``: the text's end, a delimiter, a digit (林珏瑶7月29日),
        or a role or credit word (编辑 王琼流程编辑…, 李昌乾摄 )?"""
        if i >= len(text):
            return True
        ch = text[i]
        if ch in _NAME_ENDS or ch.isdigit():
            return True
        if self.role_words.match(text, i) is not None or self.end_words.match(text, i) is not None:
            return True
        a = self.after_words.match(text, i)
        return a is not None and not words_only and self._name_end(text, a.end(), words_only=True)

    def _name_at(self, text: str, i: int, lenient: bool) -> int | None:
        """End of a 2–4 character name at ``i`` that a delimiter ends (the shortest such); or of a
        name written with a space (林 君)."""
        for n in (2, 3, 4):
            s = text[i : i + n]
            if len(s) < n or not _HAN_CHAR.match(s[-1]):
                break
            if n == 4 and s[:2] not in self.surnames:
                # four characters after a one-character surname: a name only before a delimiter,
                # and not one that ends in a word (田思近日，)
                if not (i + 4 == len(text) or text[i + 4] in _NAME_ENDS) or s[2:] in self.tags:
                    break
            if self._name_end(text, i + n) and self._plausible(s, lenient):
                return i + n
        s = text[i : i + 3]
        if (len(s) == 3 and s[1] in " \u3000\xa0" and _HAN_CHAR.match(s[0]) and _HAN_CHAR.match(s[2])
                and s[0] in self.surnames and self._name_end(text, i + 3)):
            return i + 3
        return None

    def _token_name(self, text: str, i: int, words, starts) -> int | None:
        """A name that no delimiter ends (记者李明了解到): the jieba token(s) at ``i`` when they
        are a surname and a given name, neither a dictionary word of another kind."""
        if not words or not starts:
            return None
        k = bisect_right(starts, i) - 1
        if k < 0 or starts[k] != i:
            return None
        t0 = words[k]
        name = None
        if 2 <= len(t0) <= 3 and self._plausible(t0, lenient=False):
            name, k = t0, k + 1
        elif len(t0) == 1 and t0 in self.surnames and k + 1 < len(words):
            t1 = words[k + 1]
            tag = self.tags.get(t1)
            if 1 <= len(t1) <= 2 and _HAN_RUN.match(t1) and (tag is None or tag.startswith("nr")) and t1 not in self.not_names:
                name, k = t0 + t1, k + 2
        if name is None:
            return None
        nxt = words[k] if k < len(words) else ""
        if len(nxt) == 1 and _HAN_CHAR.match(nxt) and nxt not in _AFTER_NAME:
            return None  # 姚凯 + 红 …: the name goes on
        return i + len(name)

    def _plausible(self, s: str, lenient: bool, longest: int = 4) -> bool:
        """Is ``s`` a person's name in a credit? 2–``longest`` Han characters (·-joined parts in
        brackets), not a role, outlet, stop word or known place; a known surname first unless
        ``lenient`` (right after a role word and its separator: 审校/小北)."""
        if not 2 <= len(s) <= (longest + 2 if "·" in s else longest):
            return False
        if not _HAN_RUN.match(s.replace("·", "")) or s.startswith("·") or s.endswith("·") or s in self.not_names:
            return False
        if len(s) >= 3 and s.endswith(self.long_suffixes):
            return False  # 沈阳日报: an outlet
        if self.known.get(s) not in (None, "PERSON"):
            return False
        tag = self.tags.get(s)
        if tag is not None and not tag.startswith("nr"):
            return False
        if s[0] in self.surnames or s[:2] in self.surnames:
            return True
        if not lenient:
            return False
        head = self.tags.get(s[:2])
        return head is None or head.startswith("nr")

    def _names_before_credit(self, text: str, afters: list[tuple[int, int]]) -> list[Span]:
        """Caption credits: 李昌乾摄, （谢尚誓 摄）, 易伟刚摄 at a line's end."""
        out = []
        for q, e in afters:
            if not self._name_end(text, e, words_only=True):
                continue
            while q > 0 and text[q - 1] in " \u3000\xa0":
                q -= 1
            for n in (3, 2, 4):
                s = text[q - n : q] if q >= n else ""
                if s and _HAN_RUN.match(s) and (q - n == 0 or text[q - n - 1] in _BOUNDARY_BEFORE or text[q - n - 1] in "“”")\
                        and self._plausible(s, lenient=False):
                    out.append(Span(q - n, q, "PERSON", s, {"furniture": "byline"}))
                    break
            else:
                s = text[q - 3 : q] if q >= 3 else ""
                if (len(s) == 3 and s[1] in " \u3000\xa0" and s[0] in self.surnames and _HAN_CHAR.match(s[2])
                        and (q - 3 == 0 or text[q - 4] in _BOUNDARY_BEFORE)):
                    out.append(Span(q - 3, q, "PERSON", s, {"furniture": "byline"}))  # 林 君摄
        return out

    def _source_outlets(self, text: str, sources: list[tuple[int, int]]) -> list[Span]:
        """The outlet after 来源：/ 本文转自【…】 when it is a name (a listed outlet, or a name ending
        in an outlet suffix that a delimiter ends)."""
        out = []
        for _, i in sources:
            while i < len(text) and text[i] in _SPACES:
                i += 1
            known = self.outlet_at.match(text, i)
            known = known.group() if known else None
            if known is not None:
                out.append(Span(i, i + len(known), "ORG", known, {"furniture": "source"}))
                continue
            j = i
            while j < len(text) and j - i < 12 and not (text[j] in _NAME_ENDS or self.credit_end_words.match(text, j)):
                j += 1
            name = text[i:j]
            if (2 <= len(name) <= 12 and _OUTLET_CHARS.match(name) and name.endswith(self.outlet_suffixes)
                    and (j >= len(text) or text[j] in _NAME_ENDS or self.credit_end_words.match(text, j))):
                out.append(Span(i, j, "ORG", name, {"furniture": "source"}))
        return out
