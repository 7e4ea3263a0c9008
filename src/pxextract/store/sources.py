"""Where the articles of a database come from: its *sources* (the input roots builds were given:
folders, files, ``.jsonl``; table ``sources``) and each article's root (``source_articles``),
and what follows for a build — which stored articles it may remove, which it must keep, and
which article ids two sources both claim.

The rules (docs/database.md, "Building"):

* A build adds and updates the articles of its inputs and leaves every other article alone.
* A stored article is removed only when it is *covered* by a root of this build — it was read
  from below that folder, from that file, or from that ``.jsonl`` — and was not read again,
  and the root was read completely (a read error's scope keeps what was stored from there);
  or, with ``prune``, whenever it was not read again (but for the same read-error rule).
* An article stored before sources existed (schema 2) belongs to no source: only ``prune``
  removes it; the first build that reads it again attributes it to its root.
* An article id read from a root of this build that is stored from another file, outside this
  build's roots, which still exists, is a *conflict*: the new file is not stored, the old rows
  stay, and the build reports an error. If the old file is gone, the article moved: the new
  file's article replaces it.

Example:
    >>> r = root_of("corpus/")
    >>> r.kind, r.path.endswith("corpus")
    ('folder', True)
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..read import Article, ReadError, display
from .rows import meta_json, now, sha256
from .schema import has_table

NO_SOURCE = "(no source)"


@dataclasses.dataclass
class Root:
    """One input root of a build: ``given`` as on the command line, ``path`` resolved
    (absolute, symlinks resolved: what identifies a source), ``base`` absolute as given (what
    the paths of its files are relative to), ``kind`` folder, file or jsonl, ``id`` its row in
    ``sources`` once registered."""

    given: str
    path: str
    base: str
    kind: str
    id: int | None = None


def root_of(given: str | os.PathLike) -> Root:
    p = Path(given)
    kind = "folder" if p.is_dir() else "jsonl" if p.suffix.lower() == ".jsonl" else "file"
    return Root(str(given), os.path.realpath(p), os.path.abspath(p), kind)


def location(kind: str, path: str, member: str) -> str:
    """The file an article was read from (a ``.jsonl`` for its lines), from its source's kind and resolved path."""
    return os.path.join(path, member) if kind == "folder" and member else path


def _under(loc: str, folder: str) -> bool:
    return loc.startswith(folder.rstrip(os.sep) + os.sep)


def covers(root: Root, kind: str, loc: str) -> bool:
    """Whether a build of ``root`` reads the file at ``loc`` (read from a source of ``kind``):
    a ``.jsonl`` only when given itself, a folder every article file below it."""
    if root.kind == "jsonl" or kind == "jsonl":
        return root.kind == kind == "jsonl" and loc == root.path
    return loc == root.path if root.kind == "file" else _under(loc, root.path)


def previous_state(conn: sqlite3.Connection, schema: str = "") -> dict[str, tuple]:
    """``id → (sha256, meta, version, path)`` of the articles already in the database."""
    rows = conn.execute(f"SELECT id, sha256, meta, version, path FROM {schema}articles").fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def status(state: tuple | None, art: Article, version: str, full: bool) -> str:
    """``added`` (not stored), ``unchanged`` (same text, metadata and pipeline version; never in
    a full build, which processes everything) or ``updated``."""
    if state is None:
        return "added"
    if not full and state[:3] == (sha256(art.text), meta_json(art.meta), version):
        return "unchanged"
    return "updated"


