"""Offsets are sacred: text[start:end] == span["text"] for every span of both corpora."""

from __future__ import annotations

import pytest

from pxextract.read import read_inputs


def _check_corpus(folder, extractor):
    articles, errors = read_inputs([folder])
    assert errors == []
    n = 0
    for art in articles:
        rec = extractor.record(art.id, art.text, art.meta)
        for s in rec["spans"]:
            assert art.text[s["start"] : s["end"]] == s["text"], (art.id, s)
            n += 1
        starts = [(s["start"], s["end"]) for s in rec["spans"]]
        assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:])), f"{art.id}: overlapping spans"
    return n


def test_bundled_corpus_offsets(root, extractor):
    assert _check_corpus(root / "corpus", extractor) > 200


def test_dev_corpus_offsets(dev_corpus, extractor):
    assert _check_corpus(dev_corpus, extractor) > 3000


def test_crlf_and_broken_lines_keep_raw_offsets(extractor):
    text = "全市设立规模近3亿元的\r\n资金池。交通枢\n\n纽城市投资１２．５亿元，增长８％。"
    rec = extractor.record("t", text, {"date": "2022"})
    got = {s["text"]: s for s in rec["spans"]}
    assert "3亿元" in got and got["3亿元"]["start"] == text.index("3亿元")
    assert got["１２．５亿元"]["value"] == 1250000000
    assert got["８％"]["value"] == 8
    for s in rec["spans"]:
        assert text[s["start"] : s["end"]] == s["text"]


def test_spacy_doc_carries_the_spans(extractor):
    doc = extractor.doc("2021年，农村居民人均可支配收入达22862元。", {"date": "2022"})
    assert doc.text.startswith("2021年")
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("22862元", "MONEY") in ents and ("2021年", "DATE") in ents
    money = next(e for e in doc.ents if e.label_ == "MONEY")
    assert money._.px["value"] == 22862 and money._.px["year"] == 2021
    assert list(doc.spans["pxextract"]) == list(doc.ents)


def test_repeated_passage_is_flagged_as_duplicate(extractor):
    para = "全市设立规模近3亿元的工业发展资金池，拟设立总规模100亿元、首批20亿元的产业引导基金，实行工业用地提级审批制度。"
    text = para + "\n\n" + para[para.index("批20亿元") :]  # layout debris: the tail repeated mid-sentence
    spans = [s for s in extractor.record("t", text, {"date": "2022"})["spans"] if s["label"] == "MONEY"]
    first = next(s for s in spans if s["text"] == "20亿元")
    repeat = [s for s in spans if s["text"] == "20亿元" and s is not first][0]
    assert repeat["duplicate_of"] == first["start"]
    assert "duplicate_of" not in first
    # the repeat lost 拟设立, yet keeps the first occurrence's attributes
    assert repeat["modality"] == first["modality"] == "target"
    assert repeat["metric"] == first["metric"]


def test_change_figures_carry_direction_and_base_year(extractor):
    rec = extractor.record("t", "全年全市工业增加值1751.6亿元，比上年增长1.3%；建筑业增加值下降3.0%。",
                           {"date": "2024-04-30", "title": "2023年洛阳市国民经济和社会发展统计公报"})
    pct = {s["text"]: s for s in rec["spans"] if s["label"] == "PERCENT"}
    assert pct["1.3%"]["change"] == "up" and pct["1.3%"]["base_year"] == 2022 and pct["1.3%"]["year"] == 2023
    assert pct["1.3%"]["metric"] == "工业增加值增长"
    assert pct["3.0%"]["change"] == "down"


def test_duplicate_of_points_at_the_raw_first_occurrence(root, extractor):
    text = (root / "corpus" / "000_23bbc0367b06fa24.txt").read_text(encoding="utf-8-sig")
    spans = extractor.record("000", text, {"date": "2022"})["spans"]
    by_start = {s["start"]: s for s in spans}
    dups = [s for s in spans if "duplicate_of" in s]
    assert len(dups) >= 5
    for s in dups:
        first = by_start[s["duplicate_of"]]
        assert first["text"] == s["text"] and first["start"] < s["start"]


def test_components_work_in_a_pipeline_with_another_tokenizer():
    """The components are registered by name: in a user's own pipeline (here spaCy's zh
    character segmenter, not ours) they still find the spans, with raw offsets, on doc.ents."""
    import spacy

    import pxextract.pipeline  # noqa: F401 - registers the components

    nlp = spacy.blank("zh")  # spaCy's default zh tokenizer: one token per character
    for name in ("pxextract_dates", "pxextract_numbers", "pxextract_entities", "pxextract_linker"):
        nlp.add_pipe(name)
    text = "2021年，萍乡市农林牧渔业总产值达123.77亿元，\n\n增长约50%。"
    doc = nlp(text)
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("2021年", "DATE"), ("123.77亿元", "MONEY"), ("50%", "PERCENT"), ("萍乡市", "GPE")} <= ents
    for e in doc.ents:
        assert text[e.start_char : e.end_char] == e.text
    money = next(e for e in doc.ents if e.label_ == "MONEY")
    assert money._.px["value"] == 12377000000 and money._.px["year"] == 2021


def test_no_memory_zone_is_left_open_after_a_batch(extractor):
    """extract_many keeps articles in spaCy memory zones, but closes the last one when it
    returns, so Docs the caller makes afterwards are not freed with a later zone."""
    from pxextract.batch import extract_many
    from pxextract.read import Article

    arts = [Article(f"a{i}", f"2021年全市投资{i + 1}亿元。", {"date": "2022"}) for i in range(3)]
    assert [rec["spans"][1]["value"] for _, rec, _ in extract_many(arts, workers=1, extractor=extractor)] == [1e8, 2e8, 3e8]
    assert not extractor.nlp.vocab.in_memory_zone
