"""News furniture (issue #12, docs/annotation.md §6 News): datelines, bylines and credits, and the
publication date the pipeline uses (metadata, else the text, else none).

The spec files hold the span-level cases (tests/specs/entities.jsonl ``ent-news-*``,
tests/specs/records.jsonl ``rec-news-*``); here: the record's ``meta``, the rules file, and checks
on real news when ``../shared/corpus-news`` is present.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from pxextract.extract.entities import NewsFurniture
from pxextract.pipeline import Extractor
from pxextract.publication_date import parse_date, publication_meta
from pxextract.rules import RulesError, default_rules_dir, load_rules

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-news" / "news2023.jsonl"
NUMERIC = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")


@pytest.fixture(scope="module")
def furniture():
    return NewsFurniture(load_rules())


# -- the publication date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-08-16", (2023, 8, 16)),
        ("2022", (2022, None, None)),
        ("2023年07月19", (2023, 7, 19)),
        ("2023/08/12", (2023, 8, 12)),
        ("202307/23 ", (2023, 7, 23)),  # compact year and month
        ("时间：2023-07", (2023, 7, None)),  # a label around the date
        ("[2023/07/2", (2023, 7, None)),  # a one-digit day at the very end may be cut off: dropped
        ("2023-02-30", (2023, 2, None)),  # no such day
        ("07-21 15:4", None),  # month and day only: no year
        ("23-07-26 0", (2023, 7, 26)),  # a whole YY-MM-DD stamp: two-digit year (51 news articles)
        ("23-13-26 0", None),  # no such month: nothing read
        ("98/10/01", (1998, 10, 1)),  # %y convention: 70–99 → 19YY
        ("来源：新华社", None),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_metadata_date_wins_over_the_text(furniture):
    meta = publication_meta({"date": "2022-05-01", "title": "t"}, "发布时间：2023-08-16\n正文", furniture)
    assert meta == {"date": "2022-05-01", "date_source": "metadata", "title": "t"}


def test_metadata_year_completed_by_the_dateline(furniture):
    meta = publication_meta({"date": "2023"}, "新华社北京8月17日电 正文", furniture)
    assert meta == {"date": "2023-08-17", "date_source": "metadata", "date_metadata": "2023"}
    # a dateline of another month does not complete a metadata month
    assert publication_meta({"date": "2023-07"}, "新华社北京8月17日电 正文", furniture)["date"] == "2023-07"
    # a cited report's date is not the article's
    assert publication_meta({"date": "2023"}, "据路透社8月1日报道，正文", furniture)["date"] == "2023"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("发布时间：2023-08-16\n全市投资3亿元。", "2023-08-16"),
        ("2023-08-16 10:32 来源：新华网\n全市投资3亿元。", "2023-08-16"),
        ("2023年8月16日\n全市投资3亿元。", "2023-08-16"),  # a date alone on the first line
        ("2023年8月16日 星期三\n全市投资3亿元。", "2023-08-16"),
        ("原标题：油价上调2023-08-15 13:40:22 作者：姚立伟 国内油价……", "2023-08-15"),
        ("深圳新闻网2023年8月16日讯（记者 李明）全市投资3亿元。", "2023-08-16"),
        ("新华社北京8月17日电 全市投资3亿元。", None),  # a month and a day never give a year
        ("8月17日，记者从市统计局获悉，全市投资3亿元。", None),
        ("2023年7月18日，英特尔宣布投资3亿元。", None),  # an event's date opening a sentence
        ("全市投资3亿元。\n\n\n\n发布时间：2023-08-16", None),  # not in the first three lines
        ("一" * 400 + "发布时间：2023-08-16", None),  # not in the first characters
        ("发布时间：2023-02-30\n正文", None),  # no such day
    ],
)
def test_date_from_the_text(furniture, text, expected):
    meta = publication_meta({}, text, furniture)
    assert meta.get("date") == expected
    assert meta.get("date_source") == ("text" if expected else None)


def test_record_meta_says_what_was_used(extractor):
    rec = extractor.record("a", "2023-08-16 10:32 来源：新华网\n全市投资3亿元。", {"source": "web"})
    assert rec["meta"] == {"source": "web", "date": "2023-08-16", "date_source": "text"}
    rec = extractor.record("b", "全市投资3亿元。", {"date": "2022"})
    assert rec["meta"] == {"date": "2022", "date_source": "metadata"}
    rec = extractor.record("c", "全市投资3亿元。", {})
    assert rec["meta"] == {} and rec["spans"][0]["year"] is None
    # an unusable metadata value is kept, apart from the date that was used
    rec = extractor.record("d", "发布时间：2023-08-16\n全市投资3亿元。", {"date": "07-21 15:4"})
    assert rec["meta"] == {"date": "2023-08-16", "date_source": "text", "date_metadata": "07-21 15:4"}
    assert rec["spans"][-1]["year"] == 2023


def test_no_date_keeps_years_null(extractor):
    rec = extractor.record("x", "中新网北京8月17日电 今年以来，全市新增企业20家，投资增长5%。", {})
    assert "date" not in rec["meta"]
    for s in rec["spans"]:
        if s["label"] in NUMERIC:
            assert s["year"] is None, s
        if s["label"] == "DATE":
            assert s["year_end"] is None, s


def test_text_date_without_the_entity_component():
    ex = Extractor(entities=False)
    rec = ex.record("a", "发布时间：2023-08-16\n全市投资3亿元。", {})
    assert rec["meta"]["date"] == "2023-08-16" and rec["spans"][-1]["year"] == 2023


# -- furniture names -------------------------------------------------------------------------------


def test_dateline_parts(furniture):
    (d,) = furniture.datelines("中新网乌鲁木齐8月17日电（记者 王小军）喀什地区")
    assert (d["kind"], d["year"], d["month"], d["day"]) == ("dateline", None, 8, 17)
    assert [(s.text, s.label) for s in d["spans"]] == [("中新网", "ORG"), ("乌鲁木齐", "GPE")]
    (d,) = furniture.datelines("据路透社8月1日报道，美国")
    assert d["kind"] == "cited"
    (d,) = furniture.datelines("8月3日记者从公安部获悉，")
    assert (d["kind"], d["month"], d["day"], d["spans"]) == ("heard", 8, 3, [])
    assert furniture.datelines("全市于8月17日电告各县。") == []  # no outlet before the date


def test_furniture_is_never_a_subject(extractor):
    text = "中新网乌鲁木齐8月17日电（记者 王小军）上半年实现地区生产总值520亿元。记者 王小军 摄"
    rec = extractor.record("x", text, {"date": "2023-08-17"})
    figure = next(s for s in rec["spans"] if s["label"] == "MONEY")
    assert figure["subject"] is None  # the key is there, null: the article names no subject (ANNOTATION.md)
    names = {(s["text"], s["label"]) for s in rec["spans"]}
    assert {("中新网", "ORG"), ("乌鲁木齐", "GPE"), ("王小军", "PERSON")} <= names
    assert all("furniture" not in s for s in rec["spans"])  # a private attribute, not output


def test_doc_spans_carry_no_private_attribute(extractor):
    doc = extractor.doc("新华社北京8月17日电（记者 王鹏）全市投资3亿元。", {"date": "2023"})
    assert [(e.text, e.label_) for e in doc.ents if e.label_ != "MONEY"] == [("新华社", "ORG"), ("北京", "GPE"), ("王鹏", "PERSON")]
    assert all("furniture" not in (e._.px or {}) for e in doc.ents)


def test_outlet_must_be_whole_words(extractor):
    rec = extractor.record("x", "中国网民规模达10.79亿人。据新华社报道，人民网记者 陈静 摄", {"date": "2023"})
    orgs = [s["text"] for s in rec["spans"] if s["label"] == "ORG"]
    assert "中国网" not in orgs and "新华社" in orgs and "人民网" in orgs


# -- the rules file ---------------------------------------------------------------------------------


def test_news_furniture_rules(furniture):
    rules = load_rules()
    words = rules.furniture
    assert {"outlet", "verb", "role", "credit_after", "source", "date_label"} <= set(words)
    known = {e.name: e.label for e in rules.gazetteer}
    for outlet in words["outlet"]:
        assert known.get(outlet, "ORG") == "ORG", f"{outlet} is {known[outlet]} in the gazetteer"
    assert set(words["outlet_any"]) <= set(words["outlet"])
    # a role word is no name and no surname
    assert not set(words["role"]) & set(words.get("surname", ()))


@pytest.mark.parametrize(
    "line, message",
    [
        ("anchor\t新华社\n", "'anchor' is not one of"),
        ("outlet\t新华社\tany\n", "duplicate entry"),
        ("outlet\t某某网\tsometimes\n", "'sometimes' is not one of"),
        ("surname\tAb\n", "one or two Han characters"),
        ("role\t记 者\n", "no spaces"),
    ],
)
def test_bad_news_furniture_file(tmp_path, line, message):
    d = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), d)
    with open(d / "news_furniture.tsv", "a", encoding="utf-8") as f:
        f.write(line)
    load_rules.cache_clear()
    try:
        with pytest.raises(RulesError) as exc:
            load_rules(d)
        assert "news_furniture.tsv:" in str(exc.value) and message in str(exc.value)
    finally:
        load_rules.cache_clear()


def test_rules_folder_without_news_furniture(tmp_path):
    d = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), d)
    (d / "news_furniture.tsv").unlink()
    load_rules.cache_clear()
    try:
        rules = load_rules(d)
        assert rules.furniture == {}
        f = NewsFurniture(rules)
        assert f.datelines("新华社北京8月17日电") == [] and f.spans("（记者 王小军）") == []
        assert publication_meta({}, "发布时间：2023-08-16\n正文", f) == {}
    finally:
        load_rules.cache_clear()


# -- real news ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def news_sample():
    if not NEWS.is_file():
        pytest.skip(f"news corpus not found at {NEWS}")
    lines = NEWS.read_text(encoding="utf-8").splitlines()
    return [json.loads(lines[i]) for i in random.Random(1206).sample(range(len(lines)), 120)]


def test_real_news_offsets_and_subjects(extractor, furniture, news_sample):
    """On real news: every offset exact; no figure's subject is a place written only in a dateline."""
    for art in news_sample:
        text = art["text"]
        rec = extractor.record(art["id"], text, art["meta"])
        for s in rec["spans"]:
            assert text[s["start"] : s["end"]] == s["text"]
        places = {s.text for d in furniture.datelines(text) for s in d["spans"] if s.label == "GPE"}
        only_dateline = {p for p in places if text.count(p) == 1}
        for s in rec["spans"]:
            if s["label"] in NUMERIC:
                assert s.get("subject") not in only_dateline, (art["id"], s)
        if rec["meta"].get("date_source") == "metadata":
            assert rec["meta"]["date"][:4] == str(parse_date(art["meta"]["date"])[0])
