"""Hostile input loses nothing: every bad file is named, good ones are extracted, no traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

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
    ]:
        assert f"error: {root / BAD / name}: " in r.stderr and reason in r.stderr, name
    for name, enc in [("gbk.txt", "gb18030"), ("utf16.txt", "utf-16"), ("truncated_utf8.txt", "utf-8 (truncated")]:
        assert f"note: {root / BAD / name}: read as {enc}" in r.stderr
    recs = {json.loads(l)["id"]: json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()}
    assert set(recs) == {"gbk", "utf16", "utf8_bom", "crlf", "cr_only", "fullwidth", "traditional", "english", "truncated_utf8"}
    values = {s["text"]: s.get("value") for s in recs["traditional"]["spans"]}
    assert values["3.5億元"] == 350000000 and values["兩萬人"] == 20000 and values["110萬畝"] == 1100000
    assert {s["text"]: s.get("value") for s in recs["gbk"]["spans"]}["123.77亿元"] == 12377000000
    assert recs["gbk"]["meta"]["encoding"] == "gb18030"
    assert "4 failed" in r.stderr


def test_html_is_rejected_with_a_message(root):
    r = run("extract", root / BAD / "page.html")
    assert r.exit_code == 1 and "HTML is not read" in r.stderr and "Traceback" not in r.output


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
    text = ("全市投资3亿元，增长5%，" * 20000)  # one 220,000-character line without a full stop
    t = time.perf_counter()
    rec = extractor.record("long", text, {"date": "2022"})
    assert len([s for s in rec["spans"] if s["label"] == "MONEY"]) == 20000
    assert time.perf_counter() - t < 30  # linear: about 2.5 s here
    assert extractor.record("en", "GDP grew by 5% in 2021 and reached 3 billion.", {})["spans"] is not None


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
