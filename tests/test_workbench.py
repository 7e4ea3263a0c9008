"""The analyst's workbench (issue #16) on real SQLite files and real processes: read commands
that start without spaCy, jieba, the pipeline (or pandas), exports Excel opens (CSV with a
BOM, xlsx), choices that are checked, --version, a quiet exit on a closed pipe, output files
that follow the umask, and `show` with every span's attributes (terminal and HTML)."""

from __future__ import annotations

import html
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pxextract.cli import app

runner = CliRunner()

# figures enough for more than a pipe's buffer (64 KiB) of output and more than the table's first rows
TEXTS = [
    "{y}年，{p}市地区生产总值达{v}亿元，增长{g}%。全市新增规模以上工业企业{n}家，粮食产量达到{q}万吨。",
    "今年，{p}市计划完成固定资产投资{v}亿元，城镇居民人均可支配收入{n}元，增长{g}%。",
]
PLACES = ["萍乡", "洛阳", "赣州", "九江", "宜春", "上饶", "抚州", "吉安"]
HOSTILE = {"id": "x<b>1", "text": "2023年，全市地区生产总值达=1+2亿元的目标\x1b[31m，增长5%。",
           "meta": {"date": "2023-05-01", "title": "<script>alert(1)</script>\x1b]0;pwned\x07"}}


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def env(**extra) -> dict:
    """The environment of a subprocess as a user's shell has it: no PYTHONUNBUFFERED (with it,
    CPython drops a write to a closed pipe silently, which would hide what is tested)."""
    e = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED",)}
    e.update(extra)
    return e


def pxextract(*args) -> list[str]:
    return [sys.executable, "-m", "pxextract.cli", *map(str, args)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("wb") / "news.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i in range(120):
            text = TEXTS[i % 2].format(y=2015 + i % 9, p=PLACES[i % len(PLACES)], v=100 + i * 7.5, g=3 + i % 5, n=10 + i, q=200 + i)
            f.write(json.dumps({"id": f"a{i:03d}", "text": text, "meta": {"date": f"{2016 + i % 9}-03-01", "title": f"报道{i}"}},
                               ensure_ascii=False) + "\n")
        f.write(json.dumps(HOSTILE, ensure_ascii=False) + "\n")
    return src


@pytest.fixture(scope="module")
def db(corpus) -> Path:
    path = corpus.parent / "facts.sqlite"
    r = cli("build", corpus, "--db", path, "--workers", 1)
    assert r.exit_code == 0, r.output
    return path


# -- fast reads: no spaCy, jieba, pipeline (nor pandas) ---------------------------------------

HEAVY = ("spacy", "thinc", "jieba", "rjieba", "pxextract.pipeline", "pxextract.evaluate", "pxextract.ner",
         "pydantic")  # typer >= 0.29 imports pydantic for every option (+130-230 ms): pyproject.toml pins typer below it
NO_RULES = ("pxextract.rules",)  # the label names come from pxextract.labels; only value formatting (亿元) reads rules/


def imported(stderr: str) -> set[str]:
    """Module names from ``python -X importtime`` lines (``import time: self | cumulative | name``)."""
    return {line.rsplit("|", 1)[1].strip() for line in stderr.splitlines() if line.startswith("import time:") and "|" in line}


def heavy(modules: set[str], extra: tuple[str, ...] = ()) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY + extra))


@pytest.mark.parametrize("args, also_not", [
    (["facts", "--format", "json"], ("pandas", "pyarrow", "numpy", "openpyxl") + NO_RULES),
    (["facts", "--format", "csv", "--metric", "生产总值"], ("pandas", "pyarrow", "numpy", "openpyxl") + NO_RULES),
    (["facts", "--label", "money", "--year", "2020"], ("pandas", "pyarrow", "numpy", "openpyxl")),
    (["show", "a001"], ("pandas", "pyarrow", "numpy")),
    (["show", "a001", "--html", "{tmp}/a001.html"], ("pandas", "pyarrow", "numpy")),
    (["check"], ("pandas", "pyarrow", "numpy")),
    (["export", "--parquet", "{tmp}/pq"], ("pandas",) + NO_RULES),  # Arrow columns straight from SQLite (ADBC), no pyarrow.array
    (["facts", "--format", "xlsx", "-o", "{tmp}/f.xlsx"], ("pandas", "pyarrow")),  # openpyxl imports numpy when it is there
])
def test_read_commands_import_no_pipeline(db, tmp_path, args, also_not):
    """`python -X importtime -m pxextract.cli <read command>`: the modules it imported hold
    no spaCy, jieba, pipeline — and, but for the formats that need them, no pandas or pyarrow."""
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "pxextract.cli", *args, "--db", str(db)],
                       capture_output=True, text=True, env=env(), timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    modules = imported(r.stderr)
    assert "pxextract.cli_query" in modules and "sqlite3" in modules  # the trace is there (cli itself runs as __main__)
    assert heavy(modules, also_not) == []


