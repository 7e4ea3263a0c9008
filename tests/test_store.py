"""The fact database on real SQLite files: identical rebuilds, incremental updates, deletions,
crash safety under SIGKILL, one build at a time, queries, Parquet, show (docs/database.md)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pxextract import feed, store
from pxextract.cli import app
from pxextract.link import sentences
from pxextract.read import Article, read_inputs

runner = CliRunner()

ARTICLES = {
    "pingxiang": "2021年，萍乡市地区生产总值达1108.3亿元，增长8.5%。全市新增规模以上工业企业143家。",
    "luoyang": "2023年，洛阳市粮食产量达到255.3万吨。全市常住人口707.9万人。",
    # a passage repeated by the page layout: one fact, two provenances
    "hailar": "今年，海拉尔区完成固定资产投资85亿元。\n\n对全市6个工业园区开展专题调研。\n\n对全市6个工业园区开展专题调研。",
}
MANIFEST = "id,file,date,title,source\n" + "".join(f"{i},{i}.txt,2022,{i}报道,测试\n" for i in ARTICLES)
# columns that say when / by which run a row was written: everything else must be reproducible
VOLATILE = {"processed_at", "run_id"}


def write_corpus(folder: Path, texts: dict[str, str] = ARTICLES, manifest: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for art_id, text in texts.items():
        (folder / f"{art_id}.txt").write_text(text, encoding="utf-8")
    if manifest:
        (folder / "articles.csv").write_text(MANIFEST, encoding="utf-8")
    return folder


def build(db: Path, *inputs: Path, extractor=None, extract=None, **options) -> store.BuildReport:
    """A build of ``inputs`` (also its roots, as `pxextract build` passes them) with ``extractor``
    (or ``extract``, see pxextract.scale) and the given :class:`store.BuildOptions`."""
    articles, errors = read_inputs([str(i) for i in inputs])
    options.setdefault("inputs", [str(i) for i in inputs])
    return build_articles(db, articles, errors, extractor=extractor, extract=extract, **options)


def build_articles(db: Path, articles, errors=(), *, extractor=None, extract=None, article_timeout=60.0, **options) -> store.BuildReport:
    extraction = feed.extraction(extractor=extractor, extract=extract, article_timeout=article_timeout)
    return store.build(db, articles, errors, extraction=extraction, options=store.BuildOptions(**options))


def rows(db: Path) -> dict[str, list[tuple]]:
    """Every content row, volatile columns left out, in key order."""
    out = {}
    with store.reader(db) as conn:
        for t in store.CONTENT_TABLES:
            cols = [c for c in store.columns(t) if c not in VOLATILE]
            sql = f"SELECT {', '.join(store._q(c) for c in cols)} FROM {t} ORDER BY {store.ORDER[t]}"
            out[t] = conn.execute(sql).fetchall()
    return out


def processed_at(db: Path) -> dict[str, tuple]:
    with store.reader(db) as conn:
        return {r[0]: r[1:] for r in conn.execute("SELECT id, processed_at, run_id FROM articles")}


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


# -- rows of one article ------------------------------------------------------------------


def test_cheap_version_is_the_extractors(extractor):
    assert feed.pipeline_version()[0] == extractor.version


def test_repeated_passage_is_one_fact_with_two_provenances(extractor):
    art = Article("hailar", ARTICLES["hailar"], {"date": "2022"})
    r = store.article_rows(art, extractor.record(art.id, art.text, art.meta), "v", "now", sentences=sentences(art.text))
    six = [f for f in r["facts"] if f["text"] == "6个"]
    assert len(six) == 1 and six[0]["n_mentions"] == 2
    ms = [m for m in r["mentions"] if m["text"] == "6个"]
    assert len(ms) == 2 and {m["fact"] for m in ms} == {six[0]["fact"]}
    assert ms[0]["sentence"] != ms[1]["sentence"] and six[0]["context"] == "对全市6个工业园区开展专题调研。"
    assert {m["component"] for m in r["mentions"]} <= {"pxextract_dates", "pxextract_numbers", "pxextract_entities"}
    assert r["articles"][0]["n_mentions"] == len(r["mentions"]) and r["articles"][0]["n_facts"] == len(r["facts"])


def test_duplicate_of_joins_the_first_fact_even_when_attributes_differ():
    text = "投资3亿元。投资3亿元。"
    spans = [
        {"start": 2, "end": 5, "label": "MONEY", "text": "3亿元", "value": 300000000, "unit": "元", "metric": "投资"},
        {"start": 8, "end": 11, "label": "MONEY", "text": "3亿元", "value": 300000000, "unit": "元", "metric": "资", "duplicate_of": 2},
    ]
    r = store.article_rows(Article("x", text), {"spans": spans}, "v", "now", sentences=sentences(text))
    assert len(r["facts"]) == 1 and r["facts"][0]["n_mentions"] == 2 and r["facts"][0]["metric"] == "投资"
    assert [m["duplicate_of"] for m in r["mentions"]] == [None, 2]


# -- builds on real files ------------------------------------------------------------------


def test_two_builds_give_identical_rows_and_the_second_processes_nothing(tmp_path, extractor):
    src, db = write_corpus(tmp_path / "in"), tmp_path / "facts.sqlite"
    first = build(db, src, extractor=extractor)
    assert (first.processed, first.unchanged, first.failures) == (3, 0, [])
    before, stamps = rows(db), processed_at(db)
    second = build(db, src, extractor=extractor)
    assert (second.processed, second.unchanged, second.removed) == (0, 3, 0)
    assert rows(db) == before and processed_at(db) == stamps
    assert store.check(db) == []
    runs = store.table(db, "runs")
    assert runs["status"].tolist() == ["ok", "ok"] and runs["n_unchanged"].tolist() == [0, 3]
    assert runs["version"].iloc[0] == extractor.version


def test_full_build_gives_the_same_rows_as_incremental(tmp_path, extractor):
    src = write_corpus(tmp_path / "in")
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    build(a, src, extractor=extractor)
    build(b, src, extractor=extractor, full=True)
    assert rows(a) == rows(b)
    assert build(a, src, extractor=extractor, full=True).swap == "replaced"  # history kept
    assert rows(a) == rows(b) and len(store.table(a, "runs")) == 2
    assert not list(tmp_path.glob("*.tmp-*"))


def test_editing_one_article_reprocesses_only_it(tmp_path, extractor):
    src, db = write_corpus(tmp_path / "in"), tmp_path / "facts.sqlite"
    build(db, src, extractor=extractor)
    stamps = processed_at(db)
    (src / "luoyang.txt").write_text("2023年，洛阳市粮食产量达到260万吨。", encoding="utf-8")
    rep = build(db, src, extractor=extractor)
    assert (rep.processed, rep.unchanged) == (1, 2)
    now = processed_at(db)
    assert now["pingxiang"] == stamps["pingxiang"] and now["hailar"] == stamps["hailar"]
    assert now["luoyang"][1] == rep.run_id
    df = store.facts(db, article="luoyang")
    assert df["text"].tolist() == ["260万吨"] and df["value"].tolist() == [2600000.0]
    # metadata is part of what an article is: a new date re-processes it
    (src / "articles.csv").write_text(MANIFEST.replace("pingxiang,pingxiang.txt,2022", "pingxiang,pingxiang.txt,2023"), encoding="utf-8")
    assert build(db, src, extractor=extractor).processed == 1


def test_a_new_pipeline_version_reprocesses_everything(tmp_path, extractor):
    class NewRules:
        version = extractor.version + "-next"

        def record(self, *a):
            return extractor.record(*a)

    src, db = write_corpus(tmp_path / "in"), tmp_path / "facts.sqlite"
    build(db, src, extractor=extractor)
    assert build(db, src, extractor=NewRules()).processed == 3
    assert set(store.table(db, "articles")["version"]) == {NewRules.version}


def test_a_deleted_article_disappears_when_its_root_is_built(tmp_path, extractor):
    """Issue #16: an article is removed only by a build given its root (or with prune); a build
    given no roots (the API with a bare list of articles) removes nothing. tests/test_sources.py
    has the rest (other roots, --dry-run, re-sync, old databases)."""
    src, db = write_corpus(tmp_path / "in", manifest=False), tmp_path / "facts.sqlite"
    build(db, src, extractor=extractor)
    (src / "hailar.txt").unlink()
    before = rows(db)
    assert build(db, src, extractor=extractor, inputs=[]).removed == 0
    assert build(db, src, extractor=extractor, inputs=[], full=True).removed == 0
    assert rows(db) == before
    rep = build(db, src, extractor=extractor)
    assert rep.removed == 1 and rep.removed_ids == {"hailar": str(src)}
    for t in store.CONTENT_TABLES:
        key = "id" if t == "articles" else "article_id"
        assert "hailar" not in set(store.table(db, t)[key]), t
    assert store.check(db) == []


def test_unreadable_file_is_reported_and_its_previous_rows_kept(tmp_path, extractor):
    src, db = write_corpus(tmp_path / "in", manifest=False), tmp_path / "facts.sqlite"
    build(db, src, extractor=extractor)
    before = rows(db)
    (src / "luoyang.txt").write_bytes(b"\x00\x01 a binary file, not an article")
    r = cli("build", src, "--db", db)
    assert r.exit_code == 1, r.output
    assert f"{src / 'luoyang.txt'}: binary" in r.stderr and "1 kept from earlier builds" in r.stderr
    assert rows(db) == before
    run = store.table(db, "runs").iloc[-1]
    assert run["status"] == "errors" and "binary" in json.loads(run["errors"])[0]
    # --full keeps them too (copied from the previous file)
    assert build(db, src, extractor=extractor, full=True).kept == 1
    assert rows(db) == before


def test_extraction_failure_keeps_previous_rows(tmp_path, extractor):
    class Broken:
        version = extractor.version + "-broken"

        def record(self, art_id, text, meta):
            if art_id == "hailar":
                raise ValueError("boom")
            return extractor.record(art_id, text, meta)

    src, db = write_corpus(tmp_path / "in"), tmp_path / "facts.sqlite"
    build(db, src, extractor=extractor)
    rep = build(db, src, extractor=Broken())
    assert rep.processed == 2 and rep.kept == 1 and "extraction failed (ValueError: boom)" in rep.failures[0]
    assert store.check(db) == [] and store.table(db, "articles").set_index("id").loc["hailar", "version"] == extractor.version


def test_bundled_corpus(tmp_path, root, extractor):
    db = tmp_path / "facts.sqlite"
    rep = build(db, root / "corpus", extractor=extractor)
    assert rep.processed == 2 and store.check(db) == []
    df = store.facts(db, metric="农林牧渔业总产值")
    hit = df[df["text"] == "82.32亿元"].iloc[0]
    assert (hit["value"], hit["unit"], hit["year"], hit["date"]) == (8232000000.0, "元", 2012, "2022")
    assert hit["subject"].startswith("萍乡") and "农林牧渔业总产值由2012年的82.32亿元" in hit["context"]
    assert str(df["year"].dtype) == "Int64"
    # the seed repeats two paragraphs: their figures are facts with several provenances
    seed = store.facts(db, article="000_23bbc0367b06fa24")
    assert (seed["n_mentions"] >= 2).any()
    with store.reader(db) as conn:
        n_prov = conn.execute("SELECT count(*) FROM fact_provenance WHERE article_id = '000_23bbc0367b06fa24'").fetchone()[0]
        n_num = conn.execute("SELECT count(*) FROM mentions WHERE article_id = '000_23bbc0367b06fa24' AND fact IS NOT NULL").fetchone()[0]
        dup_facts = conn.execute(
            "SELECT f.n_mentions FROM mentions m JOIN facts f ON f.article_id = m.article_id AND f.fact = m.fact"
            " WHERE m.duplicate_of IS NOT NULL"
        ).fetchall()
    assert n_prov == n_num == int(seed["n_mentions"].sum()) > len(seed)
    assert all(n >= 2 for (n,) in dup_facts)  # a repeated figure is never a second fact
    ents = store.table(db, "entities")
    assert ((ents["name"] == "萍乡市") & (ents["label"] == "GPE")).any()


def test_bad_rules_stop_the_build_and_leave_the_rows(tmp_path, root, extractor):
    import shutil

    src, db = write_corpus(tmp_path / "in"), tmp_path / "facts.sqlite"
    build(db, src, extractor=extractor)
    before = rows(db)
    rules = tmp_path / "rules"
    shutil.copytree(root / "rules", rules)
    with (rules / "units.tsv").open("a", encoding="utf-8") as f:
        f.write("坏\n")
    r = cli("build", src, "--db", db, "--rules", rules)
    assert r.exit_code == 2 and "units.tsv:" in r.stderr
    assert rows(db) == before and store.table(db, "runs")["status"].tolist() == ["ok", "failed"]


# -- refusing what is not ours -------------------------------------------------------------


def test_missing_and_foreign_databases_are_usage_errors(tmp_path, extractor):
    r = cli("facts", "--db", tmp_path / "none.sqlite")
    assert r.exit_code == 2 and "no such database" in r.stderr
    foreign = tmp_path / "other.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE x (a)").connection.commit()
    src = write_corpus(tmp_path / "in")
    with pytest.raises(store.StoreError, match="not a pxextract fact database"):
        build(foreign, src, extractor=extractor, full=True)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(store.StoreError, match="not a SQLite database"):
        build(garbage, src, extractor=extractor)
    with pytest.raises(store.StoreError, match="--full --force"):
        build(garbage, src, extractor=extractor, full=True)  # never replaced without --force
    assert build(garbage, src, extractor=extractor, full=True, force=True).processed == 3
    assert store.check(garbage) == []


# -- crash safety and concurrency (real processes) ------------------------------------------


def big_corpus(root: Path, folder: Path, n: int) -> Path:
    """``n`` articles of ~1000 characters cut from the seed article, each different."""
    base = (root / "corpus" / "000_23bbc0367b06fa24.txt").read_text(encoding="utf-8")
    folder.mkdir()
    for i in range(n):
        a = (i * 53) % (len(base) - 1000)
        (folder / f"g{i:04d}.txt").write_text(base[a : a + 1000] + f"\n第{i}号。", encoding="utf-8")
    return folder


def spawn(*args) -> subprocess.Popen:
    code = "import sys; from pxextract.cli import app; sys.argv[0] = 'pxextract'; app()"
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def count_articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=10)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def wait_for(condition, proc: subprocess.Popen, timeout: float = 60):
    t0 = time.monotonic()
    while not condition():
        assert proc.poll() is None, f"build ended early ({proc.returncode}): {proc.stderr.read()}"
        assert time.monotonic() - t0 < timeout, "timed out"
        time.sleep(0.02)


@pytest.mark.slow
def test_sigkill_mid_build_leaves_a_complete_database_that_resumes(tmp_path, root, extractor):
    src, db = big_corpus(root, tmp_path / "big", 300), tmp_path / "facts.sqlite"
    proc = spawn("build", src, "--db", db)
    seen = []

    def some_committed():
        n = count_articles(db)
        if n:
            assert store.check(db) == []  # a reader during the build never sees half an article
            seen.append(n)
        return n >= 5

    wait_for(some_committed, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    n = count_articles(db)
    assert 5 <= n < 300
    assert store.check(db) == []  # integrity_check ok, every article with all its rows
    run = store.table(db, "runs").iloc[-1]
    assert run["status"] == "running"  # it never finished
    rep = build(db, src, extractor=extractor)  # the next build resumes: only the rest is processed
    assert (rep.processed, rep.unchanged) == (300 - n, n)
    assert store.table(db, "runs")["status"].tolist() == ["interrupted", "ok"]


@pytest.mark.slow
def test_sigkill_during_full_build_leaves_the_previous_file_intact(tmp_path, root, extractor):
    src, db = write_corpus(tmp_path / "in"), tmp_path / "facts.sqlite"
    build(db, src, extractor=extractor)
    before = rows(db)
    big = big_corpus(root, tmp_path / "big", 300)
    proc = spawn("build", big, "--db", db, "--full")
    tmp = Path(f"{db}.tmp-{proc.pid}")
    wait_for(lambda: tmp.exists() and count_articles(tmp) >= 5, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert rows(db) == before and store.check(db) == []
    rep = build(db, src, extractor=extractor)  # the next build removes the leftover temporary
    assert rep.processed == 0 and any("interrupted" in n for n in rep.notes)
    assert not list(tmp_path.glob("facts.sqlite.tmp-*"))


@pytest.mark.slow
def test_a_concurrent_build_is_refused_or_waits(tmp_path, root):
    src, db = big_corpus(root, tmp_path / "big", 300), tmp_path / "facts.sqlite"
    first = spawn("build", src, "--db", db)
    lock = store.lock_path(db)
    wait_for(lambda: lock.exists() and lock.read_text().strip() == str(first.pid), first)
    refused = spawn("build", src, "--db", db)
    waiting = spawn("build", src, "--db", db, "--wait")
    _, err = refused.communicate(timeout=60)
    assert refused.returncode == 2
    assert f"another build is running on {db} (pid {first.pid})" in err and "--wait" in err
    assert first.poll() is None, "the first build ended before the second was refused; make the corpus bigger"
    assert first.wait(timeout=120) == 0
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "waiting for it to finish" in err and "0 processed, 300 unchanged" in err
    assert store.check(db) == [] and count_articles(db) == 300


def test_lock_is_per_database_and_released(tmp_path, extractor):
    src, db = write_corpus(tmp_path / "in"), tmp_path / "facts.sqlite"
    with store.build_lock(db):
        with pytest.raises(store.BuildLocked, match=f"pid {os.getpid()}"):
            build(db, src, extractor=extractor)
        build(tmp_path / "other.sqlite", src, extractor=extractor)
    assert build(db, src, extractor=extractor).processed == 3


def test_full_build_while_a_reader_is_open(tmp_path, extractor):
    src, db = write_corpus(tmp_path / "in"), tmp_path / "facts.sqlite"
    build(db, src, extractor=extractor)
    (src / "luoyang.txt").write_text("2023年，洛阳市粮食产量达到260万吨。", encoding="utf-8")
    with store.reader(db) as conn:
        conn.execute("BEGIN")
        old = conn.execute("SELECT text FROM facts WHERE article_id = 'luoyang'").fetchall()
        rep = build(db, src, extractor=extractor, full=True)
        assert rep.swap == "copied"  # the open file cannot be renamed over: its pages are replaced in place
        assert conn.execute("SELECT text FROM facts WHERE article_id = 'luoyang'").fetchall() == old
        conn.execute("COMMIT")
        assert conn.execute("SELECT text FROM facts WHERE article_id = 'luoyang'").fetchall() == [("260万吨",)]
    assert store.check(db) == []


# -- query, export, show -------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_db(tmp_path_factory, extractor) -> Path:
    tmp = tmp_path_factory.mktemp("small")
    db = tmp / "facts.sqlite"
    build(db, write_corpus(tmp / "in"), extractor=extractor)
    return db


def test_facts_api_filters(small_db):
    import pxextract

    df = pxextract.facts(small_db, year=2021)
    assert set(df["article_id"]) == {"pingxiang"} and list(df.columns) == list(store.FACT_COLUMNS)
    assert pxextract.facts(small_db, metric="生产总值", label="money")["text"].tolist() == ["1108.3亿元"]
    assert pxextract.facts(small_db, subject="洛阳")["article_id"].unique().tolist() == ["luoyang"]
    assert pxextract.facts(small_db, metric="%").empty  # LIKE wildcards are taken literally


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "table"])
def test_facts_command_formats(small_db, tmp_path, fmt):
    out = tmp_path / f"facts.{fmt}"
    r = cli("facts", "--db", small_db, "--year", 2023, "--format", fmt, "-o", out)
    assert r.exit_code == 0, r.output
    if fmt == "csv":
        df = pd.read_csv(out)
    elif fmt == "json":
        df = pd.DataFrame(json.loads(out.read_text(encoding="utf-8")))
    elif fmt == "parquet":
        df = pd.read_parquet(out)
    else:
        assert "255.3万吨" in out.read_text(encoding="utf-8")
        return
    assert df["text"].tolist() == ["255.3万吨"] and df["year"].tolist() == [2023] and df["value"].tolist() == [2553000]


def test_facts_command_to_stdout_and_parquet_needs_a_file(small_db):
    r = cli("facts", "--db", small_db, "--metric", "粮食", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["value"] == 2553000.0
    r = cli("facts", "--db", small_db, "--format", "parquet")
    assert r.exit_code == 2 and "needs -o" in r.stderr


def test_export_parquet_snapshot(small_db, tmp_path):
    r = cli("export", "--parquet", tmp_path / "pq", "--db", small_db)
    assert r.exit_code == 0, r.output
    import pyarrow.parquet as pq

    for t in store.ALL_TABLES:
        tbl = pq.read_table(tmp_path / "pq" / f"{t}.parquet")
        assert tbl.column_names == store.columns(t) and tbl.num_rows == len(store.table(small_db, t))
    facts = pq.read_table(tmp_path / "pq" / "facts.parquet")
    assert str(facts.schema.field("year").type) == "int64" and str(facts.schema.field("value").type) == "double"
    assert not (facts.schema.metadata or {})  # plain Parquet: no pandas metadata, no index column


def test_show_in_the_terminal_and_as_html(small_db, tmp_path):
    r = cli("show", "hail", "--db", small_db)
    assert r.exit_code == 0 and "海拉尔区完成固定资产投资85亿元" in r.stdout and "hailar" in r.stdout
    html = tmp_path / "show.html"
    r = cli("show", "hailar", "--db", small_db, "--html", html)
    assert r.exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<mark") == len(store.load_article(small_db, "hailar")[1])
    r = cli("show", "hailor", "--db", small_db)
    assert r.exit_code == 2 and "did you mean hailar" in r.stderr


def test_plot_one_metric(small_db, tmp_path):
    out = tmp_path / "plot.html"
    r = cli("plot", "--metric", "生产总值", "--db", small_db, "-o", out)
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert "plotly" in page.lower() and "2021" in page  # the plotly chart (tests/test_chart.py checks what it draws)


def test_article_source_reads_each_input_once_and_builds_the_same_rows(tmp_path):
    """A build from read.ArticleSource (what `pxextract build` uses: files planned without
    reading them, each read once during the build, one text in memory at a time) writes the
    same rows as a build from articles read into memory; unreadable files are known once read."""
    from pxextract.read import ArticleSource

    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\x00\x00garbage\x00")
    source = ArticleSource([corpus])
    assert source.expected == len(ARTICLES) + 1 and not source.errors and not source.ids  # nothing read yet
    arts, errs = read_inputs([corpus])
    report = build_articles(tmp_path / "a.sqlite", source, source.errors)
    assert sorted(source.ids) == sorted(ARTICLES) and [e.path for e in source.errors] == [str(corpus / "broken.txt")]
    assert report.n_inputs == len(ARTICLES) and len(report.failures) == 1
    build_articles(tmp_path / "b.sqlite", arts, errs)
    assert rows(tmp_path / "a.sqlite") == rows(tmp_path / "b.sqlite")
    with pytest.raises(RuntimeError):
        list(source)  # read once


def test_file_vanishing_during_a_build_keeps_its_rows(tmp_path):
    """A file deleted after the build planned it is reported and its stored rows stay (full and
    incremental); one added is left for the next build; neither raises."""
    from pxextract.read import ArticleSource

    corpus = write_corpus(tmp_path / "corpus", manifest=False)
    db = tmp_path / "f.sqlite"
    build_articles(db, *read_inputs([corpus]))
    for full in (False, True):
        source = ArticleSource([corpus])
        (corpus / "luoyang.txt").rename(tmp_path / "away.txt")
        (corpus / "new.txt").write_text("2023年全市新增企业12家。", encoding="utf-8")
        report = build_articles(db, source, source.errors, full=full)
        assert report.kept == 1 and report.removed == 0 and "luoyang.txt" in report.failures[0]
        assert sorted(r[0] for r in sqlite3.connect(db).execute("SELECT id FROM articles")) == ["hailar", "luoyang", "pingxiang"]
        (tmp_path / "away.txt").rename(corpus / "luoyang.txt")
        (corpus / "new.txt").unlink()
