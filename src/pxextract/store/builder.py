"""Building the fact database: bring it up to date with a set of articles, incrementally (one
transaction per article) or in full (a new file swapped in), recording each build in ``runs``.

The store runs no part of the pipeline: the caller supplies the extraction
(:class:`Extraction`: a pipeline version and a callable turning the articles that need
processing into :class:`Extracted` results), e.g. :func:`pxextract.feed.extraction`, and
the settings of the build as :class:`BuildOptions`.

Example:
    >>> import tempfile, pathlib
    >>> from pxextract.read import Article
    >>> class Stub:  # an extraction that finds nothing
    ...     version, rules_hash, seconds_load = "stub", "", 0.0
    ...     def __call__(self, articles):
    ...         return (Extracted(a, {"spans": []}, None, [(0, len(a.text))]) for a in articles)
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "facts.sqlite"
    >>> build(db, [Article("a1", "全市投资3亿元。")], extraction=Stub()).processed
    1
    >>> build(db, [Article("a1", "全市投资3亿元。")], extraction=Stub(), options=BuildOptions(prune=True)).unchanged
    1
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from .. import dbfile
from .._version import __version__
from ..read import Article, ReadError
from .files import KIND_MESSAGES, NOT_OURS, DatabaseFailed, connect, kind_message, refuse_not_ours
from .integrity import quick_check
from .options import BuildOptions, BuildReport, Extracted, Extraction
from .recovery import salvage
from .rows import article_rows, delete_articles, now, write_article
from .schema import SCHEMA_VERSION, _q, columns, create_indexes, create_schema, has_table, schema_version, transaction
from .sources import Sources, previous_state
from .sources import status as article_status
from .swap import build_lock, fsync, remove_db_files, remove_stale_temporaries, swap_in


@dataclasses.dataclass
class _Job:
    """Everything one build needs."""

    articles: Sequence[Article]
    errors: Sequence[ReadError]
    extraction: Extraction
    options: BuildOptions
    t0: float
    seconds_load: float = 0.0
    sources: Sources = dataclasses.field(default_factory=Sources)
    previous: dict = dataclasses.field(default_factory=dict)  # id → (sha256, meta, version, path) before this build

    @property
    def version(self) -> str:
        return self.extraction.version

    @property
    def rules_hash(self) -> str:
        return self.extraction.rules_hash

    @property
    def inputs(self) -> list[str]:
        return list(self.options.inputs)

    @property
    def prune(self) -> bool:
        return self.options.prune

    @property
    def raise_errors(self) -> bool:
        return self.options.raise_errors


def build(
    db: str | Path,
    articles: Sequence[Article],
    errors: Sequence[ReadError] = (),
    *,
    extraction: Extraction,
    options: BuildOptions = BuildOptions(),
) -> BuildReport:
    """Bring the database at ``db`` up to date with ``articles`` (the complete set of inputs).

    Incremental (default): an article whose text, metadata and pipeline version
    (``extraction.version``) are unchanged is skipped; a new or changed one is replaced in one
    transaction; a stored article gone from a root of ``options.inputs`` is deleted (every one
    not in the inputs with ``prune``), except one whose file could not be read (listed in
    ``errors``) or failed extraction: its previous rows are kept. The other articles stay. ``full``: build a new file and swap it in (``force``: even over a
    file that is not a pxextract database; without it, such a file is never replaced). A
    damaged database stops an incremental build; ``full`` rebuilds it, keeping what can
    still be read from it. ``extraction`` (:class:`Extraction`) is called once, with the
    articles that need processing; this process writes every row.
    """
    shown, db = Path(db), dbfile.real(db)  # work on the real file (a symlink stays one); name it as given
    t0 = time.perf_counter()
    job = _Job(articles, errors, extraction, options, t0)
    full = options.full
    forced = full and options.force
    refuse_not_ours(db, shown, forced)  # before the lock: no <article>.lock left beside an input
    with build_lock(db, wait=options.wait, on_wait=options.on_wait):
        stale = [p for p in remove_stale_temporaries(db) if not p.name.endswith(("-wal", "-shm", "-journal"))]
        notes = [f"removed {p}, left by a --full build that was interrupted" for p in stale]
        kind = refuse_not_ours(db, shown, forced)
        if kind in NOT_OURS:
            notes.append(f"{shown}: {KIND_MESSAGES[kind].split(';')[0]}: replaced (--force)")
        damage = quick_check(db) if kind == "ours" else ["SQLite cannot read it"] if kind == "damaged" else []
        if damage and not full:
            raise DatabaseFailed(kind_message("damaged", shown, "; ".join(damage[:3])))
        if kind == "other-schema" and not full:
            notes.append(f"{shown}: {KIND_MESSAGES[kind].split(';')[0]}; rebuilding it in full")
            full = True
        old = db if kind in ("ours", "damaged") else None
        report = _build_full(db, job, old=old, damage=damage) if full else _build_incremental(db, job)
    report.db = shown
    report.notes[:0] = notes
    report.seconds_total = time.perf_counter() - t0
    return report


def _build_incremental(db: Path, job: _Job) -> BuildReport:
    conn = connect(db)
    try:
        if schema_version(conn) != SCHEMA_VERSION:
            create_schema(conn)  # a new file, or an older one upgraded in place (its articles belong to no source)
        report = BuildReport(db, "incremental")
        job.sources = Sources.load(conn, job.inputs)
        _run(conn, job, report, previous=previous_state(conn), skip_unchanged=True)
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        return report
    finally:
        conn.close()


def _build_full(db: Path, job: _Job, old: Path | None, damage: Sequence[str] = ()) -> BuildReport:
    """Build ``<db>.tmp-<pid>`` from nothing, then swap it in (see :func:`swap_in`).

    ``old`` (the current database, if it is a usable one) gives the run history and the rows
    of articles that could not be redone this time. When it is damaged (``damage``: what
    ``quick_check`` found), what can still be read is first salvaged into ``<tmp>.salvage``
    and taken from there (see :func:`salvage`).
    """
    tmp = Path(f"{db}.tmp-{os.getpid()}")
    rescued = Path(f"{tmp}.salvage") if old is not None and damage else None
    conn = connect(tmp, fast=True)
    try:
        create_schema(conn, indexes=False)
        previous, notes = {}, []
        if rescued is not None:
            notes = salvage(old, rescued, damage)
            old = rescued
        if old is not None:
            with _attached(conn, old):
                job.sources = Sources.load(conn, job.inputs, "old")
                with transaction(conn):
                    conn.execute("INSERT INTO runs SELECT * FROM old.runs")
                    job.sources.copy_registered(conn)
                previous = previous_state(conn, "old.")
        else:
            job.sources = Sources.load(conn, job.inputs)
        report = BuildReport(db, "full", notes=notes)
        _run(conn, job, report, previous=previous, skip_unchanged=False, old=old)
        create_indexes(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        fsync(tmp)
        report.swap = swap_in(tmp, db)
        return report
    except BaseException:
        conn.close()
        remove_db_files(tmp)
        raise
    finally:
        if rescued is not None:
            remove_db_files(rescued)


@contextlib.contextmanager
def _attached(conn: sqlite3.Connection, other: Path) -> Iterator[None]:
    conn.execute("ATTACH DATABASE ? AS old", (str(other),))
    try:
        yield
    finally:
        conn.execute("DETACH DATABASE old")


def _expected(articles) -> int | None:
    """How many articles the inputs hold, if known before reading them (a list; an ArticleSource without JSONL)."""
    return getattr(articles, "expected", None) if hasattr(articles, "expected") else len(articles)


def _start_run(conn: sqlite3.Connection, job: _Job, mode: str) -> int:
    with transaction(conn):
        conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        cur = conn.execute(
            "INSERT INTO runs (started_at, status, mode, version, pxextract_version, rules_hash, pid, inputs, n_inputs)"
            " VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)",
            (now(), mode, job.version, __version__, job.rules_hash, os.getpid(), json.dumps(job.inputs, ensure_ascii=False), _expected(job.articles)),
        )
        job.sources.register(conn, cur.lastrowid)
    return cur.lastrowid


def _run(conn: sqlite3.Connection, job: _Job, report: BuildReport, previous: dict, skip_unchanged: bool, old: Path | None = None) -> None:
    """Process the articles into ``conn``; settle the ones not redone; record the run."""
    job.previous = previous
    report.run_id = _start_run(conn, job, report.mode)
    try:
        failed = _process_all(conn, job, report, previous, skip_unchanged)
        # read errors are known once the inputs have been read (each input is read once)
        report.failures[:0] = [str(e) for e in job.errors]
        report.n_inputs = job.articles.n_read if hasattr(job.articles, "n_read") else len(job.articles)
        _settle(conn, job, report, previous, keep=job.sources.kept(previous, job.errors) | failed, old=old, failed=failed)
    except BaseException as exc:  # bad rules, Ctrl-C, disk full: say so in runs, then stop
        _abort_run(conn, report.run_id, exc)
        raise
    _finish_run(conn, job, report)


def _abort_run(conn: sqlite3.Connection, run_id: int, exc: BaseException) -> None:
    status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        with transaction(conn):
            conn.execute("UPDATE runs SET status = ?, finished_at = ?, errors = ? WHERE id = ?",
                         (status, now(), json.dumps([f"{type(exc).__name__}: {exc}"], ensure_ascii=False), run_id))


def _settle(conn: sqlite3.Connection, job: _Job, report: BuildReport, previous: dict, keep: set[str], old: Path | None,
            failed: set[str] = frozenset()) -> None:
    """Keep the previous rows of unreadable / failed articles and of other sources' articles;
    delete the ones gone from a root of this build (all the missing ones with ``prune``).

    Incremental: kept rows simply stay, removed ones are deleted in one transaction. Full
    (``old`` is the previous file): the rows that stay are copied over from it.
    """
    ids = read_ids(job.articles)
    keep = (keep & previous.keys()) - (ids - failed)  # an article read again this time is not "kept"
    report.kept = len(keep)
    report.removed_ids = job.sources.removals(set(previous) - ids - keep, job.prune)
    report.removed = len(report.removed_ids)
    if old is not None:
        _copy_articles(conn, old, sorted(set(previous) - (ids - failed) - report.removed_ids.keys()))
    elif report.removed_ids:
        with transaction(conn):
            delete_articles(conn, sorted(report.removed_ids))


def read_ids(articles) -> set[str]:
    """The ids of the articles read (``read.ArticleSource.ids``, complete after its one pass; or a list's)."""
    ids = getattr(articles, "ids", None)
    return ids if ids is not None else {a.id for a in articles}


def _process_all(conn: sqlite3.Connection, job: _Job, report: BuildReport, previous: dict, skip_unchanged: bool) -> set[str]:
    """Skip unchanged articles, (re)process the others; returns the ids that failed."""
    failed, moved, links = set(), [], []

    def todo() -> Iterator[Article]:  # the articles that need processing, in input order
        for art in job.articles:
            state = previous.get(art.id)
            clash = job.sources.conflict(art, job.prune)
            if clash:  # another source's article: its rows stay, reported as failed
                report.failures.append(clash)
                failed.add(art.id)
                _notify(job, art, "failed")
            elif article_status(state, art, job.version, full=not skip_unchanged) == "unchanged":
                report.unchanged += 1
                if state[3] != art.path:
                    moved.append((art.path, art.id))
                link = job.sources.changed_link(art)
                if link:
                    links.append(link)
                _notify(job, art, "unchanged")
            else:
                yield art

    results = _extracted(job, report, todo())
    # a full build writes a new file that only replaces the database once complete: there,
    # articles are committed in batches (a commit per article costs more than its inserts)
    batch = _FULL_BUILD_BATCH if report.mode == "full" else 0
    pending = 0
    try:
        for item in results:
            if batch and not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
            if _process(conn, job, report, item):
                _notify(job, item.article, "processed")
            else:
                failed.add(item.article.id)
                _notify(job, item.article, "failed")
            pending += 1
            if batch and pending >= batch:
                conn.execute("COMMIT")
                pending = 0
        if conn.in_transaction:
            conn.execute("COMMIT")
    finally:
        results.close()  # stops the extraction now (worker processes, memory zones), even when a write failed
    job.seconds_load = getattr(job.extraction, "seconds_load", 0.0) or 0.0
    report.seconds_extract = max(0.0, report.seconds_extract - job.seconds_load)
    if moved or links:  # same article, another file name or root: no need to process it again
        with transaction(conn):
            conn.executemany("UPDATE articles SET path = ? WHERE id = ?", moved)
            job.sources.relink(conn, links)
    return failed


_FULL_BUILD_BATCH = 64  # articles per transaction in a full build
_END = object()


def _notify(job: _Job, art: Article, status: str) -> None:
    if job.options.on_article:
        job.options.on_article(art, status)


class ExtractionFailed(Exception):
    """An article's extraction failed (:attr:`Extracted.error`); the message says how."""


def _extracted(job: _Job, report: BuildReport, todo: Iterator[Article]) -> Iterator[Extracted]:
    """The results of ``job.extraction`` for the articles of ``todo``, checked to come back one
    for each, in order; the time spent waiting for them, but for reading and skipping the
    articles of ``todo`` meanwhile, counts as extraction."""
    sent: collections.deque = collections.deque()
    exhausted = []
    reading = [0.0]  # seconds spent in ``todo`` (reading files, hashing unchanged articles)

    def tracked() -> Iterator[Article]:
        it = iter(todo)
        while True:
            t0 = time.perf_counter()
            art = next(it, _END)
            reading[0] += time.perf_counter() - t0
            if art is _END:
                break
            sent.append(art)
            yield art
        exhausted.append(True)

    results = iter(job.extraction(tracked()))
    try:
        while True:
            t0, read0 = time.perf_counter(), reading[0]
            item = next(results, None)  # time spent waiting for the extraction
            report.seconds_extract += time.perf_counter() - t0 - (reading[0] - read0)
            if item is None:
                break
            if not sent or sent.popleft() is not item.article:
                raise RuntimeError(f"{item.article.id}: records came back out of order")
            yield item
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    if sent or not exhausted:
        raise RuntimeError("some articles sent for extraction came back without a record")


def _process(conn: sqlite3.Connection, job: _Job, report: BuildReport, item: Extracted) -> bool:
    """Replace the rows of one extracted article; a failure (its extraction's, or rows SQLite
    refuses) is reported, never raised, and the article's previous rows, if any, stay as they were."""
    art, record = item.article, item.record
    try:
        if item.error is not None:
            raise ExtractionFailed(item.error)
        rows = article_rows(art, record, job.version, now(), report.run_id, sentences=item.sentences)
        link = job.sources.link(art)
        if link:
            rows["source_articles"] = [link]
        write_article(conn, rows, fresh=report.mode == "full")
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - one bad article never stops a build
        if job.raise_errors or _is_disk_error(exc):
            raise
        reason = str(exc) if isinstance(exc, ExtractionFailed) else f"extraction failed ({type(exc).__name__}: {str(exc)[:300]})"
        report.failures.append(f"{art.path or art.id}: {reason}")
        return False
    if not (record.get("meta") or {}).get("date"):
        report.no_date.append(art.path or art.id)
    report.processed += 1
    (report.updated if art.id in job.previous else report.added).append(art.id)
    report.n_mentions += len(rows["mentions"])
    report.n_facts += len(rows["facts"])
    return True


def _is_disk_error(exc: BaseException) -> bool:
    """Errors of the database itself (disk full, I/O, read-only): they stop the build."""
    return isinstance(exc, sqlite3.OperationalError) or (isinstance(exc, OSError) and not isinstance(exc, UnicodeError))


def _copy_articles(conn: sqlite3.Connection, old: Path, ids: list[str]) -> None:
    if not ids:
        return
    with _attached(conn, old), transaction(conn):
        tables = (("articles", "id"), ("mentions", "article_id"), ("facts", "article_id"), ("entities", "article_id"))
        for table, key in tables + ((("source_articles", "article_id"),) if has_table(conn, "source_articles", "old") else ()):
            cols = ", ".join(_q(c) for c in columns(table))
            conn.executemany(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM old.{table} WHERE {key} = ?", [(i,) for i in ids])


def _finish_run(conn: sqlite3.Connection, job: _Job, report: BuildReport) -> None:
    report.seconds_load = job.seconds_load
    report.total_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    report.total_facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
    status = "errors" if report.failures else "ok"
    with transaction(conn):
        job.sources.finish(conn, report.run_id, job.errors, prune=job.prune)
        conn.execute(
            "UPDATE runs SET finished_at = ?, status = ?, n_inputs = ?, n_processed = ?, n_unchanged = ?, n_removed = ?, n_kept = ?,"
            " n_failed = ?, n_mentions = ?, n_facts = ?, seconds_total = ?, seconds_load = ?, seconds_extract = ?, errors = ?"
            " WHERE id = ?",
            (now(), status, report.n_inputs, report.processed, report.unchanged, report.removed, report.kept, len(report.failures),
             report.n_mentions, report.n_facts, round(time.perf_counter() - job.t0, 3), round(job.seconds_load, 3), round(report.seconds_extract, 3),
             json.dumps(report.failures, ensure_ascii=False), report.run_id),
        )


