"""Reading one rules TSV file strictly: its column header, its rows, and the checks of a field.

:func:`read_tsv` gives a file's rows as ``(line number, fields)``; a row with an unknown extra
column, a missing field or a wrong header is a :class:`RulesError` naming the file and the line.
``_unique`` refuses a second row with the same key, ``_decimal`` a factor that is no positive
number, ``_choice`` a value outside its kind list (used by the loaders of :mod:`pxextract.rules`).

Example: ``units.tsv`` holds ``美元<TAB>美元<TAB>MONEY<TAB>1<TAB>US dollar: …`` on its line 7;
``read_tsv(path, ("surface", "unit", "label", "factor", "note"), required=4)`` gives
``[(5, ["元", "元", "MONEY", "1", "yuan"]), …, (7, ["美元", "美元", "MONEY", "1", "US dollar: …"]), …]``,
and ``_decimal(path, 7, "一万")`` raises ``RulesError("…units.tsv:7: not a number: '一万'")``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from .rule_types import RulesError


def read_tsv(path: Path, columns: tuple[str, ...], required: int | None = None, header_row: bool = False) -> list[tuple[int, list[str]]]:
    """Rows of a TSV rules file as ``(line number, fields)``; ``#`` lines are comments.

    ``columns`` are the file's column names: its first line is the comment ``# name<TAB>name…``
    naming exactly them (or, with ``header_row``, the first row after the ``#`` comments names
    exactly them: the gazetteers and the canonical-data files of :mod:`pxextract.resolve`). A row
    with more fields than columns, or fewer than ``required`` (default: all), is an error naming
    the file, the line and the columns; missing optional trailing fields are filled with ``""``.
    """
    required = len(columns) if required is None else required
    if not path.is_file():
        raise RulesError(f"{path}: rules file missing")
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise RulesError(f"{path}: not UTF-8 ({exc.reason})") from None
    want = "\t".join(columns)
    if not header_row and (not lines or lines[0].removeprefix("#").strip() != want):
        got = lines[0].removeprefix("#").strip().split("\t") if lines else []
        raise RulesError(f"{path}:1: the first line names the columns {', '.join(got) or '(none)'}; expected '# {want.replace(chr(9), ' TAB ')}'")
    header_seen = not header_row
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if not header_seen:  # the first row after the comments is the header row, exactly
            if [p.strip() for p in parts] != list(columns):
                got = [p.strip() for p in parts]
                missing = [c for c in columns if c not in got]
                unknown = [c for c in got if c not in columns]
                why = "; ".join(x for x in (f"missing: {', '.join(missing)}" if missing else "",
                                            f"unknown: {', '.join(unknown)}" if unknown else "") if x) or "wrong order"
                raise RulesError(f"{path}:{lineno}: the header row names the columns {', '.join(got)}; expected {', '.join(columns)} ({why})")
            header_seen = True
            continue
        if len(parts) > len(columns):
            raise RulesError(f"{path}:{lineno}: {len(parts)} tab-separated fields, but the columns are {', '.join(columns)} (unknown extra column)")
        if len(parts) < required:
            missing = ", ".join(columns[len(parts):required])
            raise RulesError(f"{path}:{lineno}: expected {required} tab-separated fields, got {len(parts)} (missing: {missing})")
        parts = [p.strip() for p in parts] + [""] * (len(columns) - len(parts))
        if not parts[0]:
            raise RulesError(f"{path}:{lineno}: empty first field")
        rows.append((lineno, parts))
    if not header_seen:
        raise RulesError(f"{path}: no header row ({', '.join(columns)})")
    return rows


def _unique(path: Path, rows, key=lambda parts: parts[0]) -> None:
    seen: dict[str, int] = {}
    for lineno, parts in rows:
        k = key(parts)
        if k in seen:
            raise RulesError(f"{path}:{lineno}: duplicate entry {k!r} (first on line {seen[k]})")
        seen[k] = lineno


def _decimal(path: Path, lineno: int, text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RulesError(f"{path}:{lineno}: not a number: {text!r}") from None
    if not value.is_finite() or value <= 0:
        raise RulesError(f"{path}:{lineno}: must be a positive number: {text!r}")
    return value


def _choice(path: Path, lineno: int, value: str, allowed) -> str:
    if value not in allowed:
        raise RulesError(f"{path}:{lineno}: {value!r} is not one of {', '.join(allowed)}")
    return value
