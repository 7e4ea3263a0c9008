"""Start-up tables kept between runs (issue #13: start-up with a warm cache), beside the
segmentation table and the NER model's arrays (:func:`pxextract.segment.cache_folder`).

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
import marshal
import os
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from ._version import __version__

_FORMAT = 1
T = TypeVar("T")


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


def cached(name: str, parts: Iterable[str | Path], build: Callable[[], T], valid: Callable[[object], bool],
           folder: Path | None = None) -> T:
    """``build()``, from the cache file of ``name`` and key ``parts`` when a run stored it and
    ``valid`` accepts it; else built and stored (whole or not at all)."""
    from .segment import cache_folder

    try:
        path = cache_folder(folder) / f"{name}-{cache_key(parts)}.marshal"
    except OSError:  # an input file unreadable: no key, no cache
        return build()
    try:
        state = marshal.loads(path.read_bytes())
        if isinstance(state, tuple) and len(state) == 2 and state[0] == _FORMAT and valid(state[1]):
            return state[1]
    except Exception:  # noqa: BLE001 - missing, partial, garbage, another format: build it again
        pass
    value = build()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps((_FORMAT, value)))
        os.replace(tmp, path)  # another process may be reading it
    except (OSError, ValueError):  # a read-only home, or a value marshal cannot store: no cache
        with contextlib.suppress(OSError):
            tmp.unlink()
    return value
