"""Metrics keep the word a removed name or year ends inside (issue #15, M1), checked exactly: the spec
files compare metrics by character Dice ≥ 0.5, which one lost character never fails."""

import pytest

CASES = [
    # 中国 read from 38人中|国会议员: only 中 goes
    ("自民党女性局表示，38人中国会议员只有4人。", "4人", "国会议员只"),
    # 2022-2023年 of 2022-2023年度人物: 年度人物 stays, not 度人物
    ("最终选定“宁夏好护士”2022-2023年度人物各10名。", "10名", "年度人物"),
]


@pytest.mark.parametrize("text,figure,part", CASES)
def test_metric_keeps_word(extractor, text, figure, part):
    spans = extractor.record("spec", text, {"date": "2023-08-01"})["spans"]
    metric = next(s.get("metric") for s in spans if s["text"] == figure)
    assert part in metric, metric
