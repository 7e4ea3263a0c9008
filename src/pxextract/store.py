"""The fact database: a SQLite file (WAL) built from articles, updated incrementally, queried
into pandas, exported to Parquet. Layout, commands and guarantees: docs/database.md.

Tables: ``articles`` (one row per article, with its text and the pipeline version that
produced its rows), ``mentions`` (every span with its attributes), ``facts`` (numeric
records, duplicates collapsed, provenance kept), ``entities`` (names per article), ``runs``
(one row per build). Rows of one article are replaced in one transaction, so a reader never
sees half an article; ``--full`` builds a new file and swaps it in.

Example:
    >>> import tempfile, pathlib
    >>> from pxextract.read import Article
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "facts.sqlite"
    >>> rep = build(db, [Article("a1", "2021年，全市地区生产总值达1200亿元。", {"date": "2022"})])
    >>> rep.processed, facts(db)[["text", "value", "year"]].values.tolist()
    (1, [['1200亿元', 120000000000.0, 2021]])
    >>> build(db, [Article("a1", "2021年，全市地区生产总值达1200亿元。", {"date": "2022"})]).unchanged
    1
"""

from __future__ import annotations

import bisect
import collections
import contextlib
import dataclasses
import datetime as _dt
import difflib
import glob
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from . import dbfile
from ._version import __version__
from .read import Article, InputError, ReadError
from .rules import LABELS_NAMES, LABELS_NUMERIC

SCHEMA_VERSION = 2  # 2: the keys of mentions / facts / entities are unique indexes
APPLICATION_ID = 0x70784642  # "pxFB" in the file header: marks a pxextract fact database
DEFAULT_DB = "facts.sqlite"
CONTENT_TABLES = ("articles", "mentions", "facts", "entities")
ALL_TABLES = CONTENT_TABLES + ("runs",)

COMPONENTS = {"DATE": "pxextract_dates"}
COMPONENTS.update({label: "pxextract_numbers" for label in LABELS_NUMERIC})
COMPONENTS.update({label: "pxextract_entities" for label in LABELS_NAMES})

# numeric attributes of a span, in the order of docs/annotation.md §4
NUMERIC_ATTRS = ("value", "unit", "qualifier", "low", "high", "year", "metric", "subject", "modality", "change")
# what makes two numeric mentions of one article the same fact
FACT_KEY = ("label",) + NUMERIC_ATTRS

# (column, declared type, constraint) per table: the one description of the schema, used for
# the DDL, the pandas dtypes and the Parquet schema.
TABLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "articles": (
        ("id", "TEXT", "NOT NULL PRIMARY KEY"),
        ("path", "TEXT", ""),
        ("sha256", "TEXT", "NOT NULL"),
        ("date", "TEXT", ""),
        ("title", "TEXT", ""),
        ("source", "TEXT", ""),
        ("meta", "TEXT", "NOT NULL"),
        ("chars", "INTEGER", "NOT NULL"),
        ("text", "TEXT", "NOT NULL"),
        ("version", "TEXT", "NOT NULL"),
        ("processed_at", "TEXT", "NOT NULL"),
        ("run_id", "INTEGER", ""),
        ("n_mentions", "INTEGER", "NOT NULL"),
        ("n_facts", "INTEGER", "NOT NULL"),
        ("n_entities", "INTEGER", "NOT NULL"),
    ),
    "mentions": (
        ("article_id", "TEXT", "NOT NULL REFERENCES articles(id) ON DELETE CASCADE"),
        ("mention", "INTEGER", "NOT NULL"),
        ("start", "INTEGER", "NOT NULL"),
        ("end", "INTEGER", "NOT NULL"),
        ("label", "TEXT", "NOT NULL"),
        ("text", "TEXT", "NOT NULL"),
        ("sentence", "INTEGER", "NOT NULL"),
        ("component", "TEXT", "NOT NULL"),
        ("value", "REAL", ""),
        ("unit", "TEXT", ""),
        ("qualifier", "TEXT", ""),
        ("low", "REAL", ""),
        ("high", "REAL", ""),
        ("year", "INTEGER", ""),
        ("metric", "TEXT", ""),
        ("subject", "TEXT", ""),
        ("modality", "TEXT", ""),
        ("change", "TEXT", ""),
        ("year_start", "INTEGER", ""),
        ("year_end", "INTEGER", ""),
        ("duplicate_of", "INTEGER", ""),
        ("fact", "INTEGER", ""),
        ("entity", "INTEGER", ""),
        ("attrs", "TEXT", "NOT NULL"),
    ),
    "facts": (
        ("article_id", "TEXT", "NOT NULL REFERENCES articles(id) ON DELETE CASCADE"),
        ("fact", "INTEGER", "NOT NULL"),
        ("label", "TEXT", "NOT NULL"),
        ("value", "REAL", ""),
        ("unit", "TEXT", ""),
        ("qualifier", "TEXT", ""),
        ("low", "REAL", ""),
        ("high", "REAL", ""),
        ("year", "INTEGER", ""),
        ("metric", "TEXT", ""),
        ("subject", "TEXT", ""),
        ("modality", "TEXT", ""),
        ("change", "TEXT", ""),
        ("text", "TEXT", "NOT NULL"),
        ("start", "INTEGER", "NOT NULL"),
        ("end", "INTEGER", "NOT NULL"),
        ("sentence", "INTEGER", "NOT NULL"),
        ("context", "TEXT", "NOT NULL"),
        ("n_mentions", "INTEGER", "NOT NULL"),
    ),
    "entities": (
        ("article_id", "TEXT", "NOT NULL REFERENCES articles(id) ON DELETE CASCADE"),
        ("entity", "INTEGER", "NOT NULL"),
        ("label", "TEXT", "NOT NULL"),
        ("name", "TEXT", "NOT NULL"),
        ("start", "INTEGER", "NOT NULL"),
        ("end", "INTEGER", "NOT NULL"),
        ("n_mentions", "INTEGER", "NOT NULL"),
    ),
    "runs": (
        ("id", "INTEGER", "PRIMARY KEY"),
        ("started_at", "TEXT", "NOT NULL"),
        ("finished_at", "TEXT", ""),
        ("status", "TEXT", "NOT NULL"),
        ("mode", "TEXT", "NOT NULL"),
        ("version", "TEXT", "NOT NULL"),
        ("pxextract_version", "TEXT", "NOT NULL"),
        ("rules_hash", "TEXT", "NOT NULL"),
        ("pid", "INTEGER", ""),
        ("inputs", "TEXT", "NOT NULL"),
        ("n_inputs", "INTEGER", ""),
        ("n_processed", "INTEGER", ""),
        ("n_unchanged", "INTEGER", ""),
        ("n_removed", "INTEGER", ""),
        ("n_kept", "INTEGER", ""),
        ("n_failed", "INTEGER", ""),
        ("n_mentions", "INTEGER", ""),
        ("n_facts", "INTEGER", ""),
        ("seconds_total", "REAL", ""),
        ("seconds_load", "REAL", ""),
        ("seconds_extract", "REAL", ""),
        ("errors", "TEXT", ""),
    ),
}
# the key of each content table, a unique index (see INDEXES)
PRIMARY_KEYS = {"mentions": ("article_id", "mention"), "facts": ("article_id", "fact"), "entities": ("article_id", "entity")}
ORDER = {"articles": "id", "mentions": "article_id, mention", "facts": "article_id, fact", "entities": "article_id, entity", "runs": "id"}

