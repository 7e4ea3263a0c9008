"""The web and chart commands (issue #16): ``serve`` (the fact database in a local, read-only
Datasette: :mod:`pxextract.serve`, docs/explorer.md) and ``plot`` (one metric across years
and subjects as a self-contained plotly page: :mod:`pxextract.chart`).

Wired into the main app by ``cli_web.register(app)``.

Example:
    $ pxextract serve --db facts.sqlite --open
    $ pxextract plot --metric 地区生产总值 -o gdp.html --log
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Optional

import typer

DB_HELP = "The fact database (SQLite)."


def _local_guard(fn):
    """One line and exit 2 for the known errors (for ``python -m pxextract.cli_web``)."""
    from .read import InputError

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(getattr(exc, "exit_code", 2)) from None

    return wrapper


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``plot`` to ``app``, their errors turned into one line by
    :func:`pxextract.console.guard` (as for the other commands; no import of ``cli``)."""
    from .console import guard

    app.command("serve")(guard(serve))
    app.command("plot")(guard(plot))


def serve(
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP),
    port: int = typer.Option(8001, "--port", help="The port to listen on (0: any free port; the URL is printed)."),
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on. Only loopback unless you say otherwise: the explorer has no login."),
    open_browser: bool = typer.Option(False, "--open/--no-open", help="Open the explorer in the default web browser."),
):
    """Explore the fact database in a local web browser (Datasette, read-only: the file is never written)."""
    from . import serve as web

    web.serve(db, host=host, port=port, open_browser=open_browser, say=lambda m: typer.echo(m))


def plot(
    # help text with a Chinese example of what a user types (an example, not language data)
    metric: str = typer.Option(..., "--metric", help="An indicator (gdp, 地区生产总值: drawn from the series, canonical subjects); else the facts whose written metric is or contains this text."),
    output: Path = typer.Option(..., "-o", "--output", help="The HTML page to write (self-contained: opens offline)."),
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP),
    subject: Optional[str] = typer.Option(None, "--subject", help="Only subjects containing this text."),
    modality: Optional[str] = typer.Option(None, "--modality", help="Only actual or only target (default: both; targets dashed)."),
    log: bool = typer.Option(False, "--log", help="A logarithmic value axis (for subjects of very different size)."),
):
    """Chart one metric across years and subjects: one line per subject, one chart per unit, values in 亿/万."""
    from . import chart, store
    from .output import atomic_writer
    from .read import InputError

    if modality not in (None, "actual", "target"):
        raise InputError(f"--modality must be actual or target, not {modality!r}")
    df = _series_frame(db, metric, subject, modality)
    if df is None:  # no listed indicator of that name: the facts whose written metric contains it
        df = store.facts(db, metric=metric, subject=subject, modality=modality)
    try:
        fig, notes = chart.build_figure(df, metric, log=log)
    except ValueError as exc:
        raise InputError(f"{db}: {exc}") from None
    page = chart.render_figure(fig, notes, metric, log=log)
    with atomic_writer(output) as f:
        f.write(page)
    points = sum(len(t.x) for t in fig.data)
    typer.echo(f"{points} point(s) in {len(fig.data)} line(s) → {output}", err=True)
    for n in notes:
        typer.echo(f"note: {n}", err=True)


def _series_frame(db, metric: str, subject, modality):
    """The rows of the ``series`` view for ``metric`` when it names an indicator of
    rules/metrics.tsv (gdp, 地区生产总值): canonical subjects (海拉尔 and 海拉尔区 are one line),
    one unit per set of synonyms, per year the latest article's value. None otherwise."""
    import pandas as pd

    from .cli_series import metric_id_for
    from .read import InputError
    from .store.series import series_rows

    try:
        metric_id = metric_id_for(metric)
    except InputError:
        return None
    rows = series_rows(db, metric_id=metric_id, modality=modality)
    if subject:
        rows = [r for r in rows if subject in (r["subject"] or "") or subject == r["subject_id"]]
    if not rows:
        return None
    df = pd.DataFrame(rows)
    df["metric"] = metric
    df["subject_canonical"] = df["subject"]
    return df


def _main() -> None:  # pragma: no cover - `python -m pxextract.cli_web serve …` before the main app wires it
    app = typer.Typer(add_completion=False)
    for name, fn in (("serve", serve), ("plot", plot)):
        app.command(name)(_local_guard(fn))
    app(sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    _main()
