"""What a build would do, without doing it (``pxextract build --dry-run``): which articles it
would add, update, leave unchanged and remove (and from which roots), which it would keep,
which it would refuse. It reads the inputs (hashing each text) and the database (read-only,
no lock, no ``runs`` row, no ``-wal`` where a reader writes none), extracts nothing and
writes nothing.

Example:
    >>> import tempfile, pathlib
    >>> from pxextract.read import Article
    >>> class Version:  # the pipeline version is all a preview needs of the extraction
    ...     version = "v"
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "facts.sqlite"
    >>> preview(db, [Article("a1", "全市投资3亿元。")], extraction=Version()).added, db.exists()
    (['a1'], False)
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from .. import dbfile
from ..read import Article, ReadError
from .files import KIND_MESSAGES, NOT_OURS, DatabaseFailed, db_error, kind_message, refuse_not_ours
from .options import BuildOptions, BuildReport
from .sources import Sources, previous_state, status


def preview(db: str | Path, articles: Sequence[Article], errors: Sequence[ReadError] = (), *, extraction,
            options: BuildOptions = BuildOptions()) -> BuildReport:
    """The :class:`BuildReport` a build with the same arguments would give (counts and ids;
    ``dry_run`` set, no timings, no totals beyond the rows there are now), changing nothing."""
    shown, db = Path(db), dbfile.real(db)
    kind = refuse_not_ours(db, shown, options.full and options.force)
    full = options.full
    report = BuildReport(shown, "full" if full else "incremental", dry_run=True)
    previous, sources = {}, Sources.load_roots(options.inputs)
    if kind == "damaged":
        raise DatabaseFailed(kind_message("damaged", shown))
    if kind == "other-schema":
        report.notes.append(f"{shown}: {KIND_MESSAGES[kind].split(';')[0]}; a build would rebuild it in full")
        report.mode, full = "full", True
    if kind in NOT_OURS:
        report.notes.append(f"{shown}: {KIND_MESSAGES[kind].split(';')[0]}: a build would replace it (--force)")
    if kind in ("ours", "other-schema"):
        try:
            with contextlib.closing(dbfile.open_ro(db)) as conn:
                previous = previous_state(conn)
                sources = Sources.load(conn, options.inputs)
                report.total_articles = len(previous)
                report.total_facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
        except sqlite3.Error as exc:
            raise db_error(shown, exc) from None
    failed = set()
    for art in articles:
        clash = sources.conflict(art, options.prune)
        if clash:
            report.failures.append(clash)
            failed.add(art.id)
            continue
        what = status(previous.get(art.id), art, extraction.version, full)
        if what == "unchanged":
            report.unchanged += 1
        else:
            (report.added if what == "added" else report.updated).append(art.id)
    errors = list(errors)
    report.failures[:0] = [str(e) for e in errors]
    report.n_inputs = getattr(articles, "n_read", None) or len(report.added) + len(report.updated) + report.unchanged + len(failed)
    report.processed = len(report.added) + len(report.updated)
    ids = getattr(articles, "ids", None)
    ids = ids if ids is not None else {a.id for a in articles}
    keep = (sources.kept(previous, errors) & previous.keys() | failed) - (ids - failed)
    report.kept = len(keep & previous.keys())
    report.removed_ids = sources.removals(set(previous) - ids - keep, options.prune)
    report.removed = len(report.removed_ids)
    return report
