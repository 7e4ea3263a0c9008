"""The canonical-data TSV files (issue #15), read with the one reader of rules files
(:func:`pxextract.rule_tsv.read_tsv`): strict headers, ``file:line`` errors.

Every file read here has optional ``#`` comment lines, then ONE header line naming its columns
exactly (in order), then data rows.  A missing or unknown column, a row with too many fields or
an empty first field is a :class:`pxextract.rules.RulesError` naming ``file:line``.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.tsv"
>>> _ = p.write_text("# 注释\\nid\\tzh\\ngdp\\t地区生产总值\\n", encoding="utf-8")
>>> read_table(p, ("id", "zh"))
[(3, {'id': 'gdp', 'zh': '地区生产总值'})]
>>> read_table(p, ("id", "zh", "en"))
Traceback (most recent call last):
...
pxextract.rules.RulesError: ...x.tsv:2: the header row names the columns id, zh; expected id, zh, en (missing: en)
"""

from __future__ import annotations

from pathlib import Path

from pxextract.rule_tsv import read_tsv
from pxextract.rules import RulesError

# file (relative to the rules folder) → its columns, in order
METRICS = ("metrics.tsv", ("id", "zh", "en", "family", "aliases", "patterns"))
METRIC_CLEANING = ("metric_cleaning.tsv", ("kind", "text", "value", "note"))
ORG_ALIASES = ("org_aliases.tsv", ("key", "aliases", "kind", "note"))
UNIT_CANON = ("unit_canon.tsv", ("unit", "dimension", "canonical", "factor", "note"))
DIVISIONS = ("gazetteers/codes/divisions.tsv", ("code", "name", "level", "parent", "short"))
ZONES = ("gazetteers/codes/zones.tsv", ("name", "kind", "parent", "canonical", "note"))
COUNTRIES = ("gazetteers/codes/countries.tsv", ("code", "name", "aliases"))
WORLD_PLACES = ("gazetteers/codes/world_places.tsv", ("name", "kind", "country", "canonical"))
ISSUERS = ("issuers.tsv", ("body", "place", "note"))
ORG_WORDS = ("org_words.tsv", ("kind", "word", "note"))
PLACE_WORDS = ("gazetteers/codes/place_words.tsv", ("kind", "word", "note"))
ORG_GAZETTEER = ("gazetteers/org.tsv", ("name", "label", "kind", "full"))


def read_table(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of ``path`` as ``(line number, {column: value})``: :func:`pxextract.rule_tsv.read_tsv`
    (the one reader of rules files) with a header row after the comments naming ``columns``."""
    return [(n, dict(zip(columns, parts))) for n, parts in read_tsv(path, columns, required=1, header_row=True)]


def table(rules_dir: Path, spec: tuple[str, tuple[str, ...]]) -> tuple[Path, list[tuple[int, dict[str, str]]]]:
    """``(path, rows)`` of one of the specs above under ``rules_dir``."""
    path = rules_dir / spec[0]
    return path, read_table(path, spec[1])


def words(rules_dir: Path, spec: tuple[str, tuple[str, ...]], kinds: tuple[str, ...]) -> dict[str, list[str]]:
    """A ``kind, word, note`` file (:data:`ORG_WORDS`, :data:`PLACE_WORDS`) as ``{kind: [words in
    file order]}`` holding every one of ``kinds``; an unknown kind or a repeated ``(kind, word)`` is
    a :class:`pxextract.rules.RulesError` naming ``file:line``."""
    path, rows = table(rules_dir, spec)
    out: dict[str, list[str]] = {k: [] for k in kinds}
    seen: dict[tuple[str, str], int] = {}
    for n, r in rows:
        if r["kind"] not in out:
            raise RulesError(f"{path}:{n}: kind {r['kind']!r} is not one of {', '.join(kinds)}")
        if not r["word"]:
            raise RulesError(f"{path}:{n}: empty word")
        if (r["kind"], r["word"]) in seen:
            raise RulesError(f"{path}:{n}: {r['kind']} {r['word']!r} repeats line {seen[r['kind'], r['word']]}")
        seen[r["kind"], r["word"]] = n
        out[r["kind"]].append(r["word"])
    return out


def split_list(value: str) -> list[str]:
    """A ``|``-separated field as a list without empty items: ``"a|b|"`` → ``['a', 'b']``."""
    return [v.strip() for v in value.split("|") if v.strip()]
