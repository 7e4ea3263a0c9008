"""Companies written with Latin letters or digits (issue #13 recall, h313): rules/brands.tsv ``latin_industry``,
``caps_verb``, ``caps_cue`` and ``caps_stop``.

* a head of capital letters and digits (two to eight, one letter at least: T3, TCL, SM, IDG, LG) glued (or one space
  apart) to a ``latin_industry`` word is an ORG (T3出行, TCL电子, SM娱乐, LG 新能源), unless the head is a ``caps_stop``
  acronym (5G科技, AI智能, STEM科技), a letter and two digits or more (G60科技, X70: a road, a model) or goes on from
  Latin letters or digits before it (X70 PLUS 汽车: a model's trim);
* an all-caps Latin name (three to twelve letters, or two such words: PGY TECH) is an ORG when it starts a clause
  before a ``caps_verb`` (PGYTECH发布, 。RMC表示) or stands before a ``caps_cue`` word twice in the article (SKG 品牌 …
  SKG品牌), unless a ``caps_stop`` acronym (GDP, CPI, NBA);
* once so shown, every mention of the name in the article is one (as brands: pxextract.extract.brands); names found
  by other rules win, but a whole takes an ORG that is its head alone (TCL + 电子).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("T3出行宣布完成融资。用户可在T3出行打车，5G科技园开园。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] == "ORG"]
    [('T3出行', 'ORG'), ('T3出行', 'ORG')]
"""

from __future__ import annotations

import regex

from ..brand_words import BrandWords
from ..spans import Span
from .latin_persons import _alt

_CLAUSE_START = "。，,；;：:！？!?“”\"「」『』（(【\n"  # what may stand before a clause's subject


class LatinCompanies:
    """``names(names, text)``: the sorted, flat ``names`` with the companies of the module docstring added."""

    def __init__(self, w: BrandWords):
        self.stop = frozenset(w.caps_stop) | frozenset(w.latin_not_org)
        self.glued = regex.compile(rf"(?<![A-Za-z0-9.\-_/])(?<![A-Za-z0-9][ \u00a0])(?P<head>[A-Z0-9]*[A-Z][A-Z0-9]*) ?(?:{_alt(w.latin_industry)})")
        self.caps = regex.compile(r"(?<![A-Za-z0-9.\-_/&])[A-Z]{2,12}(?: [A-Z]{2,8})?(?![A-Za-z0-9.\-_/&])")
        self.verb = regex.compile(rf" ?(?:{_alt(w.caps_verb)})")
        self.cue = regex.compile(rf" ?(?:{_alt(w.caps_cue)})")

    def _head_ok(self, head: str) -> bool:
        return 2 <= len(head) <= 8 and head not in self.stop and not regex.fullmatch(r"[A-Z]\d{2,}", head) and not head.isdigit()

    def _shown(self, text: str) -> set[str]:
        """The names the text shows as companies (module docstring)."""
        shown = {m.group() for m in self.glued.finditer(text) if self._head_ok(m.group("head"))}
        cued: dict[str, int] = {}
        for m in self.caps.finditer(text):
            name = m.group()
            if len(name.replace(" ", "")) < 3 or name in self.stop or name.split(" ")[0] in self.stop:
                continue
            a = m.start()
            before = text[a - 1] if a else "\n"
            if before == " " and a >= 2:
                before = text[a - 2]
            if before in _CLAUSE_START and self.verb.match(text, m.end()):
                shown.add(name)
            elif self.cue.match(text, m.end()) or self.verb.match(text, m.end()):
                cued[name] = cued.get(name, 0) + 1
        return shown | {n for n, k in cued.items() if k >= 2 and self.cue_seen(text, n)}

    def cue_seen(self, text: str, name: str) -> bool:
        """Does ``name`` stand before a ``caps_cue`` word at least twice in ``text``?"""
        return sum(1 for m in regex.finditer(rf"(?<![A-Za-z0-9]){regex.escape(name)}(?![A-Za-z0-9])", text) if self.cue.match(text, m.end())) >= 2

    def names(self, names: list[Span], text: str) -> list[Span]:
        if not regex.search(r"[A-Z]", text):
            return names
        shown = self._shown(text)
        if not shown:
            return names
        new, drop = [], set()
        for name in sorted(shown, key=len, reverse=True):
            end = r"(?![A-Za-z0-9_/&])" if name[-1].isascii() else ""  # TCL电子2023: a Han end needs no edge
            for m in regex.finditer(rf"(?<![A-Za-z0-9.\-_/&]){regex.escape(name)}{end}", text):
                a, b = m.span()
                if any(s.start < b and a < s.end for s in new):
                    continue
                inside = [s for s in names if s.start < b and a < s.end]
                if all(s.label == "ORG" and a <= s.start and s.end <= b and s.end - s.start < b - a and text[a:b].startswith(s.text) for s in inside):
                    drop.update(id(s) for s in inside)  # TCL + 电子: the whole takes its head
                    new.append(Span(a, b, "ORG", text[a:b]))
        if not new:
            return names
        return sorted([s for s in names if id(s) not in drop] + new, key=lambda s: s.start)
