"""The read commands: ``facts``, ``export``, ``show``, ``check`` — thin wrappers over
:mod:`pxextract.store` (docs/database.md). They only read the database.

They start fast (docs/workbench-timing.md): nothing here imports spaCy, jieba or the
pipeline, and only the outputs that need them import pandas (``--format parquet``), pyarrow
(Parquet) or openpyxl (``--format xlsx``); the rest is sqlite3 rows rendered with rich, csv
or json (tests/test_workbench.py checks ``sys.modules`` after a query).

Example:
    $ pxextract facts --metric 生产总值 --year 2023 --format csv -o gdp.csv   # UTF-8 with BOM: Excel reads it
    $ pxextract facts --year 2023 --format xlsx -o facts-2023.xlsx
    $ pxextract show 000 --html 000.html
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .console import guard, say
from .output import LABEL_COLORS
from .labels import LABELS_NUMERIC

DB_HELP = "The fact database (SQLite)."
TABLE_ROWS = 50  # the terminal table's default: a screenful (a rich table takes ~1 ms a row: 50,000 rows would take a minute)


class Format(str, Enum):
    """What ``facts`` writes."""

    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    parquet = "parquet"


FORMATS = tuple(f.value for f in Format)
# the labels of facts (numeric spans) and the modalities, as choices: a wrong value is an error
# that lists the valid ones (matched in any case: --label money, --modality Target)
Label = Enum("Label", {label: label for label in LABELS_NUMERIC}, type=str)


class Modality(str, Enum):
    actual = "actual"
    target = "target"


class TableName(str, Enum):
    articles = "articles"
    mentions = "mentions"
    facts = "facts"
    entities = "entities"
    runs = "runs"


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
    # help text with a Chinese example of what a user types (an example, not language data)
    metric: Optional[str] = typer.Option(None, "--metric", help="Facts whose metric contains this text (生产总值)."),
    year: Optional[int] = typer.Option(None, "--year", help="Facts reported for this calendar year."),
    # help text with a Chinese example of what a user types (an example, not language data)
    subject: Optional[str] = typer.Option(None, "--subject", help="Facts whose subject contains this text (萍乡)."),
    label: Optional[Label] = typer.Option(None, "--label", case_sensitive=False, help="The fact's label (any case)."),
    modality: Optional[Modality] = typer.Option(None, "--modality", case_sensitive=False, help="Reported (actual) or planned (target); any case."),
    article: Optional[str] = typer.Option(None, "--article", help="One article id."),
    format: Format = typer.Option(Format.table, "--format", case_sensitive=False,
                                  help="table; csv; json (an array of records); xlsx (an Excel workbook, needs -o); parquet (needs -o)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here (whole or not at all) instead of stdout."),
    limit: Optional[int] = typer.Option(None, "--limit", help=f"At most this many rows (0: all). Default: all, but the table shows the first {TABLE_ROWS} (and says how many there are)."),
    excel: Optional[bool] = typer.Option(None, "--excel/--no-excel",
                                         help="CSV: start with a UTF-8 BOM so that Excel reads the Chinese. Default: with -o FILE yes, on stdout no."),
):
    """Query the facts: filter by metric, year, subject, label; print or write them."""
    from .read import InputError
    from .store.query import FACT_COLUMNS, count_facts, fact_rows

    if format in (Format.parquet, Format.xlsx) and output is None:
        raise InputError(f"--format {format.value} needs -o FILE ({'Parquet' if format is Format.parquet else 'an Excel workbook'} is binary)")
    filters = dict(metric=metric, year=year, subject=subject, label=label, modality=modality, article=article)
    if format is Format.parquet:  # the one output that needs pandas (and pyarrow)
        from . import store
        from .output import atomic_writer

        df = store.facts(db, **filters)
        if limit and limit > 0:
            df = df.head(limit)
        with atomic_writer(output, "wb") as f:
            df.to_parquet(f, index=False)
        say(f"{len(df)} fact(s) → {output}")
        return
    if format is Format.table and limit is None:
        rows = fact_rows(db, limit=TABLE_ROWS, **filters)
        total = count_facts(db, **filters) if len(rows) == TABLE_ROWS else len(rows)
    else:
        rows = fact_rows(db, limit=limit or 0, **filters)
        total = len(rows)
    if format is Format.table:
        _write_text(_facts_table(rows, total), output, rich=True)
        if total > len(rows):
            say(f"note: the first {len(rows)} of {total:,} facts shown; --limit N shows more (0: all), "
                "--format csv / json / xlsx -o FILE writes them all")
    elif format is Format.csv:
        _write_csv(FACT_COLUMNS, rows, output, bom=output is not None if excel is None else excel)
    elif format is Format.json:
        _write_text(_records_json(FACT_COLUMNS, rows), output)
    else:
        from .output import atomic_writer, write_xlsx

        with atomic_writer(output, "wb") as f:
            write_xlsx(f, list(FACT_COLUMNS), rows, sheet="facts")
    if output is not None:
        say(f"{len(rows)} fact(s) → {output}")


def _records_json(columns, rows) -> str:
    """A JSON array, one record per line, Chinese kept readable, missing values as null."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    return "[\n" + ",\n".join(dumps(dict(zip(columns, r))) for r in rows) + "\n]\n"


