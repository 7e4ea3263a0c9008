"""The command line: a thin typer layer over pure functions.

Exit codes: 0 all good; 1 some articles (or gold records) failed, each listed on stderr;
2 usage error (bad option, missing input). No traceback reaches the user unless ``--debug``.

Example:
    $ pxextract extract corpus/ -o predictions.jsonl
    $ pxextract eval --gold gold/
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

from enum import Enum
from typing import TYPE_CHECKING

import typer

from .console import DEBUG, MODEL_HELP, guard as _guard, note_skipped, say, use_model, warn_no_date
from .read import InputError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

# The heavy modules (spaCy through .evaluate and .pipeline, jieba, pandas, rich.progress) are
# imported inside the commands that need them: `pxextract facts` and the other read commands
# must start without them (tests/test_workbench.py checks sys.modules after a query).

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese regional-economy news → a database of facts.")
gold_app = typer.Typer(no_args_is_help=True, help="Validate and convert gold files.")
app.add_typer(gold_app, name="gold")

_CONSOLES: dict[str, Console] = {}


def _console(name: str) -> Console:
    """``err`` (stderr: progress) or ``out`` (stdout: eval tables), made on first use: rich.console
    costs ~60 ms of start-up that the read commands do without."""
    if name not in _CONSOLES:
        from rich.console import Console

        _CONSOLES[name] = Console(stderr=True, highlight=False) if name == "err" else Console(highlight=False, soft_wrap=True)
    return _CONSOLES[name]


def __getattr__(name: str):  # cli.err and cli.out, as before
    if name in ("err", "out"):
        return _console(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

DEFAULT_CORPORA = ["corpus", "../shared/corpus-dev", "../shared/corpus-news/news2023.jsonl"]  # those that exist are read
_DEBUG = DEBUG  # --debug (shared with every command module through console)


def _show_version(value: bool) -> None:
    if value:
        from ._version import __version__

        typer.echo(f"pxextract {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of unexpected errors."),
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
):
    _DEBUG["on"] = debug


class GoldFormat(str, Enum):
    """The annotation tools `gold export` / `gold import` speak."""

    doccano = "doccano"
    labelstudio = "labelstudio"


def _progress():
    """A progress line on stderr (articles done, articles/s, chars/s); off when not a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=_console("err"),
        transient=True,
        disable=not _console("err").is_terminal,
    )


class StrictStop(Exception):
    """--strict: the first bad input stops the run, and nothing is written."""


def run_extract(items, on_line, workers: int | None, rules=None, entities: bool = True, strict: bool = False,
                timeout: float | None = 60.0, no_date: list[str] | None = None, with_text: bool = False) -> tuple[int, list[str]]:
    """Extract every article of ``items`` (Articles and ReadErrors, lazily), calling
    ``on_line(json_line)`` in input order (lines are made by the workers: :class:`pxextract.workers.Workers`,
    ``workers`` None its default count); returns ``(n_ok, problems)``; the paths of articles
    without a publication date are added to ``no_date``."""
    import time

    from .batch import line_and_date
    from .read import Article
    from .workers import Workers

    problems: list[str] = []

    def articles():
        for item in items:
            if isinstance(item, Article):
                if item.meta.get("encoding"):
                    say(f"note: {item.path}: read as {item.meta['encoding']}")
                yield item
            else:
                if strict:
                    raise StrictStop(str(item))
                problems.append(str(item))

    n_ok = chars = 0
    t0 = time.perf_counter()
    with _progress() as prog:
        task = prog.add_task("extracting", total=None, rate="")
        for art, line, error in Workers(workers, rules_path=rules, entities=entities, encode=line_and_date, timeout=timeout)(articles()):
            if error is not None:
                if strict:
                    raise StrictStop(f"{art.path or art.id}: {error}")
                problems.append(f"{art.path or art.id}: {error}")
                continue
            line, dated = line
            if not dated and no_date is not None:
                no_date.append(art.path or art.id)
            if with_text:  # the article text the offsets point into, as the record's last key
                line = line[: line.rindex("}")] + ', "text": ' + json.dumps(art.text, ensure_ascii=False) + "}\n"
            on_line(line)
            n_ok += 1
            chars += len(art.text)
            dt = time.perf_counter() - t0
            prog.update(task, advance=1, rate=f"{n_ok / dt:.1f} articles/s, {chars / dt / 1000:.0f}k chars/s" if dt else "")
    return n_ok, problems