# The keys of the content tables are unique indexes rather than PRIMARY KEY clauses, so that a
# full build can load its rows first and build each index once (about 40 % of the insert time).
INDEXES = tuple(
    f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_key ON {table}({', '.join(key)})"
    for table, key in PRIMARY_KEYS.items()
) + (
    "CREATE INDEX IF NOT EXISTS facts_metric ON facts(metric)",
    "CREATE INDEX IF NOT EXISTS facts_year ON facts(year)",
    "CREATE INDEX IF NOT EXISTS facts_subject ON facts(subject)",
    "CREATE INDEX IF NOT EXISTS mentions_label ON mentions(label)",
    "CREATE INDEX IF NOT EXISTS entities_name ON entities(name)",
)
VIEWS = (
    # every place a fact was stated: one row per (fact, mention)
    """CREATE VIEW IF NOT EXISTS fact_provenance AS
       SELECT f.article_id, f.fact, m.mention, m.start, m."end", m.sentence, m.text
       FROM facts f JOIN mentions m ON m.article_id = f.article_id AND m.fact = f.fact""",
)


class BuildLocked(InputError):
    """Another build holds the database's lock file."""


class StoreError(InputError):
    """A database that cannot be used (missing, not SQLite, another schema)."""


@dataclasses.dataclass
class BuildReport:
    """What one build did (also stored as a row of ``runs``)."""

    db: Path
    mode: str
    run_id: int = 0
    n_inputs: int = 0
    processed: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: int = 0
    failures: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    n_mentions: int = 0
    n_facts: int = 0
    seconds_total: float = 0.0
    seconds_load: float = 0.0
    seconds_extract: float = 0.0
    total_articles: int = 0
    total_facts: int = 0
    swap: str = ""  # --full: "replaced" (renamed over) or "copied" (readers had the old file open)
    no_date: list[str] = dataclasses.field(default_factory=list)  # processed articles without a publication date


# -- schema and connections ---------------------------------------------------------------


def _q(name: str) -> str:
    return f'"{name}"'


def columns(table: str) -> list[str]:
    """Column names of ``table`` in schema order: ``columns("facts")[:3] == ['article_id', 'fact', 'label']``."""
    return [c for c, _, _ in TABLES[table]]


def column_types(table: str) -> dict[str, str]:
    return {c: t for c, t, _ in TABLES[table]}


def schema_sql(indexes: bool = True) -> list[str]:
    """The DDL statements (tables, indexes, views), e.g. ``CREATE TABLE "facts" ("article_id" TEXT …)``."""
    out = []
    for table, cols in TABLES.items():
        defs = [f"{_q(c)} {t} {k}".strip() for c, t, k in cols]
        out.append(f"CREATE TABLE IF NOT EXISTS {_q(table)} ({', '.join(defs)})")
    return out + (list(INDEXES) if indexes else []) + list(VIEWS)


