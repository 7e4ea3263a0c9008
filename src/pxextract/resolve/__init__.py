"""Canonical forms for the fact database (issue #15): metrics, places, organisations, units.

Pure functions over data in the rules folder, gathered in one :class:`Resolver` that is built once
(from a rules folder) and holds only immutable tables and bounded per-object caches.  Nothing here
imports the store, the linker, the pipeline or the CLI.

>>> r = Resolver()
>>> r.metric("规模以上工业增加值[3]增长")
MetricResult(metric='规模以上工业增加值', metric_id='industry_va_above_scale', change='up')
>>> r.place("海拉尔").name
'海拉尔区'
>>> r.unit("千米")
UnitCanon(unit='千米', dimension='length', canonical='公里', factor=1.0)
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pxextract.rules import default_rules_dir

from .metrics import MetricResolver, MetricResult
from .orgs import OrgResolver
from .places import Place, PlaceResolver
from .units import UnitCanon, UnitResolver

__all__ = ["Resolver", "MetricResult", "Place", "UnitCanon"]


class Resolver:
    """All canonical look-ups over one rules folder; each table is loaded on first use."""

    def __init__(self, rules_dir: str | Path | None = None, cache_size: int = 65536):
        self.rules_dir = Path(rules_dir) if rules_dir is not None else default_rules_dir()
        self.cache_size = cache_size

    @cached_property
    def metrics(self) -> MetricResolver:
        places = self.places
        return MetricResolver(self.rules_dir, self.cache_size, is_place=lambda s: places.resolve(s) is not None,
                              place_can_start=lambda s: places.may_start(s, 0))

    @cached_property
    def places(self) -> PlaceResolver:
        return PlaceResolver(self.rules_dir, self.cache_size)

    @cached_property
    def orgs(self) -> OrgResolver:
        return OrgResolver(self.rules_dir, self.places, self.cache_size)

    @cached_property
    def units(self) -> UnitResolver:
        return UnitResolver(self.rules_dir)

    def metric(self, written: str) -> MetricResult:
        """Written metric → ``(cleaned metric, metric_id | None, change | None)``."""
        return self.metrics.resolve(written or "")

    def place(self, name: str, context_province_code: str | None = None) -> Place | None:
        """A GPE name → :class:`Place` (code, canonical name, level, parents) or None."""
        return self.places.resolve(name, context_province_code)

    def org_key(self, name: str) -> str:
        """A normalized key of an organisation name, the same across articles."""
        return self.orgs.key(name)

    def group_orgs(self, names: list[str]) -> dict[str, str]:
        """Within one article (names in order of mention): each name → the name of its group."""
        return self.orgs.group(names)

    def unit(self, unit: str) -> UnitCanon | None:
        """A unit → its dimension, canonical unit and factor to it, or None."""
        return self.units.canon(unit)
