"""The NER model's training path, loading, errors and its place in the pipeline (issue #13).

A tiny model is trained on a few hundred generated sentences (not the MSRA file, which CI does
not have), so these tests check the machinery, not the model's quality (docs/model.md).
"""

from __future__ import annotations

import random

import pytest

pycrfsuite = pytest.importorskip("pycrfsuite")

from pxextract import ner  # noqa: E402
from pxextract.pipeline import Extractor  # noqa: E402

PERSONS = ["张伟", "李娜", "王建国", "刘洋", "陈静", "杨帆", "赵丽", "黄磊", "周敏", "吴刚"]
PLACES = ["萍乡", "洛阳", "海拉尔", "南昌", "赣州", "湘东", "芦溪", "上栗", "莲花", "安源"]
ORGS = ["华联集团", "中南大学", "江西银行", "萍钢公司", "赣锋锂业", "国家统计局", "洛阳海关", "新华社"]
TEMPLATES = [
    "{P}在{L}考察{O}。", "{O}总经理{P}介绍，{L}的产值增长１２％。", "记者{P}从{O}获悉，{L}新增企业３５家。",
    "{L}市委书记{P}出席会议。", "{P}说，{O}将在{L}投资５亿元。", "今年{L}接待游客２３００万人次，{O}贡献最大。",
]


def _sentence(rng: random.Random) -> tuple[str, list[str]]:
    t = rng.choice(TEMPLATES)
    chars: list[str] = []
    tags: list[str] = []
    i = 0
    while i < len(t):
        if t[i] == "{":
            key = t[i + 1]
            name = rng.choice({"P": PERSONS, "L": PLACES, "O": ORGS}[key])
            lab = {"P": "PER", "L": "LOC", "O": "ORG"}[key]
            chars.extend(name)
            tags.extend([f"B-{lab}"] + [f"I-{lab}"] * (len(name) - 1))
            i += 3
        else:
            chars.append(t[i])
            tags.append("O")
            i += 1
    return "".join(chars), tags


@pytest.fixture(scope="module")
def bio_file(tmp_path_factory):
    rng = random.Random(13)
    path = tmp_path_factory.mktemp("ner") / "tiny.bio"
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(300):
            text, tags = _sentence(rng)
            f.write("".join(f"{c}\t{t}\n" for c, t in zip(text, tags)) + "\n")
    return path


@pytest.fixture(scope="module")
def tiny_model(bio_file, tmp_path_factory):
    sents = ner.read_bio(bio_file)
    train, dev = ner.split_dev(sents, 0.1, seed=13)
    path = ner.train(train, tmp_path_factory.mktemp("model") / "tiny.crfsuite", iterations=30)
    return path, dev


def test_read_bio_folds_like_the_pipeline(bio_file):
    sents = ner.read_bio(bio_file)
    assert len(sents) == 300
    assert all(len(text) == len(tags) for text, tags in sents)
    assert not any(ch in text for text, _ in sents for ch in "１２３％")  # full-width folded to ASCII


def test_split_is_seeded_and_disjoint(bio_file):
    sents = ner.read_bio(bio_file)
    a = ner.split_dev(sents, 0.1, seed=13)
    b = ner.split_dev(sents, 0.1, seed=13)
    assert a == b and len(a[1]) == 30 and len(a[0]) + len(a[1]) == 300


def test_tiny_model_trains_and_scores(tiny_model):
    path, dev = tiny_model
    model = ner.NerModel(path)
    scores = ner.score(model, dev)
    assert set(scores) >= {"ALL", "PER", "LOC", "ORG"}
    assert scores["ALL"]["f"] > 0.8  # the templates are easy: the training path works


def test_pipeline_with_model_keeps_offsets_and_rules(tiny_model):
    path, _ = tiny_model
    ex = Extractor(model=path)
    assert ex.version.endswith("+ner." + ner.file_hash(path))
    text = "新华社南昌１２月５日电\n\n华联集团总经理王建国介绍，赣锋锂业将在上栗投资５亿元。推进碳达峰。"
    rec = ex.extract_text(text, date="2023")
    for s in rec["spans"]:
        assert text[s["start"]:s["end"]] == s["text"]
    names = {(s["text"], s["label"]) for s in rec["spans"]}
    assert ("新华社", "ORG") in names  # a rule's name stays
    assert not any(s["text"] == "碳达峰" for s in rec["spans"])  # the stop list
    rules_only = Extractor(model=False)
    assert "+ner." not in rules_only.version


@pytest.mark.parametrize("content", [None, b"", b"CRFSUITE garbage" * 10, b"\x00" * 100])
def test_missing_or_damaged_model_is_one_line(tmp_path, content):
    path = tmp_path / "ner.crfsuite"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ner.ModelError) as exc:
        ner.NerModel(path)
    msg = str(exc.value)
    assert "\n" not in msg and str(path) in msg and "--no-model" in msg


def test_truncated_model_is_one_line(tiny_model, tmp_path):
    path, _ = tiny_model
    cut = tmp_path / "cut.crfsuite"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    with pytest.raises(ner.ModelError):
        ner.NerModel(cut)


