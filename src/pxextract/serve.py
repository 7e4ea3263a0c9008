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
            raise ServeError(store.kind_message("damaged", path, detail=damage[0]))
    if any(c in str(real) for c in "?#%"):
        raise ServeError(f"{path}: Datasette cannot open a path containing ?, # or %; rename the file or its folder")
    return real


FACT_COLUMNS_DOC = {
    "article_id": "The article (a link to its row: text, title, date).",
    "fact": "Index of the fact in its article (0, 1, …); a link to the fact page with its sentence.",
    "label": "MONEY, PERCENT, QUANTITY or CARDINAL.",
    "value": "The number in the base unit of `unit`, not scaled: 82.32亿元 is 8232000000 (元). Range figures keep low/high.",
    "unit": "Base unit of value, low and high: 元, %, 人, 吨, 公里 … (亿 and 万 are folded into value).",
    "qualifier": "以上, 左右, 近, 超过 … when the figure is approximate or a bound.",
    "low": "Lower end of a range (same unit as value).",
    "high": "Upper end of a range (same unit as value).",
    "year": "The year the figure is about (a calendar year).",
    "metric": "What is measured: 地区生产总值, 一般公共预算收入, 地区生产总值增长 …",
    "subject": "Whose figure it is: a place, an organisation (海拉尔区, 江西省 …), as written.",
    "modality": "actual (a reported value) or target (a plan or goal).",
    "change": "For growth figures: increase or decrease.",
    "text": "The figure as written in the article (192.3亿元).",
    "start": "Offset of the figure in the article text (code points, half-open).",
    "end": "End offset of the figure in the article text.",
    "sentence": "Index of the sentence in the article.",
    "context": "The sentence that states the figure (marked in yellow).",
    "n_mentions": "How many times the article states this fact (layout repeats included).",
}

ARTICLE_COLUMNS_DOC = {
    "id": "Article id (file name without suffix, or the JSONL id).",
    "path": "Where it was read from, as given to build.",
    "sha256": "SHA-256 of the text.",
    "date": "Publication date used to resolve relative years (YYYY-MM-DD, or shorter).",
    "title": "Title from the metadata.",
    "source": "Source from the metadata.",
    "meta": "All input metadata (JSON).",
    "chars": "Length of the text in characters.",
    "text": "The full text the offsets refer to.",
    "version": "Pipeline version that produced the rows.",
    "processed_at": "When it was processed (UTC).",
    "run_id": "The build (runs.id) that processed it.",
    "n_mentions": "Rows in mentions.",
    "n_facts": "Rows in facts.",
    "n_entities": "Rows in entities.",
}

QUERY_COLUMNS = ('f.article_id, f.fact, f.text AS figure, f.value, f.unit, f.year, f.subject, f.metric, f.modality,'
                 ' f.context, a.date AS published, a.title')

CANNED_QUERIES = {
    "metric_across_years": {
        "title": "A metric across subjects and years",
        "description": "Every fact of one metric (its exact name, e.g. 地区生产总值) with a year, by unit, subject and"
                       " year; optionally only subjects containing some text (海拉尔). value is in the base unit (元).",
        "sql": f"SELECT {QUERY_COLUMNS}\nFROM facts f JOIN articles a ON a.id = f.article_id\n"
               "WHERE f.metric = :metric AND f.year IS NOT NULL\n"
               "  AND (:subject = '' OR instr(f.subject, :subject) > 0)\n"
               "ORDER BY f.unit, f.subject, f.year, f.modality, a.date, f.article_id, f.fact",
        "params": ["metric", "subject"],
    },
    "targets_for_year": {
        "title": "The targets set for a year",
        "description": "Facts with modality = target for one year (e.g. 2024): the goals of government work reports.",
        "sql": f"SELECT {QUERY_COLUMNS}\nFROM facts f JOIN articles a ON a.id = f.article_id\n"
               "WHERE f.modality = 'target' AND f.year = CAST(:year AS INTEGER)\n"
               "ORDER BY f.subject, f.metric, f.article_id, f.fact",
        "params": ["year"],
    },
    "article_facts": {
        "title": "The facts of one article",
        "description": "Every fact of one article in reading order; the id or its unique beginning (000 for 000_23bbc0367b06fa24).",
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


def metadata(name: str, path: str | Path) -> dict:
    """Datasette metadata for the database served under ``name`` (the file's stem)."""
    return {
        "title": f"pxextract facts — {Path(path).name}",
        "description_html": (
            "Figures extracted from Chinese regional-economy news by pxextract, with their sentence and"
            " source. Start with the canned queries of the database, or facet the <b>facts</b> table by"
            " label, year, subject and modality. Values are in base units (元, not 亿元). Read-only."
        ),
        "plugins": {"pxextract": {"database": name}},
        "databases": {
            name: {
                "description": "A pxextract fact database (docs/database.md).",
                "tables": {
                    "facts": {
                        "description": "One row per distinct numeric fact of an article, with the sentence that states it."
                                       " Click a fact number for its page.",
                        "facets": ["label", "year", "subject", "modality"],
                        "columns": FACT_COLUMNS_DOC,
                    },
                    "articles": {"description": "One row per article, with its full text.", "columns": ARTICLE_COLUMNS_DOC,
                                 "label_column": "id"},
                    "mentions": {"description": "Every span of the extraction record (numbers, dates, names), with its offsets."},
                    "entities": {"description": "Distinct names (PERSON, GPE, ORG …) of each article."},
                    "runs": {"description": "One row per build: counts, timings and errors."},
                    "fact_provenance": {"description": "One row per (fact, mention): every place an article states a fact."},
                },
                "queries": CANNED_QUERIES,
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
