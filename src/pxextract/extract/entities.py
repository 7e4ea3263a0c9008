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

from bisect import bisect_right

import regex
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..rules import Rules, RulesError
from ..segment import tokens
from ..spans import Span, remove_overlaps

_NAME_TOKEN = regex.compile(r"^[\p{Han}A-Za-z][\p{Han}A-Za-z·]*$")
_HAN = regex.compile(r"^\p{Han}+$")
_LAW = regex.compile(r"《([^《》\n]{2,80})》")
_TRAILING_PAREN = regex.compile(r"[（(][^（）()]{1,12}[）)]$")
_MAX_NAME_TOKENS = 4
_MAX_NAME_CHARS = 18
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
_LABEL_PRIORITY = {"LAW": 0, "ORG": 1, "GPE": 2, "LOC": 3, "PERSON": 4}
_PLACE_END = frozenset("山河湖江海岭峰岛湾市县区省州镇乡村")
_GENERIC_PREFIX = frozenset(("市", "省", "县", "区", "镇", "乡", "本", "该", "全"))


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
            self.ruler_trigger = None if None in anchors else regex.compile("|".join(regex.escape(a) for a in set(anchors)))
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

    def __call__(self, doc: Doc, text: str | None = None) -> list[Span]:
        text = doc.text if text is None else text
        toks = tokens(doc)
        found: list[Span] = []
        for match_id, s, e in self.matcher(doc):
            span = doc[s:e]
            found.append(Span(span.start_char, span.end_char, doc.vocab.strings[match_id], span.text))
        if self.ruler is not None and (self.ruler_trigger is None or self.ruler_trigger.search(text)):
            for span in self.ruler.match(doc):
                found.append(Span(span.start_char, span.end_char, span.label_, text[span.start_char : span.end_char]))
        found.extend(self._split_names(toks))
        found.extend(self._dictionary_names(toks))
        found.extend(self._suffix_names(toks, text))
        for m in _LAW.finditer(text):
            inner = _TRAILING_PAREN.sub("", m.group(1))
            if inner.endswith(self.law_suffixes) or inner.endswith("法"):
                found.append(Span(m.start(1), m.end(1), "LAW", m.group(1)))
        found.extend(self._persons(toks, text))
        found.extend(self._listed_companies(toks, text))
        return self._flatten(found, text)

    def _listed_companies(self, toks, text: str) -> list[Span]:
        """Items of a list closed by 等…企业 / 公司 / 项目 are companies (山东寿光、赣州铭宸等企业).

        An item counts only if it holds a proper-name token (not 污水处理厂、自来水厂等项目).
        """
        out = []
        by_start = {t[1]: i for i, t in enumerate(toks)}
        for m in _COMPANY_LIST.finditer(text):
            pos = m.start()
            for item in m.group("items").split("、"):
                start, end = pos, pos + len(item)
                pos = end + 1
                if not 2 <= len(item) <= 10 or item in self.stop or self.known.get(item) in ("LOC", "PERSON"):
                    continue
                i = by_start.get(start)
                if i is None:
                    continue
                words = []
                while i < len(toks) and toks[i][1] < end:
                    words.append(toks[i])
                    i += 1
                if not words or words[-1][1] + len(words[-1][0]) != end:
                    continue
                while words and not self._proper(words[0][0]):  # 引进 / 助力 before the first name
                    words.pop(0)
                if words and all(self._name_part(w[0]) for w in words) and len(words[0][0]) + end - words[0][1] >= 2:
                    out.append(Span(words[0][1], end, "ORG", text[words[0][1] : end]))
        return out

    # -- candidates ---------------------------------------------------------------------
    def _tag(self, word: str) -> str | None:
        return self.tags.get(word)

    def _split_names(self, toks) -> list[Span]:
        """A gazetteer place that jieba cut across tokens: 武功 + 山脚下 → 武功山 (LOC).

        Only names of three or more characters ending in a place character are taken, and only
        when they start at a token boundary, so 大同 in 拉大/同一 is never found.
        """
        out = []
        for i, (t, start) in enumerate(toks):
            # a place at the head of a longer dictionary word: 台湾同胞 → 台湾
            if len(t) >= 4 and t not in self.known:
                for k in (3, 2):
                    if self.known.get(t[:k]) in ("GPE", "LOC") and len(t) - k >= 2 and t[k:] in self.tags:
                        out.append(Span(start, start + k, self.known[t[:k]], t[:k]))
                        break
        for i in range(len(toks) - 1):
            t, nxt = toks[i][0], toks[i + 1][0]
            if len(nxt) < 2 or (nxt[0] not in _PLACE_END and nxt[1] not in _PLACE_END):
                continue
            for k in (1, 2):
                if len(nxt) <= k:
                    break
                cand = t + nxt[:k]
                if len(cand) >= 3 and cand[-1] in _PLACE_END and self.known.get(cand) in ("GPE", "LOC"):
                    out.append(Span(toks[i][1], toks[i][1] + len(cand), self.known[cand], cand))
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

    def _dictionary_names(self, toks) -> list[Span]:
        cands = self.dictionary_names
        return [Span(tok[1], tok[1] + len(tok[0]), cands[tok[0]], tok[0]) for tok in toks if tok[0] in cands]

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

    def _suffix_names(self, toks, text: str) -> list[Span]:
        """Names ending in a suffix (…股份有限公司, …村, …工业园), the suffix possibly spanning tokens."""
        out = []
        starts = [t[1] for t in toks]
        for i, tok in enumerate(toks):
            t = tok[0]
            cands = self.suffix_by_last.get(t[-1])
            if cands is None or t in self.known or not _HAN.match(t):
                continue
            end = tok[1] + len(t)
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
            head = text[toks[k][1] : q]  # that token's part before the suffix (中小学 → 中)
            if head and head in self.stop:
                continue
            single = len(suffix) == 1
            gpe = label == "GPE"
            low_unit = gpe and (single or suffix in ("街道", "社区"))
            parts = [head] if head else []
            j = k
            if not (head and (self._is_org(head + suffix) or head in self.known)):
                while j > 0 and k - j < (1 if single else _MAX_NAME_TOKENS):
                    prev = toks[j - 1][0]
                    if not self._name_part(prev) or end - toks[j - 1][1] > _MAX_NAME_CHARS:
                        break
                    if low_unit and prev.endswith(("省", "市", "县", "区", "镇", "乡", "村", "街道", "社区")):
                        break  # 安源区 / 凤凰街道 / 凤池社区 are separate names
                    j -= 1
                    parts.insert(0, prev)
                    if prev in self.known and not low_unit:
                        # a known place starts the name, unless an organisation or place precedes it
                        # (国家统计局 + 洛阳 + 调查队, 萍乡 + 武功山 + 景区)
                        if j > 0 and (self._is_org(toks[j - 1][0]) or toks[j - 1][0] in self.known):
                            j -= 1
                            parts.insert(0, toks[j][0])
                        break
            while len(parts) > 1 and self._tag(parts[0]) in ("vn", "v"):
                parts.pop(0)  # a name does not start with a verb (培训 in …红色培训联合体 stays inside)
                j += 1
            if not parts:
                continue
            proper = any(self._proper(p) for p in parts)
            if not proper and not (single and gpe and len(parts) == 1 and len(parts[0]) == 2):
                continue  # 桥头村 / 东源乡: a two-character village name of common nouns is allowed
            if label != "GPE" and j > 0 and toks[j - 1][0] in _GENERIC_PREFIX:
                continue  # 市投发集团, 省博物馆: a body of "the city", not a name
            start = toks[j][1]
            name = text[start:end]
            if name in self.stop or len(name) - len(suffix) < (2 if single else 1):
                continue
            if single and len(name) - 1 > 3:  # 乡/镇/村/山/湖/河: short place names only
                continue
            out.append(Span(start, end, label, name))
        return out

    def _persons(self, toks, text: str) -> list[Span]:
        out = []
        cues = self.person_cue_set
        for i, tok in enumerate(toks):
            t = tok[0]
            if t[-1] != "摄" and t not in cues:
                continue
            if t.endswith("摄") and len(t) in (3, 4) and t[0] in self.surnames:
                out.append(Span(tok[1], tok[1] + len(t) - 1, "PERSON", t[:-1]))  # 张恩鸿摄 as one token
                continue
            if t == "摄" and i > 0:
                # a caption credit: the 2–3 characters before 摄 (one or two tokens: 李 + 桂东)
                k = i - 1
                name = toks[k][0]
                if len(name) == 1 and k > 0 and toks[k - 1][0] in self.surnames:
                    k -= 1
                    name = toks[k][0] + name
                elif len(name) == 2 and k > 0 and toks[k - 1][0] in self.surnames and (k < 2 or not _HAN.match(toks[k - 2][0])):
                    k -= 1
                    name = toks[k][0] + name
                if 2 <= len(name) <= 3 and name[0] in self.surnames and _HAN.match(name):
                    out.append(Span(toks[k][1], toks[k][1] + len(name), "PERSON", name))
                continue
            if t in self.person_cues:
                # the name follows the title, after optional spaces: 区长　　张天喜, 国务院总理 李强
                k = i + 1
                while k < len(toks) and not toks[k][0].strip():
                    k += 1
                if k >= len(toks):
                    continue
                name = toks[k][0]
                if len(name) == 1 and name in self.surnames and k + 1 < len(toks) and len(toks[k + 1][0]) <= 2:
                    name = name + toks[k + 1][0]
                if 2 <= len(name) <= 3 and name[0] in self.surnames and _HAN.match(name) and name not in self.stop:
                    tag = self._tag(name)
                    if tag is None or tag.startswith("nr"):
                        out.append(Span(toks[k][1], toks[k][1] + len(name), "PERSON", name))
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
