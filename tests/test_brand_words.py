"""rules/brands.tsv loads and validates (pxextract.brand_words): bad rows are named."""

from __future__ import annotations

import shutil

import pytest

from pxextract.brand_words import load_brand_words
from pxextract.rules import RulesError, default_rules_dir


def test_brand_words_load():
    w = load_brand_words()
    assert w.brand and w.token and w.product and w.cue and w.between and w.list_mark and w.code_stop and w.latin_cue and w.latin_not_org
    assert not set(w.brand) & set(w.token)


def _copy_with(tmp_path, row: str):
    d = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), d)
    with open(d / "brands.tsv", "a", encoding="utf-8") as f:
        f.write(row + "\n")
    return d


@pytest.mark.parametrize("row, message", [
    ("brand\t米", "two or more characters"),
    ("token\t小米", "listed twice"),
    ("brand\t萍乡市", "GPE of the gazetteer"),
    ("gadget\t小米", "brands.tsv"),
])
def test_bad_brand_rows_are_named(tmp_path, row, message):
    with pytest.raises(RulesError, match=message):
        load_brand_words(_copy_with(tmp_path, row))
