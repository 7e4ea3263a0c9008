"""Salvage: what can still be read from a damaged database, copied into a new one, so that a
``--full`` build keeps the run history and the articles it cannot redo this time.

Example: ``salvage(Path("facts.sqlite"), Path("facts.sqlite.tmp-42.salvage"))`` →
``["facts.sqlite was damaged: 2 article(s) and 4 run(s) could be read from it; …"]``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from .. import dbfile
from .files import connect
from .rows import insert, sha256
from .schema import CONTENT_TABLES, _q, columns, create_schema, transaction
from .swap import remove_db_files

def salvage(damaged: Path, dest: Path, damage: Sequence[str] = ()) -> list[str]:
    """Copy what can still be read from the ``damaged`` database into a new database ``dest``:
    the runs before and after the damage, and every article whose rows all read back (stored
    counts and text hash match). Returns one note saying what was kept and what was lost, e.g.
    "facts.sqlite was damaged (…): 2 article(s) and 4 run(s) could be read from it; 1 article
    found but unreadable (a3)".
    """
    remove_db_files(dest)
    out = connect(dest, fast=True)
    try:
        create_schema(out)
        src = dbfile.open_ro(damaged)
        try:
            runs = _readable_rows(src, f"SELECT {_cols('runs')} FROM runs ORDER BY id")
            with transaction(out):
                insert(out, "runs", [dict(zip(columns("runs"), r)) for r in runs.values()])
            ids = _readable_rows(src, "SELECT id FROM articles ORDER BY rowid")
            ids.update(_readable_rows(src, "SELECT id FROM articles ORDER BY id"))
            ids = {i: row for i, row in ids.items() if isinstance(i, str)}
            lost = [i for i in sorted(ids) if not _salvage_article(src, out, i)]
        finally:
            src.close()
    finally:
        out.close()
    what = f" ({'; '.join(damage[:2])})" if damage else ""
    unreadable = f"; {len(lost)} article(s) found but unreadable ({', '.join(lost[:5])}{' …' if len(lost) > 5 else ''})" if lost else ""
    return [f"{damaged} was damaged{what}: {len(ids) - len(lost)} article(s) and {len(runs)} run(s) could be read from it{unreadable};"
            " every article of the inputs is rebuilt, rows only the damaged parts held are gone"]


def _cols(table: str) -> str:
    return ", ".join(_q(c) for c in columns(table))


def _readable_rows(conn: sqlite3.Connection, sql: str) -> dict:
    """The rows of ``sql`` (keyed by their first column) read forwards up to the first damaged
    page and backwards (``DESC``) down to it: everything readable on both sides of the damage."""
    out: dict = {}
    for query in (sql, sql + " DESC"):
        with contextlib.suppress(sqlite3.DatabaseError):
            for row in conn.execute(query):
                out.setdefault(row[0], row)
    return out


def _salvage_article(src: sqlite3.Connection, out: sqlite3.Connection, art_id: str) -> bool:
    """Copy one article's rows if they all read back intact; False (nothing copied) if not."""
    try:
        rows = {t: src.execute(f"SELECT {_cols(t)} FROM {t} WHERE {'id' if t == 'articles' else 'article_id'} = ?",
                               (art_id,)).fetchall() for t in CONTENT_TABLES}
        if len(rows["articles"]) != 1:
            return False
        art = dict(zip(columns("articles"), rows["articles"][0]))
        counts = (len(rows["mentions"]), len(rows["facts"]), len(rows["entities"]))
        if counts != (art["n_mentions"], art["n_facts"], art["n_entities"]) or sha256(art["text"]) != art["sha256"]:
            return False
        with transaction(out):
            for t in CONTENT_TABLES:
                insert(out, t, [dict(zip(columns(t), r)) for r in rows[t]])
    except (sqlite3.DatabaseError, TypeError, UnicodeError):
        return False
    return True
