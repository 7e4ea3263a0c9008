"""Parallel and distributed builds (issue #7, docs/scale.md): ``build --workers N`` and
``build --dask`` give the same rows as a build in one process; only articles that need
processing are sent out; a failing article is reported and the others stored; workers die
with the build and never hold its lock. Dask runs on loopback only (LocalCluster)."""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pxextract import processes, scale, store, workers
from pxextract.batch import extract_many
from pxextract.read import Article
from pxextract.cli import app
from test_store import ARTICLES, big_corpus, build, count_articles, rows, spawn, wait_for, write_corpus

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="builds lock with flock (POSIX)"),
              pytest.mark.slow]  # worker pools and Dask clusters: seconds each (pytest -m "not slow" skips them)

EXTRA = {  # more articles, so that a pool of two really splits the work
    "chengdu": "2023年，成都市实现地区生产总值22074.7亿元，比上年增长6.0%。",
    "qiandongnan": "2024年，黔东南州粮食总产量达到120.5万吨，目标到2025年达到125万吨。",
}


@pytest.fixture
def corpus(tmp_path, root) -> list[Path]:
    """Two folders, seven articles: the bundled corpus and five short ones."""
    return [root / "corpus", write_corpus(tmp_path / "in", {**ARTICLES, **EXTRA}, manifest=False)]


def cli_build(*args, timeout: float = 180) -> str:
    proc = spawn("build", *args)
    _, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return err


# -- --workers ----------------------------------------------------------------------------------


def test_workers_2_gives_the_same_rows_as_workers_1(tmp_path, corpus):
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    cli_build(*corpus, "--db", one, "--workers", "1")
    err = cli_build(*corpus, "--db", two, "--workers", "2")
    assert "7 processed, 0 unchanged" in err
    assert rows(one) == rows(two)  # articles, mentions, facts, entities: row for row
    assert store.check(two) == []


def test_default_workers_start_a_pool_only_for_enough_work(tmp_path, corpus, extractor, monkeypatch):
    """`build` without --workers uses every CPU (workers.default_workers), but a batch below
    workers.DEFAULT_MIN_CHARS stays in the build process; --workers N asks for the pool."""
    monkeypatch.setattr(workers, "default_workers", lambda: 2)
    default = scale.make_extract()
    assert isinstance(default, workers.Workers) and default.n == 2 and default.min_chars == workers.DEFAULT_MIN_CHARS
    small = build(tmp_path / "small.sqlite", *corpus, extract=default)
    assert small.processed == 7 and not default.pooled
    asked = scale.make_extract(workers=2)
    build(tmp_path / "asked.sqlite", *corpus, extract=asked)
    assert asked.pooled and asked.start_method == "fork"  # forked from the test's pipeline: no second one built
    assert rows(tmp_path / "small.sqlite") == rows(tmp_path / "asked.sqlite")
    one = scale.make_extract(workers=1)
    build(tmp_path / "one.sqlite", *corpus, extract=one)
    assert not one.pooled and one.sent == 7


def test_pool_sends_only_what_needs_processing(tmp_path, corpus, extractor):
    db = tmp_path / "facts.sqlite"
    build(db, *corpus, extractor=extractor)
    for name in ("chengdu", "qiandongnan"):
        (corpus[1] / f"{name}.txt").write_text(EXTRA[name] + "新建5G基站1.2万个。", encoding="utf-8")
    pool = workers.Workers(2)
    rep = build(db, *corpus, extract=pool)
    assert (rep.processed, rep.unchanged, rep.failures, pool.sent) == (2, 5, [], 2)
    again = workers.Workers(2)
    assert build(db, *corpus, extract=again).unchanged == 7 and again.sent == 0 and not again.pooled  # no pool started at all
    assert again._extractor is None  # nor the pipeline built
    ref = tmp_path / "ref.sqlite"
    build(ref, *corpus, extractor=extractor)
    assert rows(db) == rows(ref)


def test_extract_and_build_share_one_interface(extractor):
    """`extract` (batch.extract_many, cli.run_extract) and `build` (scale.make_extract) are the
    same Workers: same records in this process, forked, or spawned; failures as messages."""
    arts = [Article(f"a{i}", f"{2020 + i}年，全市投资{i + 1}亿元。", {"date": "2024"}) for i in range(6)]
    arts.insert(3, Article("deep", "投资3亿元。", {}))

    class Deep:  # the real pipeline but for one article
        version = extractor.version

        def record(self, art_id, text, meta):
            if art_id == "deep":
                raise RecursionError("maximum recursion depth exceeded")
            return extractor.record(art_id, text, meta)

    here = list(workers.Workers(1, extractor=Deep())(arts))
    forked = workers.Workers(2, extractor=Deep(), chunk_chars=1)
    assert list(forked(arts)) == here and forked.start_method == "fork"
    assert here[3][1] is None and here[3][2] == "extraction failed (RecursionError: maximum recursion depth exceeded)"
    spawned = workers.Workers(2, start_method="spawn", chunk_chars=1)
    assert [(a.id, r, e) for a, r, e in spawned(arts) if a.id != "deep"] == [(a.id, r, e) for a, r, e in here if a.id != "deep"]
    assert spawned.start_method == "spawn" and spawned.seconds_load == 0.0  # its workers built the pipeline
    assert list(extract_many(arts, workers=2, extractor=Deep())) == here
    assert gc.get_freeze_count() == 0  # the collector was tuned for the loops only


