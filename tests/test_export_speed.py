"""`pxextract export` reads SQLite into Arrow through the ADBC SQLite driver (issue #16,
docs/workbench-timing.md): the Parquet files hold exactly the rows sqlite3 reads, in key order,
with the declared types, also when a table is read in several queries and when a column is
NULL in its first rows and text after; all tables come from one snapshot while a build
commits; the command imports no pandas."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pxextract import store
from pxextract.cli import app
from pxextract.store import export

runner = CliRunner()
TEXTS = ["{y}年，{p}市地区生产总值达{v}亿元，增长{g}%，粮食产量{q}万吨。",
         "今年，{p}市计划完成固定资产投资{v}亿元，新增企业{n}家。"]
PLACES = ["萍乡", "洛阳", "赣州", "九江", "宜春"]


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("exp")
    src = tmp / "news.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i in range(12):
            meta = {"date": f"{2016 + i % 8}-03-01"} | ({"title": f"报道{i}"} if i >= 8 else {})  # a001…a007: no title
            text = TEXTS[i % 2].format(y=2015 + i % 9, p=PLACES[i % 5], v=100 + i * 7.5, g=3 + i % 5, n=10 + i, q=200 + i)
            f.write(json.dumps({"id": f"a{i:03d}", "text": text, "meta": meta}, ensure_ascii=False) + "\n")
    path = tmp / "facts.sqlite"
    r = cli("build", src, "--db", path, "--workers", 1)
    assert r.exit_code == 0, r.output
    return path


def sqlite_rows(db: Path, name: str) -> list[dict]:
    conn = sqlite3.connect(db)
    try:
        cur = conn.execute(f"SELECT * FROM {name} ORDER BY {store.ORDER[name]}")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]
    finally:
        conn.close()


def test_export_holds_the_rows_sqlite3_reads_with_the_declared_types(db, tmp_path):
    r = cli("export", "--db", db, "--parquet", tmp_path / "pq")
    assert r.exit_code == 0, r.output
    for name in store.ALL_TABLES:
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert table.schema.equals(export.arrow_schema(name)), name  # names, types, NOT NULL; no pandas metadata
        rows = sqlite_rows(db, name)
        assert rows and table.to_pylist() == rows, name
    titles = [row["title"] for row in sqlite_rows(db, "articles")]
    assert titles[0] is None and titles[-1] == "报道11"  # NULL first, text later: typed from every value


def test_a_table_read_in_several_queries_is_the_same_table(db, monkeypatch):
    with export.arrow_tables(db) as tables:
        whole = dict(tables)
    # two rows a query: the first query of articles has no title at all (the driver types it int64)
    monkeypatch.setattr(export, "CHUNK_ROWS", {})
    monkeypatch.setattr(export, "DEFAULT_CHUNK_ROWS", 2)
    with export.arrow_tables(db) as tables:
        chunked = dict(tables)
    assert list(chunked) == list(store.ALL_TABLES)
    for name, table in chunked.items():
        assert table.num_rows == whole[name].num_rows and table.equals(whole[name]), name
        assert table.num_rows < 3 or table.column(0).num_chunks > 1


def test_a_column_of_another_type_is_an_error_not_a_conversion():
    schema = export.arrow_schema("runs")
    nulls = pa.table({f.name: pa.nulls(2, pa.int64()) for f in schema})
    assert export.conform("runs", nulls).schema.equals(schema)
    text = next(f.name for f in schema if f.type == pa.string())
    wrong = nulls.set_column(schema.get_field_index(text), text, pa.array([1, 2]))
    with pytest.raises(store.StoreError, match=f"runs.{text}: the database holds int64 values where the schema says string"):
        export.conform("runs", wrong)


def test_all_tables_come_from_one_snapshot(db, tmp_path):
    """A build that commits between two tables (another process, as a build is) changes nothing
    of what is read: the read transaction began before it."""
    live = tmp_path / "live.sqlite"
    shutil.copy(db, live)
    facts = len(sqlite_rows(live, "facts"))
    with export.arrow_tables(live, ["articles", "mentions", "facts"]) as tables:
        assert next(tables)[0] == "articles"  # mentions being read now; facts not yet
        code = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM facts'); c.commit(); c.close()"
        subprocess.run([sys.executable, "-c", code, str(live)], check=True, timeout=60)
        assert next(tables)[0] == "mentions"
        name, table = next(tables)
        assert name == "facts" and table.num_rows == facts > 0
        with pytest.raises(StopIteration):
            next(tables)
    assert sqlite_rows(live, "facts") == []  # the delete did happen


def test_a_database_that_is_not_ours_is_refused_before_reading(tmp_path):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(store.StoreError, match="not a pxextract fact database"):
        export.arrow_tables(other)
    r = cli("export", "--db", tmp_path / "missing.sqlite", "--parquet", tmp_path / "pq")
    assert r.exit_code == 2 and "no such database" in r.stderr and not (tmp_path / "pq").exists()
