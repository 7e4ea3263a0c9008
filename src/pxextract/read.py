"""Read articles: folders (every supported file below, with an optional ``articles.csv``
manifest per folder), single files (``.txt``, ``.html``, ``.pdf``, ``.docx``) and ``.jsonl``
of ``{"id", "text", "meta"}`` records.

Article text = a ``.txt`` file's bytes decoded (UTF-8 with a leading BOM removed; UTF-16/32
with a BOM, GB18030 or Big5 when the bytes say so), nothing else changed
(docs/annotation.md §1); for web pages, PDF and Word files, the text their reader extracts
(:mod:`pxextract.formats`). Offsets always point into that text.

Every input is read once. Anything that cannot be read is a :class:`ReadError` naming its
path (and line), and carries a *scope*: the file or folder that was not read completely, so
that a build keeps what it stored from there before (an incomplete read is never evidence
that articles are gone).

Example:
    >>> arts, errs = read_inputs(["corpus/"])
    >>> arts[0].id, arts[0].meta["date"]
    ('000_23bbc0367b06fa24', '2022')
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

MANIFEST = "articles.csv"
MANIFEST_COLUMNS = ("id", "file", "date", "title", "source")
TEXT_SUFFIXES = (".txt",)


@dataclass
class Article:
    id: str
    text: str
    meta: dict = field(default_factory=dict)
    path: str = ""


@dataclass
class ReadError:
    """An input that could not be read (completely). ``scope``: the file or folder whose
    previously stored articles must be kept (default: ``path``)."""

    path: str
    message: str
    scope: str = ""

    def __post_init__(self):
        self.scope = self.scope or self.path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InputError(Exception):
    """An input that cannot be used at all (missing path, folder without articles)."""


def display(path: str | os.PathLike) -> str:
    """A path as it can be printed and stored: bytes that are not UTF-8 shown as ``\\xNN``.

    >>> display("corpus/a\\udcff.txt")
    'corpus/a\\\\xff.txt'
    """
    s = os.fspath(path)
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# -- decoding -----------------------------------------------------------------------------

BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# legacy encodings read as Chinese; charset-normalizer names them, we decode with the superset
CHINESE_ENCODINGS = {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "hz": "hz",
                     "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs"}
MAX_JUNK_SHARE = 0.05  # replacement characters, NUL and control codes a text may hold


def _junk_share(text: str) -> float:
    junk = sum(1 for ch in text if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f")
    return junk / max(1, len(text))


def decode_any(data: bytes) -> tuple[str, str]:
    """Text and encoding of an article file: UTF-8 (BOM removed), UTF-16 or UTF-32 with a BOM,
    or a Chinese legacy encoding (GB18030/GBK/GB2312, Big5) recognised by charset-normalizer
    when the bytes are not UTF-8.

    Raises ValueError with the reason for empty, binary, undecodable or non-Chinese legacy
    files (EUC-KR, Shift-JIS …), and for text that decodes to mostly replacement characters or
    control codes. The UTF-8 case is the annotation contract; the others are reported by the caller.

    >>> decode_any("萍乡市地区生产总值".encode("gbk"))
    ('萍乡市地区生产总值', 'gb18030')
    """
    if not data.strip():
        raise ValueError("empty file")
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ValueError(f"{enc.upper()} byte-order mark but undecodable ({exc.reason})") from None
            break
    else:
        if b"\x00" in data:
            raise ValueError("binary file (NUL bytes); not an article")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                # a file cut inside its last character: keep everything before it
                text, enc = data[: exc.start].decode("utf-8"), "utf-8 (truncated: incomplete last character dropped)"
            else:
                text, enc = _decode_legacy(data, f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ValueError("empty file (whitespace only)")
    if _junk_share(text) > MAX_JUNK_SHARE:
        raise ValueError(f"read as {enc}, the text is mostly replacement characters or control codes; not an article")
    return text, enc


def _decode_legacy(data: bytes, utf8_error: str) -> tuple[str, str]:
    """A non-UTF-8 file: decoded when charset-normalizer reads it as Chinese, else ValueError."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name = (best.encoding if best else "").lower().replace("-", "").replace("_", "")
    enc = CHINESE_ENCODINGS.get(name)
    if enc is None or (best.language not in ("Chinese", "Unknown")):
        what = f"it reads as {best.encoding} ({best.language})" if best else "no known encoding reads it"
        raise ValueError(f"{utf8_error}; {what}, not Chinese; convert it to UTF-8")
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError:
        raise ValueError(f"{utf8_error}, nor {enc}; convert it to UTF-8") from None


def decode(data: bytes, path: str = "") -> str:
    """UTF-8 text with a leading BOM removed (the annotation contract); ValueError otherwise."""
    text, enc = decode_any(data)
    if enc != "utf-8":
        raise ValueError(f"not UTF-8 (it reads as {enc}); convert it to UTF-8")
    return text


