"""Start-up tables kept between runs (issue #13: start-up with a warm cache): the segmentation
table (:mod:`pxextract.segment`), the NER model's arrays (:mod:`pxextract.ner_cache`) and the
entity finder's tables (:mod:`pxextract.extract.entity_tables`), all in :func:`cache_folder`.

A table that depends only on files — the rules, jieba's dictionary, the code that derives it — is
derived once and stored with :mod:`marshal` (plain values, never pickle: a cache file cannot run
code) in a file named by the hash of every one of those files, the package version and the
table's format. A missing, stale (another key: another file name), partial or corrupt file is
rebuilt silently; a file whose value fails the table's check is rebuilt too; a folder that
cannot be written leaves the table uncached. Nothing else in the process changes.

Example:
    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> build = lambda: {"中国海关": "ORG"}
    >>> cached("demo", ["key"], build, lambda v: isinstance(v, dict), d)
    {'中国海关': 'ORG'}
    >>> cached("demo", ["key"], lambda: {}, lambda v: isinstance(v, dict), d)  # from the file
    {'中国海关': 'ORG'}
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from ._version import __version__

_FORMAT = 1
T = TypeVar("T")


def cache_folder(cache_dir: Path | None = None) -> Path:
    """Where start-up tables are cached: ``cache_dir``, ``$PXEXTRACT_CACHE``,
    ``$XDG_CACHE_HOME/pxextract`` or ``~/.cache/pxextract``."""
    if cache_dir is not None:
        return Path(cache_dir)
    if os.environ.get("PXEXTRACT_CACHE"):
        return Path(os.environ["PXEXTRACT_CACHE"])
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home directory: the system's temporary folder
        base = tempfile.gettempdir()
    return Path(base) / "pxextract"


@lru_cache(maxsize=64)
def file_digest(path: str) -> str:
    """The SHA-256 of a file's bytes (read once per process)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def cache_key(parts: Iterable[str | Path]) -> str:
    """A key over ``parts``: the hash of each file given as a :class:`Path`, strings as they are,
    the package version and this module's format."""
    h = hashlib.sha256(f"pxextract-{__version__}|startup-{_FORMAT}".encode())
    for p in parts:
        h.update(b"|" + (f"file:{file_digest(str(p))}" if isinstance(p, Path) else f"str:{p}").encode())
    return h.hexdigest()[:32]


def stored(path: Path, build: Callable[[], T], read: Callable[[object], T | None],
           write: Callable[[T], object] = lambda v: v) -> T:
    """``read`` of what the marshal file at ``path`` holds, unless it is None (not usable) or
    anything fails; else ``build()``, stored as ``write(value)`` whole or not at all (a None
    value is not stored; a folder that cannot be written is skipped)."""
    try:
        value = read(marshal.loads(path.read_bytes()))
        if value is not None:
            return value
    except Exception:  # noqa: BLE001 - missing, partial, garbage, another format: build it again
        pass
    value = build()
    if value is None:
        return value
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps(write(value)))
        os.replace(tmp, path)  # readers see no file or the complete one, never a part
    except (OSError, ValueError) as exc:  # a read-only home, or a value marshal cannot store: no cache
        logging.getLogger(__name__).info("%s not cached (%s)", path.name, exc)
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return value


def cached(name: str, parts: Iterable[str | Path], build: Callable[[], T], valid: Callable[[object], bool],
           folder: Path | None = None) -> T:
    """``build()``, from the cache file of ``name`` and key ``parts`` when a run stored it and
    ``valid`` accepts it; else built and stored (whole or not at all)."""
    try:
        path = cache_folder(folder) / f"{name}-{cache_key(parts)}.marshal"
    except OSError:  # an input file unreadable: no key, no cache
        return build()

    def read(state):
        ok = isinstance(state, tuple) and len(state) == 2 and state[0] == _FORMAT and valid(state[1])
        return state if ok else None

    return stored(path, lambda: (_FORMAT, build()), read)[1]
