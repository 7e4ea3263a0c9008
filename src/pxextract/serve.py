"""``pxextract serve``: the fact database in a local, read-only Datasette (issue #16, docs/explorer.md).

:func:`check_db` says in one line what is wrong with a file before anything starts;
:func:`make_app` returns the Datasette (the database opened ``immutable=1``: nothing is ever
written to it, not even a lock or a ``-shm``), with the metadata of :func:`metadata` (titles,
column descriptions and units, facets, canned queries) and the plugin of
:mod:`pxextract.web.plugin` (the fact page with the figure marked in its sentence);
:func:`serve` runs it on loopback.

Also a module entry point, used by the tests and the ``serve`` command alike:

    $ python -m pxextract.serve --db facts.sqlite --port 0
    pxextract serve: facts.sqlite at http://127.0.0.1:40123/ (read-only; Ctrl-C stops)
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

from .read import InputError

WEB_EXTRA = "pxextract serve needs the web extra: pip install -e '.[web]'"
DEFAULT_HOST = "127.0.0.1"
READY = "pxextract serve: {db} at {url} (read-only; Ctrl-C stops)"


class ServeError(InputError):
    """A database that cannot be served, or Datasette missing: one line, exit 2."""


def _datasette():
    try:
        import datasette.app  # noqa: F401
    except ImportError:
        raise ServeError(WEB_EXTRA) from None
    return datasette.app


def check_db(db: str | Path) -> Path:
    """``db`` resolved, after checking that it is a readable pxextract database of this schema
    that no build is writing; :class:`ServeError` saying in one line what is wrong and what to do."""
    from . import store

    path = Path(db)
    try:
        kind = store.db_kind(path)
    except InputError as exc:  # locked, unreadable -wal …
        raise ServeError(str(exc)) from None
    if kind != "ours":
        raise ServeError(store.kind_message(kind, path))
    real = path.resolve()
    wal = Path(f"{real}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ServeError(f"{path}: a build is writing it, or was interrupted (its -wal file holds changes the file does not have yet);"
                         " wait for the build to finish, or run it again, then start serve")
    quick_check = getattr(store, "quick_check", None)
    if quick_check is not None:
        damage = quick_check(real)
        if damage:
            # SQLite may put several lines in one row ("*** in database main ***\nPage 10: …"): one line
            lines = [x.strip() for x in damage[0].splitlines() if x.strip()]
            detail = " ".join(lines[:2]) + (" …" if len(lines) > 2 or len(damage) > 1 else "")
            raise ServeError(store.kind_message("damaged", path, detail=detail))
    if any(c in str(real) for c in "?#%"):
        raise ServeError(f"{path}: Datasette cannot open a path containing ?, # or %; rename the file or its folder")
    return real


def column_docs(table: str) -> dict[str, str]:
    """Column → description of ``table`` (facts, articles), from :data:`pxextract.web.LABELS`."""
    from .web import under

    return under(f"column.{table}.")


QUERY_COLUMNS = ('f.article_id, f.fact, f.text AS figure, f.value, f.unit, f.year, f.subject, f.metric, f.modality,'
                 ' f.context, a.date AS published, a.title')

# The canned queries' SQL; their title and description are labels.tsv's query.<name>.title|description.
CANNED_SQL = {
    "metric_across_years": {
        "sql": f"SELECT {QUERY_COLUMNS}\nFROM facts f JOIN articles a ON a.id = f.article_id\n"
               "WHERE f.metric = :metric AND f.year IS NOT NULL\n"
               "  AND (:subject = '' OR instr(f.subject, :subject) > 0)\n"
               "ORDER BY f.unit, f.subject, f.year, f.modality, a.date, f.article_id, f.fact",
        "params": ["metric", "subject"],
    },
    "targets_for_year": {
        "sql": f"SELECT {QUERY_COLUMNS}\nFROM facts f JOIN articles a ON a.id = f.article_id\n"
               "WHERE f.modality = 'target' AND f.year = CAST(:year AS INTEGER)\n"
               "ORDER BY f.subject, f.metric, f.article_id, f.fact",
        "params": ["year"],
    },
    "article_facts": {
        "sql": "SELECT f.article_id, f.fact, f.text AS figure, f.value, f.unit, f.year, f.subject, f.metric, f.modality,"
               " f.label, f.n_mentions, f.context\n"
               "FROM facts f\n"
               "WHERE f.article_id = :article\n"
               "   OR (:article != '' AND substr(f.article_id, 1, length(:article)) = :article\n"
               "       AND NOT EXISTS (SELECT 1 FROM articles WHERE id = :article))\n"
               "ORDER BY f.article_id, f.start",
        "params": ["article"],
    },
}


def canned_queries() -> dict[str, dict]:
    """Datasette's canned queries: the SQL above with its title and description from labels.tsv."""
    from .web import label

    return {q: {"title": label(f"query.{q}.title"), "description": label(f"query.{q}.description"), **d}
            for q, d in CANNED_SQL.items()}


