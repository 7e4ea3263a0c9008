"""Named entities: PERSON, GPE, LOC, ORG, LAW from gazetteers, suffix grammars and cues.

* gazetteer names (``rules/gazetteers/*.tsv``) are jieba words of the private segmenter and
  are found with a spaCy ``PhraseMatcher`` over tokens;
* unknown names are found by suffix grammar over tokens: a run of name-like tokens ending in
  an ORG/GPE/LOC suffix (甘源食品 + 股份有限公司, 畲下 + 村), led by no generic word;
* a GPE directly followed by a government-body suffix is one ORG (海拉尔区 + 人民政府);
* persons from cues: a title before the name (总理 李强), 摄 after a caption's name;
* LAW is the inside of 《…》 when the title ends in a document word (规划, 方案, 条例…).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("甘源食品股份有限公司在萍乡市投资。张恩鸿摄")
    >>> [(s["text"], s["label"]) for s in rec["spans"]]
    [('甘源食品股份有限公司', 'ORG'), ('萍乡市', 'GPE'), ('张恩鸿', 'PERSON')]
"""

from __future__ import annotations

import regex
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..rules import Rules
from ..spans import Span

_NAME_TOKEN = regex.compile(r"^[\p{Han}A-Za-z0-9·（）()]+$")
_HAN = regex.compile(r"^\p{Han}+$")
_LAW = regex.compile(r"《([^《》\n]{2,80})》")
_MAX_NAME_TOKENS = 4
_MAX_NAME_CHARS = 16


class EntityFinder:
    """Finds names in a Doc built by the pxextract tokenizer (token texts are raw slices)."""

    def __init__(self, nlp, rules: Rules):
        self.rules = rules
        self.labels = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_label: dict[str, list[str]] = {}
        for e in rules.gazetteer:
            by_label.setdefault(e.label, []).append(e.name)
        for label, names in by_label.items():
            self.matcher.add(label, [nlp.make_doc(n) for n in names])
        suf = rules.entity_suffixes
        self.suffixes = [(s, label) for label in ("ORG", "GPE", "LOC") for s in suf.get(label, ())]
        self.suffixes.sort(key=lambda x: -len(x[0]))
        self.org_after_gpe = tuple(s for s in suf.get("ORG", ()) if s in ("人民政府", "人民代表大会", "人大常委会", "委员会", "统计局", "调查队", "海关")) + (
            "政府",
            "市委",
            "县委",
            "区委",
            "省委",
        )
        self.law_suffixes = suf.get("LAW", ())
        self.gazetteer_only = frozenset(("省", "市", "县", "区", "旗"))
        self.person_cues = tuple(s for s in suf.get("PERSON", ()) if s not in ("摄", "摄影"))
        self.stop = rules.entity_stop
        self.surnames = rules.surnames
        self.gazetteer_names = {e.name: e.label for e in rules.gazetteer}

    def __call__(self, doc: Doc) -> list[Span]:
        text = doc.text
        found: list[Span] = []
        # 1. gazetteer
        for match_id, s, e in self.matcher(doc):
            span = doc[s:e]
            found.append(Span(span.start_char, span.end_char, doc.vocab.strings[match_id], span.text))
        # 2. suffix grammar
        found.extend(self._suffix_names(doc))
        # 3. LAW
        for m in _LAW.finditer(text):
            inner = m.group(1)
            if inner.endswith(self.law_suffixes) or "法" in inner[-3:]:
                found.append(Span(m.start(1), m.end(1), "LAW", inner))
        # 4. PERSON by cue
        found.extend(self._persons(doc))
        return self._flatten(found, text)

    def _suffix_names(self, doc: Doc) -> list[Span]:
        out = []
        toks = list(doc)
        for i, tok in enumerate(toks):
            t = tok.text
            if t in self.stop or not _HAN.match(t):
                continue
            hit = next(((s, lab) for s, lab in self.suffixes if t.endswith(s)), None)
            if hit is None:
                continue
            suffix, label = hit
            # walk left over name-like tokens
            j = i
            while (
                j > 0
                and i - j < _MAX_NAME_TOKENS
                and _NAME_TOKEN.match(toks[j - 1].text)
                and toks[j - 1].text not in self.stop
                and not any(ch in toks[j - 1].text for ch in "的了和与及在是为")
                and tok.idx + len(t) - toks[j - 1].idx <= _MAX_NAME_CHARS
            ):
                j -= 1
            start = toks[j].idx
            end = tok.idx + len(t)
            name = doc.text[start:end]
            if name == suffix or len(name) - len(suffix) < (2 if len(suffix) == 1 else 1):
                continue
            if name in self.stop:
                continue
            # county and higher levels come from the gazetteer; the grammar adds only townships,
            # villages, streets and communities with a short name (畲下村, 东源乡, 凤凰街道)
            if label == "GPE" and suffix in self.gazetteer_only:
                continue
            if label == "GPE" and len(name) - len(suffix) > 3:
                continue
            out.append(Span(start, end, label, name))
        # GPE + government-body suffix → one ORG (海拉尔区人民政府, 萍乡市委)
        return out

    def _persons(self, doc: Doc) -> list[Span]:
        out = []
        text = doc.text
        toks = list(doc)
        for i, tok in enumerate(toks):
            t = tok.text
            if t.endswith("摄") and len(t) in (3, 4) and t[0] in self.surnames:
                # a caption credit: 张恩鸿摄 (one token)
                out.append(Span(tok.idx, tok.idx + len(t) - 1, "PERSON", t[:-1]))
                continue
            if t == "摄" and i > 0:
                prev = toks[i - 1]
                if len(prev.text) in (2, 3) and prev.text[0] in self.surnames and _HAN.match(prev.text):
                    out.append(Span(prev.idx, prev.idx + len(prev.text), "PERSON", prev.text))
                continue
            if t in self.person_cues:
                # the name follows the title, after optional spaces: 区长　　张天喜, 国务院总理 李强
                k = i + 1
                while k < len(toks) and not toks[k].text.strip():
                    k += 1
                if k >= len(toks):
                    continue
                name = toks[k].text
                if name in self.surnames and k + 1 < len(toks) and len(toks[k + 1].text) <= 2:
                    name = name + toks[k + 1].text
                if 2 <= len(name) <= 3 and name[0] in self.surnames and _HAN.match(name) and name not in self.stop:
                    out.append(Span(toks[k].idx, toks[k].idx + len(name), "PERSON", name))
        return [s for s in out if text[s.start : s.end] == s.text]

    def _flatten(self, spans: list[Span], text: str) -> list[Span]:
        # merge GPE + body suffix into ORG
        by_start = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
        merged: list[Span] = []
        for s in by_start:
            if s.label == "GPE":
                for suf in self.org_after_gpe:
                    if text.startswith(suf, s.end):
                        s = Span(s.start, s.end + len(suf), "ORG", text[s.start : s.end + len(suf)])
                        break
            merged.append(s)
        # longest wins, nothing nested (guide §3); on equal length LAW > ORG > GPE > LOC > PERSON
        prio = {"LAW": 0, "ORG": 1, "GPE": 2, "LOC": 3, "PERSON": 4}
        out: list[Span] = []
        for s in sorted(merged, key=lambda s: (-(s.end - s.start), prio[s.label], s.start)):
            if any(s.start < o.end and o.start < s.end for o in out):
                continue
            out.append(s)
        return sorted(out, key=lambda s: s.start)
