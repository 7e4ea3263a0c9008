"""Is a database sound? :func:`quick_check` (SQLite's page and b-tree check, about one read of
the file, run before every build) and :func:`check` (``pxextract check``: SQLite's integrity
check plus the project's own consistency rules).

Example:
    >>> check("facts.sqlite")  # doctest: +SKIP
    []
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .. import dbfile
from .files import db_error, db_kind, open_ours
from .rows import sha256
from .schema import has_table


def quick_check(db: str | Path) -> list[str]:
    """SQLite's ``PRAGMA quick_check`` (every page and b-tree, not the index contents: about one
    read of the file): empty when fine, else what is damaged ("Tree 4 page 4 cell 0: …")."""
    try:
        with contextlib.closing(dbfile.open_ro(db)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(20)")]
    except sqlite3.DatabaseError as exc:
        if dbfile.error_kind(exc) not in ("corrupt", "not-sqlite"):
            raise db_error(db, exc) from None
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def check(db: str | Path) -> list[str]:
    """Problems of a database (empty when fine): SQLite's ``integrity_check``, and the project's
    own consistency rules — per article, its stored counts match its rows and its text its
    hash; no row without its article (nor an article's source without its source). Damage that stops a check is itself a problem, e.g.
    ``["integrity: *** in database main *** Tree 3 page 3 cell 0: …"]``.
    """
    db = Path(db)
    kind = db_kind(db)
    if kind == "damaged":
        return ["SQLite cannot read the file at all (its first page or its schema is damaged)"]
    conn = open_ours(db, kind)
    try:
        conn.execute("BEGIN")  # one snapshot for every check
        return _checked(conn, "integrity", _integrity) + _checked(conn, "consistency checks stopped", _consistency)
    finally:
        conn.close()


def _checked(conn: sqlite3.Connection, what: str, fn: Callable[[sqlite3.Connection], list[str]]) -> list[str]:
    try:
        return fn(conn)
    except sqlite3.DatabaseError as exc:
        if dbfile.error_kind(exc) not in ("corrupt", "not-sqlite"):
            raise
        return [f"{what}: {exc}"]


def _integrity(conn: sqlite3.Connection) -> list[str]:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check(100)")]
    return [] if rows == ["ok"] else [f"integrity: {r}" for r in rows]


def _consistency(conn: sqlite3.Connection) -> list[str]:
    problems = []
    sql = """SELECT a.id, a.n_mentions, a.n_facts, a.n_entities,
                    (SELECT count(*) FROM mentions m WHERE m.article_id = a.id),
                    (SELECT count(*) FROM facts f WHERE f.article_id = a.id),
                    (SELECT count(*) FROM entities e WHERE e.article_id = a.id),
                    (SELECT coalesce(sum(n_mentions), 0) FROM facts f WHERE f.article_id = a.id),
                    (SELECT count(*) FROM mentions m WHERE m.article_id = a.id AND m.fact IS NOT NULL),
                    a.sha256, a.text
             FROM articles a"""
    for art_id, nm, nf, ne, cm, cf, ce, fm, mf, sha, text in conn.execute(sql):
        if (nm, nf, ne) != (cm, cf, ce) or fm != mf:
            problems.append(f"{art_id}: stored counts {(nm, nf, ne)} but rows {(cm, cf, ce)}, fact mentions {fm} vs {mf}")
        if not isinstance(text, str) or sha256(text) != sha:
            problems.append(f"{art_id}: the stored text does not match its sha256")
    for table in ("mentions", "facts", "entities"):
        orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} {table} row(s) without their article")
    if has_table(conn, "source_articles"):  # schema 3: each article's source (a schema-2 file has none)
        for what, sql in (("article", "article_id NOT IN (SELECT id FROM articles)"), ("source", "source_id NOT IN (SELECT id FROM sources)")):
            orphans = conn.execute(f"SELECT count(*) FROM source_articles WHERE {sql}").fetchone()[0]
            if orphans:
                problems.append(f"{orphans} source_articles row(s) without their {what}")
    return problems
