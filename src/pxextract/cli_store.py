"""The ``build`` command: a thin wrapper over :mod:`pxextract.store` and :mod:`pxextract.feed`
(docs/database.md). The read commands are in :mod:`pxextract.cli_query`, serve and plot in
:mod:`pxextract.cli_web`.

The helpers shared with :mod:`pxextract.cli` (``say``, ``guard`` …) come from
:mod:`pxextract.console`; ``cli`` imports this module to register the commands, never the
other way round.

Example:
    $ pxextract build corpus/ ../shared/corpus-dev/            # → facts.sqlite
    $ pxextract build new/                                     # adds new/'s articles, keeps the others
    $ pxextract build --dry-run                                # what re-syncing every source would change
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .console import MODEL_HELP, guard, say

DB_HELP = "The fact database (SQLite)."
def register(app: typer.Typer) -> None:
    """Add ``build`` to the main app (the read commands are in :mod:`pxextract.cli_query`)."""
    app.command("build")(guard(build))


# -- build --------------------------------------------------------------------------------


def build(
    inputs: Optional[list[Path]] = typer.Argument(None, help="Folders of .txt (with optional articles.csv), .txt files, or .jsonl of {id, text, meta}: their articles are added and updated, the others left alone. None: re-sync every source the database was built from."),
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP),
    full: bool = typer.Option(False, "--full", help="Rebuild everything into a new file and swap it in (default: only new and changed articles)."),
    force: bool = typer.Option(False, "--force", help="With --full: replace the --db file even if it is not a pxextract database (never done without it)."),
    prune: bool = typer.Option(False, "--prune", help="Remove every stored article that is not in these inputs, whichever source it came from (default: only those gone from these inputs' folders and files)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="List what the build would add, update and remove (per article id), changing nothing."),
    keep_missing: bool = typer.Option(False, "--keep-missing", hidden=True, help="Deprecated, does nothing: a build never removes other inputs' articles."),
    wait: bool = typer.Option(False, "--wait", help="If another build is running on the database, wait for it instead of exiting."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="A rules folder to use instead of the bundled one."),
    # issue #7: parallel and distributed extraction (pxextract.scale, docs/scale.md); rows are written here as always
    workers: Optional[int] = typer.Option(None, "--workers", help="Extract in N worker processes (default: one per CPU; small batches run in this process); with --dask local: the LocalCluster's workers (default one per CPU)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Extract on Dask: 'local' (a LocalCluster on 127.0.0.1) or a scheduler address tcp://HOST:PORT. Needs pxextract[scale]."),
    article_timeout: float = typer.Option(60.0, "--article-timeout", help="Seconds an article may take, plus one per 20,000 characters; one that takes longer is reported as failed and the build goes on (0: no limit)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Name every file of the folders that is not read (default: a count per suffix)."),
    # help text with a Chinese example of what a user types (an example, not language data)
    date: Optional[str] = typer.Option(None, "--date", help="The publication date of the whole batch (YYYY, YYYY-MM or YYYY-MM-DD): relative years (今年, 上年) resolve against it. Without it: the file's metadata, else a date in the text."),
    staging: Optional[Path] = typer.Option(None, "--staging", help="With --dask: a folder all workers see under this path; they write their Parquet partitions there (default: returned through the client)."),
    model: Optional[bool] = typer.Option(None, "--model/--no-model", help=MODEL_HELP),
):
    """Build or update the fact database: adds and updates the inputs' articles and removes only
    those gone from them; incremental by default, crash-safe, one build at a time."""
    from . import console, feed, scale, store

    console.use_model(model)
    from .read import ArticleSource

    if keep_missing:
        say("note: --keep-missing is deprecated and does nothing: a build never removes the articles of other inputs (--prune does)")
    inputs, missing = _roots(inputs, db)

    extract = scale.make_extract(workers=workers, dask=dask, staging=staging, db=db, rules_path=rules,
                                 on_note=lambda m: say(f"note: {m}"))  # issue #7: None = in this process
    articles = ArticleSource(inputs, date)  # planned now (files, manifests); each input read once, during the build
    articles.errors.extend(missing)
    read_errors = articles.errors
    console.note_skipped(articles.skipped, verbose)
    if dry_run:
        report = store.preview(db, articles, read_errors, extraction=feed.extraction(rules_path=rules),
                               options=store.BuildOptions(full=full, force=force, prune=prune, inputs=[str(p) for p in inputs]))
        _report(report)
        return

    def on_article(art, status):
        if status != "unchanged" and art.meta.get("encoding"):  # as `extract` reports it
            say(f"note: {art.path}: read as {art.meta['encoding']}")
        prog.update(task, advance=1, status=f"{rate.add(art, status)} {status}: {art.id}")

    with _progress() as prog:
        task = prog.add_task("building", total=articles.expected, status="")
        rate = _Rate()
        debug = console.DEBUG["on"]
        extraction = feed.extraction(rules_path=rules, extract=extract, article_timeout=article_timeout, raise_errors=debug)
        options = store.BuildOptions(full=full, force=force, prune=prune, wait=wait, on_wait=lambda m: say(f"note: {m}"),
                                     inputs=[str(p) for p in inputs], on_article=on_article, raise_errors=debug)
        report = store.build(db, articles, read_errors, extraction=extraction, options=options)
    console.warn_no_date(report.no_date)
    _report(report)


def _roots(inputs, db: Path):
    """The inputs of a build, and a ReadError per registered source that is gone: the given
    ones; without any, every source the database was built from (each by the name it was
    given, when that still names it from here, else by its resolved path)."""
    import os

    from . import store
    from .read import InputError, ReadError

    if inputs:
        return list(inputs), []
    with store.reader(db) as conn:
        registered = store.registered_roots(conn)
    if not registered:
        raise InputError(f"{db}: no INPUT given and the database has no registered sources (it was built before"
                         " pxextract remembered them); give the folders, files or .jsonl to build from")
    roots, missing = [], []
    for given, path, kind, n in registered:
        if not os.path.exists(path):
            missing.append(ReadError(given, f"this source no longer exists (resolved: {path}); its {n} article(s) are kept", scope=path))
        else:
            roots.append(Path(given if os.path.realpath(given) == path else path))
    say(f"note: re-syncing {len(registered)} source(s) of {db}: {', '.join(g for g, *_ in registered)}")
    return roots, missing


def _report(report) -> None:
    """Notes, errors, the dry run's list of changes, the summary line; exit 1 after errors."""
    for n in report.notes:
        say(f"note: {n}")
    for f in report.failures:
        say(f"error: {f}")
    if report.dry_run:
        for what, ids in (("add", report.added), ("update", report.updated)):
            for i in ids:
                typer.echo(f"{what}\t{i}")
        for i, root in report.removed_ids.items():
            typer.echo(f"remove\t{i}\t{root}")
    say(_build_summary(report))
    if report.failures:
        raise typer.Exit(1)


