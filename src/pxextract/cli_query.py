"""The read commands: ``facts``, ``export``, ``show``, ``check`` — thin wrappers over
:mod:`pxextract.store` (docs/database.md). They only read the database.

Example:
    $ pxextract facts --metric 生产总值 --year 2023 --format csv
    $ pxextract show 000 --html 000.html
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .console import guard, say

DB_HELP = "The fact database (SQLite)."
FORMATS = ("table", "csv", "json", "parquet")
LABEL_STYLES = {
    "MONEY": "bold black on yellow",
    "PERCENT": "bold black on green",
    "QUANTITY": "bold black on cyan",
    "CARDINAL": "bold black on bright_white",
    "DATE": "black on bright_cyan",
    "PERSON": "black on magenta",
    "GPE": "black on bright_yellow",
    "LOC": "black on bright_red",
    "ORG": "black on bright_blue",
    "LAW": "black on red",
}


def register(app: typer.Typer) -> None:
    """Add ``facts``, ``export``, ``show`` and ``check`` to the main app."""
    app.command("facts")(guard(facts))
    app.command("export")(guard(export))
    app.command("show")(guard(show))
    app.command("check")(guard(check))


# -- facts --------------------------------------------------------------------------------


def facts(
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP),
    metric: Optional[str] = typer.Option(None, "--metric", help="Facts whose metric contains this text (生产总值)."),
    year: Optional[int] = typer.Option(None, "--year", help="Facts reported for this calendar year."),
    subject: Optional[str] = typer.Option(None, "--subject", help="Facts whose subject contains this text (萍乡)."),
    label: Optional[str] = typer.Option(None, "--label", help="MONEY, PERCENT, QUANTITY or CARDINAL."),
    modality: Optional[str] = typer.Option(None, "--modality", help="actual or target."),
    article: Optional[str] = typer.Option(None, "--article", help="One article id."),
    format: str = typer.Option("table", "--format", help="table, csv, json (an array of records) or parquet (needs -o)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here (whole or not at all) instead of stdout."),
    limit: int = typer.Option(0, "--limit", help="At most this many rows (0: all)."),
):
    """Query the facts: filter by metric, year, subject, label; print or write them."""
    from . import store
    from .read import InputError

    if format not in FORMATS:
        raise InputError(f"--format {format!r}: use {', '.join(FORMATS)}")
    if format == "parquet" and output is None:
        raise InputError("--format parquet needs -o FILE (Parquet is binary)")
    df = store.facts(db, metric=metric, year=year, subject=subject, label=label, modality=modality, article=article)
    if limit:
        df = df.head(limit)
    if format == "table":
        _write_text(_facts_table(df), output, rich=True)
    elif format == "csv":
        _write_text(df.to_csv(index=False), output)
    elif format == "json":
        _write_text(_records_json(df), output)
    else:
        from .output import atomic_writer

        with atomic_writer(output, "wb") as f:
            df.to_parquet(f, index=False)
    if output is not None:
        say(f"{len(df)} fact(s) → {output}")


def _records_json(df) -> str:
    """A JSON array, one record per line, Chinese kept readable, missing values as null."""
    records = json.loads(df.to_json(orient="records", force_ascii=False))
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n"


def _fmt_value(v) -> str:
    """Short for the terminal table (CSV/JSON/Parquet keep exact values): 8232000000 → 82.32亿, 22862 → 22,862."""
    if v is None or v != v:
        return ""
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= max(size, 1e6):
            return f"{v / size:,.6g}{word}"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.6g}"


QUALIFIER_MARKS = {"approx": "≈", "over": ">", "under": "<"}
CHANGE_MARKS = {"up": " ↑", "down": " ↓"}


def _facts_table(df):
    """A compact rich table: qualifier as ≈ > < before the value, change as ↑ ↓ after the metric.

    Cells are plain text, never rich markup, with control characters made visible
    (:func:`pxextract.output.for_terminal`): a title with ``\x1b[31m`` or ``[link=…]`` prints as it is."""
    from rich.table import Table
    from rich.text import Text

    from .output import for_terminal

    t = Table(title=f"{len(df)} fact(s)", show_lines=False, pad_edge=False)
    t.add_column("article", overflow="ellipsis", no_wrap=True, max_width=16)
    t.add_column("label", overflow="ellipsis", no_wrap=True, max_width=8)
    t.add_column("text", overflow="fold")
    t.add_column("value", justify="right", no_wrap=True)
    t.add_column("unit", overflow="fold")
    t.add_column("year", justify="right", no_wrap=True)
    t.add_column("metric", overflow="fold")
    t.add_column("subject", overflow="fold")
    t.add_column("modality", overflow="ellipsis", no_wrap=True, max_width=6)
    t.add_column("n", justify="right", no_wrap=True)
    for r in df.itertuples(index=False):
        value = _fmt_value(r.value)
        if not value and (r.low == r.low or r.high == r.high):
            value = f"{_fmt_value(r.low)}–{_fmt_value(r.high)}"
        value = QUALIFIER_MARKS.get(_s(r.qualifier), "") + value
        metric = _s(r.metric) + CHANGE_MARKS.get(_s(r.change), "")
        cells = (str(r.article_id), _s(r.label), _s(r.text), value, _s(r.unit), _s(r.year), metric, _s(r.subject), _s(r.modality),
                 str(r.n_mentions))
        t.add_row(*(Text(for_terminal(c)) for c in cells))
    t.caption = "≈ approx, > over, < under; ↑ ↓ change; n: times stated in the article"
    return t


def _s(v) -> str:
    import pandas as pd

    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def _write_text(content, output: Optional[Path], rich: bool = False) -> None:
    from rich.console import Console

    from .output import atomic_writer

    if output is None:
        if rich:
            Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(content)
        else:  # CSV / JSON keep the data exactly, except on a terminal
            from .output import for_terminal

            sys.stdout.write(for_terminal(content) if sys.stdout.isatty() else content)
        return
    with atomic_writer(output) as f:
        if rich:
            Console(file=f, highlight=False, width=200, color_system=None).print(content)
        else:
            f.write(content)


# -- export -------------------------------------------------------------------------------


def export(
    parquet: Path = typer.Option(..., "--parquet", help="Folder for articles/mentions/facts/entities/runs .parquet."),
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP),
):
    """Export every table to Parquet (one consistent snapshot), for DuckDB, Spark or pandas."""
    from . import store

    from .output import write_parquet

    written = write_parquet(parquet, store.arrow_tables(db))
    say(f"{len(written)} table(s) → {parquet}/ ({', '.join(p.name for p in written)})")


# -- show ---------------------------------------------------------------------------------


def show(
    article_id: str = typer.Argument(..., help="An article id (or the start of one: 000)."),
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP),
    html: Optional[Path] = typer.Option(None, "--html", help="Write a displaCy HTML page instead of printing."),
):
    """Print an article with its spans highlighted (or render it with displaCy)."""
    from . import store
    from .output import for_terminal

    art, mentions = store.load_article(db, article_id)
    if html is not None:
        from .output import atomic_writer

        with atomic_writer(html) as f:
            f.write(render_html(art, mentions))
        say(f"{for_terminal(art['id'])}: {len(mentions)} span(s) → {html}")
        return
    from rich.console import Console

    Console(highlight=False, soft_wrap=True).print(render_terminal(art, mentions))


def render_terminal(art: dict, mentions: list[dict]):
    """A rich ``Group``: a heading, the text with label-coloured spans, a legend. Everything from
    the data is plain text with control characters made visible, one for one so that the span
    offsets still hold (``\x1b[31m`` prints as ``␛[31m``)."""
    from rich.console import Group
    from rich.text import Text

    from .output import for_terminal as clean

    head = Text(clean(f"{art['id']}  {art.get('date') or ''}  {art.get('title') or ''}") + "\n", style="bold")
    head.append(clean(f"{art.get('source') or ''}  {art.get('path') or ''}  {art['n_mentions']} spans, {art['n_facts']} facts, "
                      f"{art['n_entities']} entities  ({art['version']})") + "\n", style="dim")
    body = Text(clean(art["text"]).replace("\r", " "))  # rich drops the CR of CRLF, which would shift the spans
    for m in mentions:
        body.stylize(LABEL_STYLES.get(m["label"], "reverse"), m["start"], m["end"])
    legend = Text("\n")
    for label, style in LABEL_STYLES.items():
        legend.append(f" {label} ", style=style)
        legend.append(" ")
    return Group(head, body, legend)


def render_html(art: dict, mentions: list[dict]) -> str:
    """A displaCy page (manual mode) of the article with its spans. displaCy escapes the text
    but not the title or labels: those are escaped here (a ``<script>`` title stays text)."""
    import html as _html

    from spacy import displacy

    from .report import BASE_COLORS

    doc = {
        "text": art["text"],
        "ents": [{"start": m["start"], "end": m["end"], "label": _html.escape(str(m["label"]))} for m in mentions],
        "title": _html.escape(f"{art['id']} — {art.get('title') or ''} ({art.get('date') or ''})"),
    }
    return displacy.render([doc], style="ent", manual=True, page=True, jupyter=False, options={"colors": BASE_COLORS})


# -- check --------------------------------------------------------------------------------


def check(db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP)):
    """Check the database: SQLite's integrity check and pxextract's own consistency rules
    (per article: stored counts against rows, text against its hash); exit 1 if anything is wrong."""
    from . import store
    from .output import for_terminal

    problems = store.check(db)
    for p in problems:
        say(f"error: {db}: {for_terminal(p)}")
    if problems:
        say(f"{db}: {len(problems)} problem(s); `pxextract build INPUT... --db {db} --full` rebuilds it, keeping what can still be read")
        raise typer.Exit(1)
    say(f"{db}: ok (integrity and consistency)")
