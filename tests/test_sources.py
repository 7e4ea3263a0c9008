"""Builds that add, never delete by surprise (issue #16): the database remembers its sources,
`build B/` leaves A's articles alone, an article disappears only when its own root is built
again (or with --prune), `build` alone re-syncs every source, --dry-run changes nothing, an
older database is upgraded in place. Real SQLite files, through the CLI (docs/database.md)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pxextract import store
from pxextract.cli import app

runner = CliRunner()

A = {"pingxiang": "2021年，萍乡市地区生产总值达1108.3亿元，增长8.5%。",
     "luoyang": "2023年，洛阳市粮食产量达到255.3万吨。全市常住人口707.9万人。"}
B = {"hailar": "2022年，海拉尔区完成固定资产投资85亿元。", "manzhouli": "2022年，满洲里市接待游客120万人次。"}


def cli(*args, cwd: Path | None = None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return runner.invoke(app, [str(a) for a in args])
    finally:
        os.chdir(old)


def write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]


def content(db: Path, art_ids) -> dict[str, list]:
    """Every content row of ``art_ids`` (run and time stamps left out)."""
    out = {}
    with sqlite3.connect(db) as conn:
        for t in store.CONTENT_TABLES:
            cols = [c for c in store.columns(t) if c not in ("processed_at", "run_id")]
            key = "id" if t == "articles" else "article_id"
            marks = ",".join("?" * len(art_ids))
            out[t] = conn.execute(f"SELECT {', '.join(store._q(c) for c in cols)} FROM {t} WHERE {key} IN ({marks})"
                                  f" ORDER BY {store.ORDER[t]}", list(art_ids)).fetchall()
    return out


def sources(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {r[0]: r[1:] for r in conn.execute("SELECT given, kind, n_articles FROM sources")}


@pytest.fixture
def two(tmp_path):
    """Folders A/ and B/ built one after the other into f.sqlite (relative paths, from tmp_path)."""
    write(tmp_path / "A", A)
    write(tmp_path / "B", B)
    r = cli("build", "A", "--db", "f.sqlite", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    return tmp_path, tmp_path / "f.sqlite"


def test_build_b_keeps_a_and_its_facts(two):
    base, db = two
    before = content(db, A)
    assert sum(len(v) for v in before.values()) > len(A)  # A has facts to lose
    r = cli("build", "B", "--db", db, cwd=base)
    assert r.exit_code == 0, r.output
    assert ids(db) == sorted(A | B) and content(db, A) == before
    assert "2 processed, 0 unchanged: 2 added, 0 updated, 0 failed" in r.stderr and "removed" not in r.stderr
    assert sources(db) == {"A": ("folder", 2), "B": ("folder", 2)}
    assert store.check(db) == []


def test_a_deleted_file_goes_only_when_its_root_is_built(two):
    base, db = two
    assert cli("build", "B", "--db", db, cwd=base).exit_code == 0
    (base / "A" / "luoyang.txt").unlink()
    r = cli("build", "B", "--db", db, cwd=base)
    assert r.exit_code == 0 and "luoyang" in ids(db) and "removed" not in r.stderr
    r = cli("build", "A", "--db", db, cwd=base)
    assert r.exit_code == 0, r.output
    assert "1 removed (1 from A)" in r.stderr and ids(db) == sorted(["pingxiang", *B])
    assert sources(db)["A"] == ("folder", 1)
    runs = store.table(db, "runs")
    assert runs["n_removed"].tolist() == [0, 0, 0, 1]


def test_build_without_inputs_resyncs_every_source(two):
    base, db = two
    assert cli("build", "B", "--db", db, cwd=base).exit_code == 0
    (base / "A" / "luoyang.txt").unlink()
    (base / "B" / "hailar.txt").write_text("2022年，海拉尔区完成固定资产投资90亿元。", encoding="utf-8")
    r = cli("build", "--db", db, cwd=base)
    assert r.exit_code == 0, r.output
    assert "re-syncing 2 source(s)" in r.stderr
    assert "1 processed, 2 unchanged: 0 added, 1 updated, 1 removed (1 from A)" in r.stderr
    assert ids(db) == sorted(["pingxiang", *B])
    assert store.facts(db, article="hailar")["value"].tolist() == [9e9]
    # from another folder: the sources are found by their resolved paths
    r = cli("build", "--db", db, cwd=base / "A")
    assert r.exit_code == 0 and "0 processed, 3 unchanged" in r.stderr, r.output


def test_prune_removes_everything_not_in_the_inputs(two):
    base, db = two
    assert cli("build", "B", "--db", db, cwd=base).exit_code == 0
    r = cli("build", "B", "--db", db, "--prune", cwd=base)
    assert r.exit_code == 0, r.output
    assert "2 removed (2 from A)" in r.stderr and ids(db) == sorted(B)
    assert sources(db) == {"B": ("folder", 2)}  # A is forgotten: a re-sync no longer reads it
    assert store.check(db) == []


def test_full_build_keeps_the_other_sources(two):
    base, db = two
    before = content(db, A)
    r = cli("build", "B", "--db", db, "--full", cwd=base)
    assert r.exit_code == 0, r.output
    assert ids(db) == sorted(A | B) and content(db, A) == before
    assert sources(db) == {"A": ("folder", 2), "B": ("folder", 2)}
    (base / "A" / "luoyang.txt").unlink()
    r = cli("build", "A", "--db", db, "--full", cwd=base)
    assert r.exit_code == 0 and "1 removed (1 from A)" in r.stderr and ids(db) == sorted(["pingxiang", *B])
    r = cli("build", "B", "--db", db, "--full", "--prune", cwd=base)
    assert r.exit_code == 0 and ids(db) == sorted(B) and sources(db) == {"B": ("folder", 2)}
    assert store.check(db) == []


def test_dry_run_lists_the_changes_and_changes_nothing(two):
    base, db = two
    assert cli("build", "B", "--db", db, cwd=base).exit_code == 0
    (base / "A" / "luoyang.txt").unlink()
    (base / "A" / "pingxiang.txt").write_text("2021年，萍乡市地区生产总值达1200亿元。", encoding="utf-8")
    write(base / "A", {"jiujiang": "2022年，九江市粮食产量达到300万吨。"})
    files = [db]  # (a read-only reader may leave an empty -wal and a -shm, as `facts` does)
    assert not Path(f"{db}-wal").exists()
    stamp = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    with store.build_lock(db):  # a build holds the lock: a dry run only reads
        r = cli("build", "A", "--db", db, "--dry-run", cwd=base)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == ["add\tjiujiang", "update\tpingxiang", "remove\tluoyang\tA"]
    assert "dry run" in r.stderr and "1 added, 1 updated, 1 removed (1 from A)" in r.stderr
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == stamp
    assert len(store.table(db, "runs")) == 2
    # with no input: every source; with --prune: the other sources' articles too
    r = cli("build", "B", "--db", db, "--dry-run", "--prune", cwd=base)
    assert sorted(r.stdout.splitlines()) == ["remove\tluoyang\tA", "remove\tpingxiang\tA"]
    # on a database that does not exist yet: everything is new, and no file appears
    r = cli("build", "B", "--db", base / "new.sqlite", "--dry-run", cwd=base)
    assert r.exit_code == 0 and r.stdout.splitlines() == ["add\thailar", "add\tmanzhouli"]
    assert not list(base.glob("new.sqlite*"))
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == stamp


def test_a_missing_root_is_reported_and_its_articles_kept(two):
    base, db = two
    assert cli("build", "B", "--db", db, cwd=base).exit_code == 0
    (base / "B").rename(base / "B-away")
    (base / "A" / "luoyang.txt").unlink()
    for extra in ([], ["--prune"]):
        r = cli("build", "--db", db, *extra, cwd=base)
        assert r.exit_code == 1, r.output
        assert f"error: B: this source no longer exists (resolved: {base / 'B'}); its 2 article(s) are kept" in r.stderr
        assert ids(db) == sorted(["pingxiang", *B])  # A re-synced (luoyang gone), B kept
    assert sources(db)["B"] == ("folder", 2)


def test_no_input_and_no_sources_is_a_usage_error(tmp_path):
    r = cli("build", "--db", tmp_path / "none.sqlite")
    assert r.exit_code == 2 and "no such database" in r.stderr and not (tmp_path / "none.sqlite").exists()


def test_keep_missing_is_a_deprecated_no_op(two):
    base, db = two
    r = cli("build", "B", "--db", db, "--keep-missing", cwd=base)
    assert r.exit_code == 0 and "--keep-missing is deprecated and does nothing" in r.stderr
    assert ids(db) == sorted(A | B)


def test_the_same_id_in_two_sources_is_refused_not_dropped(two):
    """B/luoyang.txt has the id of A's article: the build stores B's other articles, refuses that
    one (exit 1, named), and A's rows stay. Once A's file is gone, the article moved: B's wins."""
    base, db = two
    before = content(db, ["luoyang"])
    (base / "B" / "luoyang.txt").write_text("2024年，洛阳市粮食产量达到260万吨。", encoding="utf-8")
    r = cli("build", "B", "--db", db, cwd=base)
    assert r.exit_code == 1, r.output
    assert f"error: B/luoyang.txt: article id 'luoyang' is already stored from {base / 'A' / 'luoyang.txt'}" in r.stderr
    assert "2 added, 0 updated, 1 kept from earlier builds, 1 failed" in r.stderr
    assert content(db, ["luoyang"]) == before and ids(db) == sorted(A | B | {"luoyang": ""})
    assert cli("build", "--db", db, cwd=base).exit_code == 2  # both roots together: two files, one id
    (base / "A" / "luoyang.txt").unlink()
    r = cli("build", "B", "--db", db, cwd=base)
    assert r.exit_code == 0, r.output
    assert store.facts(db, article="luoyang")["value"].tolist()[0] == 2.6e6
    assert sources(db) == {"A": ("folder", 1), "B": ("folder", 3)}
    assert "luoyang" in ids(db) and "removed" not in cli("build", "A", "--db", db, cwd=base).stderr