class Sources:
    """The sources of one build: this build's ``roots``, the ``registered`` sources
    (``id → (kind, path, given)``) and each stored article's ``links`` (``id → (source_id, member)``)."""

    def __init__(self, roots: Sequence[Root] = (), registered: dict | None = None, links: dict | None = None):
        self.roots = list(roots)
        self.registered = registered or {}
        self.links = links or {}
        self._by_path = {v[1]: k for k, v in self.registered.items()}
        for r in self.roots:
            r.id = self._by_path.get(r.path)

    @classmethod
    def load_roots(cls, inputs: Iterable[str]) -> "Sources":
        """This build's roots, on a database without sources (new, or of schema 2)."""
        return cls([root_of(i) for i in inputs])

    @classmethod
    def load(cls, conn: sqlite3.Connection, inputs: Iterable[str], schema: str = "main") -> "Sources":
        registered, links = {}, {}
        if has_table(conn, "sources", schema):
            registered = {r[0]: tuple(r[1:]) for r in conn.execute(f"SELECT id, kind, path, given FROM {schema}.sources")}
            links = {r[0]: (r[1], r[2]) for r in conn.execute(f"SELECT article_id, source_id, member FROM {schema}.source_articles")}
        return cls([root_of(i) for i in inputs], registered, links)

    # -- where an article was read from, and where a stored one came from ---------------------

    def read_from(self, path: str) -> tuple[Root | None, str]:
        """The root of this build an article at ``path`` (``articles.path``: ``file.jsonl:LINE``
        for JSONL) was read from, and its member (its path below a folder root)."""
        best: tuple[Root | None, str] = (None, "")
        for r in self.roots:
            if r.kind == "jsonl":
                head, _, line = path.rpartition(":")
                if line.isdigit() and head == display(Path(r.given)):
                    return r, ""
                continue
            ap = os.path.abspath(path)
            if r.kind == "file" and ap == r.base:
                return r, ""
            if r.kind == "folder" and _under(ap, r.base) and (best[0] is None or len(r.base) > len(best[0].base)):
                best = (r, os.path.relpath(ap, r.base).replace(os.sep, "/"))
        return best

    def link(self, art: Article) -> dict | None:
        """The ``source_articles`` row of an article read now (None when no root of this build read it)."""
        root, member = self.read_from(art.path)
        if root is None or root.id is None:
            return None
        return {"article_id": art.id, "source_id": root.id, "member": member}

    def stored(self, art_id: str) -> tuple[str, str, str] | None:
        """``(kind, location, given)`` of a stored article's source; None when it has none."""
        link = self.links.get(art_id)
        src = self.registered.get(link[0]) if link else None
        if src is None:
            return None
        kind, path, given = src
        return kind, location(kind, path, link[1]), given

    def covering(self, art_id: str) -> Root | None:
        """The root of this build that covers a stored article (None: another source's, or none)."""
        stored = self.stored(art_id)
        if stored is None:
            return None
        return next((r for r in self.roots if covers(r, stored[0], stored[1])), None)

    def conflict(self, art: Article, prune: bool) -> str | None:
        """Why ``art`` must not replace the stored article of its id, if it must not: the stored
        one came from another file, outside this build's roots, that still exists."""
        stored = self.stored(art.id)
        root, member = self.read_from(art.path)
        if prune or stored is None or root is None or self.covering(art.id) is not None:
            return None
        kind, loc, given = stored
        if loc == location(root.kind, root.path, member) or not os.path.exists(loc):
            return None
        where = loc if kind != "jsonl" else f"{loc} (a line)"
        return (f"{art.path}: article id {art.id!r} is already stored from {where}, of the source {given};"
                f" not stored (the earlier rows stay). Rename one of the files (the id is the file name without its suffix,"
                f" or the manifest's id), or, if the article moved, build both roots together: pxextract build {given} {root.given}")

    # -- what a build removes and keeps ---------------------------------------------------------

    def kept(self, previous: dict[str, tuple], errors: Sequence[ReadError]) -> set[str]:
        """Stored articles from an input not read completely this time: below the file, folder or
        whole JSONL file named by an error's ``scope`` (compared as given, and as resolved)."""
        scopes = {getattr(e, "scope", "") or e.path for e in errors}
        if not scopes:
            return set()
        prefixes = tuple(s.rstrip("/" + os.sep) + sep for s in scopes for sep in ("/", os.sep, ":"))
        resolved = {self._resolve(s) for s in scopes}
        out = set()
        for art_id, state in previous.items():
            path = state[3]
            if path and (path in scopes or path.startswith(prefixes)):
                out.add(art_id)
                continue
            stored = self.stored(art_id)
            if stored and any(stored[1] == s or _under(stored[1], s) for s in resolved):
                out.add(art_id)
        return out

    def _resolve(self, scope: str) -> str:
        """A read error's scope as a location: through the root it lies under, else resolved."""
        ap = os.path.abspath(scope)
        for r in self.roots:
            if r.kind == "folder" and (ap == r.base or _under(ap, r.base)):
                return os.path.normpath(os.path.join(r.path, os.path.relpath(ap, r.base)))
        return os.path.realpath(scope)

    def removals(self, candidates: Iterable[str], prune: bool) -> dict[str, str]:
        """``id → the root it is removed from`` among ``candidates`` (stored, not read again, not
        kept): the ones a root of this build covers; with ``prune``, all of them."""
        out = {}
        for art_id in sorted(candidates):
            root = self.covering(art_id)
            if root is not None:
                out[art_id] = root.given
            elif prune:
                stored = self.stored(art_id)
                out[art_id] = stored[2] if stored else NO_SOURCE
        return out

    # -- the tables -------------------------------------------------------------------------------

    def copy_registered(self, conn: sqlite3.Connection) -> None:
        """Copy the sources of the attached database ``old`` (a full build's previous file)."""
        if has_table(conn, "sources", "old"):
            conn.execute("INSERT INTO sources SELECT * FROM old.sources")

    def register(self, conn: sqlite3.Connection, run_id: int) -> None:
        """Add this build's roots to ``sources`` (in the caller's transaction) and learn their ids."""
        for r in self.roots:
            if r.id is None:
                cur = conn.execute("INSERT INTO sources (kind, given, path, added_at, run_id, n_articles) VALUES (?, ?, ?, ?, ?, 0)",
                                   (r.kind, r.given, r.path, now(), run_id))
                r.id = cur.lastrowid
                self.registered[r.id] = (r.kind, r.path, r.given)
            else:
                conn.execute("UPDATE sources SET given = ?, kind = ? WHERE id = ?", (r.given, r.kind, r.id))

    def relink(self, conn: sqlite3.Connection, links: Sequence[dict]) -> None:
        """Attribute articles read again unchanged to the root they were read from this time."""
        conn.executemany("INSERT OR REPLACE INTO source_articles (article_id, source_id, member) VALUES (?, ?, ?)",
                         [(d["article_id"], d["source_id"], d["member"]) for d in links])

    def changed_link(self, art: Article) -> dict | None:
        """The new ``source_articles`` row of an article read again unchanged, if its root or member changed."""
        new = self.link(art)
        if new is None or self.links.get(art.id) == (new["source_id"], new["member"]):
            return None
        return new

    def finish(self, conn: sqlite3.Connection, run_id: int, errors: Sequence[ReadError], prune: bool) -> None:
        """At the end of a build (in its last transaction): every source's article count; this
        build's roots' ``built_at`` when it read them completely (no read error below them);
        with ``prune``, drop the sources no article comes from any more."""
        ours = [r.id for r in self.roots if r.id is not None]
        scopes = [self._resolve(getattr(e, "scope", "") or e.path) for e in errors]
        complete = [r.id for r in self.roots if r.id is not None and not any(s == r.path or _under(s, r.path) for s in scopes)]
        if prune:
            marks = ",".join("?" * len(ours))
            conn.execute(f"DELETE FROM sources WHERE id NOT IN ({marks}) AND id NOT IN (SELECT source_id FROM source_articles)", ours)
        conn.execute("UPDATE sources SET n_articles = (SELECT count(*) FROM source_articles s WHERE s.source_id = sources.id)")
        conn.executemany("UPDATE sources SET built_at = ?, run_id = ? WHERE id = ?", [(now(), run_id, i) for i in complete])


def registered_roots(conn: sqlite3.Connection) -> list[tuple[str, str, str, int]]:
    """``(given, path, kind, n_articles)`` of every registered source, minus those another
    registered folder already reads (a folder or file below a registered folder)."""
    if not has_table(conn, "sources"):
        return []
    rows = conn.execute("SELECT given, path, kind, n_articles FROM sources ORDER BY id").fetchall()
    folders = [r[1] for r in rows if r[2] == "folder"]
    return [r for r in rows if r[2] == "jsonl" or not any(_under(r[1], f) for f in folders if f != r[1])]