def _write_csv(columns, rows, output: Optional[Path], bom: bool) -> None:
    """CSV (:func:`pxextract.output.write_csv`): to a file in UTF-8 with a BOM unless ``bom`` is
    false; to stdout plain UTF-8 unless ``bom`` (``--excel``), control characters made visible
    on a terminal only."""
    from .output import atomic_writer, write_csv

    if output is not None:
        with atomic_writer(output, encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
            write_csv(f, columns, rows)
        return
    if sys.stdout.isatty():
        import io

        from .output import for_terminal

        buf = io.StringIO()
        write_csv(buf, columns, rows)
        sys.stdout.write(for_terminal(buf.getvalue()))
        return
    if bom:
        sys.stdout.write("\ufeff")
    write_csv(sys.stdout, columns, rows)


def _fmt_value(v) -> str:
    """Short for the terminal table (CSV/JSON/Parquet keep exact values): 8232000000 → 82.32亿, 22862 → 22,862."""
    if v is None or v != v:
        return ""
    from .chart import scales  # 亿, 万: the words of rules/magnitudes.tsv

    for size, word in scales():
        if abs(v) >= max(size, 1e6):
            q = v / size
            return f"{q:,.6g}{word}" if abs(q) < 1e6 else f"{q:,.0f}{word}"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.6g}"


QUALIFIER_MARKS = {"approx": "≈", "over": ">", "under": "<"}
CHANGE_MARKS = {"up": " ↑", "down": " ↓"}


def _value_cell(r: dict) -> str:
    """The shortened value with its qualifier mark (≈ > <), or the range low–high."""
    value = _fmt_value(r.get("value"))
    if not value and (r.get("low") is not None or r.get("high") is not None):
        value = f"{_fmt_value(r.get('low'))}–{_fmt_value(r.get('high'))}"
    return QUALIFIER_MARKS.get(_s(r.get("qualifier")), "") + value


