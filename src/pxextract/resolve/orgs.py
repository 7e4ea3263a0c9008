"""Canonical organisations: one key across articles, short and full names grouped within one.

Data: ``rules/org_aliases.tsv`` (canonical full name → aliases of well-known bodies) and
``rules/org_words.tsv`` (legal forms, generic words, state prefixes).

Across articles, :meth:`OrgResolver.key` gives the canonical full name of a listed alias and a
normalized written form otherwise (widths, brackets and spaces unified).  Within one article,
:meth:`OrgResolver.group` puts a short name with a full name mentioned BEFORE it when both have one
key, or when the short name is an ordered subsequence of the full name that starts where the full
name or its distinctive part starts (the part after a leading place and before the legal form):
湖南利钢金属制品有限公司 … 利钢.  A short name fitting two earlier full names stays alone.

>>> from pxextract.resolve import Resolver
>>> o = Resolver().orgs
>>> o.key("国家发改委") == o.key("国家发展和改革委员会") == o.key("国家发展改革委")
True
>>> o.group(["湖南利钢金属制品有限公司", "国家发展和改革委员会", "利钢", "国家发改委"])["利钢"]
'湖南利钢金属制品有限公司'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pxextract.rules import RulesError

from . import loader
from .places import PlaceResolver

KINDS = ("gov", "party", "association", "university", "company", "international", "")
WORD_KINDS = ("suffix", "generic", "prefix", "company", "expert")  # the kinds of rules/org_words.tsv
_SPACE = re.compile(r"\s+")


class OrgResolver:
    def __init__(self, rules_dir: Path, places: PlaceResolver | None = None, cache_size: int = 65536):
        path, rows = loader.table(rules_dir, loader.ORG_ALIASES)
        self.alias: dict[str, str] = {}
        where: dict[str, int] = {}
        for n, r in rows:
            if r["kind"] not in KINDS:
                raise RulesError(f"{path}:{n}: kind {r['kind']!r} is not one of {', '.join(k for k in KINDS if k)}")
            key = normalize(r["key"])
            for a in [key] + [normalize(a) for a in loader.split_list(r["aliases"])]:
                if a in self.alias and self.alias[a] != key:
                    raise RulesError(f"{path}:{n}: {a!r} is already an alias of {self.alias[a]!r} (line {where[a]})")
                self.alias[a], where[a] = key, n
        self.places = places
        words = loader.words(rules_dir, loader.ORG_WORDS, WORD_KINDS)
        # legal forms and body types at the end of a full name, longest first
        self._suffixes = sorted(words["suffix"], key=len, reverse=True)
        self.generic = frozenset(words["generic"])  # words that are never a body's own short name
        self._prefixes = tuple(words["prefix"])
        self.key = lru_cache(maxsize=cache_size)(self._key)
        # group() asks is_short_of of every pair of an article's names: each name's distinctive part
        # and normalized form are computed once (bounded), not once a pair
        self.distinctive = lru_cache(maxsize=cache_size)(self._distinctive)
        self._norm = lru_cache(maxsize=cache_size)(normalize)

    def _key(self, name: str) -> str:
        """The normalized key of an organisation name, the same in every article."""
        s = normalize(name)
        hit = self.alias.get(s)
        if hit:
            return hit
        for pre in self._prefixes:  # 中华人民共和国工业和信息化部
            if s.startswith(pre) and s[len(pre):] in self.alias:
                return self.alias[s[len(pre):]]
        return s

    def _distinctive(self, full: str) -> str:
        """The part of a full name after a leading place and before its legal form or body type:
        湖南利钢金属制品有限公司 → 利钢金属制品."""
        s = normalize(full)
        for suf in self._suffixes:
            if s.endswith(suf) and len(s) - len(suf) >= 2:
                s = s[: -len(suf)]
                break
        if self.places is not None:
            for i in range(min(len(s) - 2, 12), 1, -1):
                if self.places.resolve(s[:i]) is not None:
                    return s[i:]
        return s

    def is_short_of(self, short: str, full: str) -> bool:
        """Whether ``short`` can be a short name of ``full`` (same key, or an anchored ordered
        subsequence holding at least two characters of its distinctive part)."""
        a, b = self._norm(short), self._norm(full)
        if self.key(a) == self.key(b):
            return True
        if len(a) < 2 or len(a) >= len(b) or a in self.generic:
            return False
        if self.places is not None and self.places.resolve(a) is not None:
            return False  # 湖南 is a place, not 湖南利钢's short name
        d = self.distinctive(b)
        if not d or a[0] not in (b[0], d[0]):
            return False
        if not _subsequence(a, b):
            return False
        start = b.find(d)
        tail = a if a[0] == d[0] else a[1:]
        return _subsequence_count(tail, b[start:start + len(d)]) >= 2

    def group(self, names: list[str]) -> dict[str, str]:
        """Names of one article, in order of mention → the representative of each one's group
        (the first-mentioned name of the group: the full name when the short one follows it)."""
        reps: list[str] = []  # group representatives, in order
        out: dict[str, str] = {}
        for name in names:
            if name in out:
                continue
            same_key = [r for r in reps if self.key(r) == self.key(name)]
            if same_key:
                out[name] = same_key[0]
                continue
            fits = [r for r in reps if self.is_short_of(name, r)]
            if len(fits) == 1:
                out[name] = fits[0]
            else:
                reps.append(name)
                out[name] = name
        return out


def normalize(name: str) -> str:
    """Widths folded (NFKC), spaces removed, round brackets written full-width:
    ``"一汽-大众 (长春)"`` → ``"一汽-大众（长春）"``."""
    s = unicodedata.normalize("NFKC", name or "")
    s = _SPACE.sub("", s)
    return s.replace("(", "（").replace(")", "）")


def _subsequence(a: str, b: str) -> bool:
    it = iter(b)
    return all(ch in it for ch in a)


def _subsequence_count(a: str, b: str) -> int:
    """How many characters of ``a``, in order, are found in ``b``."""
    it, n = iter(b), 0
    for ch in a:
        if ch in it:
            n += 1
        else:
            break
    return n
