"""The scorer follows docs/annotation.md §5 exactly: small hand-computed cases."""

from __future__ import annotations

import pytest

from pxextract.evaluate import dice, match_partial, score_articles


def money(start, end, text, value, **kw):
    span = {"start": start, "end": end, "label": "MONEY", "text": text, "value": value, "unit": "元",
            "qualifier": "exact", "year": 2021, "metric": "农林牧渔业总产值", "modality": "actual"}
    span.update(kw)
    return span


def score(gold, pred, regions=None):
    return score_articles([("a", gold, pred, regions)])


def test_exact_match_counts_once():
    g = [money(0, 7, "82.32亿元", 8232000000)]
    r = score(g, g)
    assert (r["ents_p"], r["ents_r"], r["ents_f"]) == (1.0, 1.0, 1.0)
    assert r["record_f"] == 1.0


def test_partial_but_not_exact():
    # gold 82.32亿元 [0, 7); predicted 82.32 [0, 5): no exact match, one partial match
    g = [money(0, 7, "82.32亿元", 8232000000)]
    p = [money(0, 5, "82.32", 82.32)]
    r = score(g, p)
    assert r["ents_f"] == 0.0
    assert r["partial_p"] == 1.0 and r["partial_r"] == 1.0
    assert r["record_p"] == 0.0 and r["record_r"] == 0.0


def test_partial_matching_is_one_to_one():
    # two predictions overlap one gold span: one is a partial TP, the other a FP
    g = [money(0, 10, "一二三四五六七八九十", 1)]
    p = [money(0, 4, "一二三四", 1), money(5, 10, "六七八九十", 1)]
    r = score(g, p)
    assert r["partial_p"] == 0.5 and r["partial_r"] == 1.0
    assert match_partial(g, p) in ([(0, 0)], [(0, 1)])


def test_partial_needs_same_label():
    g = [money(0, 7, "82.32亿元", 8232000000)]
    p = [{"start": 0, "end": 7, "label": "QUANTITY", "text": "82.32亿元", "value": 8232000000, "unit": "元"}]
    r = score(g, p)
    assert r["ents_f"] == 0.0 and r["partial_f"] == 0.0


def test_value_tolerance_is_relative_1e9():
    g = [money(0, 7, "82.32亿元", 8232000000)]
    assert score(g, [money(0, 7, "82.32亿元", 8232000000 * (1 + 1e-10))])["attr_value_acc"] == 1.0
    assert score(g, [money(0, 7, "82.32亿元", 8232000000 * (1 + 1e-8))])["attr_value_acc"] == 0.0


def test_range_value_compares_low_and_high():
    g = [money(0, 5, "3至5亿元", None, low=300000000, high=500000000)]
    assert score(g, [money(0, 5, "3至5亿元", None, low=300000000, high=500000000)])["attr_value_acc"] == 1.0
    assert score(g, [money(0, 5, "3至5亿元", None, low=3, high=5)])["attr_value_acc"] == 0.0


def test_metric_dice_threshold():
    assert dice("农林牧渔业总产值", "农林牧渔业总产值") == 1.0
    assert dice("abcd", "ab") == pytest.approx(2 * 2 / 6)
    g = [money(0, 7, "x", 1, metric="abcd")]
    assert score(g, [money(0, 7, "x", 1, metric="ab")])["attr_metric_acc"] == 1.0  # 0.667 ≥ 0.5
    assert score(g, [money(0, 7, "x", 1, metric="a")])["attr_metric_acc"] == 0.0  # 0.4 < 0.5


def test_record_needs_value_unit_year_modality_but_not_metric_or_qualifier():
    g = [money(0, 7, "x", 1)]
    assert score(g, [money(0, 7, "x", 1, metric="完全不同", qualifier="over")])["record_f"] == 1.0
    for wrong in ({"value": 2}, {"unit": "美元"}, {"year": 2020}, {"modality": "target"}):
        pred = money(0, 7, "x", 1)
        pred.update(wrong)
        assert score(g, [pred])["record_f"] == 0.0, wrong


def test_regions_ignore_predictions_wholly_outside():
    g = [money(10, 17, "82.32亿元", 8232000000)]
    p = g + [money(100, 107, "1.00亿元", 100000000)]
    r = score(g, p, regions=[(0, 50)])
    assert r["ents_p"] == 1.0
    # a prediction overlapping the region's edge is scored
    r = score(g, g + [money(45, 55, "x", 1)], regions=[(0, 50)])
    assert r["ents_p"] == 0.5


def test_per_label_and_micro():
    g = [money(0, 3, "3亿元", 1), {"start": 5, "end": 10, "label": "DATE", "text": "2012年", "year_start": 2012, "year_end": 2012}]
    p = [money(0, 3, "3亿元", 1), {"start": 5, "end": 10, "label": "DATE", "text": "2012年", "year_start": 2012, "year_end": 2013}]
    r = score(g, p)
    assert r["ents_per_type"]["MONEY"]["f"] == 1.0 and r["ents_per_type"]["DATE"]["f"] == 1.0
    assert r["date_year_start_acc"] == 1.0 and r["date_year_end_acc"] == 0.0
    # micro over two articles: 2 TP + 1 FN + 1 FP
    r = score_articles([("a", g, p, None), ("b", g[:1], [money(20, 23, "x", 1)], None)])
    assert r["ents_p"] == pytest.approx(2 / 3) and r["ents_r"] == pytest.approx(2 / 3)


def test_errors_list_missed_spurious_and_attributes():
    g = [money(0, 3, "3亿元", 1), money(5, 8, "5亿元", 5)]
    p = [money(0, 3, "3亿元", 2), money(10, 13, "9亿元", 9)]
    kinds = sorted(e["kind"] for e in score(g, p)["errors"])
    assert kinds == ["attribute", "missed", "spurious"]
