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
from typing import Iterator

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


MIN_HAN_SHARE = 0.3  # a legacy-encoded file must decode to mostly Chinese to be taken as such


def decode_any(data: bytes) -> tuple[str, str]:
    """Text and encoding of an article file: UTF-8 (BOM removed), UTF-16 with a BOM, or GB18030
    (a superset of GBK and GB2312) when the bytes are not UTF-8 and read as Chinese.

    Raises ValueError with the reason for empty, binary or undecodable files. The UTF-8 case is
    the annotation contract (docs/annotation.md §1); the others are reported by the caller.

    >>> decode_any("萍乡".encode("gbk"))
    ('萍乡', 'gb18030')
    """
    if not data.strip():
        raise ValueError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ValueError(f"UTF-16 byte-order mark but undecodable ({exc.reason})") from None
    elif b"\x00" in data:
        raise ValueError("binary file (NUL bytes); not an article")
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                # a file cut inside its last character: keep everything before it
                return data[: exc.start].decode("utf-8").removeprefix("\ufeff"), "utf-8 (truncated: incomplete last character dropped)"
            utf8_error = f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            try:
                text, enc = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise ValueError(f"{utf8_error}, nor GB18030/GBK; convert it to UTF-8") from None
            han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
            if han < MIN_HAN_SHARE * len(text.strip()):
                raise ValueError(f"{utf8_error}; as GB18030 it is not Chinese text; convert it to UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ValueError("empty file (whitespace only)")
    return text, enc


def decode(data: bytes, path: str = "") -> str:
    """UTF-8 text with a leading BOM removed (the annotation contract); ValueError otherwise."""
    text, enc = decode_any(data)
    if enc != "utf-8":
        raise ValueError(f"not UTF-8 (it reads as {enc}); convert it to UTF-8")
    return text


def read_manifest(path: Path) -> dict[str, dict]:
    """``file name → {id, date, title, source}`` from an ``articles.csv``; errors name the line."""
    out: dict[str, dict] = {}
    ids: dict[str, int] = {}
    try:
        text = decode(path.read_bytes(), str(path))
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    reader = csv.DictReader(text.splitlines(), strict=True)
    missing = [c for c in ("id", "file") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}:1: missing column(s) {', '.join(missing)} (expected {','.join(MANIFEST_COLUMNS)})")
    rows = iter(reader)
    while True:
        row_start = reader.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"{path}:{row_start}: malformed CSV ({exc})") from None
        lineno = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise InputError(f"{path}:{lineno}: expected {len(reader.fieldnames)} fields ({','.join(reader.fieldnames)})")
        if not row.get("id") or not row.get("file"):
            raise InputError(f"{path}:{lineno}: a row needs an id and a file")
        if row["id"] in ids:
            raise InputError(f"{path}:{lineno}: duplicate id {row['id']!r} (first on line {ids[row['id']]})")
        ids[row["id"]] = lineno
        out[row["file"]] = {k: (row.get(k) or "").strip() for k in MANIFEST_COLUMNS}
    return out


HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _read_txt(path: Path, meta: dict | None) -> Article | ReadError:
    if path.suffix.lower() in HTML_SUFFIXES:
        return ReadError(str(path), "HTML is not read (markup would shift offsets); extract the text to a .txt file first")
    try:
        text, enc = decode_any(path.read_bytes())
    except OSError as exc:
        return ReadError(str(path), f"cannot read ({exc.strerror})")
    except ValueError as exc:
        return ReadError(str(path), str(exc))
    meta = dict(meta or {})
    art_id = meta.pop("id", None) or path.stem
    meta.pop("file", None)
    meta = {k: v for k, v in meta.items() if v}
    if enc != "utf-8":
        meta["encoding"] = enc  # offsets are into the decoded text; reported by the CLI
    return Article(art_id, text, meta, str(path))