class _Rate:
    """Articles/s and chars/s of the processed articles, for the progress bar."""

    def __init__(self):
        import time

        self._clock = time.perf_counter
        self._t0 = self._clock()
        self.articles = self.chars = 0

    def add(self, art, status: str) -> str:
        if status == "processed":
            self.articles += 1
            self.chars += len(art.text)
        dt = self._clock() - self._t0
        return f"{self.articles / dt:.1f} articles/s, {self.chars / dt / 1000:.0f}k chars/s;" if dt and self.articles else ""


def _progress():
    """A transient progress bar on stderr, only when stderr is a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.fields[status]}"), console=console, transient=True, disable=not console.is_terminal)


def _build_summary(r) -> str:
    """``facts.sqlite (incremental): 5 article(s) in the inputs — 3 processed, 2 unchanged: 1 added,
    2 updated, 1 removed (1 from corpus/), 0 failed; database: …`` (removed and kept only when
    there are some); a dry run says what it would do."""
    import collections

    by_root = collections.Counter(r.removed_ids.values())
    parts = [f"{len(r.added)} added", f"{len(r.updated)} updated"]
    if r.removed:  # nothing removed, nothing kept: not said
        parts.append(f"{r.removed} removed" + (f" ({', '.join(f'{n} from {root}' for root, n in sorted(by_root.items()))})" if by_root else ""))
    if r.kept:
        parts.append(f"{r.kept} kept from earlier builds")
    parts.append(f"{len(r.failures)} failed")
    if r.no_date:
        parts.append(f"{len(r.no_date)} without a publication date")
    counts = f"{r.processed} processed, {r.unchanged} unchanged: {', '.join(parts)}"
    if r.dry_run:
        return (f"{r.db} (dry run, {r.mode}; nothing written): {r.n_inputs} article(s) in the inputs — would be {counts};"
                f" database now: {r.total_articles} article(s), {r.total_facts} fact(s)")
    return (
        f"{r.db} ({r.mode}): {r.n_inputs} article(s) in the inputs — {counts}; database: {r.total_articles} article(s),"
        f" {r.total_facts} fact(s); {r.seconds_total:.2f} s"
    )


