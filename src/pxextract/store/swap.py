"""The files a build writes besides the database's rows: the build lock (``<db>.lock``, one
build at a time), the temporary ``<db>.tmp-<pid>`` of ``--full`` with its fsync, and
:func:`swap_in`, which makes that temporary the database.

Example:
    >>> lock_path("/nonexistent/facts.sqlite").name
    'facts.sqlite.lock'
"""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from .. import dbfile
from .files import BuildLocked, StoreError


_LOCK_FDS: set[int] = set()  # descriptors of the build locks this process holds (see lock_fds)


def lock_fds() -> tuple[int, ...]:
    """The open descriptors of the build locks held now: a forked worker closes its copies
    (pxextract.processes), so that the ``flock`` stays with the build process alone."""
    return tuple(_LOCK_FDS)


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
    _LOCK_FDS.add(fd)
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
        _LOCK_FDS.discard(fd)
        os.close(fd)


def db_files(path: Path) -> list[Path]:
    return [path] + [Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal")]


def remove_db_files(path: Path) -> None:
    for p in db_files(path):
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


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fsync(path)


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
        remove_db_files(tmp)
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
        for p in db_files(db)[1:]:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        return True
    finally:
        conn.close()
