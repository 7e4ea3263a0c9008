"""The CLI as a user runs it: extract, gold check, eval, converters, and clear errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pxextract.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_extract_corpus_to_file(root, tmp_path):
    out = tmp_path / "pred.jsonl"
    r = run("extract", root / "corpus", "-o", out)
    assert r.exit_code == 0, r.output
    recs = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in recs] == ["000_23bbc0367b06fa24", "002_88cda517c70e2da2"]
    assert recs[0]["meta"]["date"] == "2022" and len(recs[0]["text_sha256"]) == 64
    assert any(s["text"] == "82.32亿元" and s["value"] == 8232000000 for s in recs[0]["spans"])


def test_extract_jsonl_input_to_stdout(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": "投资超200亿元。", "meta": {"date": "2023"}}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = run("extract", src)
    assert r.exit_code == 0
    rec = json.loads(r.stdout.splitlines()[0])
    assert rec["spans"][0]["qualifier"] == "over" and rec["spans"][0]["year"] == 2023


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("latin1.txt", "Caf\xe9 cr\xe8me".encode("latin-1"), "not UTF-8"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("nul.txt", b"abc\x00def", "binary"),
    ],
)
def test_bad_file_is_named_and_others_still_extracted(tmp_path, name, data, message):
    (tmp_path / "good.txt").write_text("全市设立规模近3亿元的资金池。", encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    out = tmp_path / "out.jsonl"
    r = run("extract", tmp_path, "-o", out)
    assert r.exit_code == 1
    assert f"{tmp_path / name}: " in r.stderr and message in r.stderr
    assert "Traceback" not in r.output
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "good"


def test_folder_without_txt_is_a_usage_error(tmp_path):
    r = run("extract", tmp_path)
    assert r.exit_code == 2
    assert r.stderr.strip().startswith(f"error: {tmp_path}: no article files in this folder")


def test_missing_input(tmp_path):
    r = run("extract", tmp_path / "nope")
    assert r.exit_code == 2 and "no such file or folder" in r.stderr


def test_failed_output_leaves_no_partial_file(tmp_path, root):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    r = run("extract", tmp_path / "missing-input", "-o", out)
    assert r.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_gold_check_reports_file_and_line(tmp_path, root):
    bad = tmp_path / "bad.jsonl"
    good = (root / "gold" / "002_88cda517c70e2da2.jsonl").read_text(encoding="utf-8").strip()
    obj = json.loads(good)
    obj["spans"][0]["end"] += 1  # offsets no longer match the text
    bad.write_text(good + "\n{not json\n" + json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    r = run("gold", "check", bad, "--corpus", root / "corpus")
    assert r.exit_code == 1
    assert f"{bad}:2: invalid JSON" in r.stderr
    assert f"{bad}:3: " in r.stderr and "duplicate article id" in r.stderr or "!=" in r.stderr


def test_gold_sha_mismatch_is_an_error(tmp_path, root):
    line = json.loads((root / "gold" / "002_88cda517c70e2da2.jsonl").read_text(encoding="utf-8"))
    line["text_sha256"] = "0" * 64
    bad = tmp_path / "g.jsonl"
    bad.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    r = run("gold", "check", bad, "--corpus", root / "corpus")
    assert r.exit_code == 1 and "text_sha256 does not match" in r.stderr


def test_eval_on_seeds_with_html_and_json(tmp_path, root, monkeypatch):
    monkeypatch.chdir(root)
    html = tmp_path / "report.html"
    r = run("eval", "--gold", root / "gold" / "002_88cda517c70e2da2.jsonl", "--corpus", root / "corpus", "--html", html, "--json")
    assert r.exit_code == 0, r.output
    scores = json.loads(r.stdout)
    for key in ("ents_p", "ents_r", "ents_f", "ents_per_type", "record_f", "attr_value_acc", "date_year_end_acc"):
        assert key in scores
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<mark class="entity"' in page and "<svg" in page


def test_eval_takes_gold_files_as_arguments_as_a_shell_glob_gives_them(tmp_path, root):
    """`pxextract eval gold/0*.jsonl`: the files a glob expands to, the same scores as --gold each."""
    pred = tmp_path / "pred.jsonl"
    assert run("extract", root / "corpus", "-o", pred).exit_code == 0
    golds = sorted((root / "gold").glob("0*.jsonl"))
    assert len(golds) == 2
    common = ("--pred", pred, "--corpus", root / "corpus", "--json")
    by_args = run("eval", *golds, *common)
    by_option = run("eval", "--gold", golds[0], "--gold", golds[1], *common)
    assert by_args.exit_code == 0 and by_option.exit_code == 0, by_args.output
    assert json.loads(by_args.stdout)["support"] == json.loads(by_option.stdout)["support"]
    assert sum(json.loads(by_args.stdout)["support"].values()) > sum(json.loads(run("eval", golds[0], *common).stdout)["support"].values())


def test_eval_with_pred_file(tmp_path, root):
    pred = tmp_path / "pred.jsonl"
    assert run("extract", root / "corpus", "-o", pred).exit_code == 0
    r = run("eval", "--gold", root / "gold" / "000_23bbc0367b06fa24.jsonl", "--pred", pred, "--corpus", root / "corpus", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["numeric_f"] > 0.9


def test_doccano_and_label_studio_round_trip(tmp_path, root):
    gold = root / "gold" / "002_88cda517c70e2da2.jsonl"
    orig = json.loads(gold.read_text(encoding="utf-8"))
    for fmt, ext in (("doccano", "jsonl"), ("labelstudio", "json")):
        exported = tmp_path / f"x.{ext}"
        back = tmp_path / f"back-{fmt}.jsonl"
        assert run("gold", "export", gold, "-o", exported, "--format", fmt, "--corpus", root / "corpus").exit_code == 0
        assert run("gold", "import", exported, "-o", back, "--format", fmt).exit_code == 0
        again = json.loads(back.read_text(encoding="utf-8"))
        assert again["text_sha256"] == orig["text_sha256"]
        assert again["spans"] == orig["spans"]
        assert run("gold", "check", back, "--corpus", root / "corpus").exit_code == 0


def test_workers_give_the_same_output_in_the_same_order(tmp_path, root):
    src = root / "corpus" / "002_88cda517c70e2da2.txt"
    for i in range(10):  # enough articles for the pool to be used
        (tmp_path / f"a{i:02d}.txt").write_text(src.read_text(encoding="utf-8")[i * 100 :], encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("extract", tmp_path, "-o", one, "--workers", "1").exit_code == 0
    assert run("extract", tmp_path, "-o", two, "--workers", "2").exit_code == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert [json.loads(l)["id"] for l in one.read_text(encoding="utf-8").splitlines()] == [f"a{i:02d}" for i in range(10)]


def test_batch_date_and_the_warning_for_articles_without_one(tmp_path):
    """An article without a date gets a warning with its path and year-less figures keep year
    null (never a guess); ``--date`` gives the whole batch its publication date."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "今年以来，全市完成投资32亿元。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = run("extract", src)
    assert r.exit_code == 0 and f"warning: {src}:1: no publication date" in r.stderr and "1 without a publication date" in r.stderr
    money = [s for s in json.loads(r.stdout)["spans"] if s["label"] == "MONEY"]
    assert money and money[0].get("year") is None
    r = run("extract", src, "--date", "2023-08-16")
    assert r.exit_code == 0 and "warning" not in r.stderr
    rec = json.loads(r.stdout)
    assert rec["meta"]["date"] == "2023-08-16" and [s["year"] for s in rec["spans"] if s["label"] == "MONEY"] == [2023]
    db = tmp_path / "f.sqlite"
    r = run("build", src, "--db", db)
    assert r.exit_code == 0 and f"warning: {src}:1: no publication date" in r.stderr and "1 without a publication date" in r.stderr
    r = run("extract", src, "--date", "2023-02-30")
    assert r.exit_code == 2 and "--date '2023-02-30'" in r.stderr