def test_cli_names_the_missing_model(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from pxextract.cli import app

    monkeypatch.setenv(ner.ENV, str(tmp_path / "nope.crfsuite"))
    src = tmp_path / "a.txt"
    src.write_text("萍乡市今年增长5%。", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(src), "--workers", "1"])
    assert r.exit_code != 0
    assert "nope.crfsuite" in r.output and "Traceback" not in r.output
    monkeypatch.setenv(ner.ENV, "on")  # --no-model overrides it (monkeypatch restores the variable after)
    r = CliRunner().invoke(app, ["extract", str(src), "--workers", "1", "--no-model"])
    assert r.exit_code == 0, r.output


def test_combiner_labels_places_by_rules():
    from pxextract.rules import load_rules

    c = ner.combiner_for(load_rules())
    assert c.label("萍乡市", "LOC") == "GPE"
    assert c.label("林田湖草沙", "PER") is None
    assert c.label("张", "PER") is None
    assert c.label("5%", "PER") is None


def test_eval_conll_scores_a_bio_file(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    monkeypatch.setenv(ner.ENV, "off")  # restored after the test (--no-model sets it)

    from pxextract.cli import app

    bio = tmp_path / "small.bio"
    rows = [("萍乡市", "LOC"), ("在", None), ("江西", "LOC"), ("。", None)]
    lines = []
    for text, lab in rows:
        for i, ch in enumerate(text):
            lines.append(f"{ch}\t{'O' if lab is None else ('B-' if i == 0 else 'I-') + lab}")
    bio.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["eval", "--conll", str(bio), "--no-model", "--json"])
    assert r.exit_code == 0, r.output
    import json

    scores = json.loads(r.output)
    assert scores["LOC"]["support"] == 2 and scores["LOC"]["f"] == 1.0  # GPE counts as LOC
    r = CliRunner().invoke(app, ["eval", "--conll", str(bio), "--no-model", "--label-map", "LOC"])
    assert r.exit_code != 0 and "label map" in r.output


def test_combiner_persons_and_merge():
    from itertools import accumulate

    from pxextract.rules import load_rules
    from pxextract.segment import Segmenter
    from pxextract.spans import Span

    c = ner.combiner_for(load_rules(), Segmenter.from_rules().word_tags())
    assert c.label("苗鸿玲", "PER") == "PERSON"  # an unknown three-character name
    assert c.label("李强", "PER") == "PERSON"
    assert c.label("白菜", "PER") is None  # a common word of the dictionary (白 is a surname)
    text = "引进北京中关村和上海康健进出口有限公司。"
    rules = [Span(2, 4, "GPE", "北京"), Span(8, 10, "GPE", "上海")]
    model = [(4, 7, "LOC"), (8, 19, "ORG")]
    out = [(s.text, s.label) for s in c.merge(rules, model, text)]
    # a place touching a rule's name is dropped; a model ORG holding a rule's place replaces it
    assert out == [("北京", "GPE"), ("上海康健进出口有限公司", "ORG")]
    furniture = [Span(8, 10, "GPE", "上海", {"furniture": "dateline"})]
    assert [s.text for s in c.merge(furniture, [(8, 19, "ORG")], text)] == ["上海"]
    # the longest name wins over the rules' organisations inside it too (annotation §3)
    text = "对金华银行股份有限公司杭州分行罚款30万元，金华银行回应。"
    rules = [Span(1, 11, "ORG", "金华银行股份有限公司"), Span(11, 15, "ORG", "杭州分行"), Span(22, 26, "ORG", "金华银行")]
    out = [(s.text, s.label) for s in c.merge(rules, [(1, 15, "ORG"), (22, 26, "ORG")], text)]
    assert out == [("金华银行股份有限公司杭州分行", "ORG"), ("金华银行", "ORG")]
    person = [Span(1, 3, "PERSON", "金华")]  # a person inside is never replaced
    # an anonymised person of the rules (刘某) yields to the model's one character longer (刘某娴: a kept
    # given-name character the rules cannot tell from a verb, 王某 + 穿); a longer or other model person does not
    text = "刘某娴表示，王某穿外套。"
    rules = [Span(0, 2, "PERSON", "刘某"), Span(6, 8, "PERSON", "王某")]
    assert [s.text for s in c.merge(rules, [(0, 3, "PER")], text)] == ["刘某娴", "王某"]
    assert [s.text for s in c.merge(rules, [(0, 4, "PER"), (6, 10, "PER")], text)] == ["刘某", "王某"]
    assert [s.text for s in c.merge(person, [(1, 15, "ORG")], text)] == ["金华"]
    # a leading term ordinal or 驻 + a province abbreviation is no part of a model name (annotation §6)
    text = "第十四届全国人民代表大会和驻赣人民解放军"
    rules = [Span(4, 12, "ORG", "全国人民代表大会")]
    out = [(s.text, s.label) for s in c.merge(rules, [(0, 12, "ORG"), (13, 20, "ORG")], text)]
    assert out == [("全国人民代表大会", "ORG"), ("人民解放军", "ORG")]
    # a name found once is found at its other mentions, whole words only, never inside another name
    text = "辽宁省公安厅通报。据辽宁省公安厅介绍，保罗·特谢拉表示，辽宁省公安厅长说，特谢拉到了。"
    found = [Span(0, 6, "ORG", "辽宁省公安厅"), Span(37, 40, "PERSON", "特谢拉")]
    words = set(accumulate(map(len, Segmenter.from_rules().cut(text)), initial=0))
    out = c.propagate(found, text, lambda a, b: a in words and b in words)
    assert [(s.start, s.text) for s in out] == [(0, "辽宁省公安厅"), (10, "辽宁省公安厅"), (28, "辽宁省公安厅"), (37, "特谢拉")]
    assert c.propagate(found, text, lambda a, b: False) == found  # not whole words: nothing added


