"""Writing results: whole or not at all (a temporary file in the same folder, then a rename).

Example:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> with atomic_writer(p) as f: _ = f.write('{"id": "萍乡"}\\n')
    >>> p.read_text(encoding="utf-8")
    '{"id": "萍乡"}\\n'
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_writer(path: str | Path, mode: str = "w"):
    """Yield a file whose content replaces ``path`` only if the block finishes without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def dumps(record: dict) -> str:
    """One JSON Lines line, Chinese kept readable."""
    return json.dumps(record, ensure_ascii=False) + "\n"