def _facts_table(rows, total: int | None = None):
    """A compact rich table: qualifier as ≈ > < before the value, change as ↑ ↓ after the metric.

    Cells are plain text, never rich markup, with control characters made visible
    (:func:`pxextract.output.for_terminal`): a title with ``\x1b[31m`` or ``[link=…]`` prints as it is."""
    from rich.table import Table
    from rich.text import Text

    from .output import for_terminal
    from .store.query import FACT_COLUMNS

    shown = f"{len(rows)} fact(s)" if total is None or total == len(rows) else f"the first {len(rows)} of {total:,} facts"
    t = Table(title=shown, show_lines=False, pad_edge=False)
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
    for row in rows:
        r = dict(zip(FACT_COLUMNS, row))
        metric = _s(r["metric"]) + CHANGE_MARKS.get(_s(r["change"]), "")
        cells = (str(r["article_id"]), _s(r["label"]), _s(r["text"]), _value_cell(r), _s(r["unit"]), _s(r["year"]), metric,
                 _s(r["subject"]), _s(r["modality"]), str(r["n_mentions"]))
        t.add_row(*(Text(for_terminal(c)) for c in cells))
    t.caption = "≈ approx, > over, < under; ↑ ↓ change; n: times stated in the article"
    return t


def _s(v) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else str(v)


def stdout_console(**options):
    """A rich Console on stdout whose closed pipe (``… | head -1``) raises ``BrokenPipeError``
    for :func:`pxextract.console.guard` to end quietly with exit 141, as every command does
    (rich itself would exit 1)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(**options)


def _write_text(content, output: Optional[Path], rich: bool = False) -> None:
    from .output import atomic_writer

    if output is None:
        if rich:
            stdout_console(highlight=False, width=None if sys.stdout.isatty() else 200).print(content)
        else:  # CSV / JSON keep the data exactly, except on a terminal
            from .output import for_terminal

            sys.stdout.write(for_terminal(content) if sys.stdout.isatty() else content)
        return
    with atomic_writer(output) as f:
        if rich:
            from rich.console import Console

            Console(file=f, highlight=False, width=200, color_system=None).print(content)
        else:
            f.write(content)


# -- export -------------------------------------------------------------------------------


def export(
    parquet: Path = typer.Option(..., "--parquet", help="Folder for articles/mentions/facts/entities/runs .parquet."),
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP),
    tables: Optional[list[TableName]] = typer.Option(None, "--table", case_sensitive=False,
                                                     help="Only this table (repeat for more; default: all five). `--table facts` skips the article texts."),
):
    """Export the tables to Parquet (one consistent snapshot), for DuckDB, Spark or pandas."""
    import os

    from . import store
    from .output import write_parquet

    # pyarrow imports numpy, whose OpenBLAS starts a thread per CPU that this process never
    # uses: ~50 ms CPU, and they compete with the reading thread (docs/workbench-timing.md)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

    names = [t.value for t in tables] if tables else list(store.ALL_TABLES)
    with store.arrow_tables(db, names) as read:  # reading the first table while pyarrow.parquet is imported
        written = write_parquet(parquet, read)
    say(f"{len(written)} table(s) → {parquet}/ ({', '.join(p.name for p in written)})")


# -- show ---------------------------------------------------------------------------------


def show(
    article_id: str = typer.Argument(..., help="An article id (or the start of one: 000)."),
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help=DB_HELP),
    html: Optional[Path] = typer.Option(None, "--html", help="Write an HTML page (spans highlighted, their attributes beside the text) instead of printing."),
):
    """Print an article with its spans highlighted and each span's attributes (value, unit,
    year, metric, subject, modality) in a table under it; or write it as an HTML page."""
    from .output import for_terminal
    from .store.query import load_article

    art, mentions = load_article(db, article_id)
    if html is not None:
        from .output import atomic_writer

        with atomic_writer(html) as f:
            f.write(render_html(art, mentions))
        say(f"{for_terminal(art['id'])}: {len(mentions)} span(s) → {html}")
        return
    stdout_console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200).print(render_terminal(art, mentions))


SPAN_COLUMNS = ("#", "label", "text", "value", "unit", "year", "metric", "subject", "modality", "fact")


def span_cells(m: dict) -> tuple[str, ...]:
    """One span's row of the attribute table (:data:`SPAN_COLUMNS`), plain strings: the value
    shortened with its qualifier mark (≈ 85亿), a DATE's years as its year (2021–2023), a change
    as ↑ ↓ after the metric; ``fact``: ``f3 ×2`` (fact 3 of the article, stated twice) or, for a
    repeat of an earlier mention, ``= #4``."""
    if m["label"] == "DATE":
        ys, ye = m.get("year_start"), m.get("year_end")
        year = "" if ys is None and ye is None else str(ys) if ys == ye else f"{_s(ys)}–{_s(ye)}"
    else:
        year = _s(m.get("year"))
    fact = ""
    if m.get("fact") is not None:
        n = m.get("fact_mentions")
        fact = f"f{m['fact']}" + (f" ×{n}" if n and n > 1 else "")
    if m.get("duplicate_of") is not None:
        fact = (fact + " " if fact else "") + f"= #{m['duplicate_of']}"
    metric = _s(m.get("metric")) + CHANGE_MARKS.get(_s(m.get("change")), "")
    return (str(m["mention"]), _s(m["label"]), _s(m["text"]), _value_cell(m), _s(m.get("unit")), year, metric,
            _s(m.get("subject")), _s(m.get("modality")), fact)


