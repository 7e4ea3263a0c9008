"""Nothing lost, nothing hangs, nothing injected (issue #17): output paths, the database path and
its lock, refusing what is not a database, read-only reading, damage and `check`, escaping in
HTML and on the terminal, disk-full messages, and three crash paths — each run through the CLI
as a user would, on a corpus of three short articles."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pxextract import dbfile, store
from pxextract.cli import app

runner = CliRunner()
ROOT = os.geteuid() == 0  # root ignores permission bits: such assertions are skipped, not faked

TEXTS = {
    "gdp": "2022年，全市地区生产总值1000亿元，增长5%。",
    "grain": "2023年，全县粮食产量达到25.3万吨，比上年增长2%。",
    "invest": "2021年，全区完成固定资产投资85亿元。",
}


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def one_error_line(r, *needles: str) -> str:
    """The run failed with exactly one ``error: …`` line containing every needle, and no traceback."""
    assert "Traceback" not in r.output, r.output
    errors = [line for line in r.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, r.stderr
    for n in needles:
        assert n in errors[0], (n, errors[0])
    return errors[0]


def write_corpus(folder: Path, texts: dict[str, str] = TEXTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """``(corpus folder, a database built from it)``; tests copy the database before changing it."""
    base = tmp_path_factory.mktemp("built")
    src = write_corpus(base / "in")
    db = base / "facts.sqlite"
    r = cli("build", src, "--db", db)
    assert r.exit_code == 0, r.output
    return src, db


@pytest.fixture
def db(built, tmp_path) -> Path:
    copy = tmp_path / "facts.sqlite"
    shutil.copy(built[1], copy)
    return copy


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.iterdir())}


# -- 1. -o writes through to what the user named ----------------------------------------------


@pytest.mark.parametrize("command", ["facts", "show", "plot", "extract", "export"])
def test_output_to_a_fifo_or_a_folder_is_refused_and_left_alone(built, db, tmp_path, command):
    fifo, folder = tmp_path / "fifo", tmp_path / "folder"
    os.mkfifo(fifo)
    folder.mkdir()
    for target in (fifo, folder):
        args = {
            "facts": ["facts", "--db", db, "--format", "csv", "-o", target],
            "show": ["show", "gdp", "--db", db, "--html", target],
            "plot": ["plot", "--metric", "生产总值", "--db", db, "-o", target],
            "extract": ["extract", built[0], "-o", target],
            "export": ["export", "--db", db, "--parquet", tmp_path / "pq"],
        }[command]
        if command == "export":  # one of the files it writes is the FIFO (a folder there likewise)
            (tmp_path / "pq").mkdir(exist_ok=True)
            (tmp_path / "pq" / "articles.parquet").unlink(missing_ok=True)
            os.symlink(target, tmp_path / "pq" / "articles.parquet")
        r = cli(*args)
        assert r.exit_code == 2, r.output
        one_error_line(r, "not a regular file")
        if command == "export":
            (tmp_path / "pq" / "articles.parquet").unlink()
    assert stat.S_ISFIFO(fifo.stat().st_mode) and folder.is_dir() and not list(folder.iterdir())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_through_a_symlink_replaces_its_target_and_keeps_modes(db, tmp_path):
    target, link = tmp_path / "real.csv", tmp_path / "link.csv"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    link.symlink_to(target)
    r = cli("facts", "--db", db, "--format", "csv", "-o", link)
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8-sig").startswith("article_id,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # a replaced file keeps its mode
    old = os.umask(0o027)
    try:
        assert cli("facts", "--db", db, "--format", "json", "-o", tmp_path / "new.json").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640  # a new one follows the umask
    os.umask(0o022)
    try:
        assert cli("show", "gdp", "--db", db, "--html", tmp_path / "gdp.html").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "gdp.html").stat().st_mode) == 0o644


def test_symlink_to_a_fifo_is_refused_naming_both(db, tmp_path):
    fifo, link = tmp_path / "fifo", tmp_path / "out.csv"
    os.mkfifo(fifo)
    link.symlink_to(fifo)
    r = cli("facts", "--db", db, "--format", "csv", "-o", link)
    assert r.exit_code == 2
    one_error_line(r, str(link), "a symlink to", "FIFO")
    assert link.is_symlink() and stat.S_ISFIFO(fifo.stat().st_mode)


# -- 2. the database path and its lock resolve symlinks ----------------------------------------


def test_one_lock_per_real_database_and_full_through_a_symlink(built, db, tmp_path):
    link = tmp_path / "link.sqlite"
    link.symlink_to(db)
    with store.build_lock(db):  # a build on the real path is running …
        r = cli("build", built[0], "--db", link)  # … so one through the symlink is refused
    assert r.exit_code == 2
    one_error_line(r, "another build is running")
    inode = db.stat().st_ino
    r = cli("build", built[0], "--db", link, "--full")
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == str(db)  # the symlink stays a symlink …
    assert db.stat().st_ino != inode  # … and its target was replaced
    assert store.check(db) == [] and len(store.table(link, "articles")) == 3
    assert not Path(f"{link}.lock").exists() and Path(f"{db}.lock").exists()


# -- 3. --full never replaces what is not a pxextract database without --force ---------------


def test_full_build_never_overwrites_an_article_or_other_data(built, tmp_path):
    src = write_corpus(tmp_path / "in")
    article = src / "gdp.txt"
    before = article.read_bytes()
    for args in ([], ["--full"]):
        r = cli("build", src, "--db", article, *args)
        assert r.exit_code == 2
        one_error_line(r, str(article), "not a SQLite database", "--force")
        assert article.read_bytes() == before and not Path(f"{article}.lock").exists()  # nothing left in the inputs
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    r = cli("build", src, "--db", other, "--full")
    assert r.exit_code == 2
    one_error_line(r, "not a pxextract fact database", "--force")
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]
    r = cli("build", src, "--db", other, "--full", "--force")  # said explicitly: replaced
    assert r.exit_code == 0 and "replaced (--force)" in r.stderr
    assert store.check(other) == []


def test_no_message_recommends_full_for_a_database_that_is_merely_unusable(db):
    errors = {
        "permission": sqlite3.OperationalError("access permission denied"),
        "read-only file": sqlite3.OperationalError("attempt to write a readonly database"),
        "locked": sqlite3.OperationalError("database is locked"),
        "cannot open": sqlite3.OperationalError("unable to open database file"),
    }
    for what, exc in errors.items():
        message = str(store.db_error(db, exc))
        assert message.startswith(f"{db}: ") and "--full" not in message, (what, message)
    for kind in ("unreadable", "missing", "not-a-file", "empty"):
        assert "--full" not in store.kind_message(kind, db)


# -- 4. read commands open read-only and say precisely what is wrong ---------------------------


def test_read_commands_in_a_read_only_folder_write_nothing(db, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    shutil.move(db, ro / "facts.sqlite")
    ro_db = ro / "facts.sqlite"
    os.chmod(ro, 0o555)
    try:
        before = listing(ro)
        for args in (["facts", "--db", ro_db], ["show", "gdp", "--db", ro_db], ["check", "--db", ro_db],
                     ["export", "--db", ro_db, "--parquet", tmp_path / "pq"],
                     ["plot", "--metric", "生产总值", "--db", ro_db, "-o", tmp_path / "p.html"]):
            r = cli(*args)
            assert r.exit_code == 0, (args, r.output)
            assert listing(ro) == before, args  # no -wal, no -shm, nothing touched
    finally:
        os.chmod(ro, 0o755)


def test_a_wal_without_its_shm_in_a_read_only_folder_is_explained(built, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    live = tmp_path / "live.sqlite"
    shutil.copy(built[1], live)
    conn = sqlite3.connect(live, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE articles SET title = 'changed'")  # lives in the -wal only
    shutil.copy(live, ro / "facts.sqlite")
    shutil.copy(f"{live}-wal", ro / "facts.sqlite-wal")
    conn.close()
    os.chmod(ro, 0o555)
    try:
        before = listing(ro)
        r = cli("facts", "--db", ro / "facts.sqlite")
        assert r.exit_code == 2
        one_error_line(r, str(ro / "facts.sqlite"), "-wal", "no -shm", "read-only")
        assert listing(ro) == before
    finally:
        os.chmod(ro, 0o755)


def test_each_unusable_database_gets_its_own_one_line_message(built, db, tmp_path):
    cases = {}
    cases["missing"] = (tmp_path / "none.sqlite", 2, ["no such database", "pxextract build"])
    text = tmp_path / "article.txt"
    text.write_text(TEXTS["gdp"], encoding="utf-8")
    cases["not sqlite"] = (text, 2, ["not a SQLite database"])
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE x (a)")
    cases["another program's"] = (foreign, 2, ["not a pxextract fact database"])
    older = tmp_path / "older.sqlite"
    shutil.copy(db, older)
    with sqlite3.connect(older) as conn:
        conn.execute("PRAGMA user_version = 1")
    cases["older schema"] = (older, 2, ["another schema version", "rebuilds it in full"])
    damaged = tmp_path / "damaged.sqlite"
    shutil.copy(db, damaged)
    garble_page(damaged, root_page(damaged, "facts"))
    cases["damaged"] = (damaged, 1, ["damaged", "pxextract check", "--full"])
    folder = tmp_path / "folder.sqlite"
    folder.mkdir()
    cases["a folder"] = (folder, 2, ["not a regular file"])
    for what, (path, code, needles) in cases.items():
        r = cli("facts", "--db", path)
        assert r.exit_code == code, (what, r.output)
        one_error_line(r, f"error: {path}: ", *needles)
    # being built: a live pid in the lock file names the build
    Path(f"{db}.lock").write_text(f"{os.getpid()}\n")
    message = str(store.db_error(db, sqlite3.OperationalError("database is locked")))
    assert f"a build is running on it (pid {os.getpid()})" in message and "try again" in message


@pytest.mark.skipif(ROOT, reason="root reads any file whatever its permission bits")
def test_a_database_without_read_permission_says_permission(db):  # pragma: no cover - runs as a normal user
    os.chmod(db, 0)
    try:
        r = cli("facts", "--db", db)
        assert r.exit_code == 2
        one_error_line(r, "permission")
        assert "--full" not in r.stderr
    finally:
        os.chmod(db, 0o644)


# -- 5. check, damage, and --full as the recovery ---------------------------------------------


def root_page(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def garble_page(db: Path, page: int) -> None:
    """Overwrite one page of a closed database (no -wal left) with garbage."""
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    size = sqlite3.connect(db).execute("PRAGMA page_size").fetchone()[0]
    with open(db, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(bytes((i * 37 + 11) % 256 for i in range(size)))


def test_check_passes_a_healthy_database(db):
    r = cli("check", "--db", db)
    assert r.exit_code == 0 and "ok" in r.stderr


@pytest.mark.parametrize("table", ["articles", "runs", "facts"])
def test_damage_is_noticed_and_full_recovers(built, db, table):
    src = built[0]
    garble_page(db, root_page(db, table))
    r = cli("check", "--db", db)
    assert r.exit_code == 1 and "error: " in r.stderr and "Traceback" not in r.output
    r = cli("build", src, "--db", db)  # an incremental build stops instead of "all unchanged"
    assert r.exit_code == 1
    one_error_line(r, str(db), "damaged", "--full")
    assert "unchanged" not in r.stderr
    r = cli("build", src, "--db", db, "--full")  # the documented recovery
    assert r.exit_code == 0, r.output
    assert "was damaged" in r.stderr
    assert store.check(db) == [] and sorted(store.table(db, "articles")["id"]) == sorted(TEXTS)
    assert cli("check", "--db", db).exit_code == 0


def test_full_keeps_what_can_be_read_of_a_damaged_database(built, db, tmp_path):
    """An article whose input is gone is kept with --keep-missing: from the damaged file too."""
    garble_page(db, root_page(db, "runs"))
    src = write_corpus(tmp_path / "two", {k: v for k, v in TEXTS.items() if k != "invest"})
    r = cli("build", src, "--db", db, "--full", "--keep-missing")
    assert r.exit_code == 0, r.output
    assert "3 article(s) and 0 run(s) could be read" in r.stderr
    assert sorted(store.table(db, "articles")["id"]) == sorted(TEXTS)


# -- 6. HTML escapes everything from the data --------------------------------------------------


def test_show_html_escapes_the_id_and_title(tmp_path):
    src = tmp_path / "hostile.jsonl"
    rec = {"id": "x<b>1", "text": TEXTS["gdp"], "meta": {"date": "2022", "title": "<script>alert(1)</script>"}}
    src.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    db, page = tmp_path / "f.sqlite", tmp_path / "page.html"
    assert cli("build", src, "--db", db).exit_code == 0
    r = cli("show", "x<b>", "--db", db, "--html", page)
    assert r.exit_code == 0, r.output
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "x<b>1" not in html and "x&lt;b&gt;1" in html


def test_eval_html_escapes_gold_labels_and_ids(built, tmp_path):
    text = TEXTS["gdp"]
    span = {"start": 0, "end": 5, "label": "<img src=x onerror=alert(1)>", "text": text[:5]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g<b>1", "text": text, "spans": [span]}, ensure_ascii=False) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "g<b>1", "text": text, "spans": [span]}, ensure_ascii=False) + "\n", encoding="utf-8")
    report = tmp_path / "report.html"
    r = cli("eval", "--gold", gold, "--pred", pred, "--html", report, "--corpus", built[0])
    assert r.exit_code == 0, r.output
    html = report.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "g<b>1" not in html


# -- 7. the terminal gets no control sequences from the data ----------------------------------


def test_show_and_facts_neutralise_escape_sequences_but_files_keep_them(tmp_path):
    src = tmp_path / "esc.jsonl"
    text = "2022年，全市地区生产总值\x1b[31m1000亿元，增长5%。\x1b]0;title\x07"
    rec = {"id": "e\x1b[2Jsc", "text": text, "meta": {"date": "2022", "title": "\x1b]0;pwned\x07标题"}}
    src.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "f.sqlite"
    assert cli("build", src, "--db", db).exit_code == 0
    for args in (["show", "e", "--db", db], ["facts", "--db", db]):
        r = cli(*args)
        assert r.exit_code == 0, r.output
        assert "\x1b" not in r.stdout and "\x07" not in r.stdout, args
        assert "␛[2J" in r.stdout, args
    assert "␛[31m" in cli("show", "e", "--db", db).stdout
    out = tmp_path / "facts.json"
    assert cli("facts", "--db", db, "--format", "json", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["article_id"] == "e\x1b[2Jsc"  # files keep the data


# -- 8. disk full and a read-only database file ------------------------------------------------


def test_disk_full_names_the_database(db):
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA max_page_count = 1")  # no room left: SQLITE_FULL on the next page
    with pytest.raises(sqlite3.OperationalError) as info:
        conn.execute("INSERT INTO runs (started_at, status, mode, version, pxextract_version, rules_hash, inputs)"
                     " VALUES (?, 'x', 'x', 'x', 'x', 'x', ?)", ("now", "x" * 100_000))
    conn.close()
    err = store.db_error(db, info.value)
    assert str(err).startswith(f"{db}: the disk is full") and err.exit_code == 1


def test_disk_full_during_a_build_is_one_line_with_the_path(built, db, monkeypatch):
    real_connect = store.builder.connect

    def cramped(path, **kw):
        conn = real_connect(path, **kw)
        conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(store.builder, "connect", cramped)
    r = cli("build", built[0], "--db", db, "--full")
    assert r.exit_code == 1
    one_error_line(r, "the disk is full", "free some space")
    assert store.check(db) == []  # the old database is intact


def test_read_only_database_file_message():
    message, code = dbfile.explain("facts.sqlite", sqlite3.OperationalError("attempt to write a readonly database"))
    assert message.startswith("facts.sqlite: the database file is read-only") and "--full" not in message and code == 2


# -- 9. no hang, no crash ------------------------------------------------------------------------


def test_a_bogus_dask_address_fails_at_once(built, tmp_path):
    t0 = time.monotonic()
    r = cli("build", built[0], "--db", tmp_path / "f.sqlite", "--dask", "bogus")
    assert r.exit_code == 2 and time.monotonic() - t0 < 10
    one_error_line(r, "--dask bogus", "not a scheduler address")
    assert not (tmp_path / "f.sqlite").exists()


def test_a_year_beyond_sqlite_integers_is_a_usage_error(db):
    r = cli("facts", "--db", db, "--year", "99999999999999999999")
    assert r.exit_code == 2
    one_error_line(r, "--year 99999999999999999999", "not a year")


@pytest.mark.slow
def test_a_damaged_segmentation_cache_is_rebuilt(built, tmp_path):
    """Wrong types, then garbage bytes, in the on-disk segmentation table: ignored and rebuilt."""
    env = {**os.environ, "PXEXTRACT_CACHE": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "pxextract.cli", "extract", str(built[0] / "gdp.txt")]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    cached = list((tmp_path / "cache").glob("segmenter-*.marshal"))
    if not cached:
        pytest.skip("rjieba not installed: no segmentation table is cached")
    for garbage in (marshal.dumps({"format": 2, "words": 1, "freqs": "x", "extra": None, "tag_words": [], "tags": {}}),
                    b"\x00garbage" * 100):
        cached[0].write_bytes(garbage)
        again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
        assert again.stdout == first.stdout
        assert marshal.loads(cached[0].read_bytes())["format"] == 2  # rebuilt