def test_fork_waits_for_a_progress_bar_and_refuses_other_threads(extractor):
    """A rich progress bar's refresh thread is paused while workers fork; any other running
    thread could hold a lock the children would inherit locked, so the pool is spawned."""
    import io

    from rich.console import Console
    from rich.progress import Progress

    arts = [Article(f"a{i}", f"{2020 + i}年，全市投资{i + 1}亿元。", {}) for i in range(4)]
    with Progress(console=Console(file=io.StringIO(), force_terminal=True), refresh_per_second=50):
        pool = workers.Workers(2, extractor=extractor, chunk_chars=1)
        assert len(list(pool(arts))) == 4 and pool.start_method == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        with processes.quiet_threads() as safe:
            assert not safe
    finally:
        stop.set()
        other.join()


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(entry.name))
    return out


def _open_files(pid: int) -> set[str]:
    out = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            out.add(os.readlink(fd))
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find the worker processes")
def test_workers_die_with_a_killed_build_and_never_hold_the_lock(tmp_path, root, extractor):
    """Workers fork from the build process while it holds the lock; each closes its copy of the
    lock's descriptor first thing, so SIGKILL of the build frees the lock at once, and the
    workers (PR_SET_PDEATHSIG, watchdog) are gone even while their parent is an unreaped zombie."""
    src, db = big_corpus(root, tmp_path / "big", 300), tmp_path / "facts.sqlite"
    proc = spawn("build", src, "--db", db, "--workers", "2")
    wait_for(lambda: count_articles(db) >= 5, proc)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "no worker processes found"
    lock = str(store.lock_path(db))
    for pid in workers:  # forked after the pipeline was built (a spawned worker runs multiprocessing.spawn)
        assert Path(f"/proc/{pid}/cmdline").read_bytes() == Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        assert lock not in _open_files(pid), "a worker kept its copy of the build lock's descriptor"
    assert lock in _open_files(proc.pid)
    with pytest.raises(store.BuildLocked):  # closing the workers' copies left the build's lock held
        with store.build_lock(db):
            pass
    proc.send_signal(signal.SIGKILL)
    # not reaped yet on purpose: the workers must go even while their parent is a zombie
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in workers if _alive(p)], "worker processes outlived the build"
    # free once the killed process is torn down (its last thread may still be finishing a write
    # when the workers are gone: seen once in a full CI run, 2026-12-06); an orphan would hold it for good
    deadline = time.monotonic() + 10
    while True:
        try:
            with store.build_lock(db):
                break
        except store.BuildLocked:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    proc.wait()
    n = count_articles(db)
    assert store.check(db) == []
    rep = build(db, src, extractor=extractor)  # resumes like a one-process build
    assert (rep.processed, rep.unchanged) == (300 - n, n)


def test_bad_options_are_usage_errors(tmp_path, corpus):
    runner = CliRunner()
    for args, message in ((["--workers", "0"], "at least 1"), (["--staging", str(tmp_path)], "--dask"),
                          (["--dask", "tcp://127.0.0.1:9", "--workers", "2"], "LocalCluster")):
        res = runner.invoke(app, ["build", *map(str, corpus), "--db", str(tmp_path / "f.sqlite"), *args])
        assert res.exit_code == 2 and message in res.output, res.output
    assert not (tmp_path / "f.sqlite").exists()


# -- Dask -----------------------------------------------------------------------------------------

distributed = pytest.importorskip("distributed")  # in the test extra; skipped only without it


def test_dask_local_cli_gives_the_same_rows(tmp_path, corpus, extractor):
    ref, db = tmp_path / "ref.sqlite", tmp_path / "dask.sqlite"
    build(ref, *corpus, extractor=extractor)
    err = cli_build(*corpus, "--db", db, "--dask", "local", "--workers", "2")
    assert "LocalCluster of 2 worker(s) at tcp://127.0.0.1:" in err  # loopback only
    assert "7 processed" in err
    assert rows(db) == rows(ref) and store.check(db) == []
    assert not list(tmp_path.glob("dask.sqlite.staging-*"))  # the staging folder is removed