@app.command()
@_guard
def extract(
    inputs: list[Path] = typer.Argument(..., help="Folders of .txt (with optional articles.csv), .txt files, or .jsonl of {id, text, meta}."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSON Lines here (whole or not at all); default stdout."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="A rules folder to use instead of the bundled one."),
    no_entities: bool = typer.Option(False, "--no-entities", help="Numbers and dates only."),
    model: Optional[bool] = typer.Option(None, "--model/--no-model", help=MODEL_HELP),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0: one per CPU; small batches run in-process)."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first unreadable file or bad JSONL line; write nothing."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Name every file of the folders that is not read (default: a count per suffix)."),
    article_timeout: float = typer.Option(60.0, "--article-timeout", help="Seconds an article may take, plus one per 20,000 characters; one that takes longer is reported as failed (0: no limit)."),
    # help text with a Chinese example of what a user types (an example, not language data)
    date: Optional[str] = typer.Option(None, "--date", help="The publication date of the whole batch (YYYY, YYYY-MM or YYYY-MM-DD): relative years (今年, 上年) resolve against it. Without it: the file's metadata, else a date in the text."),
    with_text: bool = typer.Option(False, "--with-text", help="Add each article's text (what the offsets point into: for web pages, PDF and Word files the extracted text) to its record."),
):
    """Extract figures, dates and names from articles into ANNOTATION.md JSON Lines."""
    use_model(model)
    from .output import atomic_writer
    from .read import plan_inputs, read_plan

    n = workers or None  # None: workers.Workers decides (one per CPU, a pool only for a batch worth it)
    plan = plan_inputs([str(p) for p in inputs], date)
    note_skipped(plan.skipped, verbose)
    items = read_plan(plan)
    no_date: list[str] = []
    try:
        if output is None:
            buffer: list[str] = []  # with --strict nothing reaches stdout before the run is known good
            emit = buffer.append if strict else (lambda line: sys.stdout.write(line))
            n_ok, problems = run_extract(items, emit, n, rules, not no_entities, strict, article_timeout, no_date, with_text)
            sys.stdout.write("".join(buffer))
        else:
            with atomic_writer(output) as f:
                n_ok, problems = run_extract(items, f.write, n, rules, not no_entities, strict, article_timeout, no_date, with_text)
    except StrictStop as exc:
        say(f"error: {exc}")
        say("stopped (--strict): nothing written")
        raise typer.Exit(1)
    warn_no_date(no_date)
    _summary(n_ok, problems, output, len(no_date))


def _summary(n_ok: int, problems: list[str], output, n_no_date: int = 0) -> None:
    for p in problems:
        say(f"error: {p}")
    where = f" → {output}" if output else ""
    undated = f", {n_no_date} without a publication date" if n_no_date else ""
    say(f"{n_ok} article(s) extracted{where}{undated}; {len(problems)} failed")
    if problems:
        raise typer.Exit(1)


# -- gold -------------------------------------------------------------------------------------


@gold_app.command("check")
@_guard
def gold_check(
    gold: list[Path] = typer.Argument(..., help="Gold JSONL files or folders."),
    corpus: list[Path] = typer.Option(DEFAULT_CORPORA, "--corpus", help="Folders where articles without text are looked up by id."),
):
    """Validate gold files: offsets, texts, sha256, labels, attributes, overlaps, regions."""
    from .gold import load_gold

    records, problems = load_gold([str(g) for g in gold], [str(c) for c in corpus])
    for p in problems:
        say(p)
    n_spans = sum(len(r.spans) for r in records)
    say(f"{len(records)} record(s), {n_spans} span(s) checked; {len(problems)} problem(s)")
    if problems:
        raise typer.Exit(1)


@gold_app.command("export")
@_guard
def gold_export(
    gold: list[Path] = typer.Argument(..., help="Gold JSONL files or folders."),
    output: Path = typer.Option(..., "-o", "--output", help="Output file."),
    format: GoldFormat = typer.Option(GoldFormat.doccano, "--format", case_sensitive=False, help="doccano (JSONL) or labelstudio (JSON)."),
    corpus: list[Path] = typer.Option(DEFAULT_CORPORA, "--corpus"),
):
    """Export gold (with the article texts) for doccano or Label Studio."""
    from .gold import load_gold, to_doccano, to_label_studio
    from .output import atomic_writer, dumps

    records, problems = load_gold([str(g) for g in gold], [str(c) for c in corpus])
    if problems:
        for p in problems:
            say(p)
        raise typer.Exit(1)
    with atomic_writer(output) as f:
        if format is GoldFormat.doccano:
            for r in records:
                f.write(dumps(to_doccano(r)))
        else:
            json.dump([to_label_studio(r) for r in records], f, ensure_ascii=False, indent=1)
    say(f"{len(records)} record(s) → {output}")


