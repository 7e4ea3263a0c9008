"""Charts of one metric (issue #16, pxextract.chart): scaling, one line per subject, one panel
per unit, targets distinguished, notes on what was left out, and the `plot` command."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from pxextract import chart

GDP = "地区生产总值"


def frame(rows):
    cols = ["article_id", "date", "start", "text", "value", "unit", "year", "metric", "subject", "modality"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


ROWS = [
    ("a2012", "2012-02-29", 10, "198.5亿元", 1.985e10, "元", 2011, GDP, "海拉尔区", "actual"),
    ("a2014", "2014-02-19", 10, "253.7亿元", 2.537e10, "元", 2013, GDP, "海拉尔区", "actual"),
    ("a2012", "2012-02-29", 50, "240亿元", 2.4e10, "元", 2012, GDP, "海拉尔区", "target"),
    ("b2022", "2022-03-25", 10, "19916.98亿元", 1.991698e12, "元", 2021, GDP, "成都市", "actual"),
    ("b2023", "2023-03-25", 10, "20817.5亿元", 2.08175e12, "元", 2022, GDP, "成都市", "actual"),
    ("c", "2020-01-01", 10, "5斤", 5.0, "斤", 2020, GDP, "某县", "actual"),
    ("c", "2020-01-01", 20, "6斤", 6.0, "斤", 2021, GDP, "某县", "actual"),
    ("d", "2020-01-01", 10, "100亿元", 1e10, "元", None, GDP, "成都市", "actual"),
    ("e", "2020-01-01", 10, "8%", 8.0, "%", 2021, GDP + "增长", "成都市", "actual"),
]


def js(s: str) -> str:
    """How plotly writes a string into the page's JSON (non-ASCII escaped)."""
    return json.dumps(s)[1:-1]


def test_values_scaled_unit_on_axis_one_line_per_subject():
    fig, notes = chart.build_figure(frame(ROWS[:5] + ROWS[3:5]), GDP)
    actual = [t for t in fig.data if not t.name.endswith("(target)")]
    assert sorted(t.name for t in actual) == ["成都市", "海拉尔区"]  # one line per subject
    by = {t.name: (list(t.x), list(t.y)) for t in fig.data}
    assert by["海拉尔区"] == ([2011, 2013], [198.5, 253.7])  # 亿元
    assert by["成都市"][1] == pytest.approx([19916.98, 20817.5])
    assert fig.layout.yaxis.title.text == "地区生产总值 (亿元)"
    assert any("older statement" in n for n in notes)  # the duplicated rows collapse to one per year


def test_target_dashed_actual_solid():
    fig, _ = chart.build_figure(frame(ROWS[:3]), GDP)
    by = {t.name: t for t in fig.data}
    assert by["海拉尔区 (target)"].line.dash == "dash" and by["海拉尔区 (target)"].marker.symbol == "circle-open"
    assert by["海拉尔区"].line.dash == "solid"
    assert list(by["海拉尔区 (target)"].y) == [240.0]


def test_other_units_get_their_own_chart_and_a_note():
    fig, notes = chart.build_figure(frame(ROWS), GDP)
    assert "2 facts in 斤 shown in their own chart" in notes
    assert "1 fact without a year skipped" in notes
    assert any(n.startswith("1 fact of other metrics left out") and "地区生产总值增长" in n for n in notes)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["地区生产总值 (亿元)", "地区生产总值 (斤)"]  # never on one axis
    jin = [t for t in fig.data if "斤" in t.name]
    assert len(jin) == 1 and list(jin[0].y) == [5.0, 6.0] and jin[0].yaxis == "y2"


def test_render_chart_page():
    html = chart.render_chart(frame(ROWS), GDP)
    assert html.startswith("<!DOCTYPE html>") and "<h1>地区生产总值</h1>" in html
    assert "2 facts in 斤 shown in their own chart" in html
    assert '"y":[198.5,253.7]' in html  # the scaled values
    assert js("地区生产总值 (亿元)") in html  # the unit on the axis label
    for subject in ("海拉尔区", "成都市", "某县 [斤]"):
        assert f'"name":"{js(subject)}"' in html  # one trace per subject
    assert "<script src=" not in html and "Plotly.newPlot" in html  # plotly.js inlined: opens offline
    assert len(html) > 1_000_000


def test_log_scale_and_notes_for_values_it_cannot_show():
    rows = ROWS[:2] + [("z", "2020-01-01", 10, "-1亿元", -1e8, "元", 2015, GDP, "海拉尔区", "actual")]
    fig, notes = chart.build_figure(frame(rows), GDP, log=True)
    assert fig.layout.yaxis.type == "log"
    assert "1 value ≤ 0 cannot be drawn on the log scale" in notes
    assert chart.build_figure(frame(ROWS[:2]), GDP)[0].layout.yaxis.type == "linear"


