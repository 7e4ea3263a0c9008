"""Hostile input loses nothing: every bad file is named, good ones are extracted, no traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from typer.testing import CliRunner

from pxextract.cli import app

runner = CliRunner()
BAD = "tests/data/bad"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_bad_folder_names_every_bad_file_and_extracts_the_rest(root, tmp_path):
    out = tmp_path / "out.jsonl"
    r = run("extract", root / BAD, "-o", out)
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    for name, reason in [
        ("binary_nul.txt", "binary"),
        ("empty.txt", "empty file"),
        ("whitespace_only.txt", "empty file"),
        ("latin1.txt", "not UTF-8"),
        ("euckr.txt", "(Korean), not Chinese"),
        ("shiftjis.txt", "(Japanese), not Chinese"),
    ]:
        assert f"error: {root / BAD / name}: " in r.stderr and reason in r.stderr, name
    for name, enc in [("gbk.txt", "gb18030"), ("utf16.txt", "utf-16"), ("truncated_utf8.txt", "utf-8 (truncated")]:
        assert f"note: {root / BAD / name}: read as {enc}" in r.stderr
    recs = {json.loads(l)["id"]: json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()}
    assert set(recs) == {"page", "big5", "utf32", "gbk", "utf16", "utf8_bom", "crlf", "cr_only", "fullwidth", "traditional", "english", "truncated_utf8"}
    values = {s["text"]: s.get("value") for s in recs["traditional"]["spans"]}
    assert values["3.5億元"] == 350000000 and values["兩萬人"] == 20000 and values["110萬畝"] == 1100000
    assert {s["text"]: s.get("value") for s in recs["gbk"]["spans"]}["123.77亿元"] == 12377000000
    assert recs["gbk"]["meta"]["encoding"] == "gb18030"
    assert "6 failed" in r.stderr


def test_unsupported_file_kind_is_named(tmp_path):
    (tmp_path / "table.xlsx").write_bytes(b"PK\x03\x04 not really")
    r = run("extract", tmp_path / "table.xlsx")
    assert r.exit_code == 1 and "not a file kind pxextract reads" in r.stderr and "Traceback" not in r.output


def test_jsonl_bad_line_is_named_and_others_kept_unless_strict(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "投资3亿元。"}, ensure_ascii=False) + "\n{oops\n"
        + json.dumps({"id": "b", "text": "增长5%。"}, ensure_ascii=False) + "\n" + json.dumps({"id": "c"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    r = run("extract", src, "-o", out)
    assert r.exit_code == 1
    assert f"{src}:2: invalid JSON" in r.stderr and f'{src}:4: a record needs string "id" and "text"' in r.stderr
    assert [json.loads(l)["id"] for l in out.read_text(encoding="utf-8").splitlines()] == ["a", "b"]
    strict_out = tmp_path / "strict.jsonl"
    r = run("extract", src, "-o", strict_out, "--strict")
    assert r.exit_code == 1 and "nothing written" in r.stderr and not strict_out.exists()


def test_malformed_manifest_names_the_line(root):
    r = run("extract", root / "tests/data/bad_manifest")
    assert r.exit_code == 2 and "articles.csv:3" in r.stderr


def test_duplicate_ids_are_an_error(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    for d in ("x", "y"):
        (tmp_path / d / "same.txt").write_text("投资3亿元。", encoding="utf-8")
    r = run("extract", tmp_path)
    assert r.exit_code == 2 and "duplicate article id 'same'" in r.stderr


def test_long_line_and_non_chinese_text(extractor):
    # one 55,000-character line without a full stop (test_linear_time.py measures how time grows)
    text = ("全市投资3亿元，增长5%，" * 5000)
    t = time.perf_counter()
    rec = extractor.record("long", text, {"date": "2022"})
    assert len([s for s in rec["spans"] if s["label"] == "MONEY"]) == 5000
    assert time.perf_counter() - t < 15  # about 1.1 s here (3.6 s before h288: its figures read the sentence from its start)
    assert extractor.record("en", "GDP grew by 5% in 2021 and reached 3 billion.", {})["spans"] is not None


@pytest.mark.parametrize("text", ["\ufeff", "\ufeff\ufeff", "\ufeff\n\ufeff"])
def test_text_that_normalizes_to_nothing_gives_an_empty_record(extractor, text):
    """A text of byte-order marks only (what a BOM-only web page or an emptied file can leave) is
    an article without spans, not a crash (hypothesis found ``"\ufeff"``: IndexError in raw_words)."""
    rec = extractor.record("bom", text, {})
    assert rec["spans"] == [] and rec["text_sha256"]


@pytest.mark.slow
def test_sigkill_during_extract_leaves_output_complete_or_absent(tmp_path, root):
    src = (root / "corpus" / "000_23bbc0367b06fa24.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"a{i:03d}.txt").write_text(src, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    for delay in (0.5, 2.0, 4.0):
        proc = subprocess.Popen([sys.executable, "-m", "pxextract.cli", "extract", str(corpus), "-o", str(out), "--workers", "1"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        content = out.read_text(encoding="utf-8")
        lines = content.splitlines()
        assert content == "previous run\n" or (len(lines) == 60 and all(json.loads(l)["id"] for l in lines))


# -- issue #17: an input that cannot be read completely never removes what is stored ----------


def _ids(db) -> list[str]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return sorted(r[0] for r in conn.execute("SELECT id FROM articles"))


def _news_jsonl(path, n: int, bad_line: int | None = None):
    """``n`` records of about 120 bytes (so an 8 KB read-ahead spans ~70 lines); ``bad_line``
    gets an undecodable byte."""
    lines = []
    for i in range(1, n + 1):
        rec = json.dumps({"id": f"n{i:04d}", "text": f"2023年，第{i}号企业营业收入达{i}.5亿元，同比增长{i % 9 + 1}%。", "meta": {"date": "2023-08-01"}},
                         ensure_ascii=False).encode("utf-8")
        if i == bad_line:
            rec = rec.replace("企业".encode("utf-8"), b"\xff\xfe")
        lines.append(rec)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.mark.parametrize("full", [False, True])
def test_undecodable_jsonl_line_is_named_exactly_and_nothing_stored_is_lost(tmp_path, full):
    src = _news_jsonl(tmp_path / "news.jsonl", 300)
    db = tmp_path / "f.sqlite"
    assert run("build", src, "--db", db).exit_code == 0
    _news_jsonl(src, 300, bad_line=150)
    r = run("build", src, "--db", db, *(["--full"] if full else []))
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert f"error: {src}:150: not UTF-8" in r.stderr
    assert len(_ids(db)) == 300  # line 150's article is kept; the lines after it were read
    assert "1 kept from earlier builds" in r.stderr and "removed" not in r.stderr


def test_jsonl_lines_after_a_bad_one_are_read(tmp_path):
    src = _news_jsonl(tmp_path / "news.jsonl", 300, bad_line=10)
    out = tmp_path / "out.jsonl"
    r = run("extract", src, "-o", out)
    assert r.exit_code == 1 and f"{src}:10: not UTF-8" in r.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 299


def test_unreadable_subfolder_is_named_and_its_articles_kept(tmp_path, monkeypatch):
    import pxextract.read as read

    corpus = tmp_path / "c"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("2022年，全市投资3亿元。", encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text("2022年，全县投资2亿元。", encoding="utf-8")
    db = tmp_path / "f.sqlite"
    assert run("build", corpus, "--db", db).exit_code == 0 and _ids(db) == ["a", "b"]
    real = os.scandir

    def scandir(path):  # root reads any folder: stand in for a permission error
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(read.os, "scandir", scandir)
    r = run("build", corpus, "--db", db)
    assert r.exit_code == 1 and f"error: {corpus / 'sub'}: cannot read this folder (Permission denied)" in r.stderr
    assert _ids(db) == ["a", "b"]


def test_file_emptied_before_a_build_keeps_its_rows(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.txt").write_text("2022年，全市投资3亿元。", encoding="utf-8")
    db = tmp_path / "f.sqlite"
    run("build", corpus, "--db", db)
    (corpus / "b.txt").write_text("", encoding="utf-8")
    for extra in ([], ["--full"]):
        r = run("build", corpus, "--db", db, *extra)
        assert r.exit_code == 1 and f"{corpus / 'b.txt'}: empty file" in r.stderr and _ids(db) == ["a", "b"]


def test_one_failing_article_never_stops_a_build(tmp_path):
    """Any exception inside one article's extraction (overflow, recursion, a bug) fails that
    article, named, and the build goes on; so does one that runs past its time budget."""
    from pxextract import feed, store
    from pxextract.read import Article

    class Flaky:
        version = "stand-in"

        def record(self, art_id, text, meta):
            if art_id == "deep":
                raise RecursionError("maximum recursion depth exceeded")
            if art_id == "big":
                raise OverflowError("int too large to convert to float")
            if art_id == "slow":
                time.sleep(5)
            return {"id": art_id, "meta": meta, "text_sha256": "", "spans": [
                {"start": 0, "end": 3, "label": "MONEY", "text": text[:3], "value": 3 * 10 ** 30, "unit": "元"}]}

    arts = [Article(i, "3亿元，别的。", {}, f"{i}.txt") for i in ("ok1", "deep", "big", "slow", "ok2")]
    t0 = time.perf_counter()
    report = store.build(tmp_path / "f.sqlite", arts, extraction=feed.extraction(extractor=Flaky(), article_timeout=0.5))
    assert time.perf_counter() - t0 < 4
    assert report.processed == 2 and len(report.failures) == 3
    text = "\n".join(report.failures)
    assert "deep.txt: extraction failed (RecursionError" in text and "big.txt: extraction failed (OverflowError" in text
    assert "slow.txt: took longer than" in text and "time budget" in text
    assert _ids(tmp_path / "f.sqlite") == ["ok1", "ok2"]


def test_article_timeout_in_extract(tmp_path, monkeypatch):
    from pxextract import batch

    calls = []

    class Slow:
        def record(self, art_id, text, meta):
            calls.append(art_id)
            if art_id == "slow":
                time.sleep(5)
            return {"id": art_id}

    from pxextract.read import Article

    arts = [Article(i, "3亿元。", {}) for i in ("a", "slow", "b")]
    out = list(batch.extract_many(arts, workers=1, extractor=Slow(), timeout=0.3))
    assert [(a.id, err is None) for a, _, err in out] == [("a", True), ("slow", False), ("b", True)]
    assert "time budget" in out[1][2]


@pytest.mark.parametrize("line, reason", [
    ('{"id": "\\ud800x", "text": "投资3亿元。"}', "lone surrogate"),
    ('{"id": "m", "text": "投资3亿元。", "meta": {"title": "\\udc80"}}', "lone surrogate"),
    ('{"id": "big", "text": "投资3亿元。", "meta": {"n": ' + "9" * 5000 + "}}", "invalid JSON"),
    ('{"id": "deep", "text": "投资3亿元。", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}", "invalid JSON"),
    ('{"id": "nest", "text": "投资3亿元。", "meta": {"a": ' + "[" * 500 + "]" * 500 + "}}", "nested deeper"),
])
def test_hostile_jsonl_records_are_named_and_the_rest_stored(tmp_path, line, reason):
    src = tmp_path / "in.jsonl"
    good = json.dumps({"id": "good", "text": "2022年，全市投资3亿元。"}, ensure_ascii=False)
    src.write_text(good + "\n" + line + "\n", encoding="utf-8")
    db = tmp_path / "f.sqlite"
    r = run("build", src, "--db", db)
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output
    assert f"error: {src}:2: " in r.stderr and reason in r.stderr
    assert _ids(db) == ["good"]


def test_lone_surrogates_in_text_become_replacement_characters(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "s", "text": "投资\\ud8003亿元。"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("extract", src, "-o", out)
    assert r.exit_code == 0 and "lone surrogate" in r.stderr  # noted, offsets unchanged
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert [s["text"] for s in rec["spans"] if s["label"] == "MONEY"] == ["3亿元"]


def test_file_name_that_is_not_utf8_is_named_and_others_stored(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("2022年，全市投资3亿元。", encoding="utf-8")
    bad = os.path.join(os.fsencode(corpus), b"bad\xff.txt")
    with open(bad, "wb") as f:
        f.write("全县投资2亿元。".encode("utf-8"))
    db = tmp_path / "f.sqlite"
    r = run("build", corpus, "--db", db)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert f"{corpus}/bad\\xff.txt: file name is not valid UTF-8" in r.stderr
    assert _ids(db) == ["good"]


def test_folders_nested_a_thousand_deep(tmp_path):
    d = tmp_path / "c"
    deep = d
    d.mkdir()
    out = tmp_path / "out.jsonl"
    try:
        for _ in range(1000):  # os.makedirs recurses: make them one by one
            deep = deep / "d"
            deep.mkdir()
        (deep / "deep.txt").write_text("2022年，全市投资3亿元。", encoding="utf-8")
        r = run("extract", d, "-o", out)
        assert r.exit_code == 0, r.output
        assert json.loads(out.read_text(encoding="utf-8"))["id"] == "deep"
    finally:  # shutil.rmtree (pytest's clean-up) recurses too: undo it level by level
        (deep / "deep.txt").unlink(missing_ok=True)
        while deep != d:
            deep.rmdir()
            deep = deep.parent


@pytest.mark.parametrize("name, outcome", [
    ("utf32.txt", "read as utf-32"),
    ("big5.txt", "read as big5hkscs"),
    ("euckr.txt", "(Korean), not Chinese"),
    ("shiftjis.txt", "(Japanese), not Chinese"),
])
def test_encodings_by_bom_and_by_language(root, tmp_path, name, outcome):
    r = run("extract", root / BAD / name, "-o", tmp_path / "o.jsonl")
    assert outcome in r.stderr and "Traceback" not in r.output
    if "read as" in outcome:
        spans = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))["spans"]
        assert any(s["label"] in ("MONEY", "PERCENT") for s in spans)
    else:
        assert r.exit_code == 1 and not (tmp_path / "o.jsonl").read_text(encoding="utf-8")


def test_text_of_mostly_replacement_characters_is_rejected(tmp_path):
    (tmp_path / "junk.txt").write_text("\ufffd" * 50 + "投资3亿元", encoding="utf-8")
    r = run("extract", tmp_path / "junk.txt")
    assert r.exit_code == 1 and "mostly replacement characters" in r.stderr


@pytest.mark.parametrize("rows, code, message", [
    ("a,a.txt,2022,A,s\nb,gone.txt,2022,B,s\n", 1, "articles.csv:3: file 'gone.txt' not found"),
    ("a,a.txt,2022,A,s\nb,a.txt,2022,B,s\n", 2, "articles.csv:3: duplicate file 'a.txt' (first on line 2)"),
    ("a,a.txt,2022-13-45,A,s\n", 2, "articles.csv:2: date '2022-13-45' is not a real"),
])
def test_manifest_errors_name_file_and_line(tmp_path, rows, code, message):
    (tmp_path / "a.txt").write_text("2022年，全市投资3亿元。", encoding="utf-8")
    (tmp_path / "articles.csv").write_text("id,file,date,title,source\n" + rows, encoding="utf-8")
    r = run("extract", tmp_path, "-o", tmp_path / "o.jsonl")
    assert r.exit_code == code and message in r.stderr, r.stderr


def test_manifest_title_keeps_its_line_break_and_is_read_once(tmp_path, monkeypatch):
    import pxextract.read as read

    for i in range(30):
        (tmp_path / f"a{i}.txt").write_text("2022年，全市投资3亿元。", encoding="utf-8")
    (tmp_path / "articles.csv").write_text('id,file,date,title,source\nx,a0.txt,2022,"第一行\n第二行",s\n', encoding="utf-8")
    calls = []
    real = read.read_manifest
    monkeypatch.setattr(read, "read_manifest", lambda p: calls.append(p) or real(p))
    arts, errs = read.read_inputs(sorted(tmp_path.glob("*.txt")))  # as `build corpus/*.txt` gives them
    assert len(calls) == 1 and not errs and len(arts) == 30
    assert arts[0].id == "x" and arts[0].meta["title"] == "第一行\n第二行"


def test_skipped_file_kinds_are_counted_or_named(tmp_path):
    (tmp_path / "a.txt").write_text("2022年，全市投资3亿元。", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "data.xlsx").write_bytes(b"x")
    r = run("extract", tmp_path, "-o", tmp_path / "o.jsonl")
    assert r.exit_code == 0 and "skipped 2 file(s) of kinds pxextract does not read (.md 1, .xlsx 1)" in r.stderr
    r = run("extract", tmp_path, "-o", tmp_path / "o.jsonl", "--verbose")
    assert f"note: {tmp_path / 'notes.md'}: skipped" in r.stderr


def test_an_article_over_the_size_limit_is_refused_and_its_rows_kept(tmp_path, monkeypatch):
    """One article's memory grows with it (a 50 MB article peaks at 3.7 GB): one over the limit
    is named and skipped, its stored rows kept, the others processed."""
    import pxextract.read as read

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("2022年，全市投资3亿元。", encoding="utf-8")
    (corpus / "huge.txt").write_text("2022年，全县投资2亿元。", encoding="utf-8")
    db = tmp_path / "f.sqlite"
    assert run("build", corpus, "--db", db).exit_code == 0
    (corpus / "huge.txt").write_text("2022年，全县投资2亿元。" * 10, encoding="utf-8")
    monkeypatch.setattr(read, "MAX_ARTICLE_CHARS", 100)
    r = run("build", corpus, "--db", db)
    assert r.exit_code == 1 and f"error: {corpus / 'huge.txt'}: 140 characters, over the limit of 100" in r.stderr
    assert _ids(db) == ["a", "huge"]