@gold_app.command("import")
@_guard
def gold_import(
    source: Path = typer.Argument(..., help="A doccano JSONL or Label Studio JSON export."),
    output: Path = typer.Option(..., "-o", "--output", help="Gold JSONL to write."),
    format: GoldFormat = typer.Option(GoldFormat.doccano, "--format", case_sensitive=False, help="doccano or labelstudio."),
    keep_text: bool = typer.Option(False, "--keep-text", help="Keep the article text in the gold (omit it for texts that are not the project's)."),
):
    """Import annotations from doccano or Label Studio into gold JSONL (then run `gold check`)."""
    from .gold import from_doccano, from_label_studio
    from .output import atomic_writer, dumps

    if not source.is_file():
        raise InputError(f"{source}: no such file")
    raw = source.read_text(encoding="utf-8-sig")
    recs = []
    if format is GoldFormat.doccano:
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    obj = json.loads(line)
                    if not isinstance(obj, dict):
                        raise InputError(f"{source}:{n}: not a doccano record (a JSON object a line); for Label Studio JSON use --format labelstudio")
                    recs.append(from_doccano(obj, f"{source}:{n}"))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{source}:{n}: invalid JSON ({exc.msg})") from None
                except ValueError as exc:  # a record without text
                    raise InputError(str(exc)) from None
    else:
        try:
            tasks = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}:{exc.lineno}: invalid JSON ({exc.msg})") from None
        if isinstance(tasks, dict):
            tasks = [tasks]
        if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
            raise InputError(f"{source}: not a Label Studio JSON export (a list of tasks); for doccano JSONL use --format doccano")
        try:
            recs = [from_label_studio(t, f"{source}[{i}]") for i, t in enumerate(tasks)]
        except ValueError as exc:  # a task without data.text: one line, not a traceback hint
            raise InputError(str(exc)) from None
    with atomic_writer(output) as f:
        for r in recs:
            if not keep_text:
                r.pop("text", None)
            f.write(dumps(r))
    say(f"{len(recs)} record(s) → {output}")


# -- eval -------------------------------------------------------------------------------------


def _score_table(result: dict) -> Table:
    from rich.table import Table

    from .rules import LABELS

    t = Table(title="pxextract eval (exact span match; partial = overlapping, same label)")
    for col in ("label", "support", "P", "R", "F1", "partial F1"):
        t.add_column(col, justify="right")
    f = lambda x: "–" if x is None else f"{x:.3f}"  # noqa: E731
    for l in LABELS:
        e = result["ents_per_type"].get(l)
        if e:
            p = result["partial_per_type"].get(l, {})
            t.add_row(l, str(result["support"].get(l, 0)), f(e["p"]), f(e["r"]), f(e["f"]), f(p.get("f")))
    for g in ("numeric", "date", "names"):
        t.add_row(f"({g})", "", f(result[f"{g}_p"]), f(result[f"{g}_r"]), f(result[f"{g}_f"]), "")
    t.add_row("micro", str(sum(result["support"].values())), f(result["ents_p"]), f(result["ents_r"]), f(result["ents_f"]), f(result["partial_f"]))
    return t


def _attr_table(result: dict) -> Table:
    from rich.table import Table

    t = Table(title="numeric attributes (on exact matches), records, DATE years")
    t.add_column("measure")
    t.add_column("score", justify="right")
    f = lambda x: "–" if x is None else f"{x:.3f}"  # noqa: E731
    from .records import SCORED_ATTRS

    for a in SCORED_ATTRS:
        note = {"metric": " (Dice ≥ 0.5)", "subject": " (same canonical entity)"}.get(a, "")
        t.add_row(f"{a} accuracy{note}", f(result.get(f"attr_{a}_acc")))
    t.add_row("record P / R / F1", f"{f(result['record_p'])} / {f(result['record_r'])} / {f(result['record_f'])}")
    t.add_row("full record P / R / F1 (+ metric, subject)",
              f"{f(result['full_record_p'])} / {f(result['full_record_r'])} / {f(result['full_record_f'])}")
    t.add_row("DATE year_start accuracy", f(result["date_year_start_acc"]))
    t.add_row("DATE year_end accuracy", f(result["date_year_end_acc"]))
    return t


def _eval_conll(path: Path, label_map: str, rules, as_json: bool) -> None:
    from .ner import parse_label_map, score_conll
    from .pipeline import Extractor

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        parse_label_map(label_map)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    scores = score_conll(path, Extractor(rules), label_map)
    from rich.table import Table

    if as_json:
        _console("out").print_json(json.dumps(scores, ensure_ascii=False))
        return
    t = Table(title=f"names on {path} (exact span match; {label_map})")
    for col in ("label", "P", "R", "F1", "support"):
        t.add_column(col, justify="right" if col != "label" else "left")
    for lab, v in scores.items():
        t.add_row(lab, f"{v['p']:.3f}", f"{v['r']:.3f}", f"{v['f']:.3f}", str(v["support"]))
    _console("out").print(t)