# -- manifests ----------------------------------------------------------------------------


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


# -- planning: which files, which manifest rows -------------------------------------------


def _suffixes() -> dict[str, str]:
    """Readable file kinds by suffix: ``.txt`` here, the others through :mod:`pxextract.formats`."""
    kinds = {s: "txt" for s in TEXT_SUFFIXES}
    try:
        from .formats import SUFFIXES
    except ImportError:  # pragma: no cover - formats is part of the package
        SUFFIXES = {}
    kinds.update(SUFFIXES)
    return kinds


@dataclass
class _File:
    path: Path
    meta: dict  # the manifest row, if any
    id: str
    kind: str = "txt"  # txt, or a pxextract.formats kind (html, pdf, docx)


@dataclass
class Plan:
    """What a set of inputs holds, found without reading any article: the files (with their
    manifest rows), the JSONL files, the folders that could not be listed, and the files of
    kinds that are not read (by suffix)."""

    files: list[_File] = field(default_factory=list)
    jsonl: list[Path] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    order: list[tuple[str, object]] = field(default_factory=list)  # ("file", _File) / ("jsonl", Path), input order
    date: str | None = None  # the batch's publication date (--date): it replaces the articles' own
    max_chars: int = 0  # articles longer than this are refused (0: MAX_ARTICLE_CHARS)


def _walk(top: Path, errors: list[ReadError]) -> list[Path]:
    """Every regular file below ``top`` (sorted), without recursion (any depth); symlinked
    folders followed once; a folder that cannot be listed becomes a ReadError."""
    out: list[Path] = []
    seen: set[tuple[int, int]] = set()
    stack = [top]
    while stack:
        d = stack.pop()
        try:
            st = d.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(d) as it:
                entries = list(it)
        except OSError as exc:
            errors.append(ReadError(display(d), f"cannot read this folder ({exc.strerror or exc}); articles stored from it are kept"))
            continue
        subdirs = []
        for e in entries:
            try:
                if e.is_dir():
                    subdirs.append(Path(e.path))
                elif e.is_file():
                    out.append(Path(e.path))
            except OSError as exc:
                errors.append(ReadError(display(e.path), f"cannot read ({exc.strerror or exc})"))
        stack.extend(sorted(subdirs, reverse=True))
    return sorted(out)


def check_date(date: str | None) -> str | None:
    """A batch date given by the user (``--date``): YYYY, YYYY-MM or YYYY-MM-DD, else InputError.

    >>> check_date("2023-08-16")
    '2023-08-16'
    """
    if date is not None and not _valid_date(date):
        raise InputError(f"--date {date!r}: give a real date as YYYY, YYYY-MM or YYYY-MM-DD")
    return date


def plan_inputs(inputs: list[str | Path], date: str | None = None) -> Plan:
    """Find the articles of the inputs without reading them (see :class:`Plan`).

    Raises :class:`InputError` for an input that does not exist or holds nothing to read, a bad
    manifest, and two files with one article id.

    >>> plan = plan_inputs(["corpus/"])
    >>> [f.id for f in plan.files]
    ['000_23bbc0367b06fa24', '002_88cda517c70e2da2']
    """
    kinds = _suffixes()
    plan = Plan(date=check_date(date))
    manifests: dict[Path, dict[str, dict]] = {}  # one read per folder, however many files name it

    def manifest_of(folder: Path) -> dict[str, dict]:
        if folder not in manifests:
            mp = folder / MANIFEST
            manifests[folder] = read_manifest(mp) if mp.is_file() else {}
        return manifests[folder]

    ids: dict[str, str] = {}

    def add_file(p: Path, meta: dict) -> None:
        name = display(p)
        if name != os.fspath(p):
            plan.errors.append(ReadError(name, "file name is not valid UTF-8; rename it"))
            return
        f = _File(p, meta, meta.get("id") or p.stem, kinds.get(p.suffix.lower(), "txt"))
        if f.id in ids:
            raise InputError(f"{name}: duplicate article id {f.id!r} (also {ids[f.id]})")
        ids[f.id] = name
        plan.files.append(f)
        plan.order.append(("file", f))

    for item in inputs:
        p = Path(item)
        if p.is_dir():
            n_errors = len(plan.errors)
            found = _walk(p, plan.errors)
            manifest = manifest_of(p)
            listed = set()
            n_files = 0
            for f in found:
                suffix = f.suffix.lower()
                if f.name == MANIFEST and f.parent == p:
                    continue
                if suffix not in kinds:
                    plan.skipped.setdefault(suffix or "(none)", []).append(display(f))
                    continue
                rel = f.relative_to(p).as_posix()
                row = manifest.get(rel) or manifest.get(f.name) or {}
                listed.add(row.get("file"))
                add_file(f, row)
                n_files += 1
            for name, row in manifest.items():
                if name not in listed:
                    plan.errors.append(ReadError(f"{display(p / MANIFEST)}:{row['line']}", f"file {name!r} not found in {display(p)}",
                                                 scope=display(p / name)))
            if not n_files and len(plan.errors) == n_errors:
                raise InputError(f"{display(p)}: no article files in this folder (read: {', '.join(sorted(kinds))} and .jsonl given directly)")
        elif p.is_file() and p.suffix.lower() == ".jsonl":
            plan.jsonl.append(p)
            plan.order.append(("jsonl", p))
        elif p.is_file():
            row = manifest_of(p.parent).get(p.name) or {}
            if p.suffix.lower() not in kinds:
                plan.errors.append(ReadError(display(p), f"not a file kind pxextract reads ({', '.join(sorted(kinds))}, .jsonl)"))
                continue
            add_file(p, row)
        elif os.path.lexists(p):
            try:
                mode = os.stat(p).st_mode
                what = "not a regular file or folder" if not stat.S_ISREG(mode) else "cannot read"
            except OSError as exc:
                what = f"cannot read ({exc.strerror})"
            plan.errors.append(ReadError(display(p), what))
        else:
            raise InputError(f"{display(p)}: no such file or folder")
    return plan


