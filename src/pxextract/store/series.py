"""The series of the fact database (issue #15): the same figure across articles and years.

The ``series`` view (:mod:`.schema`) has one row per canonical subject × ``metric_id`` × year ×
modality (× change relation and unit): the value the most recently published article states,
how many articles state it, a ``conflict`` flag when they disagree beyond rounding, and the
facts behind it (``article_id#fact`` …). :func:`series_rows` reads it filtered, in plain rows
(no pandas); :func:`series` gives a DataFrame; :func:`wide` puts the years in columns.

Example:
    >>> rows = series_rows("facts.sqlite", metric_id="gdp")          # doctest: +SKIP
    >>> rows[0]["subject"], rows[0]["year"], rows[0]["value"]         # doctest: +SKIP
    ('中国', 2021, 114000000000000.0)
"""

from __future__ import annotations

from pathlib import Path

from .files import StoreError, reader
from .schema import DEFAULT_DB

SERIES_COLUMNS = ("subject_id", "subject", "metric_id", "year", "modality", "change", "unit", "value", "n_sources",
                  "n_facts", "min_value", "max_value", "conflict", "article_id", "fact", "facts")


def series_rows(
    db: str | Path = DEFAULT_DB,
    *,
    metric_id: str | None = None,
    subject: str | None = None,
    year: int | None = None,
    modality: str | None = None,
    unit: str | None = None,
    changes: bool = False,
) -> list[dict]:
    """Rows of the ``series`` view as dicts (:data:`SERIES_COLUMNS`), ordered by metric, subject,
    year. ``subject`` matches the canonical name or its code (``海拉尔区``, ``150702``, ``CN``);
    ``changes``: also the rows of changes (GDP growth, change ``up``), else levels only."""
    where, params = [], []
    if metric_id:
        where.append("metric_id = ?")
        params.append(metric_id)
    if subject:
        where.append("(subject = ? OR subject_id = ?)")
        params += [subject, subject]
    if year is not None:
        where.append("year = ?")
        params.append(int(year))
    if modality:
        where.append("modality = ?")
        params.append(str(getattr(modality, "value", modality)).lower())
    if unit:
        where.append("unit = ?")
        params.append(unit)
    if not changes:
        where.append("change IS NULL")
    sql = f"SELECT {', '.join(SERIES_COLUMNS)} FROM series"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY metric_id, subject, year, modality, change, unit"
    with reader(db) as conn:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'series'").fetchone() is None:
            raise StoreError(f"{db}: this database has no series yet (made by an older pxextract); "
                             f"run pxextract build --db {db} to upgrade it")
        cur = conn.execute(sql, params)
        return [dict(zip(SERIES_COLUMNS, r)) for r in cur.fetchall()]


def wide(rows: list[dict]) -> tuple[list[str], list[list]]:
    """``(header, rows)`` with the years as columns: one row per subject × metric × modality ×
    change × unit, each year's value in its column (None where no article states one)."""
    years = sorted({r["year"] for r in rows})
    keys: dict[tuple, dict] = {}
    for r in rows:
        k = (r["metric_id"], r["subject"], r["subject_id"], r["modality"], r["change"], r["unit"])
        keys.setdefault(k, {})[r["year"]] = r["value"]
    header = ["metric_id", "subject", "subject_id", "modality", "change", "unit"] + [str(y) for y in years]
    return header, [list(k) + [v.get(y) for y in years] for k, v in keys.items()]


def series(db: str | Path = DEFAULT_DB, **filters):
    """:func:`series_rows` as a pandas DataFrame (``pxextract.series``)."""
    import pandas as pd

    df = pd.DataFrame(series_rows(db, **filters), columns=list(SERIES_COLUMNS))
    for col in ("year", "n_sources", "n_facts", "fact"):
        df[col] = df[col].astype("Int64")
    df["conflict"] = df["conflict"].astype("boolean")
    return df