def metadata(name: str, path: str | Path) -> dict:
    """Datasette metadata for the database served under ``name`` (the file's stem); the text
    shown (descriptions, titles) is :data:`pxextract.web.LABELS`'s."""
    from .web import label

    return {
        "title": f"pxextract facts — {Path(path).name}",
        "description_html": label("site.description_html"),
        "plugins": {"pxextract": {"database": name}},
        "databases": {
            name: {
                "description": "A pxextract fact database (docs/database.md).",
                "tables": {
                    "facts": {
                        "description": "One row per distinct numeric fact of an article, with the sentence that states it."
                                       " Click a fact number for its page.",
                        "facets": ["label", "year", "subject", "modality"],
                        "columns": column_docs("facts"),
                    },
                    "articles": {"description": "One row per article, with its full text.", "columns": column_docs("articles"),
                                 "label_column": "id"},
                    "mentions": {"description": "Every span of the extraction record (numbers, dates, names), with its offsets."},
                    "entities": {"description": "Distinct names (PERSON, GPE, ORG …) of each article."},
                    "runs": {"description": "One row per build: counts, timings and errors."},
                    "fact_provenance": {"description": "One row per (fact, mention): every place an article states a fact."},
                },
                "queries": canned_queries(),
            }
        },
    }


def make_app(db: str | Path, *, checked: bool = False):
    """A read-only :class:`datasette.app.Datasette` on ``db`` (immutable), with the metadata and
    the fact page; :class:`ServeError` (one line) for a missing extra or a bad file."""
    ds_app = _datasette()
    real = Path(db) if checked else check_db(db)
    from .web import TEMPLATES, plugin

    _register(plugin)
    ds = ds_app.Datasette(
        immutables=[str(real)],
        metadata=metadata(real.stem, db),
        template_dir=str(TEMPLATES),
        settings={"truncate_cells_html": 240, "default_page_size": 100, "facet_time_limit_ms": 1000},
    )
    return ds


def _register(module) -> None:
    from datasette.plugins import pm

    if pm.get_plugin("pxextract") is None and not pm.is_registered(module):
        pm.register(module, name="pxextract")


def free_socket(host: str = DEFAULT_HOST, port: int = 0) -> socket.socket:
    """A listening TCP socket on ``host:port`` (0: a free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port (0: any free one)") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def serve(db: str | Path, *, host: str = DEFAULT_HOST, port: int = 0, open_browser: bool = False, say=print) -> None:
    """Check ``db``, then serve it read-only on ``host:port`` until interrupted; ``say`` gets the
    ready line with the URL (after the socket listens, so the URL answers at once)."""
    ds = make_app(db)
    import uvicorn

    sock = free_socket(host, port)
    url = url_of(sock)
    say(READY.format(db=db, url=url))
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    config = uvicorn.Config(ds.app(), log_level="warning", lifespan="on")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m pxextract.serve --db PATH [--host H] [--port N] [--open]``."""
    p = argparse.ArgumentParser(prog="python -m pxextract.serve", description="Serve a fact database read-only in Datasette.")
    p.add_argument("--db", default="facts.sqlite")
    p.add_argument("--host", default=DEFAULT_HOST)
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--open", action="store_true", dest="open_browser")
    a = p.parse_args(argv)
    try:
        serve(a.db, host=a.host, port=a.port, open_browser=a.open_browser, say=lambda m: print(m, flush=True))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