# -- reading ------------------------------------------------------------------------------


def _article_meta(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("id", "file", "line") and v}


def read_file(f: _File) -> Article | ReadError:
    """One planned file as an Article (text + metadata), or a ReadError naming it."""
    name = display(f.path)
    kind = f.kind
    try:
        data = f.path.read_bytes()
    except OSError as exc:
        return ReadError(name, f"cannot read ({exc.strerror or exc}); articles stored from it are kept")
    meta: dict = {}
    try:
        if kind == "txt":
            text, enc = decode_any(data)
            if enc != "utf-8":
                meta["encoding"] = enc  # offsets are into the decoded text; reported by the CLI
        else:
            from .formats import read_document

            text, doc_meta = read_document(f.path, data)
            meta.update({k: v for k, v in doc_meta.items() if v})
    except ValueError as exc:
        return ReadError(name, str(exc))
    meta.update(_article_meta(f.meta))  # the manifest says more than the file
    return Article(f.id, text, meta, name)


MAX_JSON_DEPTH = 100  # meta nested deeper than this is not an article's metadata


def _depth(obj, limit: int) -> int:
    """Nesting depth of a JSON value, counted without recursion, stopping past ``limit``."""
    stack, deepest = [(obj, 1)], 0
    while stack:
        o, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(o, dict):
            stack.extend((v, d + 1) for v in o.values())
        elif isinstance(o, list):
            stack.extend((v, d + 1) for v in o)
    return deepest


def _has_surrogate(obj) -> bool:
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, str):
            try:
                o.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, list):
            stack.extend(o)
    return False


