"""The database file itself: what is at a ``--db`` path, how to open it read-only without
writing anything, and what a SQLite error means for the user (one line with the path and
what to do). No schema here: that is :mod:`pxextract.store`.

Example:
    >>> import sqlite3
    >>> explain("facts.sqlite", sqlite3.OperationalError("database or disk is full"))[0]
    'facts.sqlite: the disk is full (database or disk is full); free some space and run the build again: the database keeps its last complete state'
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


def real(path: str | Path) -> Path:
    """The file a path names, symlinks resolved: one database, one lock, one ``-wal``."""
    return Path(os.path.realpath(path))


def file_kind(path: str | Path) -> tuple[str, bytes]:
    """``(kind, first 100 bytes)`` from the file alone, without SQLite: ``missing``,
    ``unreadable`` (permission), ``not-a-file`` (folder, device, FIFO), ``empty``, ``not-sqlite``
    (no SQLite header: an article, a CSV …) or ``sqlite``."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return "missing", b""
    except PermissionError:
        return "unreadable", b""
    if not stat.S_ISREG(st.st_mode):
        return "not-a-file", b""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except PermissionError:
        return "unreadable", b""
    if not head:
        return "empty", head
    return ("sqlite" if head.startswith(SQLITE_MAGIC) else "not-sqlite"), head


def header_application_id(head: bytes) -> int:
    """``PRAGMA application_id`` as the file header stores it (bytes 68–71, big-endian)."""
    return int.from_bytes(head[68:72], "big") if len(head) >= 72 else 0


def _folder_is_writable(folder: Path) -> bool:
    """Whether SQLite may create ``-wal``/``-shm`` here. A folder without any write bit counts as
    read-only even for root (who could write anyway): a reader must not write there."""
    try:
        return os.access(folder, os.W_OK) and bool(folder.stat().st_mode & 0o222)
    except OSError:
        return False


def ro_uri(path: str | Path) -> str:
    """The URI of a read-only connection that writes nothing it may not.

    ``mode=ro`` normally; SQLite then needs the ``-shm`` beside a WAL database, creating it if
    the folder allows. In a read-only folder without a ``-shm`` (and without a ``-wal`` holding
    changes) the file is complete and nobody can be writing it: opened ``immutable=1``, so no
    lock or ``-shm`` is needed. A ``-wal`` there without its ``-shm`` cannot be read at all:
    :class:`OSError` (EROFS) with a message saying so.
    """
    p = real(path)
    uri = p.as_uri() + "?mode=ro"
    if _folder_is_writable(p.parent) or Path(f"{p}-shm").exists():
        return uri
    wal = Path(f"{p}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise OSError(30, "it has a -wal file of changes but no -shm, and its folder is read-only, so SQLite cannot read it"
                          " there: copy the database with its -wal to a writable folder, or let the folder's owner open it once", str(path))
    return uri + "&immutable=1"


def open_ro(path: str | Path) -> sqlite3.Connection:
    """A read-only connection (see :func:`ro_uri`), transactions by hand."""
    return sqlite3.connect(ro_uri(path), uri=True, timeout=60, isolation_level=None)


def error_kind(exc: BaseException) -> str:
    """What a SQLite error is about: ``corrupt``, ``not-sqlite``, ``locked``, ``full``,
    ``readonly``, ``readonly-folder``, ``cantopen``, ``permission``, ``io`` or ``other``."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    checks = (
        ("corrupt", ("SQLITE_CORRUPT",), ("malformed", "corrupt")),
        ("not-sqlite", ("SQLITE_NOTADB",), ("not a database",)),
        ("locked", ("SQLITE_BUSY", "SQLITE_LOCKED"), ("locked", "busy")),
        ("full", ("SQLITE_FULL",), ("disk is full", "or disk is full")),
        ("readonly-folder", ("SQLITE_READONLY_DIRECTORY",), ()),
        ("readonly", ("SQLITE_READONLY",), ("readonly database", "read-only")),
        ("cantopen", ("SQLITE_CANTOPEN",), ("unable to open",)),
        ("permission", ("SQLITE_PERM", "SQLITE_AUTH"), ("permission denied",)),
        ("io", ("SQLITE_IOERR",), ("disk i/o error",)),
    )
    for kind, names, words in checks:
        if any(name.startswith(n) for n in names) or any(w in text for w in words):
            return kind
    return "other"


def build_holder(db: str | Path) -> int | None:
    """The pid of a build running on ``db`` (from its lock file, if that process is alive)."""
    try:
        pid = int(Path(f"{real(db)}.lock").read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return None
    if pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, another user's
    return pid


def explain(path: str | Path, exc: BaseException) -> tuple[str, int]:
    """``("PATH: what is wrong; what to do", exit code)`` for a SQLite error on the database at
    ``path``. Exit code 2 for a database that cannot be used as given (usage), 1 for a failure
    while working (disk full, damage, I/O)."""
    kind = error_kind(exc)
    detail = str(exc)
    if kind == "full":
        return (f"{path}: the disk is full ({detail}); free some space and run the build again: the database keeps its"
                " last complete state"), 1
    denied = {"readonly-folder": "its folder is read-only", "readonly": "the database file is read-only",
              "permission": "no permission to use it"}.get(kind)
    if kind == "cantopen" and not _readable(path):
        denied = "no permission to read it (or to enter its folder)"
    if denied:
        return (f"{path}: {denied} ({detail}); check the permissions of the file and its folder (a build also writes"
                " -wal, -shm and .lock files beside it), or use another --db"), 2
    if kind == "locked":
        pid = build_holder(path)
        who = f"a build is running on it (pid {pid})" if pid else "another process holds a lock on it"
        return f"{path}: locked: {who} ({detail}); try again when it has finished", 1
    if kind == "corrupt":
        return (f"{path}: the database is damaged ({detail}); `pxextract check --db {path}` lists the damage,"
                f" `pxextract build INPUT... --db {path} --full` rebuilds it, keeping what can still be read"), 1
    if kind == "not-sqlite":
        return f"{path}: not a SQLite database ({detail}); check the --db path", 2
    if kind == "cantopen":
        return f"{path}: cannot open the database ({detail}); check that it and its folder exist and are readable", 2
    if kind == "io":
        return f"{path}: disk I/O error ({detail}); check the disk (and `pxextract check --db {path}`)", 1
    return f"{path}: SQLite error: {detail}", 1


def _readable(path: str | Path) -> bool:
    p = real(path)
    return os.access(p, os.R_OK) and os.access(p.parent, os.X_OK)
