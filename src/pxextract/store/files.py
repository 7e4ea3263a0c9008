"""The database file as the store uses it: what is at a ``--db`` path (:func:`db_kind`), the
one-line message for each kind, read-write and read-only connections, and the errors that
name the path ("facts.sqlite: the disk is full …"). The file itself without any schema —
headers, read-only URIs, SQLite error codes — is :mod:`pxextract.dbfile`.

Example:
    >>> kind_message("missing", "facts.sqlite")
    'facts.sqlite: no such database (create it with `pxextract build INPUT... --db facts.sqlite`)'
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .. import dbfile
from ..read import InputError
from .schema import APPLICATION_ID, READABLE_VERSIONS, SCHEMA_VERSION, has_tables, schema_version


class StoreError(InputError):
    """A database that cannot be used (missing, not SQLite, another schema)."""


class BuildLocked(InputError):
    """Another build holds the database's lock file."""


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


def connect(path: str | Path, *, fast: bool = False) -> sqlite3.Connection:
    """A read-write connection in WAL mode, transactions handled by :func:`.schema.transaction`.

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


def open_ours(path: Path, kind: str) -> sqlite3.Connection:
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
    conn = open_ours(path, db_kind(path))
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
NOT_OURS = ("not-sqlite", "corrupt", "foreign")  # replaced only by --full --force


def kind_message(kind: str, db: str | Path, detail: str = "SQLite cannot read it") -> str:
    """``"PATH: what it is; what to do"`` for a :func:`db_kind` other than ``ours``."""
    return f"{db}: " + KIND_MESSAGES.get(kind, kind).format(db=db, detail=detail)


def db_kind(path: str | Path) -> str:
    """What is at ``path``: ``ours``; ``missing``, ``unreadable``, ``not-a-file``, ``empty``,
    ``not-sqlite`` (no SQLite header), ``corrupt`` (SQLite that cannot be read, not marked as
    ours), ``damaged`` (marked as ours, cannot be read), ``foreign`` (another application's
    SQLite) or ``other-schema`` (ours, of a version this pxextract neither reads nor upgrades in
    place: :data:`.schema.READABLE_VERSIONS`). A database that is locked, or cannot be
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
            version = schema_version(conn)
            tables = has_tables(conn)
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
    return "ours" if version in READABLE_VERSIONS else "other-schema"  # an older readable one is upgraded by the next build


def refuse_not_ours(db: Path, shown: Path, forced: bool) -> str:
    """The :func:`db_kind` of ``db``; :class:`StoreError` for a file a build must not touch: an
    unreadable one, a folder or device, and — unless ``forced`` — one that is not ours."""
    kind = db_kind(db)
    if kind in ("unreadable", "not-a-file") or (kind in NOT_OURS and not forced):
        raise StoreError(kind_message(kind, shown))
    return kind
