"""Read articles: a folder of ``.txt`` (with an optional ``articles.csv`` manifest), a single
``.txt``, or a ``.jsonl`` of ``{"id", "text", "meta"}`` records.

Article text = the file's bytes decoded as UTF-8 with a leading BOM removed, nothing else
changed (docs/annotation.md §1). A file that cannot be read that way is reported as a
:class:`ReadError` naming its path, and the other articles are still read.

Example:
    >>> arts, errs = read_inputs(["corpus/"])
    >>> arts[0].id, arts[0].meta["date"]
    ('000_23bbc0367b06fa24', '2022')
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "articles.csv"
MANIFEST_COLUMNS = ("id", "file", "date", "title", "source")


@dataclass
class Article:
    id: str
    text: str
    meta: dict = field(default_factory=dict)
    path: str = ""


@dataclass
class ReadError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InputError(Exception):
    """An input that cannot be used at all (missing path, folder without articles)."""


def decode(data: bytes, path: str) -> str:
    """UTF-8 text with a leading BOM removed; raises ValueError with a reason otherwise."""
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary file (NUL bytes); not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it to UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ValueError("empty file (whitespace only)")
    return text


def read_manifest(path: Path) -> dict[str, dict]:
    """``file name → {id, date, title, source}`` from an ``articles.csv``; errors name the line."""
    out: dict[str, dict] = {}
    ids: dict[str, int] = {}
    try:
        text = decode(path.read_bytes(), str(path))
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ("id", "file") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}:1: missing column(s) {', '.join(missing)} (expected {','.join(MANIFEST_COLUMNS)})")
    for lineno, row in enumerate(reader, 2):
        if None in row or not row.get("id") or not row.get("file"):
            raise InputError(f"{path}:{lineno}: malformed row (needs id and file)")
        if row["id"] in ids:
            raise InputError(f"{path}:{lineno}: duplicate id {row['id']!r} (first on line {ids[row['id']]})")
        ids[row["id"]] = lineno
        out[row["file"]] = {k: (row.get(k) or "").strip() for k in MANIFEST_COLUMNS}
    return out


def _read_txt(path: Path, meta: dict | None) -> Article | ReadError:
    try:
        text = decode(path.read_bytes(), str(path))
    except OSError as exc:
        return ReadError(str(path), f"cannot read ({exc.strerror})")
    except ValueError as exc:
        return ReadError(str(path), str(exc))
    meta = dict(meta or {})
    art_id = meta.pop("id", None) or path.stem
    meta.pop("file", None)
    return Article(art_id, text, {k: v for k, v in meta.items() if v}, str(path))


def _read_jsonl(path: Path) -> tuple[list[Article], list[ReadError]]:
    arts, errs = [], []
    try:
        lines = decode(path.read_bytes(), str(path)).splitlines()
    except (OSError, ValueError) as exc:
        return [], [ReadError(str(path), str(exc))]
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errs.append(ReadError(where, f"invalid JSON ({exc.msg})"))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not isinstance(obj.get("text"), str):
            errs.append(ReadError(where, 'a record needs string "id" and "text"'))
            continue
        if not obj["text"].strip():
            errs.append(ReadError(where, "empty text"))
            continue
        meta = obj.get("meta") or {}
        if not isinstance(meta, dict):
            errs.append(ReadError(where, '"meta" must be an object'))
            continue
        text = obj["text"][1:] if obj["text"].startswith("\ufeff") else obj["text"]
        arts.append(Article(obj["id"], text, meta, where))
    return arts, errs


def read_inputs(inputs: list[str | Path]) -> tuple[list[Article], list[ReadError]]:
    """All articles of the inputs, in a stable order, and the files that could not be read.

    Raises :class:`InputError` for an input that does not exist or holds no articles at all,
    and for duplicate article ids.
    """
    arts: list[Article] = []
    errs: list[ReadError] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            manifest_path = p / MANIFEST
            manifest = read_manifest(manifest_path) if manifest_path.is_file() else {}
            files = sorted(f for f in p.rglob("*.txt") if f.is_file())
            if not files:
                raise InputError(f"{p}: no .txt files in this folder")
            for f in files:
                meta = manifest.get(str(f.relative_to(p))) or manifest.get(f.name)
                r = _read_txt(f, meta)
                (errs if isinstance(r, ReadError) else arts).append(r)
        elif p.is_file() and p.suffix == ".jsonl":
            a, e = _read_jsonl(p)
            arts.extend(a)
            errs.extend(e)
        elif p.is_file():
            manifest_path = p.parent / MANIFEST
            manifest = read_manifest(manifest_path) if manifest_path.is_file() else {}
            r = _read_txt(p, manifest.get(p.name))
            (errs if isinstance(r, ReadError) else arts).append(r)
        else:
            raise InputError(f"{p}: no such file or folder")
    seen: dict[str, str] = {}
    for a in arts:
        if a.id in seen:
            raise InputError(f"{a.path}: duplicate article id {a.id!r} (also {seen[a.id]})")
        seen[a.id] = a.path
    return arts, errs