def test_gold_import_of_the_other_tools_file_is_one_line(tmp_path, root):
    """`--format` is a choice (any case); a doccano file read as Label Studio (or the reverse)
    is one line naming the file and the other --format, not a Python error."""
    gold = root / "gold" / "002_88cda517c70e2da2.jsonl"
    doccano, studio = tmp_path / "x.jsonl", tmp_path / "x.json"
    assert run("gold", "export", gold, "-o", doccano, "--format", "Doccano", "--corpus", root / "corpus").exit_code == 0
    assert run("gold", "export", gold, "-o", studio, "--format", "LABELSTUDIO", "--corpus", root / "corpus").exit_code == 0
    r = run("gold", "import", doccano, "-o", tmp_path / "g.jsonl", "--format", "labelstudio")
    assert r.exit_code == 2 and r.stderr.startswith(f"error: {doccano}") and "Error:" not in r.stderr and len(r.stderr.splitlines()) == 1
    r = run("gold", "import", studio, "-o", tmp_path / "g.jsonl", "--format", "doccano")
    assert r.exit_code == 2 and r.stderr.startswith(f"error: {studio}") and len(r.stderr.splitlines()) == 1
    r = run("gold", "export", gold, "-o", doccano, "--format", "brat")
    assert r.exit_code == 2 and "'doccano'" in r.output and "'labelstudio'" in r.output