def _jsonl_record(line: bytes, where: str, lineno_first: bool) -> Article | ReadError | None:
    """One JSONL line as an Article, a ReadError (with the reason), or None for a blank line."""
    try:
        s = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadError(where, f"not UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); this line is skipped")
    if lineno_first:
        s = s.removeprefix("\ufeff")
    if not s.strip():
        return None
    try:
        obj = json.loads(s)
    except json.JSONDecodeError as exc:
        return ReadError(where, f"invalid JSON ({exc.msg})")
    except (ValueError, RecursionError) as exc:  # integers over 4,300 digits, nesting past the recursion limit
        return ReadError(where, f"invalid JSON ({type(exc).__name__}: {str(exc)[:120]})")
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not isinstance(obj.get("text"), str):
        return ReadError(where, 'a record needs string "id" and "text"')
    if not obj["id"].strip():
        return ReadError(where, "empty id")
    if not obj["text"].strip():
        return ReadError(where, "empty text")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        return ReadError(where, '"meta" must be an object')
    if _depth(meta, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        return ReadError(where, f'"meta" is nested deeper than {MAX_JSON_DEPTH} levels')
    if _has_surrogate(obj["id"]) or _has_surrogate(meta):
        return ReadError(where, '"id" or "meta" holds a lone surrogate (\\ud800-\\udfff): not valid Unicode')
    text = obj["text"][1:] if obj["text"].startswith("\ufeff") else obj["text"]
    if _has_surrogate(text):  # one code point for one: offsets stay valid
        n = sum(1 for ch in text if "\ud800" <= ch <= "\udfff")
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
        meta = dict(meta, encoding=f"utf-8 ({n} lone surrogate(s) replaced by U+FFFD)")
    return Article(obj["id"], text, meta, where)


def iter_jsonl(path: Path) -> Iterator[Article | ReadError]:
    """Records of a JSON Lines input, read line by line as bytes: a bad line (invalid UTF-8 or
    JSON, a record without id or text) is a ReadError with its exact line number, and the
    lines after it are still read."""
    name = display(path)
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield ReadError(name, f"cannot read ({exc.strerror or exc}); articles stored from it are kept")
        return
    with f:
        lineno = 0
        while True:
            try:
                line = f.readline()
            except OSError as exc:
                yield ReadError(f"{name}:{lineno + 1}", f"cannot read ({exc.strerror or exc}); the rest of the file is kept as stored",
                                scope=name)
                return
            if not line:
                return
            lineno += 1
            rec = _jsonl_record(line, f"{name}:{lineno}", lineno == 1)
            if isinstance(rec, ReadError):
                rec.scope = name  # which record it was is unknown: keep every stored one of this file
            if rec is not None:
                yield rec


MAX_ARTICLE_CHARS = 20_000_000  # one article's memory grows with it (50 MB: 3.7 GB): split larger files


def read_plan(plan: Plan) -> Iterator[Article | ReadError]:
    """The articles (and ReadErrors) of a plan, each input read once, in input order; an article
    over ``plan.max_chars`` characters (default :data:`MAX_ARTICLE_CHARS`) is a ReadError."""
    limit = plan.max_chars or MAX_ARTICLE_CHARS
    for r in _read_plan(plan):
        if isinstance(r, Article):
            if len(r.text) > limit:
                yield ReadError(r.path or r.id, f"{len(r.text):,} characters, over the limit of {limit:,} for one article"
                                " (its memory grows with it); split the file", scope=r.path or r.id)
                continue
            if plan.date:
                r.meta["date"] = plan.date
        yield r


def _read_plan(plan: Plan) -> Iterator[Article | ReadError]:
    yield from plan.errors
    seen: dict[str, str] = {f.id: display(f.path) for f in plan.files}
    for kind, item in plan.order:
        if kind == "file":
            yield read_file(item)
            continue
        for r in iter_jsonl(item):
            if isinstance(r, Article):
                if r.id in seen:
                    yield ReadError(r.path, f"duplicate article id {r.id!r} (also {seen[r.id]}); this record is skipped")
                    continue
                seen[r.id] = r.path
            yield r


def iter_inputs(inputs: list[str | Path]) -> Iterator[Article | ReadError]:
    """Articles of the inputs one at a time, in a stable order (files sorted by path), and a
    :class:`ReadError` for each file, folder or JSONL line that cannot be read; each input is
    read once and memory holds one article at a time.

    Raises :class:`InputError` for an input that does not exist or holds no articles at all,
    a bad manifest, and duplicate article ids among files.
    """
    return read_plan(plan_inputs(inputs))


def read_inputs(inputs: list[str | Path]) -> tuple[list[Article], list[ReadError]]:
    """All articles of the inputs (see :func:`iter_inputs`) and the files that could not be read."""
    arts: list[Article] = []
    errs: list[ReadError] = []
    for r in iter_inputs(inputs):
        (arts if isinstance(r, Article) else errs).append(r)
    return arts, errs


class ArticleSource:
    """The articles of some inputs for a build, read once, one at a time.

    Planning (at construction) lists the files without reading them, so a bad manifest or
    two files with one id stop the build before anything is written. Iterating reads each
    input once; what cannot be read lands in :attr:`errors` (with its scope), the ids seen in
    :attr:`ids`. Both are complete once the iteration is.

    Example:
        >>> src = ArticleSource(["corpus/"])
        >>> [a.id for a in src], sorted(src.ids), src.errors
        (['000_23bbc0367b06fa24', '002_88cda517c70e2da2'], ['000_23bbc0367b06fa24', '002_88cda517c70e2da2'], [])
    """

    def __init__(self, inputs: list[str | Path], date: str | None = None):
        self.inputs = [str(i) for i in inputs]
        self.plan = plan_inputs(self.inputs, date)
        self.errors: list[ReadError] = []
        self.ids: set[str] = set()
        self.n_read = 0
        self._used = False

    @property
    def expected(self) -> int | None:
        """How many articles the inputs hold, when known without reading (no JSONL)."""
        return None if self.plan.jsonl else len(self.plan.files)

    @property
    def skipped(self) -> dict[str, list[str]]:
        return self.plan.skipped

    def __iter__(self) -> Iterator[Article]:
        if self._used:
            raise RuntimeError("an ArticleSource is read once; make a new one")
        self._used = True
        for r in read_plan(self.plan):
            if isinstance(r, Article):
                self.ids.add(r.id)
                self.n_read += 1
                yield r
            else:
                self.errors.append(r)