def create_schema(conn: sqlite3.Connection, indexes: bool = True) -> None:
    """Create every table of an empty database and stamp ``PRAGMA user_version``.

    ``indexes=False`` leaves the secondary indexes to :func:`create_indexes` (a full build
    loads the rows first and indexes them once, instead of updating the indexes per row)."""
    with transaction(conn):
        for stmt in schema_sql(indexes):
            conn.execute(stmt)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def create_indexes(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        for stmt in INDEXES:
            conn.execute(stmt)


def connect(path: str | Path, *, fast: bool = False) -> sqlite3.Connection:
    """A read-write connection in WAL mode, transactions handled by :func:`transaction`.

    ``synchronous=NORMAL``: in WAL mode a commit is atomic and the file never corrupts; an
    operating-system crash may lose the last commits, which the next build redoes. ``fast``
    (for the temporary file of ``--full``, fsynced once at the end) turns syncing off.
    """
    try:
        conn = sqlite3.connect(str(path), timeout=60, isolation_level=None)
    except sqlite3.Error as exc:
        raise db_error(path, exc) from None
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={'OFF' if fast else 'NORMAL'}")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise db_error(path, exc) from None
    return conn


class DatabaseFailed(StoreError):
    """The database or its disk failed while in use (full, damaged, locked): exit code 1."""

    exit_code = 1


def db_error(path: str | Path, exc: BaseException) -> StoreError:
    """The one-line error for a SQLite error on the database at ``path`` ("facts.sqlite: the disk
    is full …; free some space …"), see :func:`pxextract.dbfile.explain`."""
    if isinstance(exc, StoreError):
        return exc
    message, code = dbfile.explain(path, exc)
    return DatabaseFailed(message) if code == 1 else StoreError(message)


def _open_ours(path: Path, kind: str) -> sqlite3.Connection:
    """A read-only connection to a pxextract database whose :func:`db_kind` is ``kind``;
    :class:`StoreError` saying what is wrong for anything else."""
    if kind != "ours":
        raise StoreError(kind_message(kind, path))
    try:
        return dbfile.open_ro(path)
    except sqlite3.Error as exc:
        raise db_error(path, exc) from None


@contextlib.contextmanager
def reader(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection that writes nothing (:func:`pxextract.dbfile.ro_uri`); raises
    :class:`StoreError` saying what is wrong when the database is missing, unreadable, locked,
    damaged or not ours, also when that shows only while reading."""
    path = Path(path)
    conn = _open_ours(path, db_kind(path))
    try:
        yield conn
    except sqlite3.Error as exc:
        raise db_error(path, exc) from None
    finally:
        conn.close()


KIND_MESSAGES = {
    "missing": "no such database (create it with `pxextract build INPUT... --db {db}`)",
    "unreadable": "permission denied: cannot read it (check the permissions of the file and its folders, or ask its owner)",
    "not-a-file": "not a regular file (a folder or a device); give the path of a database file",
    "empty": "an empty file, not a database yet; build it with `pxextract build INPUT... --db {db}`",
    "not-sqlite": "not a SQLite database (an article, another program's file?); check the --db path."
                  " A build never replaces it unless given `--full --force`",
    "corrupt": "a damaged SQLite file not marked as a pxextract database; check the --db path."
               " A build never replaces it unless given `--full --force`",
    "foreign": "a SQLite database that is not a pxextract fact database (another program's data); choose another --db."
               " A build never replaces it unless given `--full --force`",
    "damaged": "a damaged pxextract database ({detail}); `pxextract check --db {db}` lists the damage,"
               " `pxextract build INPUT... --db {db} --full` rebuilds it, keeping what can still be read",
    "other-schema": f"a fact database of another schema version (this pxextract reads {SCHEMA_VERSION});"
                    " `pxextract build INPUT... --db {db}` rebuilds it in full",
}


def kind_message(kind: str, db: str | Path, detail: str = "SQLite cannot read it") -> str:
    """``"PATH: what it is; what to do"`` for a :func:`db_kind` other than ``ours``."""
    return f"{db}: " + KIND_MESSAGES.get(kind, kind).format(db=db, detail=detail)


def db_kind(path: str | Path) -> str:
    """What is at ``path``: ``ours``; ``missing``, ``unreadable``, ``not-a-file``, ``empty``,
    ``not-sqlite`` (no SQLite header), ``corrupt`` (SQLite that cannot be read, not marked as
    ours), ``damaged`` (marked as ours, cannot be read), ``foreign`` (another application's
    SQLite) or ``other-schema`` (ours, older or newer). A database that is locked, or cannot be
    opened for another reason, raises :class:`StoreError` saying why.
    """
    path = Path(path)
    kind, head = dbfile.file_kind(path)
    if kind != "sqlite":
        return kind
    try:
        conn = dbfile.open_ro(path)
        try:
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            version = _schema_version(conn)
            tables = _has_tables(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if dbfile.error_kind(exc) in ("corrupt", "not-sqlite"):
            return "damaged" if dbfile.header_application_id(head) == APPLICATION_ID else "corrupt"
        raise db_error(path, exc) from None
    except OSError as exc:  # a -wal without -shm in a read-only folder
        raise StoreError(f"{path}: {exc.strerror}") from None
    if app == 0 and version == 0 and not tables:
        return "empty"
    if app != APPLICATION_ID:
        return "foreign"
    return "ours" if version == SCHEMA_VERSION else "other-schema"


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


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any error): all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0


# -- lock ---------------------------------------------------------------------------------


def lock_path(db: str | Path) -> Path:
    """``<db>.lock`` beside the real file (symlinks resolved): one lock per database, whatever
    path names it."""
    return Path(f"{dbfile.real(db)}.lock")


@contextlib.contextmanager
def build_lock(db: str | Path, wait: bool = False, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``<db>.lock`` for the whole build.

    Busy and ``wait`` false → :class:`BuildLocked` ("another build is running on facts.sqlite
    (pid 4242) …"); busy and ``wait`` → ``on_wait(message)``, then block until it is free.
    The kernel releases the lock when the process ends, even on SIGKILL.
    """
    import fcntl

    path = lock_path(db)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{db}: cannot create the build lock {path} ({exc.strerror}); a build needs a writable folder") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            message = f"another build is running on {db} (pid {holder})"
            if not wait:
                raise BuildLocked(f"{message}; wait for it to finish or pass --wait") from None
            if on_wait:
                on_wait(f"{message}; waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)


# -- rows of one article -------------------------------------------------------------------


def pipeline_version(rules_path: str | Path | None = None) -> tuple[str, str]:
    """``(version, rules hash)`` exactly as ``Extractor(rules_path).version`` gives it, from the
    hash of the rules files alone (~1 ms): an unchanged rebuild never loads the rules, jieba or
    the spaCy components. ("0.1.0+rules.8494787124929f45", "8494787124929f45")"""
    from .rules import RulesError, default_rules_dir, rules_hash

    d = Path(rules_path) if rules_path else default_rules_dir()
    if not d.is_dir():
        raise RulesError(f"{d}: rules folder not found")
    h = rules_hash(d)
    from .ner import model_path, version_suffix  # issue #13: a new NER model re-processes articles

    return f"{__version__}+rules.{h}" + version_suffix(model_path()), h


def _meta_json(meta: dict) -> str:
    return json.dumps(meta or {}, ensure_ascii=False, sort_keys=True, default=str)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _sentence_index(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    from .link import sentences

    ranges = sentences(text)
    return [a for a, _ in ranges], ranges


def article_rows(article: Article, record: dict, version: str, processed_at: str, run_id: int | None = None) -> dict[str, list[dict]]:
    """The rows of one article for every content table, from its extraction record.

    Numeric mentions with the same :data:`FACT_KEY` — or a ``duplicate_of`` pointing at an
    earlier mention — become one fact whose ``n_mentions`` counts them; names with the same
    label and text become one entity. Example: "对全市6个工业园区…" stated twice in an article
    gives two ``mentions`` rows (``fact`` 0 both) and one ``facts`` row with ``n_mentions`` 2.
    """
    text = article.text
    starts, ranges = _sentence_index(text)
    mentions: list[dict] = []
    facts_: list[dict] = []
    entities: list[dict] = []
    fact_by_key: dict[tuple, dict] = {}
    fact_at: dict[int, dict] = {}
    entity_by_key: dict[tuple, dict] = {}
    for i, s in enumerate(sorted(record["spans"], key=lambda s: (s["start"], s["end"]))):
        m = _mention_row(article.id, i, s, sentence=max(bisect.bisect_right(starts, s["start"]) - 1, 0))
        if s["label"] in LABELS_NUMERIC:
            key = _key(s)
            f = _fact_for(s, key, fact_by_key, fact_at)
            if f is None:
                f = _new_fact(article.id, len(facts_), s, m["sentence"], _context(text, ranges, m["sentence"]))
                facts_.append(f)
                fact_by_key.setdefault(key, f)
            f["n_mentions"] += 1
            fact_at[s["start"]] = f
            m["fact"] = f["fact"]
        elif s["label"] in LABELS_NAMES:
            e = entity_by_key.get((s["label"], s["text"]))
            if e is None:
                e = {"article_id": article.id, "entity": len(entities), "label": s["label"], "name": s["text"],
                     "start": s["start"], "end": s["end"], "n_mentions": 0}
                entities.append(e)
                entity_by_key[(s["label"], s["text"])] = e
            e["n_mentions"] += 1
            m["entity"] = e["entity"]
        mentions.append(m)
    used = record.get("meta") or {}
    art = _article_row(article, version, processed_at, run_id, (len(mentions), len(facts_), len(entities)),
                       date=used.get("date") if "meta" in record else (article.meta or {}).get("date"))
    return {"articles": [art], "mentions": mentions, "facts": facts_, "entities": entities}


_ATTRS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # one encoder, not one per row


_SPAN_FIELDS = frozenset(("start", "end", "label", "text"))


def _mention_row(article_id: str, index: int, s: dict, sentence: int) -> dict:
    """One ``mentions`` row: 82.32亿元 → label MONEY, value 8232000000, unit 元, … and all attributes as JSON."""
    g = s.get
    return {
        "article_id": article_id, "mention": index, "start": s["start"], "end": s["end"], "label": s["label"],
        "text": s["text"], "sentence": sentence, "component": g("component") or COMPONENTS.get(s["label"], "unknown"),
        "value": _real(g("value")), "unit": g("unit"), "qualifier": g("qualifier"), "low": _real(g("low")), "high": _real(g("high")),
        "year": _real(g("year")), "metric": g("metric"), "subject": g("subject"), "modality": g("modality"),
        "change": g("change"), "year_start": _real(g("year_start")), "year_end": _real(g("year_end")), "duplicate_of": g("duplicate_of"),
        "attrs": _ATTRS_JSON({k: v for k, v in s.items() if k not in _SPAN_FIELDS}),
    }


_INT64 = 2 ** 63


def _real(v):
    """A number SQLite can bind: an integer beyond 64 bits becomes the nearest float (None past
    a float's range); the exact value stays in ``mentions.attrs`` (JSON keeps any integer).

    >>> _real(12345678901234567890), _real(10 ** 400), _real(82)
    (1.2345678901234567e+19, None, 82)
    """
    if type(v) is int and not -_INT64 <= v < _INT64:
        try:
            return float(v)
        except OverflowError:
            return None
    return v


def _new_fact(article_id: str, index: int, s: dict, sentence: int, context: str) -> dict:
    f = {k: _real(s.get(k)) for k in FACT_KEY}
    f.update(article_id=article_id, fact=index, text=s["text"], start=s["start"], end=s["end"],
             sentence=sentence, context=context, n_mentions=0)
    return f


def _context(text: str, ranges: list[tuple[int, int]], sentence: int) -> str:
    a, b = ranges[sentence] if ranges else (0, len(text))
    return text[a:b].strip()


def _article_row(article: Article, version: str, processed_at: str, run_id: int | None, counts: tuple[int, int, int],
                 date: str | None = None) -> dict:
    """The ``articles`` row; ``date`` is the publication date the pipeline used (the metadata's,
    normalized, or one found in the text), ``meta`` the input metadata as given."""
    meta = dict(article.meta or {})
    return {
        "id": article.id, "path": article.path, "sha256": _sha256(article.text), "date": _str(date),
        "title": _str(meta.get("title")), "source": _str(meta.get("source")), "meta": _meta_json(meta),
        "chars": len(article.text), "text": article.text, "version": version, "processed_at": processed_at,
        "run_id": run_id, "n_mentions": counts[0], "n_facts": counts[1], "n_entities": counts[2],
    }


def _str(v) -> str | None:
    return None if v in (None, "") else str(v)


def _key(span: dict) -> tuple:
    return tuple(map(span.get, FACT_KEY))


def _fact_for(span: dict, key: tuple, by_key: dict, at: dict) -> dict | None:
    """The fact an earlier mention already made for ``span``: its ``duplicate_of``, else the same key."""
    dup = span.get("duplicate_of")
    if dup is not None and dup in at:
        return at[dup]
    return by_key.get(key)


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    cols = columns(table)
    sql = f"INSERT INTO {_q(table)} ({', '.join(_q(c) for c in cols)}) VALUES ({', '.join('?' for _ in cols)})"
    conn.executemany(sql, [tuple(map(r.get, cols)) for r in rows])


def _delete_articles(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    ids = list(ids)
    for table, key in (("mentions", "article_id"), ("facts", "article_id"), ("entities", "article_id"), ("articles", "id")):
        conn.executemany(f"DELETE FROM {table} WHERE {key} = ?", [(i,) for i in ids])


def replace_article(conn: sqlite3.Connection, rows: dict[str, list[dict]], fresh: bool = False) -> None:
    """Delete the article's old rows and insert the new ones, in one transaction (``fresh``:
    the database being built from nothing has no old rows to delete; there, rows go into the
    batch transaction of :func:`_process_all` when one is open)."""
    if fresh and conn.in_transaction:
        for table in CONTENT_TABLES:
            _insert(conn, table, rows[table])
        return
    with transaction(conn):
        if not fresh:
            _delete_articles(conn, [rows["articles"][0]["id"]])
        for table in CONTENT_TABLES:
            _insert(conn, table, rows[table])


# -- build --------------------------------------------------------------------------------


@dataclasses.dataclass
class _Job:
    """Everything one build needs; ``extractor`` is built on first use only."""

    articles: Sequence[Article]
    errors: Sequence[ReadError]
    version: str
    rules_hash: str
    make_extractor: Callable[[], object]
    keep_missing: bool
    inputs: Sequence[str]
    on_article: Callable[[Article, str], None] | None
    raise_errors: bool
    t0: float
    _extractor: object | None = None
    seconds_load: float = 0.0
    timeout: float | None = 60.0  # the per-article time budget's base (batch.budget); 0: none
    # issue #7 (pxextract.scale): produces the records instead of this process's extractor
    extract: Callable[[Iterator[Article]], Iterable[tuple[Article, dict | None, str | None]]] | None = None

    def extractor(self):
        if self._extractor is None:
            t0 = time.perf_counter()
            self._extractor = self.make_extractor()
            self.seconds_load = time.perf_counter() - t0
        return self._extractor


def build(
    db: str | Path,
    articles: Sequence[Article],
    errors: Sequence[ReadError] = (),
    *,
    full: bool = False,
    force: bool = False,
    keep_missing: bool = False,
    extractor=None,
    rules_path: str | Path | None = None,
    wait: bool = False,
    on_wait: Callable[[str], None] | None = None,
    inputs: Sequence[str] = (),
    on_article: Callable[[Article, str], None] | None = None,
    raise_errors: bool = False,
    extract: Callable[[Iterator[Article]], Iterable[tuple[Article, dict | None, str | None]]] | None = None,
    article_timeout: float | None = 60.0,
) -> BuildReport:
    """Bring the database at ``db`` up to date with ``articles`` (the complete set of inputs).

    Incremental (default): an article whose text, metadata and pipeline version are unchanged
    is skipped; a new or changed one is replaced in one transaction; an article no longer in
    the inputs is deleted (unless ``keep_missing``), except one whose file could not be read
    (listed in ``errors``) or failed extraction: its previous rows are kept. ``full``: build a
    new file and swap it in (``force``: even over a file that is not a pxextract database;
    without it, such a file is never replaced). A damaged database stops an incremental build;
    ``full`` rebuilds it, keeping what can still be read from it. ``extractor``: an object with ``.version`` and ``.record()``
    (default: ``Extractor(rules_path)``, built only if some article needs processing).
    ``extract`` (issue #7, see :mod:`pxextract.scale`): a callable given an iterator of the
    articles that need processing, yielding ``(article, record, error)`` for each, in the
    same order (worker processes, a Dask cluster); this process still writes every row.
    ``article_timeout``: the base of each article's time budget (:func:`pxextract.batch.budget`;
    0 for none): an article that runs past it is reported as failed and the build goes on.
    """
    shown, db = Path(db), dbfile.real(db)  # work on the real file (a symlink stays one); name it as given
    t0 = time.perf_counter()
    if extractor is not None:
        version, rules_hash = extractor.version, getattr(getattr(extractor, "rules", None), "version", "")
        make = lambda: extractor  # noqa: E731
    else:
        version, rules_hash = pipeline_version(rules_path)

        def make():
            from .pipeline import Extractor

            return Extractor(rules_path)

    job = _Job(articles, errors, version, rules_hash, make, keep_missing, [str(i) for i in inputs], on_article, raise_errors, t0,
               extract=extract, timeout=article_timeout)
    _refuse_not_ours(db, shown, full and force)  # before the lock: no <article>.lock left beside an input
    with build_lock(db, wait=wait, on_wait=on_wait):
        stale = [p for p in remove_stale_temporaries(db) if not p.name.endswith(("-wal", "-shm", "-journal"))]
        notes = [f"removed {p}, left by a --full build that was interrupted" for p in stale]
        kind = _refuse_not_ours(db, shown, full and force)
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


NOT_OURS = ("not-sqlite", "corrupt", "foreign")  # replaced only by --full --force


def _refuse_not_ours(db: Path, shown: Path, forced: bool) -> str:
    """The :func:`db_kind` of ``db``; :class:`StoreError` for a file a build must not touch: an
    unreadable one, a folder or device, and — unless ``forced`` — one that is not ours."""
    kind = db_kind(db)
    if kind in ("unreadable", "not-a-file") or (kind in NOT_OURS and not forced):
        raise StoreError(kind_message(kind, shown))
    return kind


def _build_incremental(db: Path, job: _Job) -> BuildReport:
    conn = connect(db)
    try:
        if _schema_version(conn) != SCHEMA_VERSION:
            create_schema(conn)
        report = BuildReport(db, "incremental")
        _run(conn, job, report, previous=_previous_state(conn), skip_unchanged=True)
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
                with transaction(conn):
                    conn.execute("INSERT INTO runs SELECT * FROM old.runs")
                previous = _previous_state(conn, "old.")
        report = BuildReport(db, "full", notes=notes)
        _run(conn, job, report, previous=previous, skip_unchanged=False, old=old)
        create_indexes(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        _fsync(tmp)
        report.swap = swap_in(tmp, db)
        return report
    except BaseException:
        conn.close()
        _remove_db_files(tmp)
        raise
    finally:
        if rescued is not None:
            _remove_db_files(rescued)


def salvage(damaged: Path, dest: Path, damage: Sequence[str] = ()) -> list[str]:
    """Copy what can still be read from the ``damaged`` database into a new database ``dest``:
    the runs before and after the damage, and every article whose rows all read back (stored
    counts and text hash match). Returns one note saying what was kept and what was lost, e.g.
    "facts.sqlite was damaged (…): 2 article(s) and 4 run(s) could be read from it; 1 article
    found but unreadable (a3)".
    """
    _remove_db_files(dest)
    out = connect(dest, fast=True)
    try:
        create_schema(out)
        src = dbfile.open_ro(damaged)
        try:
            runs = _readable_rows(src, f"SELECT {_cols('runs')} FROM runs ORDER BY id")
            with transaction(out):
                _insert(out, "runs", [dict(zip(columns("runs"), r)) for r in runs.values()])
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
        if counts != (art["n_mentions"], art["n_facts"], art["n_entities"]) or _sha256(art["text"]) != art["sha256"]:
            return False
        with transaction(out):
            for t in CONTENT_TABLES:
                _insert(out, t, [dict(zip(columns(t), r)) for r in rows[t]])
    except (sqlite3.DatabaseError, TypeError, UnicodeError):
        return False
    return True


@contextlib.contextmanager
def _attached(conn: sqlite3.Connection, other: Path) -> Iterator[None]:
    conn.execute("ATTACH DATABASE ? AS old", (str(other),))
    try:
        yield
    finally:
        conn.execute("DETACH DATABASE old")


def _previous_state(conn: sqlite3.Connection, schema: str = "") -> dict[str, tuple]:
    """``id → (sha256, meta, version, path)`` of the articles already in the database."""
    rows = conn.execute(f"SELECT id, sha256, meta, version, path FROM {schema}articles").fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def _ids_of_unreadable(previous: dict[str, tuple], errors: Sequence[ReadError]) -> set[str]:
    """Articles stored from an input that was not read completely this time: the file, the
    folder or the whole JSONL file named by each error's ``scope`` (an incomplete read is never
    evidence that an article is gone)."""
    scopes = {getattr(e, "scope", "") or e.path for e in errors}
    if not scopes:
        return set()
    prefixes = tuple(s.rstrip("/" + os.sep) + sep for s in scopes for sep in ("/", os.sep, ":"))
    return {art_id for art_id, (_, _, _, path) in previous.items() if path and (path in scopes or path.startswith(prefixes))}


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
    return cur.lastrowid


def _run(conn: sqlite3.Connection, job: _Job, report: BuildReport, previous: dict, skip_unchanged: bool, old: Path | None = None) -> None:
    """Process the articles into ``conn``; settle the ones not redone; record the run."""
    report.run_id = _start_run(conn, job, report.mode)
    try:
        failed = _process_all(conn, job, report, previous, skip_unchanged)
        # read errors are known once the inputs have been read (each input is read once)
        report.failures[:0] = [str(e) for e in job.errors]
        report.n_inputs = job.articles.n_read if hasattr(job.articles, "n_read") else len(job.articles)
        _settle(conn, job, report, previous, keep=_ids_of_unreadable(previous, job.errors) | failed, old=old, failed=failed)
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


def _process_all(conn: sqlite3.Connection, job: _Job, report: BuildReport, previous: dict, skip_unchanged: bool) -> set[str]:
    """Skip unchanged articles, (re)process the others; returns the ids that failed."""
    failed, moved = set(), []

    def todo() -> Iterator[Article]:  # issue #7: the articles that need processing, in input order
        for art in job.articles:
            state = previous.get(art.id)
            if skip_unchanged and state and state[:3] == (_sha256(art.text), _meta_json(art.meta), job.version):
                report.unchanged += 1
                if state[3] != art.path:
                    moved.append((art.path, art.id))
                _notify(job, art, "unchanged")
            else:
                yield art

    results = _extracted(job, report, todo())
    # a full build writes a new file that only replaces the database once complete: there,
    # articles are committed in batches (a commit per article costs more than its inserts)
    batch = _FULL_BUILD_BATCH if report.mode == "full" else 0
    pending = 0
    try:
        for art, done in results:
            if batch and not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
            if _process(conn, job, report, art, done):
                _notify(job, art, "processed")
            else:
                failed.add(art.id)
                _notify(job, art, "failed")
            pending += 1
            if batch and pending >= batch:
                conn.execute("COMMIT")
                pending = 0
        if conn.in_transaction:
            conn.execute("COMMIT")
    finally:
        results.close()  # stops the workers of ``job.extract`` now, even when a write failed
    if moved:  # same article, another file name: no need to process it again
        with transaction(conn):
            conn.executemany("UPDATE articles SET path = ? WHERE id = ?", moved)
    return failed


_FULL_BUILD_BATCH = 64  # articles per transaction in a full build


def _settle(conn: sqlite3.Connection, job: _Job, report: BuildReport, previous: dict, keep: set[str], old: Path | None,
            failed: set[str] = frozenset()) -> None:
    """Keep the previous rows of unreadable / failed articles; delete (or keep) the missing ones.

    Incremental: kept rows simply stay, missing ones are deleted in one transaction. Full
    (``old`` is the previous file): the kept rows are copied over from it.
    """
    ids = getattr(job.articles, "ids", None)  # read.ArticleSource: the ids it read (complete after the build's one pass)
    ids = ids if ids is not None else {a.id for a in job.articles}
    keep = (keep & previous.keys()) - (ids - failed)  # an article read again this time is not "kept"
    missing = set(previous) - ids - keep
    report.kept = len(keep)
    if job.keep_missing:
        keep |= missing
    else:
        report.removed = len(missing)
    if old is not None:
        _copy_articles(conn, old, sorted(keep))
    elif missing and not job.keep_missing:
        with transaction(conn):
            _delete_articles(conn, sorted(missing))


def _notify(job: _Job, art: Article, status: str) -> None:
    if job.on_article:
        job.on_article(art, status)


class ExtractionFailed(Exception):
    """An article's extraction failed elsewhere (``build(extract=...)``); the message says how."""


def _extracted(job: _Job, report: BuildReport, todo: Iterator[Article]) -> Iterator[tuple[Article, tuple | None]]:
    """``(article, None)`` to extract here, or — issue #7, ``job.extract`` given —
    ``(article, (record, error))`` as produced elsewhere, checked to come back in order."""
    if job.extract is None:
        # extracted here, by _process, in spaCy memory zones (batch.ZoneBudget): the strings the
        # articles add to the vocabulary are freed from time to time, so memory stays flat
        from .batch import zones_for

        zones = None
        try:
            for art in todo:
                if zones is None:
                    zones = zones_for(job.extractor())
                if zones is not None:
                    zones.open()
                yield art, None
                if zones is not None:
                    zones.spent(len(art.text))
        finally:  # no zone outlives the build: the caller's own Docs must not land in one
            if zones is not None:
                zones.close()
        return
    sent: collections.deque = collections.deque()
    exhausted = []

    def tracked() -> Iterator[Article]:
        for art in todo:
            sent.append(art)
            yield art
        exhausted.append(True)

    results = iter(job.extract(tracked()))
    try:
        while True:
            t0 = time.perf_counter()
            item = next(results, None)  # time spent waiting for the workers
            report.seconds_extract += time.perf_counter() - t0
            if item is None:
                break
            art, record, error = item
            if not sent or sent.popleft() is not art:
                raise RuntimeError(f"{art.id}: records came back out of order")
            yield art, (record, error)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    if sent or not exhausted:
        raise RuntimeError("some articles sent for extraction came back without a record")


def _process(conn: sqlite3.Connection, job: _Job, report: BuildReport, art: Article, done: tuple | None = None) -> bool:
    """Extract one article (or take ``done`` = ``(record, error)`` from ``job.extract``) and
    replace its rows; a failure is reported (never raised) and the article's previous rows,
    if any, stay as they were."""
    from .batch import failure_message, record_within

    if done is None:
        extractor = job.extractor()  # a pipeline that cannot be built (bad rules) stops the build
    try:
        if done is None:
            t0 = time.perf_counter()
            record = record_within(extractor, art.id, art.text, art.meta, job.timeout)
            report.seconds_extract += time.perf_counter() - t0
        else:
            record, error = done
            if error is not None:
                raise ExtractionFailed(error)
        rows = article_rows(art, record, job.version, now(), report.run_id)
        _write_article(conn, rows, fresh=report.mode == "full")
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - one bad article never stops a build
        if job.raise_errors or _is_disk_error(exc):
            raise
        reason = str(exc) if isinstance(exc, ExtractionFailed) else failure_message(exc)
        report.failures.append(f"{art.path or art.id}: {reason}")
        return False
    if not (record.get("meta") or {}).get("date"):
        report.no_date.append(art.path or art.id)
    report.processed += 1
    report.n_mentions += len(rows["mentions"])
    report.n_facts += len(rows["facts"])
    return True


def _write_article(conn: sqlite3.Connection, rows: dict[str, list[dict]], fresh: bool) -> None:
    """:func:`replace_article`, all or nothing even inside a full build's batch transaction
    (a savepoint): a row SQLite refuses leaves no part of the article behind."""
    if not conn.in_transaction:
        replace_article(conn, rows, fresh=fresh)
        return
    conn.execute("SAVEPOINT article")
    try:
        replace_article(conn, rows, fresh=fresh)
    except BaseException:
        conn.execute("ROLLBACK TO article")
        conn.execute("RELEASE article")
        raise
    conn.execute("RELEASE article")


def _is_disk_error(exc: BaseException) -> bool:
    """Errors of the database itself (disk full, I/O, read-only): they stop the build."""
    return isinstance(exc, sqlite3.OperationalError) or (isinstance(exc, OSError) and not isinstance(exc, UnicodeError))


def _copy_articles(conn: sqlite3.Connection, old: Path, ids: list[str]) -> None:
    if not ids:
        return
    with _attached(conn, old), transaction(conn):
        for table, key in (("articles", "id"), ("mentions", "article_id"), ("facts", "article_id"), ("entities", "article_id")):
            cols = ", ".join(_q(c) for c in columns(table))
            conn.executemany(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM old.{table} WHERE {key} = ?", [(i,) for i in ids])


def _finish_run(conn: sqlite3.Connection, job: _Job, report: BuildReport) -> None:
    report.seconds_load = job.seconds_load
    report.total_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    report.total_facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
    status = "errors" if report.failures else "ok"
    with transaction(conn):
        conn.execute(
            "UPDATE runs SET finished_at = ?, status = ?, n_inputs = ?, n_processed = ?, n_unchanged = ?, n_removed = ?, n_kept = ?,"
            " n_failed = ?, n_mentions = ?, n_facts = ?, seconds_total = ?, seconds_load = ?, seconds_extract = ?, errors = ?"
            " WHERE id = ?",
            (now(), status, report.n_inputs, report.processed, report.unchanged, report.removed, report.kept, len(report.failures),
             report.n_mentions, report.n_facts, round(time.perf_counter() - job.t0, 3), round(job.seconds_load, 3), round(report.seconds_extract, 3),
             json.dumps(report.failures, ensure_ascii=False), report.run_id),
        )


# -- files: temporaries, fsync, swap ------------------------------------------------------


def _db_files(path: Path) -> list[Path]:
    return [path] + [Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal")]


def _remove_db_files(path: Path) -> None:
    for p in _db_files(path):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def remove_stale_temporaries(db: Path) -> list[Path]:
    """Delete ``<db>.tmp-<pid>`` (and its ``-wal``/``-shm``) left by a ``--full`` build that was
    killed; only the holder of the lock may call this (it is the only one writing a temporary)."""
    db = dbfile.real(db)
    stale = sorted(db.parent.glob(f"{glob.escape(db.name)}.tmp-*"))
    for p in stale:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
    return stale


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(path)


def swap_in(tmp: Path, db: Path) -> str:
    """Make the finished database ``tmp`` the one at ``db``; returns ``"replaced"`` or ``"copied"``.

    When nobody has ``db`` open, its WAL is checkpointed and switched off (SQLite then deletes
    ``-wal``/``-shm``), and ``os.replace`` renames ``tmp`` over it — atomic. When a reader
    still has it open (the switch is refused), the pages of ``tmp`` are copied into ``db``
    with SQLite's backup API instead: one write transaction, so readers see the old or the
    new database, never a mix, and no reader is left with a stale ``-wal``/``-shm``. A
    symlink at ``db`` stays a symlink: its target is what is replaced.
    """
    db = dbfile.real(db)
    if db.exists() and not _release_wal(db):
        src = sqlite3.connect(str(tmp))
        dst = sqlite3.connect(str(db), timeout=60)
        try:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            src.close()
            dst.close()
        _remove_db_files(tmp)
        return "copied"
    os.replace(tmp, db)
    _fsync_dir(db.parent)
    return "replaced"


def _release_wal(db: Path) -> bool:
    """Checkpoint ``db`` and switch it to rollback-journal mode; False when another connection has it open."""
    try:
        conn = sqlite3.connect(str(db), timeout=1.0, isolation_level=None)
    except sqlite3.DatabaseError:
        return True
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0].lower() == "delete"
    except sqlite3.OperationalError:
        return False
    except sqlite3.DatabaseError:  # not a database at all: nothing to preserve
        for p in _db_files(db)[1:]:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        return True
    finally:
        conn.close()


# -- queries ------------------------------------------------------------------------------

FACT_COLUMNS = (
    "article_id", "fact", "date", "title", "source", "label", "text", "value", "unit", "qualifier", "low", "high",
    "year", "metric", "subject", "modality", "change", "n_mentions", "start", "end", "sentence", "context",
)


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
    ``year``, ``label``, ``modality`` and ``article`` match exactly.

    Example:
        >>> df = facts("facts.sqlite", year=2021, metric="农林牧渔业总产值")  # doctest: +SKIP
        >>> df[["text", "value", "unit", "subject"]]                          # doctest: +SKIP
              text         value unit subject
        0  123.77亿元  1.237700e+10    元   萍乡市
    """
    import pandas as pd

    where, params = _fact_filters(metric=metric, subject=subject, year=year, label=label, modality=modality, article=article)
    cols = ", ".join(f"a.{_q(c)}" if c in ("date", "title", "source") else f"f.{_q(c)}" for c in FACT_COLUMNS)
    sql = f"SELECT {cols} FROM facts f JOIN articles a ON a.id = f.article_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY f.article_id, f.start"
    with reader(db) as conn:
        rows = conn.execute(sql, params).fetchall()
    df = pd.DataFrame(rows, columns=list(FACT_COLUMNS))
    return _typed(df, {**column_types("articles"), **column_types("facts")})


def _fact_filters(*, metric, subject, year, label, modality, article) -> tuple[list[str], list]:
    """SQL conditions and parameters: substrings for metric and subject (LIKE, wildcards escaped), equality otherwise."""
    where, params = [], []
    for column, text in (("metric", metric), ("subject", subject)):
        if text:
            where.append(f"f.{column} LIKE ? ESCAPE '\\'")
            params.append(_like(text))
    if year is not None and not -(2**63) <= int(year) < 2**63:  # SQLite's integers: no OverflowError
        raise StoreError(f"--year {year}: not a year (give one like 2023)")
    for column, value in (("year", None if year is None else int(year)), ("label", label.upper() if label else None),
                          ("modality", modality), ("article_id", article)):
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
    """``(article row, its mentions)`` read in one snapshot (for ``pxextract show``)."""
    with reader(db) as conn:
        conn.execute("BEGIN")
        art_id = resolve_article_id(conn, article_id)
        cur = conn.execute("SELECT * FROM articles WHERE id = ?", (art_id,))
        art = dict(zip([d[0] for d in cur.description], cur.fetchone()))
        cur = conn.execute("SELECT * FROM mentions WHERE article_id = ? ORDER BY mention", (art_id,))
        names = [d[0] for d in cur.description]
        mentions = [dict(zip(names, r)) for r in cur.fetchall()]
        conn.execute("COMMIT")
    return art, mentions


# -- Parquet ------------------------------------------------------------------------------


def _arrow_schema(name: str):
    import pyarrow as pa

    types = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}
    return pa.schema([pa.field(c, types[t], nullable="NOT NULL" not in k) for c, t, k in TABLES[name]])


def export_parquet(db: str | Path, directory: str | Path, tables: Sequence[str] = ALL_TABLES) -> list[Path]:
    """Write ``<table>.parquet`` for every table into ``directory`` from one consistent snapshot.

    Plain columns (int64, float64, string) with an explicit schema, so that DuckDB
    (``SELECT * FROM 'out/facts.parquet'``), Spark and pandas read them alike. Each file is
    written whole or not at all.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .output import atomic_writer

    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory}: not a folder; --parquet takes the folder to write the .parquet files into")
    written = []
    with reader(db) as conn:
        conn.execute("BEGIN")
        for name in tables:
            schema = _arrow_schema(name)
            cols = columns(name)
            rows = conn.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM {name} ORDER BY {ORDER[name]}").fetchall()
            arrays = [pa.array([r[i] for r in rows], type=schema.field(i).type) for i in range(len(cols))]
            tbl = pa.Table.from_arrays(arrays, schema=schema)
            path = directory / f"{name}.parquet"
            with atomic_writer(path, "wb") as f:  # a new file's mode follows the umask
                pq.write_table(tbl, f)
            written.append(path)
        conn.execute("COMMIT")
    return written


def check(db: str | Path) -> list[str]:
    """Problems of a database (empty when fine): SQLite's ``integrity_check``, and the project's
    own consistency rules — per article, its stored counts match its rows and its text its
    hash; no row without its article. Damage that stops a check is itself a problem, e.g.
    ``["integrity: *** in database main *** Tree 3 page 3 cell 0: …"]``.
    """
    db = Path(db)
    kind = db_kind(db)
    if kind == "damaged":
        return ["SQLite cannot read the file at all (its first page or its schema is damaged)"]
    conn = _open_ours(db, kind)
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
        if not isinstance(text, str) or _sha256(text) != sha:
            problems.append(f"{art_id}: the stored text does not match its sha256")
    for table in ("mentions", "facts", "entities"):
        orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} {table} row(s) without their article")
    return problems
