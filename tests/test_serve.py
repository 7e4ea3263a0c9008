"""`pxextract serve` (issue #16, pxextract.serve, docs/explorer.md): bad files give one line,
the Datasette app answers the canned queries and the fact page, nothing is ever written; and,
marked slow, a real server driven by headless Chromium through selenium."""

from __future__ import annotations

import asyncio
import hashlib
import html
import os
import queue
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
import typer
from typer.testing import CliRunner

from pxextract import serve

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

pytest.importorskip("datasette", reason="the web extra (datasette) is not installed: pip install -e '.[test,web]'")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """A fact database of corpus/ (two articles), built by the CLI in a temporary folder (in this
    process: what is tested here is the explorer, not the build)."""
    from pxextract.cli import app

    path = tmp_path_factory.mktemp("serve") / "facts.sqlite"
    r = CliRunner().invoke(app, ["build", str(CORPUS), "--db", str(path), "--workers", "1"])
    assert r.exit_code == 0, r.output
    return path


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def fingerprint(path: Path) -> tuple:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def get(ds, url: str):
    return asyncio.run(ds.client.get(url))


def a_metric(db: Path) -> tuple[str, int]:
    """The metric with the most facts that have a year, and that count."""
    return rows(db, "SELECT metric, count(*) FROM facts WHERE metric IS NOT NULL AND year IS NOT NULL"
                    " GROUP BY metric ORDER BY count(*) DESC, metric LIMIT 1")[0]


# -- bad inputs: one line with the path and what to do ----------------------------------


def _bad(kind: str, tmp_path: Path, db: Path) -> Path:
    p = tmp_path / f"{kind}.sqlite"
    if kind == "missing":
        return p
    if kind == "article":
        p.write_text("萍乡经济开发区2022年地区生产总值增长8%。\n", encoding="utf-8")
    elif kind == "empty":
        p.write_bytes(b"")
    elif kind == "folder":
        p.mkdir()
    elif kind == "foreign":
        with sqlite3.connect(p) as conn:
            conn.execute("CREATE TABLE songs (title TEXT)")
        conn.close()
    elif kind in ("other-schema", "damaged", "garbled-header"):
        shutil.copy(db, p)
        if kind == "other-schema":
            conn = sqlite3.connect(p)
            conn.execute("PRAGMA user_version = 1")
            conn.close()
        else:
            data = bytearray(p.read_bytes())
            lo, hi = (0, 100) if kind == "garbled-header" else (4096 * 2, len(data) - 4096)
            data[lo:hi] = bytes((i * 37 + 11) % 256 for i in range(hi - lo))
            p.write_bytes(bytes(data))
    return p