def test_subject_canonical_preferred():
    df = frame(ROWS[:2])
    df["subject_canonical"] = ["呼伦贝尔市海拉尔区", None]
    fig, _ = chart.build_figure(df, GDP)
    assert sorted(t.name for t in fig.data) == ["呼伦贝尔市海拉尔区", "海拉尔区"]


def test_metric_by_substring_when_none_is_exact():
    fig, _ = chart.build_figure(frame(ROWS), "生产总值")
    assert {t.name for t in fig.data} >= {"海拉尔区 · 地区生产总值", "成都市 · 地区生产总值增长 [%]"}


def test_html_escaped():
    rows = [("x", "2020", 1, "<b>1</b>", 1.0, "元", 2020, "<script>alert(1)</script>", "<i>s</i>", "actual")]
    html = chart.render_chart(frame(rows), "<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_nothing_to_draw():
    with pytest.raises(ValueError, match="no facts with a value and a year"):
        chart.build_figure(frame(ROWS[7:8]), GDP)


def test_scale_for():
    assert chart.scale_for([5e4, 6e4], "人") == (1e4, "万人")
    assert chart.scale_for([3.5], "元") == (1.0, "元")
    assert chart.scale_for([1e9], "%") == (1.0, "%")


def _app():
    from pxextract import cli_web

    app = typer.Typer()
    cli_web.register(app)
    return app


def test_plot_command_writes_the_page(tmp_path, monkeypatch):
    from pxextract import store

    seen = {}

    def fake_facts(db, **kw):
        seen.update(kw)
        return frame(ROWS)

    from pxextract import cli_web

    monkeypatch.setattr(store, "facts", fake_facts)
    monkeypatch.setattr(cli_web, "_series_frame", lambda *a: None)  # the facts path (tests/test_series.py: the series path)
    out = tmp_path / "gdp.html"
    r = CliRunner().invoke(_app(), ["plot", "--metric", GDP, "-o", str(out), "--db", str(tmp_path / "x.sqlite"), "--log"])
    assert r.exit_code == 0, r.output
    assert seen == {"metric": GDP, "subject": None, "modality": None}
    page = out.read_text(encoding="utf-8")
    assert "on a log scale" in page and "2 facts in 斤 shown in their own chart" in page
    assert not list(tmp_path.glob(".gdp.html.*"))  # written atomically, no temporary left


def test_plot_command_nothing_to_draw(tmp_path, monkeypatch):
    from pxextract import store

    monkeypatch.setattr(store, "facts", lambda db, **kw: frame([]))
    out = tmp_path / "none.html"
    r = CliRunner().invoke(_app(), ["plot", "--metric", "不存在", "-o", str(out), "--db", "x.sqlite"])
    assert r.exit_code == 2 and "no facts with a value and a year for metric '不存在'" in r.output
    assert not out.exists()


# -- display text is data (issue #14): magnitude words from rules/magnitudes.tsv, the rest from web/labels.tsv

def test_scale_words_come_from_the_magnitudes_file():
    assert chart.scales() == ((1e8, "亿"), (1e4, "万"))
    assert chart.scale_for([3e8], "元") == (1e8, "亿元")
    assert {"%", "个百分点", "岁"} <= chart.unscaled_units()


def test_labels_file_is_valid_and_read_by_serve():
    from pxextract import serve, web

    labels = web.labels()
    assert labels["chart.unscaled_units"] and labels["site.description_html"]
    for q in serve.CANNED_SQL:
        assert web.label(f"query.{q}.title") and web.label(f"query.{q}.description")
    assert set(serve.column_docs("facts")) >= {"article_id", "value", "unit", "metric", "subject"}
    assert set(serve.column_docs("articles")) >= {"id", "text", "date"}


@pytest.mark.parametrize("edit, message", [
    (lambda s: s.replace("key\ttext\n", "key\ttext\tnote\n"), "unknown: note"),
    (lambda s: s.replace("key\ttext\n", "text\tkey\n"), "wrong order"),
    (lambda s: s + "column.facts.value\tagain\n", "repeats line"),
    (lambda s: s + "column.facts.extra\n", "empty text"),
])
def test_bad_labels_file_names_file_and_line(tmp_path, edit, message):
    import re

    from pxextract import web
    from pxextract.rules import RulesError

    p = tmp_path / "labels.tsv"
    p.write_text(edit(web.LABELS.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RulesError) as exc:
        web.labels(p)
    assert re.search(r"labels\.tsv:\d+: ", str(exc.value)) and message in str(exc.value), str(exc.value)