def render_terminal(art: dict, mentions: list[dict]):
    """A rich ``Group``: a heading, the text with label-coloured spans, a legend, and a table of
    the spans with their attributes (value, unit, year, metric, subject, modality, fact).
    Everything from the data is plain text with control characters made visible, one for one
    so that the span offsets still hold (``\x1b[31m`` prints as ``␛[31m``)."""
    from rich.console import Group
    from rich.table import Table
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
    parts = [head, body, legend]
    if mentions:
        t = Table(title=f"{len(mentions)} span(s)", pad_edge=False, title_justify="left")
        for col in SPAN_COLUMNS:
            right = col in ("#", "value", "year")
            t.add_column(col, justify="right" if right else "left", overflow="fold", no_wrap=col in ("#", "value", "year", "fact"))
        for m in mentions:
            cells = span_cells(m)
            t.add_row(*(Text(clean(c), style=LABEL_STYLES.get(m["label"], "") if i == 2 else "") for i, c in enumerate(cells)))
        t.caption = "≈ approx, > over, < under; ↑ ↓ change; fact: f3 ×2 = fact 3, stated twice; = #4: repeats span 4"
        parts.append(t)
    return Group(*parts)


_PAGE_CSS = """
body{font-family:-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.3rem;margin:0 0 .3rem}.meta{color:#666;font-size:.85rem;margin:0 0 1rem}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;align-items:start}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
.text{white-space:pre-wrap;line-height:2.3;font-size:1rem}
mark{padding:.15em .3em;border-radius:.3em;line-height:1;cursor:help}
mark .lab{font-size:.6em;font-weight:bold;margin-left:.3em;text-transform:uppercase;vertical-align:middle}
mark sup{font-size:.6em;color:#555;margin-left:.15em}
mark:target{outline:2px solid #d33}
.spans{position:sticky;top:.5rem;max-height:95vh;overflow:auto}
table{border-collapse:collapse;font-size:.8rem;width:100%}th,td{border-bottom:1px solid #ddd;padding:.25em .4em;text-align:left;vertical-align:top}
th{position:sticky;top:0;background:#f4f4f4}td.num{text-align:right;white-space:nowrap}
.legend span{padding:.1em .4em;border-radius:.3em;margin-right:.3em;font-size:.75rem}
"""


def _exact(v) -> str:
    """A value as stored, without a float's ``.0`` (10000000000.0 → 10000000000)."""
    return str(int(v)) if isinstance(v, float) and v.is_integer() and abs(v) < 1e18 else _s(v)