def test_jsonl_and_nested_roots(tmp_path):
    """A .jsonl inside a folder is its own source (a folder build does not read it); a folder
    inside a registered folder is covered by it: re-syncing reads it once."""
    base = write(tmp_path / "A", A)
    write(base / "sub", {"hailar": B["hailar"]})
    lines = [json.dumps({"id": f"n{i}", "text": f"2022年，全市投资{i + 1}亿元。"}, ensure_ascii=False) for i in range(3)]
    (base / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "f.sqlite"
    for root in ("A/news.jsonl", "A/sub", "A"):
        assert cli("build", root, "--db", db, cwd=tmp_path).exit_code == 0
    assert ids(db) == sorted(["hailar", "luoyang", "n0", "n1", "n2", "pingxiang"])
    (base / "news.jsonl").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    (base / "sub" / "hailar.txt").unlink()
    r = cli("build", "A", "--db", db, cwd=tmp_path)  # covers A/sub (removes hailar), not the .jsonl
    assert r.exit_code == 0 and "1 removed (1 from A)" in r.stderr and "n2" in ids(db), r.output
    r = cli("build", "--db", db, cwd=tmp_path)
    assert r.exit_code == 0 and "1 removed (1 from A/news.jsonl)" in r.stderr, r.output
    assert ids(db) == sorted(["luoyang", "n0", "n1", "pingxiang"])


def make_schema_2(db: Path) -> None:
    """What a pxextract database of schema 2 looks like: no sources tables, user_version 2."""
    with sqlite3.connect(db) as conn:
        conn.execute("DROP INDEX source_articles_source")
        conn.execute("DROP TABLE source_articles")
        conn.execute("DROP TABLE sources")
        conn.execute("PRAGMA user_version = 2")


def test_an_old_database_is_read_and_upgraded_in_place(two):
    base, db = two
    make_schema_2(db)
    before = content(db, A)
    assert cli("check", "--db", db).exit_code == 0
    assert len(store.facts(db, article="pingxiang")) and store.check(db) == []
    r = cli("build", "--db", db, cwd=base)  # nothing registered yet
    assert r.exit_code == 2 and "no registered sources" in r.stderr
    r = cli("build", "B", "--db", db, cwd=base)
    assert r.exit_code == 0, r.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert ids(db) == sorted(A | B) and content(db, A) == before
    assert sources(db) == {"B": ("folder", 2)}  # A's articles belong to no source
    # an article of no source is never removed but by --prune, even by a build of its folder
    (base / "A" / "luoyang.txt").unlink()
    r = cli("build", "A", "--db", db, cwd=base)
    assert r.exit_code == 0 and "luoyang" in ids(db) and sources(db)["A"] == ("folder", 1)
    r = cli("build", "--db", db, "--prune", cwd=base)
    assert r.exit_code == 0 and "1 removed (1 from (no source))" in r.stderr and ids(db) == sorted(["pingxiang", *B])
    assert store.check(db) == []


def test_an_old_database_upgraded_by_a_full_build(two):
    base, db = two
    make_schema_2(db)
    before = content(db, A)
    r = cli("build", "B", "--db", db, "--full", cwd=base)
    assert r.exit_code == 0, r.output
    assert ids(db) == sorted(A | B) and content(db, A) == before and sources(db) == {"B": ("folder", 2)}


def test_check_finds_an_attribution_without_its_article_or_source(two):
    base, db = two
    assert cli("check", "--db", db).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO source_articles VALUES ('ghost', 99, '')")  # foreign keys are off here
    assert store.check(db) == ["1 source_articles row(s) without their article", "1 source_articles row(s) without their source"]
    assert cli("check", "--db", db).exit_code == 1