@app.command("eval")
@_guard
def eval_cmd(
    gold_paths: Optional[list[Path]] = typer.Argument(None, help="Gold JSONL files or folders (as --gold; a shell glob works here: gold/news_*.jsonl).", show_default=False),
    gold: Optional[list[Path]] = typer.Option(None, "--gold", help="Gold JSONL files or folders (repeat --gold for more)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Predictions JSONL; default: run the pipeline on the gold's articles."),
    corpus: list[Path] = typer.Option(DEFAULT_CORPORA, "--corpus", help="Folders where articles are looked up by id."),
    as_json: bool = typer.Option(False, "--json", help="Print the flat score dict as JSON instead of tables."),
    html: Optional[Path] = typer.Option(None, "--html", help="Write a self-contained HTML report."),
    errors: int = typer.Option(20, "--errors", help="How many errors to list (missed, spurious, wrong attribute)."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="A rules folder to use instead of the bundled one."),
    write_scores: Optional[Path] = typer.Option(None, "--write-scores", help="Write headline scores (all / seeds / dev) for the regression gate, e.g. gold/scores.json."),
    model: Optional[bool] = typer.Option(None, "--model/--no-model", help=MODEL_HELP),
    conll: Optional[Path] = typer.Option(None, "--conll", help="Score names on a character BIO/BIOES file (one character and tag a line, blank line between sentences) instead of --gold."),
    label_map: str = typer.Option("PER=PERSON,LOC=GPE+LOC,ORG=ORG", "--label-map", help="With --conll: FILE_LABEL=OUR_LABEL[+OUR_LABEL…], comma-separated; our labels not named are not scored."),
):
    """Score extraction against gold (docs/annotation.md §5), or names on a BIO file (--conll)."""
    from rich.table import Table

    from .evaluate import grouped_headlines, run_eval

    use_model(model)
    gold = [*(gold or ()), *(gold_paths or ())]
    if conll is not None:
        return _eval_conll(conll, label_map, rules, as_json)
    if not gold:
        raise InputError("give --gold (gold JSONL files or folders) or --conll (a character BIO file)")
    if pred is not None and not pred.is_file():
        raise InputError(f"{pred}: no such file")
    result, articles, problems = run_eval(gold, pred, corpus, rules)
    if write_scores is not None:
        from .output import atomic_writer

        with atomic_writer(write_scores) as f:
            json.dump(grouped_headlines(result, articles), f, ensure_ascii=False, indent=2)
            f.write("\n")
        say(f"headline scores → {write_scores}")
    for p in problems:
        say(f"warning: {p}")
    if not articles:
        raise InputError("no gold article could be scored (are the corpus folders right? see --corpus)")
    if html is not None:
        from .output import atomic_writer
        from .report import render_report

        with atomic_writer(html) as f:
            f.write(render_report(result, articles))
        say(f"report → {html}")
    if as_json:
        shown = {k: v for k, v in result.items() if k != "errors"}
        shown["errors"] = result["errors"][:errors]
        _console("out").print_json(json.dumps(shown, ensure_ascii=False))
        return
    _console("out").print(f"{len(articles)} article(s): " + ", ".join(a[0] for a in articles), markup=False)
    _console("out").print(_score_table(result))
    _console("out").print(_attr_table(result))
    if errors:
        from rich.text import Text

        from .output import for_terminal

        t = Table(title=f"errors (first {errors} of {len(result['errors'])})", show_lines=False)
        for col in ("article", "kind", "label", "text", "detail", "sentence"):
            t.add_column(col, overflow="fold")
        for e in result["errors"][:errors]:
            detail = ", ".join(f"{a}: {(e['gold'] or {}).get(a)!r}→{(e['pred'] or {}).get(a)!r}" for a in e["attrs"])
            t.add_row(*(Text(for_terminal(str(c))) for c in (e["article"][:24], e["kind"], e["label"], e["text"], detail, e["sentence"][:120])))
        _console("out").print(t)


def _register_store_commands() -> None:
    """The fact-database commands: build (cli_store.py); facts, export, show, check (cli_query.py); series (cli_series.py); serve, plot (cli_web.py)."""
    try:
        from . import cli_store
    except ImportError:  # pragma: no cover - the module is part of the package
        return
    cli_store.register(app)
    from . import cli_query, cli_series, cli_web

    cli_query.register(app)
    cli_series.register(app)
    cli_web.register(app)  # serve (Datasette) and plot (plotly)


_register_store_commands()


if __name__ == "__main__":  # pragma: no cover
    app()