BAD = {
    "missing": "no such database",
    "article": "not a SQLite database",
    "empty": "an empty file",
    "folder": "not a regular file",
    "foreign": "not a pxextract fact database",
    "other-schema": "another schema version",
    "damaged": "damaged",
    "garbled-header": "SQLite",
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_database_one_line(kind, tmp_path, db):
    p = _bad(kind, tmp_path, db)
    with pytest.raises(serve.ServeError) as e:
        serve.make_app(p)
    message = str(e.value)
    assert "\n" not in message and str(p) in message and BAD[kind] in message, message


def _app():
    from pxextract import cli_web

    app = typer.Typer()
    cli_web.register(app)
    return app


def test_serve_command_bad_database_exit_2(tmp_path, db):
    for kind in ("missing", "article", "damaged"):
        p = _bad(kind, tmp_path, db)
        r = CliRunner().invoke(_app(), ["serve", "--db", str(p), "--port", "0"])
        lines = [line for line in r.output.splitlines() if line.strip()]
        assert r.exit_code == 2 and len(lines) == 1 and lines[0].startswith(f"error: {p}: "), r.output


def test_module_entry_bad_database(tmp_path):
    p = tmp_path / "nope.sqlite"
    r = subprocess.run([sys.executable, "-m", "pxextract.serve", "--db", str(p), "--port", "0"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [f"error: {p}: no such database (create it with `pxextract build INPUT... --db {p}`)"]


def test_a_build_in_progress_is_refused(tmp_path, db):
    p = tmp_path / "facts.sqlite"
    shutil.copy(db, p)
    Path(f"{p}-wal").write_bytes(b"\0" * 1024)
    with pytest.raises(serve.ServeError, match="a build is writing it"):
        serve.check_db(p)


def test_without_datasette_says_how_to_install(monkeypatch, db):
    monkeypatch.setitem(sys.modules, "datasette", None)
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    with pytest.raises(serve.ServeError) as e:
        serve.make_app(db)
    assert str(e.value) == "pxextract serve needs the web extra: pip install -e '.[web]'"


def test_port_in_use(db):
    busy = serve.free_socket()
    try:
        with pytest.raises(serve.ServeError, match="cannot listen on 127.0.0.1:"):
            serve.free_socket(port=busy.getsockname()[1])
    finally:
        busy.close()


# -- the Datasette app in-process -------------------------------------------------------


@pytest.fixture(scope="module")
def ds(db):
    return serve.make_app(db)


def test_read_only_immutable(ds, db):
    before, names = fingerprint(db), siblings(db)
    assert [d.is_mutable for d in ds.databases.values() if d.name == "facts"] == [False]
    assert get(ds, "/facts/facts.json?_size=5").status_code == 200
    r = get(ds, "/facts.json?" + urlencode({"sql": "DELETE FROM facts"}))
    assert r.status_code == 400 and not r.json()["ok"]
    assert rows(db, "SELECT count(*) FROM facts")[0][0] > 0
    assert fingerprint(db) == before and siblings(db) == names  # no -wal, no -shm, same bytes and mtime


def test_metadata_and_facets(ds):
    r = get(ds, "/facts/facts.json?_size=1")
    assert set(r.json()["facet_results"]) >= {"label", "year", "subject", "modality"}
    page = get(ds, "/facts/facts").text
    assert "The number in the base unit of `unit`" in html.unescape(page)  # column descriptions
    assert "pxextract facts — facts.sqlite" in get(ds, "/").text


def test_canned_query_metric_across_years(ds, db):
    metric, n = a_metric(db)
    r = get(ds, "/facts/metric_across_years.json?" + urlencode({"metric": metric, "_shape": "array"}))
    got = [(x["article_id"], x["fact"]) for x in r.json()]
    want = rows(db, "SELECT article_id, fact FROM facts WHERE metric = ? AND year IS NOT NULL", (metric,))
    assert len(got) == n and sorted(got) == sorted(want)
    assert [x["year"] for x in r.json()] == sorted(x["year"] for x in r.json()) or len({x["unit"] for x in r.json()}) > 1
    subject = r.json()[0]["subject"]
    r = get(ds, "/facts/metric_across_years.json?" + urlencode({"metric": metric, "subject": subject[:2], "_shape": "array"}))
    assert r.json() and all(subject[:2] in x["subject"] for x in r.json())


def test_canned_query_targets_for_year(ds, db):
    year, n = rows(db, "SELECT year, count(*) FROM facts WHERE modality = 'target' AND year IS NOT NULL"
                       " GROUP BY year ORDER BY count(*) DESC LIMIT 1")[0]
    r = get(ds, f"/facts/targets_for_year.json?year={year}&_shape=array")
    assert len(r.json()) == n and {x["modality"] for x in r.json()} == {"target"} and {x["year"] for x in r.json()} == {year}


def test_canned_query_article_facts(ds, db):
    art = rows(db, "SELECT id FROM articles ORDER BY id LIMIT 1")[0][0]
    want = rows(db, "SELECT fact FROM facts WHERE article_id = ? ORDER BY start", (art,))
    for given in (art, art[:3]):  # the id, or its unique beginning
        r = get(ds, "/facts/article_facts.json?" + urlencode({"article": given, "_shape": "array"}))
        assert [(x["article_id"], x["fact"]) for x in r.json()] == [(art, f) for (f,) in want]
    assert get(ds, "/facts/article_facts.json?article=&_shape=array").json() == []


def _fact_pair(db: Path) -> tuple[tuple, tuple]:
    """Two facts whose figure is the same text in the same sentence (the seed article: "1个" twice)."""
    found = rows(db, "SELECT article_id, fact, text, start, \"end\", context FROM facts f WHERE"
                     " (length(context) - length(replace(context, text, ''))) / length(text) > 1"
                     " AND EXISTS (SELECT 1 FROM facts g WHERE g.article_id = f.article_id AND g.context = f.context"
                     "             AND g.text = f.text AND g.fact != f.fact) ORDER BY article_id, fact LIMIT 2")
    assert len(found) == 2, "corpus/ has a sentence stating one figure twice"
    return found[0], found[1]


def test_fact_page_marks_the_figure_where_it_stands(ds, db):
    first, second = _fact_pair(db)
    marked = []
    for art, fact, text, start, end, context in (first, second):
        r = get(ds, "/-/fact?" + urlencode({"article": art, "fact": fact}))
        assert r.status_code == 200
        page = r.text
        assert page.count("<mark>") == 1 and f"<mark>{html.escape(text)}</mark>" in page
        sentence = page.split('id="sentence">', 1)[1].split("</p>", 1)[0]
        assert html.unescape(sentence.replace("<mark>", "").replace("</mark>", "")) == context
        art_text = rows(db, "SELECT text FROM articles WHERE id = ?", (art,))[0][0]
        assert art_text[start:end] == text
        before = html.unescape(sentence.split("<mark>")[0])
        assert art_text[start - len(before):start] == before  # marked at its own offset, not at the first match
        marked.append(len(before))
        assert f'href="/facts/articles/{art}"' in page
    assert marked[0] != marked[1]


def test_fact_page_errors(ds):
    assert get(ds, "/-/fact?article=nope&fact=0").status_code == 404
    assert get(ds, "/-/fact?article=x").status_code == 400


def test_tables_and_queries_mark_and_link(ds, db):
    metric, _ = a_metric(db)
    page = get(ds, "/facts/metric_across_years?" + urlencode({"metric": metric})).text
    assert "<mark>" in page and 'href="/-/fact?article=' in page and 'href="/facts/articles/' in page
    page = get(ds, "/facts/facts?_size=20").text
    assert page.count("<mark>") >= 10 and 'href="/-/fact?article=' in page


def test_highlight_escapes_everything_else():
    from pxextract.web.plugin import highlight, locate

    context = '<script>alert("x")</script>增长5%&'
    span = locate(context, "5%", 100, 102)
    assert str(highlight(context, span)) == "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;增长<mark>5%</mark>&amp;"
    assert str(highlight("无", None)) == "无"


# -- a real server and a real browser --------------------------------------------------

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def _start(db: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-u", "-m", "pxextract.serve", "--db", str(db), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
    try:
        line = lines.get(timeout=120)
    except queue.Empty:
        proc.kill()
        raise AssertionError(f"serve printed no URL; stderr: {proc.stderr.read()}") from None
    assert line.startswith("pxextract serve: ") and "http://127.0.0.1:" in line, line
    return proc, line.split(" at ", 1)[1].split(" ", 1)[0]


def _browser(tmp_path: Path):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install -e '.[test,web]'")
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.skip("Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1280,900", f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


@pytest.mark.slow
def test_browser_explores_without_writing(db, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _browser(tmp_path)
    before, names = fingerprint(db), siblings(db)
    proc, url = _start(db)
    try:
        wait = WebDriverWait(driver, 30)
        metric, _ = a_metric(db)
        art, fact, text, year, context = rows(
            db, "SELECT article_id, fact, text, year, context FROM facts WHERE metric = ? AND year IS NOT NULL"
                " ORDER BY unit, subject, year LIMIT 1", (metric,))[0]

        # the canned query: a metric across years, as a person fills the form
        driver.get(url + "facts/metric_across_years")
        box = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[name=metric]")))
        box.send_keys(metric)
        driver.find_element(By.CSS_SELECTOR, "form.sql input[type=submit]").click()
        table = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.rows-and-columns")))
        shown = table.text
        assert text in shown and str(year) in shown and metric in shown
        assert table.find_element(By.CSS_SELECTOR, "mark").text  # the figures are marked in their sentences
        driver.save_screenshot(str(tmp_path / "metric_across_years.png"))

        # its fact link → the fact page: the figure marked in its sentence, the year, the article
        link = table.find_element(By.CSS_SELECTOR, f'a[href="/-/fact?{urlencode({"article": art, "fact": fact})}"]')
        link.click()
        sentence = wait.until(EC.presence_of_element_located((By.ID, "sentence")))
        assert sentence.text == context
        assert sentence.find_element(By.TAG_NAME, "mark").text == text
        assert str(year) in driver.find_element(By.TAG_NAME, "h1").text
        attrs = driver.find_element(By.ID, "attributes").text
        assert metric in attrs and str(year) in attrs
        driver.save_screenshot(str(tmp_path / "fact.png"))
        assert (tmp_path / "fact.png").stat().st_size > 10_000

        # and on to the article's row page
        driver.find_element(By.CSS_SELECTOR, "#article a").click()
        wait.until(EC.url_contains("/facts/articles/"))
        assert art in driver.find_element(By.TAG_NAME, "h1").text
        assert context[:10] in driver.find_element(By.TAG_NAME, "body").text  # its full text
    finally:
        driver.quit()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    time.sleep(0.1)
    assert fingerprint(db) == before and siblings(db) == names  # read-only: same bytes, same mtime, no -wal/-shm
