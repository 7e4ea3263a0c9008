"""Reading the fact database: :func:`fact_rows` (plain tuples, what the read commands use: no
pandas import), :func:`facts` (the same as a pandas DataFrame, filtered, joined with the
article's date, title and source), :func:`table` (any table, typed), :func:`load_article` (one
article and its mentions with their attributes, for ``pxextract show``). Every read is
read-only (:func:`.files.reader`).

Example:
    >>> df = facts("facts.sqlite", year=2021, metric="农林牧渔业总产值")  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import sqlite3
from pathlib import Path

from .files import StoreError, reader
from .schema import DEFAULT_DB, ORDER, TABLES, _q, column_types, columns

FACT_COLUMNS = (
    "article_id", "fact", "date", "title", "source", "label", "text", "value", "unit", "qualifier", "low", "high",
    "year", "metric", "subject", "modality", "change", "n_mentions", "start", "end", "sentence", "context",
    "metric_id", "subject_id", "subject_canonical", "unit_canonical",  # schema 4 (NULL when read from an older file)
)
_ARTICLE_COLUMNS = ("date", "title", "source")


def _like(s: str) -> str:
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _typed(df, types: dict[str, str]):
    """Integer columns as nullable ``Int64`` (years stay 2021, not 2021.0), REAL as float64."""
    for col in df.columns:
        t = types.get(col)
        if t == "INTEGER":
            df[col] = df[col].astype("Int64")
        elif t == "REAL":
            df[col] = df[col].astype("float64")
    return df


def fact_rows(
    db: str | Path = DEFAULT_DB,
    *,
    metric: str | None = None,
    year: int | None = None,
    subject: str | None = None,
    label: str | None = None,
    modality: str | None = None,
    article: str | None = None,
    limit: int = 0,
) -> list[tuple]:
    """The facts as plain tuples in :data:`FACT_COLUMNS` order (sqlite3 values: ``None`` for
    missing, ``float`` for REAL, ``int`` for INTEGER), filtered as :func:`facts`; at most
    ``limit`` rows (0: all). What the read commands use: it imports neither pandas nor pyarrow."""
    with reader(db) as conn:
        have = {r[1] for r in conn.execute("PRAGMA table_info(facts)")}
        where, params = _fact_filters(metric=metric, subject=subject, year=year, label=label, modality=modality, article=article,
                                      canonical="subject_canonical" in have)
        cols = ", ".join(f"a.{_q(c)}" if c in _ARTICLE_COLUMNS else f"f.{_q(c)}" if c in have else f"NULL AS {_q(c)}"
                         for c in FACT_COLUMNS)
        sql = f"SELECT {cols} FROM facts f JOIN articles a ON a.id = f.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY f.article_id, f.start"
        if limit and limit > 0:
            sql += " LIMIT ?"
            params.append(int(limit))
        return conn.execute(sql, params).fetchall()


def count_facts(db: str | Path = DEFAULT_DB, **filters) -> int:
    """How many facts :func:`fact_rows` with these filters would return (without a limit)."""
    with reader(db) as conn:
        canonical = any(r[1] == "subject_canonical" for r in conn.execute("PRAGMA table_info(facts)"))
        where, params = _fact_filters(**{k: filters.get(k) for k in ("metric", "subject", "year", "label", "modality", "article")},
                                      canonical=canonical)
        sql = "SELECT COUNT(*) FROM facts f" + (" WHERE " + " AND ".join(where) if where else "")
        return conn.execute(sql, params).fetchone()[0]


def facts(
    db: str | Path = DEFAULT_DB,
    *,
    metric: str | None = None,
    year: int | None = None,
    subject: str | None = None,
    label: str | None = None,
    modality: str | None = None,
    article: str | None = None,
):
    """The facts as a pandas DataFrame, one row per distinct fact per article.

    ``metric`` and ``subject`` match substrings (``metric="生产总值"`` finds 地区生产总值);
    ``year``, ``label``, ``modality`` and ``article`` match exactly (``label`` and
    ``modality`` in any case: ``"money"`` is ``MONEY``, ``"Target"`` is ``target``).

    Example:
        >>> df = facts("facts.sqlite", year=2021, metric="农林牧渔业总产值")  # doctest: +SKIP
        >>> df[["text", "value", "unit", "subject"]]                          # doctest: +SKIP
              text         value unit subject
        0  123.77亿元  1.237700e+10    元   萍乡市
    """
    import pandas as pd

    rows = fact_rows(db, metric=metric, year=year, subject=subject, label=label, modality=modality, article=article)
    df = pd.DataFrame(rows, columns=list(FACT_COLUMNS))
    return _typed(df, {**column_types("articles"), **column_types("facts")})


def _choice(v) -> str:
    """An option's text: an enum member's value (the CLI's choices), else the string itself."""
    return "" if v is None else str(getattr(v, "value", v))


def _fact_filters(*, metric, subject, year, label, modality, article, canonical: bool = False) -> tuple[list[str], list]:
    """SQL conditions and parameters: substrings for metric and subject (LIKE, wildcards escaped;
    ``canonical``: a subject also matches its canonical name, 海拉尔区 for 海拉尔), equality otherwise."""
    where, params = [], []
    if metric:
        where.append("f.metric LIKE ? ESCAPE '\\'")
        params.append(_like(metric))
    if subject:
        if canonical:
            where.append("(f.subject LIKE ? ESCAPE '\\' OR f.subject_canonical LIKE ? ESCAPE '\\')")
            params += [_like(subject), _like(subject)]
        else:
            where.append("f.subject LIKE ? ESCAPE '\\'")
            params.append(_like(subject))
    if year is not None and not -(2**63) <= int(year) < 2**63:  # SQLite's integers: no OverflowError
        raise StoreError(f"--year {year}: not a year (give one like 2023)")
    for column, value in (("year", None if year is None else int(year)), ("label", _choice(label).upper()),
                          ("modality", _choice(modality).lower()), ("article_id", article)):
        if value is not None and value != "":
            where.append(f"f.{column} = ?")
            params.append(value)
    return where, params


def table(db: str | Path, name: str):
    """A whole table (``articles``, ``mentions``, ``facts``, ``entities``, ``runs``) as a DataFrame."""
    import pandas as pd

    if name not in TABLES:
        raise StoreError(f"no table {name!r}; tables: {', '.join(TABLES)}")
    with reader(db) as conn:
        rows = conn.execute(f"SELECT {', '.join(_q(c) for c in columns(name))} FROM {name} ORDER BY {ORDER[name]}").fetchall()
    return _typed(pd.DataFrame(rows, columns=columns(name)), column_types(name))


def resolve_article_id(conn: sqlite3.Connection, wanted: str) -> str:
    """The stored id for ``wanted``: itself, or the only id starting with it ("000" → "000_23bbc0367b06fa24")."""
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (wanted,)).fetchone():
        return wanted
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    starts = [i for i in ids if i.startswith(wanted)]
    if len(starts) == 1:
        return starts[0]
    if starts:
        raise StoreError(f"article {wanted!r} is ambiguous: {', '.join(starts[:8])}{' …' if len(starts) > 8 else ''}")
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise StoreError(f"no article {wanted!r} in the database{hint}")


def load_article(db: str | Path, article_id: str) -> tuple[dict, list[dict]]:
    """``(article row, its mentions)`` read in one snapshot (for ``pxextract show``). Each mention
    has every column of ``mentions`` (value, unit, year, metric, subject, modality, …) and
    ``fact_mentions``: how many times its fact is stated in the article (``None`` for non-facts)."""
    with reader(db) as conn:
        conn.execute("BEGIN")
        art_id = resolve_article_id(conn, article_id)
        cur = conn.execute("SELECT * FROM articles WHERE id = ?", (art_id,))
        art = dict(zip([d[0] for d in cur.description], cur.fetchone()))
        cur = conn.execute("SELECT m.*, f.n_mentions AS fact_mentions FROM mentions m LEFT JOIN facts f"
                           " ON f.article_id = m.article_id AND f.fact = m.fact WHERE m.article_id = ? ORDER BY m.mention", (art_id,))
        names = [d[0] for d in cur.description]
        mentions = [dict(zip(names, r)) for r in cur.fetchall()]
        conn.execute("COMMIT")
    return art, mentions
