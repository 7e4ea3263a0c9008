"""Canonical metrics: a written metric → cleaned written metric, ``metric_id`` and change relation.

Data: ``rules/metrics.tsv`` (the indicators) and ``rules/metric_cleaning.tsv`` (footnotes, debris,
cue words, change words); see docs/canonical.md.

>>> from pxextract.resolve import Resolver
>>> m = Resolver().metrics
>>> m.resolve("地区生产总值增长")
MetricResult(metric='地区生产总值', metric_id='gdp', change='up')
>>> m.resolve("生产总值②")
MetricResult(metric='生产总值', metric_id='gdp', change=None)
>>> m.resolve("人均地区生产总值").metric_id
'gdp_per_capita'
>>> m.resolve("增长")
MetricResult(metric='', metric_id=None, change='up')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

from pxextract.rules import RulesError

from . import loader

FAMILIES = ("money", "percent", "quantity", "count", "index", "ratio")
CLEAN_KINDS = ("footnote", "debris", "lead", "cue", "change", "change_lead", "base", "none", "scope", "noid")
CHANGES = ("up", "down")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# the Han blocks as a regex character-class range (syntax, not language data: it stays in code)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# whitespace next to a Han character or full-width punctuation is layout debris (全 年 完 成);
# a space between two ASCII words is kept
_SPACE_RE = re.compile(rf"\s+(?=[{_CJK}\uff00-\uffef\u3000-\u303f])|(?<=[{_CJK}\uff00-\uffef\u3000-\u303f])\s+")


class MetricResult(NamedTuple):
    metric: str  # the cleaned written metric ("" when the clause names none)
    metric_id: str | None  # a rules/metrics.tsv id, or None
    change: str | None  # "up" | "down" | None


@dataclass(frozen=True)
class Metric:
    id: str
    zh: str
    en: str
    family: str
    aliases: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


class MetricResolver:
    """Cleaning and identification of written metrics; immutable once built, one bounded cache."""

    def __init__(self, rules_dir: Path, cache_size: int = 65536, is_place: Callable[[str], bool] | None = None,
                 place_can_start: Callable[[str], bool] | None = None):
        """``is_place``: whether a string is a place name; when given, a place written before an
        alias is allowed (江西省地区生产总值 → gdp); without it only aliases and patterns count.
        ``place_can_start``: False when no prefix of a string can be a place
        (:meth:`PlaceResolver.may_start`); its prefixes are then not asked of ``is_place``."""
        self.metrics, self.alias = _load_metrics(rules_dir)
        self.is_place = is_place
        self.place_can_start = place_can_start  # False: no prefix of the string is a place (then none is tried)
        self._patterns = [(m.id, p) for m in self.metrics.values() for p in m.patterns]
        c = _load_cleaning(rules_dir)
        self._footnote = [re.compile(x) for x in c["footnote"]]
        self._debris = [re.compile(x) for x in c["debris"]]
        self._lead = _longest_first(c["lead"])
        self._cue = _longest_first(c["cue"])
        self._change = sorted(c["change"].items(), key=lambda kv: -len(kv[0]))
        self._change_lead = _longest_first(c["change_lead"])
        self._base = [re.compile(rf"(?:{x})$") for x in c["base"]]
        self._none = frozenset(c["none"])
        self._scope = _longest_first(c["scope"])
        self._noid = tuple(c["noid"])
        # the same words as tuples: one C-level endswith/startswith says whether a loop can match
        self._scope_lead = self._scope + self._lead
        self._any_lead, self._any_cue, self._any_scope_lead = tuple(self._lead), tuple(self._cue), tuple(self._scope_lead)
        self._any_change, self._any_change_lead = tuple(w for w, _ in self._change), tuple(self._change_lead)
        self.resolve = lru_cache(maxsize=cache_size)(self._resolve)  # per object, bounded
        self.tidy = lru_cache(maxsize=cache_size)(self._tidy)  # every stored metric passes here
        self._keys = lru_cache(maxsize=cache_size)(self._scope_keys)  # identify asks for the same keys again and again

    def family(self, metric_id: str) -> str | None:
        """The unit family of an indicator: ``family("gdp")`` → ``"money"``."""
        m = self.metrics.get(metric_id)
        return m.family if m else None

    def _tidy(self, written: str) -> str:
        """The written metric without footnote markers, layout debris and trailing cue words,
        its change word and everything else kept (what the fact database stores as ``metric``):
        ``"生产总值②增长"`` → ``"生产总值增长"``, ``"赤字率拟按"`` → ``"赤字率"``."""
        s = written or ""
        for rx in self._footnote:
            s = rx.sub("", s)
        s = _SPACE_RE.sub("", s.strip())
        changed = True
        while changed and s:
            changed = False
            for rx in self._debris:
                t = rx.sub(r"\1" if rx.groups else "", s)
                if t != s:
                    s, changed = t, True
            for w in self._cue if s.endswith(self._any_cue) else ():
                if s.endswith(w) and len(s) > len(w):
                    s, changed = s[: -len(w)], True
                    break
        return s

    def clean(self, written: str) -> tuple[str, str | None]:
        """``(cleaned metric, change relation)``: ``"赤字率拟按"`` → ``("赤字率", None)``."""
        s = written or ""
        for rx in self._footnote:
            s = rx.sub("", s)
        s = _SPACE_RE.sub("", s.strip())
        for rx in self._debris:
            s = rx.sub(r"\1" if rx.groups else "", s)
        change: str | None = None
        changed = True
        while changed and s:
            changed = False
            for w in self._cue if s.endswith(self._any_cue) else ():
                if s.endswith(w) and len(s) > len(w):
                    s, changed = s[: -len(w)], True
                    break
            for w, rel in self._change if s.endswith(self._any_change) else ():
                if s.endswith(w):
                    s, changed = s[: -len(w)], True
                    change = change or rel  # the change word nearest the figure wins
                    s = self._strip_change_leads(s)
                    break
            for rx in self._base:
                m = rx.search(s)
                if m:
                    s, changed = s[: m.start()], True
                    s = self._strip_change_leads(s)
                    break
            for w in self._lead if s.startswith(self._any_lead) else ():
                if s.startswith(w) and len(s) > len(w):
                    s, changed = s[len(w):], True
                    break
            for rx in self._debris:
                t = rx.sub(r"\1" if rx.groups else "", s)
                if t != s:
                    s, changed = t, True
        if s in self._none or s in self._lead or s in self._change_lead:
            s = ""
        return s, change

    def identify(self, cleaned: str) -> str | None:
        """The ``metric_id`` of a cleaned metric (exact alias, then patterns), or None."""
        if not cleaned:
            return None
        if cleaned in self.alias:  # 占地面积 is an alias although 占 starts a share
            return self.alias[cleaned]
        if cleaned.startswith(self._noid):
            return None
        for key in self._keys(cleaned):
            hit = self.alias.get(key)
            if hit:
                return hit
        for key in self._keys(cleaned):
            for mid, rx in self._patterns:
                if rx.fullmatch(key):
                    return mid
        # a place written before an exact alias: 萍乡市地区生产总值, 上海地区生产总值
        if self.is_place is not None:
            can_start = self.place_can_start
            for key in self._keys(cleaned):
                for i in range(2, min(len(key) - 2, 13)) if can_start is None or can_start(key) else ():
                    if not self.is_place(key[:i]):  # (cached) before the keys of the rest are made
                        continue
                    rest = self._keys(key[i:])[-1]
                    if rest in self.alias:
                        return self.alias[rest]
        return None

    def _resolve(self, written: str) -> MetricResult:
        cleaned, change = self.clean(written)
        return MetricResult(cleaned, self.identify(cleaned), change)

    def _scope_keys(self, s: str) -> tuple[str, ...]:
        """The cleaned metric, then with scope words (全市, 我国, 上半年) and leads taken off."""
        keys = [s]
        changed = True
        while changed:
            changed = False
            for w in self._scope_lead if s.startswith(self._any_scope_lead) else ():
                if s.startswith(w) and len(s) > len(w):
                    s, changed = s[len(w):], True
                    keys.append(s)
                    break
        return tuple(keys)

    def _strip_change_leads(self, s: str) -> str:
        changed = True
        while changed and s:
            changed = False
            for w in self._change_lead if s.endswith(self._any_change_lead) else ():
                if s.endswith(w):
                    s, changed = s[: -len(w)], True
                    break
        return s


def _longest_first(words: list[str]) -> list[str]:
    return sorted(set(words), key=len, reverse=True)


def _load_metrics(d: Path) -> tuple[dict[str, Metric], dict[str, str]]:
    path, rows = loader.table(d, loader.METRICS)
    metrics: dict[str, Metric] = {}
    alias: dict[str, str] = {}
    where: dict[str, int] = {}
    for n, r in rows:
        if not ID_RE.match(r["id"]):
            raise RulesError(f"{path}:{n}: id {r['id']!r} must be lower_snake ASCII")
        if r["id"] in metrics:
            raise RulesError(f"{path}:{n}: duplicate id {r['id']!r}")
        if r["family"] not in FAMILIES:
            raise RulesError(f"{path}:{n}: family {r['family']!r} is not one of {', '.join(FAMILIES)}")
        if not r["zh"]:
            raise RulesError(f"{path}:{n}: empty zh name")
        pats = []
        for p in loader.split_list(r["patterns"]):
            try:
                pats.append(re.compile(p))
            except re.error as exc:
                raise RulesError(f"{path}:{n}: bad pattern {p!r}: {exc}") from None
        names = [r["zh"]] + loader.split_list(r["aliases"])
        for a in names:
            if a in alias and alias[a] != r["id"]:
                raise RulesError(f"{path}:{n}: alias {a!r} is already {alias[a]!r} (line {where[a]})")
            alias[a], where[a] = r["id"], n
        metrics[r["id"]] = Metric(r["id"], r["zh"], r["en"], r["family"], tuple(dict.fromkeys(names)), tuple(pats))
    return metrics, alias


def _load_cleaning(d: Path) -> dict:
    path, rows = loader.table(d, loader.METRIC_CLEANING)
    out: dict = {k: [] for k in CLEAN_KINDS}
    out["change"] = {}
    for n, r in rows:
        kind, text = r["kind"], r["text"]
        if kind not in CLEAN_KINDS:
            raise RulesError(f"{path}:{n}: kind {kind!r} is not one of {', '.join(CLEAN_KINDS)}")
        if kind in ("footnote", "debris", "base"):
            try:
                re.compile(text)
            except re.error as exc:
                raise RulesError(f"{path}:{n}: bad pattern {text!r}: {exc}") from None
        if kind == "change":
            if r["value"] not in CHANGES:
                raise RulesError(f"{path}:{n}: a change word needs value up or down, not {r['value']!r}")
            if text in out["change"]:
                raise RulesError(f"{path}:{n}: duplicate change word {text!r}")
            out["change"][text] = r["value"]
        else:
            out[kind].append(text)
    return out
