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

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

# the pieces of reading, each in its module; their names are read's too (``from pxextract.read import …``)
from .article import Article, InputError, ReadError, display
from .decode import BOMS, CHINESE_ENCODINGS, MAX_JUNK_SHARE, decode, decode_any
from .jsonl import MAX_JSON_DEPTH, iter_jsonl
from .manifest import MANIFEST, MANIFEST_COLUMNS, check_date, read_manifest

__all__ = ["Article", "ArticleSource", "BOMS", "CHINESE_ENCODINGS", "InputError", "MANIFEST", "MANIFEST_COLUMNS",
           "MAX_ARTICLE_CHARS", "MAX_JSON_DEPTH", "MAX_JUNK_SHARE", "Plan", "ReadError", "check_date", "decode", "decode_any",
           "display", "iter_inputs", "iter_jsonl", "plan_inputs", "read_file", "read_inputs", "read_manifest", "read_plan"]

TEXT_SUFFIXES = (".txt",)


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