@pytest.fixture(scope="module")
def cluster():
    """Two in-process workers (processes=False: reliable on two cores, no process start-up),
    one thread each, talking TCP on 127.0.0.1 like a real cluster, no dashboard."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as c:
        assert c.scheduler_address.startswith("tcp://127.0.0.1:")
        yield c


_SHARED: dict = {}  # the session Extractor, for the fake pipelines below (same process as the workers)
_LOCK = threading.Lock()


class _Boom:
    """The real pipeline, except that an article containing "BOOM" raises."""

    def __init__(self, ex):
        self.ex, self.version = ex, ex.version

    def record(self, art_id, text, meta):
        if "BOOM" in text:
            raise ValueError("boom")
        with _LOCK:
            return self.ex.record(art_id, text, meta)


def boom_factory(rules_dir):
    return _Boom(_SHARED["ex"])


class _OtherVersion:
    version = "0.0.0+rules.0000000000000000"


def other_version_factory(rules_dir):
    return _OtherVersion()


def test_dask_error_in_one_article_is_reported_and_the_others_stored(tmp_path, corpus, cluster, extractor):
    _SHARED["ex"] = extractor
    db = tmp_path / "facts.sqlite"
    build(db, *corpus, extractor=extractor)
    before = rows(db)
    (corpus[1] / "hailar.txt").write_text("BOOM 2023年，海拉尔区接待游客1000万人次。", encoding="utf-8")
    (corpus[1] / "luoyang.txt").write_text("2023年，洛阳市粮食产量达到260万吨。", encoding="utf-8")
    dx = scale.DaskExtract(cluster.scheduler_address, db=db, extractor_factory=boom_factory)
    rep = build(db, *corpus, extract=dx)
    assert (rep.processed, rep.unchanged, rep.kept, dx.sent) == (1, 5, 1, 2)
    assert len(rep.failures) == 1
    assert rep.failures[0].endswith("hailar.txt: extraction failed on " + dx.parts[0]["worker"] + " (ValueError: boom)")
    after = rows(db)
    for t in store.CONTENT_TABLES:  # the failed article keeps its previous rows
        assert [r for r in after[t] if r[0] == "hailar"] == [r for r in before[t] if r[0] == "hailar"] != []
    assert "260万吨" in store.table(db, "articles").set_index("id").loc["luoyang", "text"]
    assert store.table(db, "runs")["status"].tolist() == ["ok", "errors"]


def test_dask_incremental_with_a_shared_staging_folder(tmp_path, corpus, cluster, extractor):
    ref, db, staging = tmp_path / "ref.sqlite", tmp_path / "facts.sqlite", tmp_path / "shared"
    build(ref, *corpus, extractor=extractor)
    dx = scale.DaskExtract(cluster.scheduler_address, db=db, staging=staging, batch_chars=1)  # one batch per article
    assert build(db, *corpus, extract=dx, full=True).processed == 7
    assert rows(db) == rows(ref)  # the real pipeline, loaded by the WorkerPlugin from the shipped rules
    assert len(dx.parts) == 7 and all(p["path"].startswith(str(staging)) for p in dx.parts)  # written by the workers
    assert list(staging.iterdir()) == []  # the run's partitions are removed
    (corpus[1] / "pingxiang.txt").write_text("2022年，萍乡市地区生产总值达1200亿元。", encoding="utf-8")
    dx = scale.DaskExtract(cluster.scheduler_address, db=db)
    rep = build(db, *corpus, extract=dx)
    assert (rep.processed, rep.unchanged, dx.sent) == (1, 6, 1)
    # nothing to do: no connection at all (this address has no scheduler)
    idle = scale.DaskExtract("tcp://127.0.0.1:9", db=db)
    assert build(db, *corpus, extract=idle).unchanged == 7 and idle.sent == 0


def test_dask_workers_with_another_pipeline_version_are_refused(tmp_path, corpus, cluster, extractor):
    db = tmp_path / "facts.sqlite"
    dx = scale.DaskExtract(cluster.scheduler_address, db=db, extractor_factory=other_version_factory)
    with pytest.raises(scale.ScaleError, match="runs pipeline 0.0.0"):
        build(db, *corpus, extract=dx)
    assert store.table(db, "runs")["status"].tolist() == ["failed"] and count_articles(db) == 0


def test_dask_unreachable_scheduler_is_a_clear_error(tmp_path, corpus):
    dx = scale.DaskExtract("tcp://127.0.0.1:9", db=tmp_path / "facts.sqlite", connect_timeout=2)
    with pytest.raises(scale.ScaleError, match="cannot reach the Dask scheduler"):
        build(tmp_path / "facts.sqlite", *corpus, extract=dx)
