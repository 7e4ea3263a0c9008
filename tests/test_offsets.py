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
