"""``pxextract series``: the same figure across articles and years (issue #15), read from the
database's ``series`` view (:mod:`pxextract.store.series`) — a thin wrapper, no pandas for the
terminal, CSV, JSON or Excel outputs.

Example:
    $ pxextract series --metric gdp                       # GDP of every subject by year
    $ pxextract series --metric 地区生产总值 --wide          # the same: a metric by its name; years as columns
    $ pxextract series --metric gdp --subject 海拉尔区 --format csv -o hailar-gdp.csv
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .cli_query import DB_HELP, Format, Modality, _fmt_value, _records_json, _write_csv, _write_text
from .console import say


def register(app: typer.Typer) -> None:
    """Add ``series`` to the main app."""
    from .console import guard

    app.command("series")(guard(series))


def metric_id_for(metric: str, rules_dir=None) -> str:
    """The ``metric_id`` a user means: an id of ``rules/metrics.tsv`` as given (gdp), else the
    id of the indicator the text names (地区生产总值, GDP → gdp); an error lists how to find one.

    >>> metric_id_for("gdp"), metric_id_for("地区生产总值"), metric_id_for("GDP")
    ('gdp', 'gdp', 'gdp')
    """
    from .read import InputError
    from .resolve import Resolver

    r = Resolver(rules_dir)
    if metric in r.metrics.metrics:
        return metric
    found = r.metric(metric).metric_id
    if found is None:
        raise InputError(f"--metric {metric!r}: no indicator of rules/metrics.tsv has this id or name "
                         "(ids such as gdp, retail_sales, fixed_asset_investment; pxextract facts --metric finds written metrics)")
    return found


def series(
    # help text with a Chinese example of what a user types (an example, not language data)
    metric: Optional[str] = typer.Option(None, "--metric", help="An indicator: its id (gdp) or a name of it (地区生产总值, GDP); default: every indicator."),
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP),
    # help text with a Chinese example of what a user types (an example, not language data)
    subject: Optional[str] = typer.Option(None, "--subject", help="One subject: its canonical name (海拉尔区) or code (150702, CN)."),
    year: Optional[int] = typer.Option(None, "--year", help="One year."),
    modality: Optional[Modality] = typer.Option(None, "--modality", case_sensitive=False, help="actual or target (default: both)."),
    changes: bool = typer.Option(False, "--changes", help="Also the changes (GDP growth: change up, in %); default: the levels."),
    wide: bool = typer.Option(False, "--wide", help="Years as columns: one row per subject, metric, modality and unit."),
    format: Format = typer.Option(Format.table, "--format", case_sensitive=False, help="table, csv, json, xlsx or parquet (the last two need -o)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here (whole or not at all) instead of stdout."),
    excel: Optional[bool] = typer.Option(None, "--excel/--no-excel", help="CSV: a UTF-8 BOM for Excel. Default: with -o FILE yes, on stdout no."),
):
    """A metric across subjects and years: per canonical subject, year and modality the value the
    latest article states, how many articles state it, and a conflict flag when they disagree."""
    from .read import InputError
    from .store.series import SERIES_COLUMNS, series_rows
    from .store.series import wide as to_wide

    if format in (Format.parquet, Format.xlsx) and output is None:
        raise InputError(f"--format {format.value} needs -o FILE")
    metric_id = metric_id_for(metric) if metric else None
    rows = series_rows(db, metric_id=metric_id, subject=subject, year=year, modality=modality, changes=changes)
    if wide:
        columns, values = to_wide(rows)
    else:
        columns, values = list(SERIES_COLUMNS), [[r[c] for c in SERIES_COLUMNS] for r in rows]
    if format is Format.table:
        _write_text(_series_table(columns, values), output, rich=True)
    elif format is Format.csv:
        _write_csv(columns, values, output, bom=output is not None if excel is None else excel)
    elif format is Format.json:
        _write_text(_records_json(columns, values), output)
    elif format is Format.xlsx:
        from .output import atomic_writer, write_xlsx

        with atomic_writer(output, "wb") as f:
            write_xlsx(f, columns, [tuple(v) for v in values], sheet="series")
    else:
        import pandas as pd

        from .output import atomic_writer

        with atomic_writer(output, "wb") as f:
            pd.DataFrame(values, columns=columns).to_parquet(f, index=False)
    if not rows:
        say(f"no series rows{f' for {metric_id}' if metric_id else ''} in {db}"
            + ("" if changes else " (levels only: --changes shows growth rates)"))
    elif output is not None:
        say(f"{len(values)} row(s) → {output}")


_SHOWN = ("metric_id", "subject", "subject_id", "year", "modality", "change", "value", "unit", "n_sources", "conflict")


def _series_table(columns: list[str], values: list[list]):
    from rich.table import Table
    from rich.text import Text

    from .output import for_terminal

    shown = [c for c in columns if c in _SHOWN or c.isdigit()]
    idx = [columns.index(c) for c in shown]
    t = Table(show_lines=False)
    for c in shown:
        t.add_column(c, overflow="fold", justify="right" if c in ("value", "year", "n_sources") or c.isdigit() else "left")
    for row in values:
        cells = []
        for c, i in zip(shown, idx):
            v = row[i]
            if c == "value" or c.isdigit():
                cells.append(Text(_fmt_value(v)))
            elif c == "conflict":
                cells.append(Text("conflict", style="bold red") if v else Text(""))
            else:
                cells.append(Text(for_terminal("" if v is None else str(v))))
        t.add_row(*cells)
    return t
