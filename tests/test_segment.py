"""Segmentation: a private jieba tokenizer; rjieba may back it only with identical tokens."""

from __future__ import annotations

import jieba
import pytest

from pxextract.normalize import normalize
from pxextract.read import read_inputs
from pxextract.segment import Segmenter


@pytest.fixture(scope="module")
def reference():
    return Segmenter.from_rules(backend="jieba")


def test_private_tokenizer_leaves_global_jieba_alone(reference):
    before = jieba.lcut("萍乡经开区拥有规模以上工业企业")
    assert "规模以上" in reference.cut("萍乡经开区拥有规模以上工业企业")  # from rules/userdict.txt
    assert jieba.lcut("萍乡经开区拥有规模以上工业企业") == before
    assert "规模以上" not in before


def test_tokens_tile_the_text(reference):
    text = "2026-02-05 来源：江西日报\r\n全市ＧＤＰ增长５．２％，PM_2.5浓度下降。"
    assert "".join(reference.cut(text)) == text


def _corpus_texts(*folders):
    arts, _ = read_inputs(list(folders))
    return [(a.id, normalize(a.text).text) for a in arts]


def test_rjieba_backend_gives_identical_tokens(root, dev_corpus, reference):
    pytest.importorskip("rjieba")
    fast = Segmenter.from_rules(backend="rjieba")
    assert fast.backend == "rjieba"
    for art_id, text in _corpus_texts(root / "corpus", dev_corpus):
        assert fast.cut(text) == reference.cut(text), art_id


@pytest.mark.slow
def test_segmentation_table_is_cached_and_rebuilt_when_damaged(tmp_path, reference):
    """The rjieba table (jieba's frequencies after the user words) is computed once and cached;
    a cached or a rebuilt table segments exactly as the jieba package does."""
    pytest.importorskip("rjieba")
    from pxextract.rules import load_rules

    rules = load_rules()
    names = tuple(e.name for e in rules.gazetteer if len(e.name) >= 2)
    text = normalize("萍乡经开区拥有规模以上工业企业143家，武功山景区接待游客。2026-02-05 PM_2.5").text
    first = Segmenter(rules.userdict, names, backend="rjieba", cache_dir=tmp_path)
    cached = list(tmp_path.glob("segmenter-*.marshal"))
    assert len(cached) == 1
    again = Segmenter(rules.userdict, names, backend="rjieba", cache_dir=tmp_path)
    cached[0].write_bytes(b"not a table")  # damaged: rebuilt, not trusted
    rebuilt = Segmenter(rules.userdict, names, backend="rjieba", cache_dir=tmp_path)
    assert first.cut(text) == again.cut(text) == rebuilt.cut(text) == reference.cut(text)
    assert again.word_tags() == first.word_tags() and again.word_tags()["萍乡"] == "ns"
    other = Segmenter(rules.userdict, names[:-1], backend="rjieba", cache_dir=tmp_path)  # other words: another table
    assert len(list(tmp_path.glob("segmenter-*.marshal"))) == 2 and other.backend == "rjieba"
