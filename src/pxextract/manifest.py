"""A folder's ``articles.csv``: which file is which article, with its date, title and source
(:func:`read_manifest`); dates as the manifest and ``--date`` give them (:func:`check_date`).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from pathlib import Path

from .article import InputError, display
from .decode import decode

MANIFEST = "articles.csv"
MANIFEST_COLUMNS = ("id", "file", "date", "title", "source")


def _valid_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real day (2022-13-45 is not)."""
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            _dt.datetime.strptime(value, fmt)
            return len(value) == {"%Y-%m-%d": 10, "%Y-%m": 7, "%Y": 4}[fmt]
        except ValueError:
            continue
    return False


def read_manifest(path: Path) -> dict[str, dict]:
    """``file name → {id, date, title, source, line}`` from an ``articles.csv``.

    Errors name the line (:class:`InputError`): malformed CSV, missing id or file, duplicate id
    or file rows, impossible dates. Quoted fields may span lines (a title keeps its line breaks).
    """
    out: dict[str, dict] = {}
    ids: dict[str, int] = {}
    try:
        text = decode(path.read_bytes(), str(path))
    except (OSError, ValueError) as exc:
        raise InputError(f"{display(path)}: {getattr(exc, 'strerror', None) or exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        fields = reader.fieldnames or []
    except csv.Error as exc:
        raise InputError(f"{display(path)}:1: malformed CSV ({exc})") from None
    missing = [c for c in ("id", "file") if c not in fields]
    if missing:
        raise InputError(f"{display(path)}:1: missing column(s) {', '.join(missing)} (expected {','.join(MANIFEST_COLUMNS)})")
    rows = iter(reader)
    while True:
        row_start = reader.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"{display(path)}:{row_start}: malformed CSV ({exc})") from None
        where = f"{display(path)}:{row_start}"
        if None in row or any(v is None for v in row.values()):
            raise InputError(f"{where}: expected {len(fields)} fields ({','.join(fields)})")
        if not row.get("id") or not row.get("file"):
            raise InputError(f"{where}: a row needs an id and a file")
        if row["id"] in ids:
            raise InputError(f"{where}: duplicate id {row['id']!r} (first on line {ids[row['id']]})")
        if row["file"] in out:
            raise InputError(f"{where}: duplicate file {row['file']!r} (first on line {out[row['file']]['line']})")
        date = (row.get("date") or "").strip()
        if date and not _valid_date(date):
            raise InputError(f"{where}: date {date!r} is not a real YYYY, YYYY-MM or YYYY-MM-DD")
        ids[row["id"]] = row_start
        meta = {k: (row.get(k) or "").strip() for k in MANIFEST_COLUMNS}
        meta["line"] = row_start
        out[row["file"]] = meta
    return out


def check_date(date: str | None) -> str | None:
    """A batch date given by the user (``--date``): YYYY, YYYY-MM or YYYY-MM-DD, else InputError.

    >>> check_date("2023-08-16")
    '2023-08-16'
    """
    if date is not None and not _valid_date(date):
        raise InputError(f"--date {date!r}: give a real date as YYYY, YYYY-MM or YYYY-MM-DD")
    return date