def _tooltip(m: dict) -> str:
    """The ``title=`` of a mark, one attribute a line (escaped by the caller): for a figure all
    six that make a fact (value, unit, year, metric, subject, modality; — when there is none)
    and those it has of qualifier, low, high, change; for a DATE its years."""
    cells = dict(zip(SPAN_COLUMNS, span_cells(m)))
    lines = [f"#{cells['#']} {cells['label']}: {cells['text']}"]
    if m["label"] in LABELS_NUMERIC:
        lines.append(f"value: {_exact(m.get('value')) or '—'}" + (f" ({cells['value']})" if cells["value"] else ""))
        for key in ("low", "high"):
            if m.get(key) is not None:
                lines.append(f"{key}: {_exact(m[key])}")
        for key in ("unit", "year", "metric", "subject", "modality"):
            lines.append(f"{key}: {_s(m.get(key)) or '—'}")
        for key in ("qualifier", "change"):
            if m.get(key):
                lines.append(f"{key}: {m[key]}")
    elif cells["year"]:
        lines.append(f"year: {cells['year']}")
    if cells["fact"]:
        lines.append(f"fact: {cells['fact']}")
    return "\n".join(lines)


def render_html(art: dict, mentions: list[dict]) -> str:
    """A self-contained HTML page: the article with each span as a ``<mark>`` in its label's
    colour (its number, and a tooltip with its attributes), and beside the text a table of the
    spans with value, unit, year, metric, subject, modality and fact. Every string from the
    database (id, title, text, labels, attributes) is HTML-escaped: a ``<script>`` title stays text.
    Overlapping spans (the pipeline makes none) are listed in the table but not marked twice."""
    import html as _html

    from .output import for_terminal

    # escaped, and control characters (which HTML may not carry) as visible pictures, one for one
    esc = lambda v: _html.escape(for_terminal(str(v)), quote=True)  # noqa: E731
    text = art["text"]
    pieces, pos = [], 0
    for m in sorted(mentions, key=lambda m: (m["start"], m["end"])):
        start, end = m["start"], m["end"]
        if start < pos or end > len(text) or end <= start:
            continue
        color = LABEL_COLORS.get(m["label"], "#ddd")
        pieces.append(esc(text[pos:start]))
        pieces.append(f'<mark id="m{esc(m["mention"])}" style="background:{color}" title="{esc(_tooltip(m))}">{esc(text[start:end])}'
                      f'<span class="lab">{esc(m["label"])}</span><sup>{esc(m["mention"])}</sup></mark>')
        pos = end
    pieces.append(esc(text[pos:]))
    rows = []
    for m in mentions:
        cells = span_cells(m)
        tds = []
        for col, c in zip(SPAN_COLUMNS, cells):
            if col == "#":
                tds.append(f'<td class="num"><a href="#m{esc(c)}">{esc(c)}</a></td>')
            elif col == "text":
                tds.append(f'<td><span style="background:{LABEL_COLORS.get(m["label"], "#ddd")}">{esc(c)}</span></td>')
            else:
                tds.append(f'<td{" class=num" if col in ("value", "year") else ""}>{esc(c)}</td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    head = "".join(f"<th>{esc(c)}</th>" for c in SPAN_COLUMNS)
    legend = "".join(f'<span style="background:{c}">{esc(l)}</span>' for l, c in LABEL_COLORS.items())
    title = f"{art['id']} — {art.get('title') or ''} ({art.get('date') or ''})"
    meta = (f"{art.get('source') or ''}  {art.get('path') or ''}  {art['n_mentions']} spans, {art['n_facts']} facts, "
            f"{art['n_entities']} entities ({art['version']})")
    return (
        f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{_PAGE_CSS}</style></head>\n<body>\n<h1>{esc(title)}</h1>\n<p class=\"meta\">{esc(meta)}</p>\n"
        f'<p class="legend">{legend}</p>\n<div class="layout">\n<div class="text">{"".join(pieces)}</div>\n'
        f'<div class="spans"><table><caption>{len(mentions)} span(s): ≈ approx, &gt; over, &lt; under; ↑ ↓ change; '
        f"fact f3 ×2 = fact 3, stated twice; = #4: repeats span 4</caption>\n<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>\n</div>\n</body></html>\n"
    )


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