def _iter_jsonl(path: Path) -> Iterator[Article | ReadError]:
    """Records of a JSON Lines input, read line by line; a bad line is a ReadError with its number."""
    try:
        f = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        yield ReadError(str(path), f"cannot read ({exc.strerror})")
        return
    with f:
        lineno = 0
        while True:
            where = f"{path}:{lineno + 1}"
            try:
                line = f.readline()
            except UnicodeDecodeError as exc:
                yield ReadError(where, f"not UTF-8 ({exc.reason}); the rest of the file is skipped")
                return
            if not line:
                return
            lineno += 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadError(where, f"invalid JSON ({exc.msg})")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not isinstance(obj.get("text"), str):
                yield ReadError(where, 'a record needs string "id" and "text"')
                continue
            if not obj["text"].strip():
                yield ReadError(where, "empty text")
                continue
            meta = obj.get("meta") or {}
            if not isinstance(meta, dict):
                yield ReadError(where, '"meta" must be an object')
                continue
            text = obj["text"][1:] if obj["text"].startswith("\ufeff") else obj["text"]
            yield Article(obj["id"], text, meta, where)


def iter_inputs(inputs: list[str | Path]) -> Iterator[Article | ReadError]:
    """Articles of the inputs one at a time, in a stable order (files sorted by path), and a
    :class:`ReadError` for each file that cannot be read; memory holds one article at a time.

    Raises :class:`InputError` for an input that does not exist or holds no articles at all,
    and for duplicate article ids.
    """
    seen: dict[str, str] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            manifest_path = p / MANIFEST
            manifest = read_manifest(manifest_path) if manifest_path.is_file() else {}
            files = sorted(f for f in p.rglob("*.txt") if f.is_file())
            if not files:
                raise InputError(f"{p}: no .txt files in this folder")
            results = (_read_txt(f, manifest.get(str(f.relative_to(p))) or manifest.get(f.name)) for f in files)
        elif p.is_file() and p.suffix == ".jsonl":
            results = _iter_jsonl(p)
        elif p.is_file():
            manifest_path = p.parent / MANIFEST
            manifest = read_manifest(manifest_path) if manifest_path.is_file() else {}
            results = iter([_read_txt(p, manifest.get(p.name))])
        else:
            raise InputError(f"{p}: no such file or folder")
        for r in results:
            if isinstance(r, Article):
                if r.id in seen:
                    raise InputError(f"{r.path}: duplicate article id {r.id!r} (also {seen[r.id]})")
                seen[r.id] = r.path
            yield r


def read_inputs(inputs: list[str | Path]) -> tuple[list[Article], list[ReadError]]:
    """All articles of the inputs (see :func:`iter_inputs`) and the files that could not be read."""
    arts: list[Article] = []
    errs: list[ReadError] = []
    for r in iter_inputs(inputs):
        (arts if isinstance(r, Article) else errs).append(r)
    return arts, errs


class ArticleSource:
    """The articles of some inputs for a build, held as ids and metadata only.

    A first pass reads every input once (so unreadable files, bad manifests and duplicate ids
    are known before anything is written) and keeps each article's id, path and metadata;
    iterating reads the texts again, one article at a time. A build of any corpus size thus
    holds one article's text at a time, for the price of reading the inputs twice.

    An article that appears between the two passes is left for the next build; one that
    disappears is simply not yielded.

    Example:
        >>> src = ArticleSource(["corpus/"])                     # doctest: +SKIP
        >>> len(src), next(iter(src)).id                         # doctest: +SKIP
        (2, '000_pingxiang_agriculture_2022')
    """

    def __init__(self, inputs: list[str | Path]):
        self.inputs = [str(i) for i in inputs]
        self.errors: list[ReadError] = []
        self.infos: list[tuple[str, str | None, dict]] = []  # (id, path, meta) in input order
        for r in iter_inputs(self.inputs):
            if isinstance(r, Article):
                self.infos.append((r.id, r.path, r.meta))
            else:
                self.errors.append(r)
        self.ids = frozenset(i[0] for i in self.infos)

    def __len__(self) -> int:
        return len(self.infos)

    def __iter__(self) -> Iterator[Article]:
        for r in iter_inputs(self.inputs):
            if isinstance(r, Article) and r.id in self.ids:
                yield r
