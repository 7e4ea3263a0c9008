"""Canonical units: a stored or written unit → dimension, canonical unit and the factor to it.

Data: ``rules/unit_canon.tsv``.  Only exact synonyms share a canonical unit (公里 = 千米, 平米 = 平方米);
亩 and 公顷 are both areas but stay apart.

>>> from pxextract.resolve import Resolver
>>> u = Resolver().units
>>> u.canon("公斤")
UnitCanon(unit='公斤', dimension='mass', canonical='公斤', factor=1.0)
>>> u.same("平米", "平方米"), u.same("亩", "公顷")
(True, False)
>>> u.convert(3.5, "千米", "公里")
3.5
>>> u.canon("元/千克").canonical, u.canon("美元/桶").dimension
('元/公斤', 'price')
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import NamedTuple

from pxextract.rules import RulesError

from . import loader


class UnitCanon(NamedTuple):
    unit: str
    dimension: str
    canonical: str
    factor: float


class UnitResolver:
    def __init__(self, rules_dir: Path):
        path, rows = loader.table(rules_dir, loader.UNIT_CANON)
        table: dict[str, UnitCanon] = {}
        dims: dict[str, str] = {}
        for n, r in rows:
            if r["unit"] in table:
                raise RulesError(f"{path}:{n}: duplicate unit {r['unit']!r}")
            if not r["dimension"] or not r["canonical"]:
                raise RulesError(f"{path}:{n}: dimension and canonical are required")
            try:
                factor = float(r["factor"])
            except ValueError:
                raise RulesError(f"{path}:{n}: factor {r['factor']!r} is not a number") from None
            if not math.isfinite(factor) or factor <= 0:
                raise RulesError(f"{path}:{n}: factor must be a positive number")
            if factor != 1 and not r["note"]:
                raise RulesError(f"{path}:{n}: a factor other than 1 needs a note saying why")
            if dims.setdefault(r["canonical"], r["dimension"]) != r["dimension"]:
                raise RulesError(f"{path}:{n}: canonical {r['canonical']!r} is {dims[r['canonical']]} elsewhere")
            table[r["unit"]] = UnitCanon(r["unit"], r["dimension"], r["canonical"], factor)
        self.table = table

    def canon(self, unit: str | None) -> UnitCanon | None:
        """The canonical form of ``unit``, or None when it is not listed. A price per a unit
        that is not listed (``元/千克``, ``美元/桶``: the number grammar writes any currency + / +
        a count or measure) is the currency's canonical unit per the other's (``元/公斤``; a unit
        not in the table stays as written), dimension ``price``."""
        hit = self.table.get(unit or "")
        if hit is None and unit and "/" in unit:
            money, _, per = unit.partition("/")
            cm, cp = self.table.get(money), self.table.get(per)
            if cm is not None and cm.dimension == "currency" and "/" not in per:
                canonical = f"{cm.canonical}/{cp.canonical if cp else per}"
                return UnitCanon(unit, "price", canonical, cm.factor / (cp.factor if cp else 1.0))
        return hit

    def same(self, a: str, b: str) -> bool:
        """Whether two units are exact synonyms (one canonical unit)."""
        ca, cb = self.canon(a), self.canon(b)
        return bool(ca and cb and ca.canonical == cb.canonical)

    def convert(self, value: float, unit: str, to: str) -> float | None:
        """``value`` in ``unit`` expressed in ``to``; None unless the two are synonyms."""
        ca, cb = self.canon(unit), self.canon(to)
        if not (ca and cb and ca.canonical == cb.canonical):
            return None
        return value * ca.factor / cb.factor