def test_model_is_a_pipeline_option_not_process_state(monkeypatch, tmp_path):
    """An explicit model= wins over $PXEXTRACT_NER (only a default, read by ner.default_model),
    and building an Extractor sets nothing in the environment."""
    import os

    monkeypatch.setenv(ner.ENV, str(tmp_path / "nope.crfsuite"))  # would fail if it were read
    before = dict(os.environ)
    ex = Extractor(model=False)
    assert ex.model_path is None and "+ner." not in ex.version
    assert dict(os.environ) == before
    assert ner.model_path(None) == tmp_path / "nope.crfsuite"  # the default still comes from it
    monkeypatch.setenv(ner.ENV, "off")
    assert ner.default_model() is None and ner.model_path(True) == ner.MODEL_PATH


def test_extractor_leaves_the_garbage_collector_alone():
    import gc

    frozen = gc.get_freeze_count()
    Extractor(model=False)
    assert gc.get_freeze_count() == frozen and gc.isenabled()


def test_model_spans_fast_path_matches_bio_spans(tiny_model):
    """NerModel._bio_spans (one regular expression over a letter a label) finds the spans of
    bio_spans on any O / B- / I- sequence, and the white-space check is str.isspace's."""
    model = ner.NerModel(tiny_model[0])
    labels = ["O"] + [f"{h}-{lab}" for h in "BI" for lab in ner.LABELS]
    rng = random.Random(13)
    for _ in range(3000):
        y = [rng.choice(labels if rng.random() < 0.5 else ["O", "O", "B-PER", "I-PER", "I-ORG"]) for _ in range(rng.randint(0, 25))]
        assert model._bio_spans(y) == ner.bio_spans(y), y
    text = "张三\u3000李四 王五\n赵六\xa0钱七"
    for a in range(len(text)):
        for b in range(a, len(text) + 1):
            assert bool(ner._SPACE(text, a, b)) == any(ch.isspace() for ch in text[a:b])


def test_entity_replacement_keeps_the_other_tags_gold(bio_file):
    """--augment-orgs: one ORG span of a training sentence replaced by a modern name (萍钢公司 → 东方甄选)."""
    from pxextract import ner_augment

    sents = ner.read_bio(bio_file)
    names = ["东方甄选", "菜鸟", "阿维塔科技"]
    extra = ner_augment.augment(sents, names, 50, seed=7)
    assert extra == ner_augment.augment(sents, names, 50, seed=7) and len(extra) == 50  # seeded
    for text, tags in extra:
        assert len(text) == len(tags)
        orgs = [text[a:b] for a, b, lab in ner.bio_spans(tags) if lab == "ORG"]
        assert any(o in names for o in orgs)
        rest = [(text[a:b], lab) for a, b, lab in ner.bio_spans(tags) if lab != "ORG"]
        assert all(n in (PERSONS if lab == "PER" else PLACES) for n, lab in rest)  # other names untouched
    assert ner_augment.augment(sents, [], 5) == []
    rule_names = ner_augment.rule_org_names()
    assert "阿里巴巴" in rule_names and all(2 <= len(n) <= 20 for n in rule_names)
    recs = [("菜鸟和菜鸟，甲有限公司", [(0, 2, "ORG", "菜鸟"), (3, 5, "ORG", "菜鸟"), (6, 11, "ORG", "甲有限公司"), (0, 1, "GPE", "菜")]),
            ("乙集团", [(0, 3, "ORG", "乙集团")]), ("丙厂", [(0, 2, "ORG", "丙厂")])]
    assert ner_augment.news_org_names(recs) == ["甲有限公司", "菜鸟"]  # legal form or two mentions
    assert ner_augment.news_org_names(recs, 10**9) == ["甲有限公司"]
    assert ner_augment.has_latin("IT之家") and not ner_augment.has_latin("阿维塔")


def test_train_script_augments(bio_file, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "train_ner.py"
    out = tmp_path / "aug.crfsuite"
    run = subprocess.run([sys.executable, str(script), "--data", str(bio_file), "--out", str(out), "--iterations", "20",
                          "--augment-orgs", "100"], capture_output=True, text=True, check=True)
    assert "augmented: +100 sentences (seed 13)" in run.stdout and "rule names" in run.stdout
    scores = ner.score(ner.NerModel(out), ner.split_dev(ner.read_bio(bio_file), 0.1, seed=13)[1])
    assert scores["ALL"]["f"] > 0.8  # dev (never augmented) still tagged well