def test_facts_api_imports_pandas_but_not_the_pipeline(db):
    code = (f"import sys, pxextract; df = pxextract.facts({str(db)!r}, year=2020); print(len(df));"
            "print(' '.join(sorted(sys.modules)))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env(), timeout=120)
    assert r.returncode == 0, r.stderr
    count, modules = r.stdout.splitlines()
    assert int(count) > 0 and "pandas" in modules.split()
    assert heavy(set(modules.split())) == []


def test_json_and_csv_are_what_pandas_wrote_before(db):
    """The sqlite3-row writers give the records the DataFrame path gave (JSON unchanged)."""
    import pandas as pd

    import pxextract

    df = pxextract.facts(db)
    before = json.loads(df.to_json(orient="records", force_ascii=False))
    r = cli("facts", "--db", db, "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == before
    r = cli("facts", "--db", db, "--format", "csv")
    assert r.stdout == df.to_csv(index=False)  # stdout: plain UTF-8, no BOM
    assert pd.read_csv(__import__("io").StringIO(r.stdout))["value"].tolist() == df["value"].tolist()


def test_the_table_shows_the_first_rows_and_says_so(db):
    import pxextract
    from pxextract.cli_query import TABLE_ROWS

    total = len(pxextract.facts(db))
    assert total > TABLE_ROWS
    r = cli("facts", "--db", db)
    assert r.exit_code == 0 and f"the first {TABLE_ROWS} of {total:,} facts" in r.stdout
    assert f"note: the first {TABLE_ROWS} of {total:,} facts shown" in r.stderr
    r = cli("facts", "--db", db, "--limit", 0, "--year", 2023)
    assert r.exit_code == 0 and "note:" not in r.stderr and "the first" not in r.stdout


# -- exports people open --------------------------------------------------------------------


def test_csv_file_has_a_bom_stdout_only_with_excel(db, tmp_path):
    out = tmp_path / "f.csv"
    r = cli("facts", "--db", db, "--format", "csv", "-o", out)
    assert r.exit_code == 0, r.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfarticle_id,fact,") and "萍乡".encode() in raw
    import pandas as pd

    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns)[0] == "article_id" and df["value"].dtype.kind == "f"
    assert cli("facts", "--db", db, "--format", "csv", "-o", out, "--no-excel").exit_code == 0
    assert out.read_bytes().startswith(b"article_id,")
    assert cli("facts", "--db", db, "--format", "csv").stdout.startswith("article_id,")
    assert cli("facts", "--db", db, "--format", "csv", "--excel").stdout.startswith("\ufeffarticle_id,")


def test_xlsx_numbers_as_numbers_header_frozen_widths(db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "f.xlsx"
    r = cli("facts", "--db", db, "--format", "xlsx", "-o", out)
    assert r.exit_code == 0, r.output
    ws = load_workbook(out)["facts"]
    header = [c.value for c in ws[1]]
    from pxextract.store.query import FACT_COLUMNS

    assert header == list(FACT_COLUMNS) and all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    past = chr(ord("A") + len(FACT_COLUMNS))  # the first column after the last one
    assert 8 <= ws.column_dimensions["A"].width <= 60 and ws.column_dimensions[past].width in (None, 13)
    col = {name: i for i, name in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    import pxextract

    assert len(rows) == len(pxextract.facts(db))
    money = next(r for r in rows if r[col["article_id"]] == "a000" and r[col["label"]] == "MONEY")
    assert isinstance(money[col["value"]], (int, float)) and money[col["value"]] == 1e10  # 100亿元, a number
    assert isinstance(money[col["year"]], int) and money[col["year"]] == 2015
    hostile = [r for r in rows if r[col["article_id"]] == "x<b>1"]
    assert hostile and all(isinstance(r[col["context"]], str) for r in hostile)
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert all(c.data_type == "s" for c in cells)  # text that starts with = stays text, never a formula


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_binary_formats_need_a_file(db, fmt):
    r = cli("facts", "--db", db, "--format", fmt)
    assert r.exit_code == 2 and f"--format {fmt} needs -o FILE" in r.stderr


def test_export_one_table(db, tmp_path):
    r = cli("export", "--db", db, "--parquet", tmp_path / "pq", "--table", "facts")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == ["facts.parquet"]


# -- choices checked, --version ---------------------------------------------------------------


@pytest.mark.parametrize("option, bad, listed", [
    ("--label", "MONEYS", ["money", "percent", "quantity", "cardinal"]),
    ("--modality", "planned", ["actual", "target"]),
    ("--format", "xls", ["table", "csv", "json", "xlsx", "parquet"]),
])
def test_a_wrong_choice_is_an_error_that_lists_the_valid_ones(db, option, bad, listed):
    r = cli("facts", "--db", db, option, bad)
    assert r.exit_code == 2
    message = " ".join(r.output.split()).lower()
    assert f"invalid value for '{option}'" in message and bad.lower() in message
    assert all(f"'{v}'" in message for v in listed)


def test_choices_match_in_any_case(db):
    target = cli("facts", "--db", db, "--modality", "target", "--format", "json")
    assert target.exit_code == 0 and json.loads(target.stdout)
    same = cli("facts", "--db", db, "--modality", "Target", "--label", "money", "--format", "JSON")
    assert same.exit_code == 0
    assert json.loads(same.stdout) == [r for r in json.loads(target.stdout) if r["label"] == "MONEY"]


def test_gold_format_is_a_choice(tmp_path):
    r = cli("gold", "import", tmp_path / "x.json", "-o", tmp_path / "g.jsonl", "--format", "brat")
    assert r.exit_code == 2 and "'doccano'" in r.output and "'labelstudio'" in r.output


def test_version():
    from pxextract._version import __version__

    r = subprocess.run(pxextract("--version"), capture_output=True, text=True, env=env(), timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == f"pxextract {__version__}"


# -- quiet exit on a closed pipe --------------------------------------------------------------


def first_line_then_close(cmd: list[str]) -> tuple[int, str, bytes]:
    """Run ``cmd``, read its first line, close the pipe (what ``| head -1`` does)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
    line = p.stdout.readline()
    p.stdout.close()
    try:
        _, err = p.communicate(timeout=120)
    finally:
        p.kill()
    return p.returncode, err.decode("utf-8", "replace"), line


@pytest.mark.parametrize("args", [["facts", "--format", "json"], ["facts", "--format", "csv"], ["facts", "--limit", "0"]])
def test_facts_into_a_closed_pipe_ends_quietly(db, args):
    code, err, line = first_line_then_close(pxextract(*args, "--db", db))
    assert line
    assert code in (0, 141), err
    assert "BrokenPipe" not in err and "Traceback" not in err and "Exception ignored" not in err and "error" not in err


def test_extract_into_a_closed_pipe_ends_quietly(corpus):
    code, err, line = first_line_then_close(pxextract("extract", corpus, "--workers", 1, "--no-model"))
    assert json.loads(line)["id"] == "a000"
    assert code in (0, 141), err
    assert "BrokenPipe" not in err and "Traceback" not in err and "Exception ignored" not in err and "error:" not in err


# -- output files follow the umask ------------------------------------------------------------


# two masks in real processes (group write kept / every group and other bit cleared); the
# writer reads the process's umask, so more masks would test the same line again
@pytest.mark.parametrize("mask, mode", [(0o002, 0o664), (0o077, 0o600)])
def test_new_output_files_follow_the_umask(db, tmp_path, mask, mode):
    outs = {"csv": tmp_path / "f.csv", "xlsx": tmp_path / "f.xlsx", "html": tmp_path / "a.html", "pq": tmp_path / "pq"}
    runs = [["facts", "--format", "csv", "-o", outs["csv"]], ["facts", "--format", "xlsx", "-o", outs["xlsx"]],
            ["show", "a001", "--html", outs["html"]], ["export", "--parquet", outs["pq"], "--table", "facts"]]
    # the four commands in one real process with that umask, each as `pxextract …` runs it
    code = ("import sys, json; from pxextract.cli import app\n"
            "for args in json.loads(sys.argv[1]):\n"
            "    try:\n        app(args)\n    except SystemExit as e:\n"
            "        if e.code:\n            sys.exit(f'{args[0]}: exit {e.code}')\n")
    argv = json.dumps([[*map(str, args), "--db", str(db)] for args in runs])
    r = subprocess.run([sys.executable, "-c", code, argv], capture_output=True, text=True, env=env(), timeout=120,
                       preexec_fn=lambda: os.umask(mask))
    assert r.returncode == 0, r.stderr
    for path in (outs["csv"], outs["xlsx"], outs["html"], outs["pq"] / "facts.parquet"):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path


# -- show with attributes ---------------------------------------------------------------------


def mentions(db: Path, article: str) -> list[dict]:
    from pxextract.store.query import load_article

    return load_article(db, article)[1]


def test_show_lists_each_spans_attributes(db):
    r = cli("show", "a000", "--db", db)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "2015年，萍乡市地区生产总值达100.0亿元" in out  # the text, whole
    for col in ("value", "unit", "year", "metric", "subject", "modality"):
        assert col in out
    numeric = [m for m in mentions(db, "a000") if m["value"] is not None]
    assert numeric
    for m in numeric:
        row = next(line for line in out.splitlines() if re.search(rf"│\s*{m['mention']}\s*│\s*{m['label']}", line))
        assert m["text"] in row and m["unit"] in row and str(m["year"]) in row and m["modality"] in row, row
        if m["metric"]:
            assert m["metric"][:4] in row, row
    gdp = next(m for m in numeric if m["label"] == "MONEY")
    assert "100亿" in out and gdp["metric"] and "地区生产总值" in gdp["metric"]


def test_show_html_puts_the_attributes_beside_the_text_escaped(db, tmp_path):
    page_path = tmp_path / "a.html"
    r = cli("show", "a000", "--db", db, "--html", page_path)
    assert r.exit_code == 0, r.output
    page = page_path.read_text(encoding="utf-8")
    ms = mentions(db, "a000")
    assert page.startswith("<!DOCTYPE html>") and page.count("<mark") == len(ms)
    titles = [html.unescape(t) for t in re.findall(r'<mark [^>]*title="([^"]*)"', page)]
    money = next(m for m in ms if m["label"] == "MONEY")
    tip = titles[ms.index(money)]
    for key in ("value", "unit", "year", "metric", "subject", "modality"):
        assert f"\n{key}: " in tip
    assert "value: 10000000000 (100亿)" in tip and f"subject: {money['subject'] or '—'}" in tip
    assert f"unit: {money['unit']}" in tip and f"year: {money['year']}" in tip and f"modality: {money['modality']}" in tip
    table = page[page.index("<table"):]
    assert all(f"<th>{c}</th>" in table for c in ("value", "unit", "year", "metric", "subject", "modality"))
    assert f'href="#m{money["mention"]}"' in table and html.escape(money["metric"]) in table


def test_show_html_escapes_everything_from_the_data(db, tmp_path):
    page_path = tmp_path / "x.html"
    r = cli("show", "x<b>", "--db", db, "--html", page_path)
    assert r.exit_code == 0, r.output
    page = page_path.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "x<b>1" not in page and "x&lt;b&gt;1" in page
    body = page[page.index("<body>"):]
    assert "\x1b" not in page and "\x07" not in page and "␛]0;pwned␇" in page  # control characters made visible
    assert re.findall(r"<(\w+)", body) and set(re.findall(r"<(\w+)", body)) <= {
        "body", "h1", "p", "span", "div", "mark", "sup", "table", "caption", "thead", "tbody", "tr", "th", "td", "a"}
