"""Charts of one metric across years and subjects (issue #16): plotly figures written as one
self-contained HTML page (plotly.js inlined, so it opens offline).

Rules, so that a chart never misleads silently:

* one line per subject (``subject_canonical`` when the frame has it, else ``subject``);
* one chart per unit: 元 and % never share an axis; every unit gets its own panel, and the page
  says how many facts each extra unit holds ("2 facts in 斤 shown in their own chart");
* values scaled to 亿 or 万 of their unit (亿元, 万人) with the scaled unit on the axis label;
* targets (``modality = target``) dashed with open markers, actual values solid;
* per subject, unit, modality and year: the value stated by the most recently published
  article (later reports revise earlier figures); the page counts the statements replaced;
* rows without a value or a year, and values that a log scale cannot show, are counted in
  the notes above the chart.

Example:
    >>> import pandas as pd
    >>> df = pd.DataFrame({"metric": ["地区生产总值"] * 2, "subject": ["海拉尔区"] * 2, "year": [2011, 2012],
    ...                    "value": [1.985e10, 2.4e10], "unit": ["元"] * 2, "modality": ["actual", "target"]})
    >>> fig, notes = build_figure(df, "地区生产总值")
    >>> [(t.name, list(t.y)) for t in fig.data]
    [('海拉尔区', [198.5]), ('海拉尔区 (target)', [240.0])]
    >>> fig.layout.yaxis.title.text
    '地区生产总值 (亿元)'
"""

from __future__ import annotations

import html as _html
import math
from functools import lru_cache

SCALE_FACTORS = (10**8, 10**4)  # axis scaling, largest first; their words are rules/magnitudes.tsv's
TARGET = "target"
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


@lru_cache(maxsize=1)
def scales() -> tuple[tuple[float, str], ...]:
    """``(factor, word)`` of each of :data:`SCALE_FACTORS`: the first word of rules/magnitudes.tsv
    with that multiplier (亿, 万 — not their traditional forms, listed after them).

    >>> scales()
    ((100000000.0, '亿'), (10000.0, '万'))
    """
    from decimal import Decimal, InvalidOperation

    from .rule_tsv import read_tsv
    from .rules import RulesError, default_rules_dir

    path = default_rules_dir() / "magnitudes.tsv"
    word: dict[Decimal, str] = {}
    for n, (surface, multiplier) in read_tsv(path, ("surface", "multiplier")):
        try:
            word.setdefault(Decimal(multiplier), surface)
        except InvalidOperation:
            raise RulesError(f"{path}:{n}: multiplier must be a number: {multiplier!r}") from None
    missing = [f for f in SCALE_FACTORS if Decimal(f) not in word]
    if missing:
        raise RulesError(f"{path}: no magnitude word for {', '.join(map(str, missing))} (the chart scales by it)")
    return tuple((float(f), word[Decimal(f)]) for f in SCALE_FACTORS)


@lru_cache(maxsize=1)
def unscaled_units() -> frozenset[str]:
    """Units never scaled (percentages and other ratios, years, ages): pxextract/web/labels.tsv's
    ``chart.unscaled_units``."""
    from .resolve.loader import split_list
    from .web import label

    return frozenset(split_list(label("chart.unscaled_units")))


def scale_for(values, unit: str) -> tuple[float, str]:
    """``(factor, scaled unit)``: 亿 when the typical (median) magnitude reaches 10⁸, 万 from
    10⁴, else the unit itself; never for percentages and other ratios.

    >>> scale_for([1.985e10, 2.4e10], "元")
    (100000000.0, '亿元')
    >>> scale_for([35000.0], "人")
    (10000.0, '万人')
    >>> scale_for([6.5], "%")
    (1.0, '%')
    """
    unit = unit or ""
    mags = sorted(abs(float(v)) for v in values if v is not None and not _isnan(v))
    if not mags or unit in unscaled_units():
        return 1.0, unit
    typical = mags[len(mags) // 2]
    for factor, prefix in scales():
        if typical >= factor:
            return factor, prefix + unit
    return 1.0, unit


def _isnan(v) -> bool:
    try:
        return math.isnan(float(v))
    except (TypeError, ValueError):
        return True


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def select(df, metric: str):
    """``(rows, notes, several_metrics)``: the rows of ``metric`` that can be drawn, and what
    was left out. Exact metric names first; when none is exact, every metric containing it
    (the series then name their metric)."""
    import pandas as pd

    notes: list[str] = []
    df = df.copy()
    for col, default in (("metric", None), ("unit", ""), ("modality", "actual"), ("year", None), ("value", None)):
        if col not in df.columns:
            df[col] = default
    metrics = df["metric"].astype("string")
    exact = metrics == metric
    if exact.fillna(False).any():
        other = int((~exact.fillna(False)).sum())
        if other:
            names = sorted(set(metrics[~exact.fillna(False)].dropna()))
            shown = "、".join(names[:4]) + (" …" if len(names) > 4 else "")
            notes.append(f"{_plural(other, 'fact')} of other metrics left out ({shown})")
        df = df[exact.fillna(False)]
        several = False
    else:
        contains = metrics.str.contains(metric, regex=False).fillna(False)
        df = df[contains]
        several = df["metric"].nunique() > 1
    no_value = df["value"].isna()
    no_year = df["year"].isna() & ~no_value
    if no_value.any():
        notes.append(f"{_plural(int(no_value.sum()), 'fact')} without a value skipped")
    if no_year.any():
        notes.append(f"{_plural(int(no_year.sum()), 'fact')} without a year skipped")
    df = df[~no_value & ~no_year].copy()
    subj_col = "subject_canonical" if "subject_canonical" in df.columns else "subject"
    subj = df[subj_col] if subj_col in df.columns else pd.Series(index=df.index, dtype="string")
    if subj_col == "subject_canonical" and "subject" in df.columns:
        subj = subj.fillna(df["subject"])
    df["_subject"] = subj.fillna("(no subject)").astype(str)
    df["_unit"] = df["unit"].fillna("").astype(str)
    df["_modality"] = df["modality"].fillna("actual").astype(str)
    df["year"] = df["year"].astype(int)
    df["value"] = df["value"].astype(float)
    return df, notes, several


def _latest(df):
    """Per (subject, metric, unit, modality, year): the row of the most recently published
    article (then the later one in the article), and how many rows it replaced."""
    order = [c for c in ("date", "article_id", "start") if c in df.columns]
    if order:
        df = df.sort_values(order, na_position="first", kind="stable")
    keys = ["_subject", "metric", "_unit", "_modality", "year"]
    last = df.groupby(keys, dropna=False, sort=False).tail(1)
    return last, len(df) - len(last)


def build_figure(df, metric: str, log: bool = False):
    """``(plotly Figure, notes)`` for ``metric`` from a facts DataFrame (:func:`pxextract.store.facts`
    columns): one panel per unit (most facts first), one line per subject and modality."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    df, notes, several = select(df, metric)
    if df.empty:
        raise ValueError(f"no facts with a value and a year for metric {metric!r}"
                         + (f" ({'; '.join(notes)})" if notes else ""))
    df, replaced = _latest(df)
    if replaced:
        notes.append(f"{_plural(replaced, 'older statement')} of the same subject and year replaced by the latest report's")
    counts = df["_unit"].value_counts(sort=False)
    units = sorted(counts.index, key=lambda u: (-counts[u], u))
    for u in units[1:]:
        notes.append(f"{_plural(int(counts[u]), 'fact')} in {u or 'no unit'} shown in their own chart")
    scales = {u: scale_for(df.loc[df["_unit"] == u, "value"], u) for u in units}
    titles = [f"{metric} ({scales[u][1] or 'no unit'})" for u in units]
    fig = make_subplots(rows=len(units), cols=1, subplot_titles=titles, vertical_spacing=min(0.12, 0.3 / len(units)))
    palette = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
    subjects = sorted(df["_subject"].unique())
    colour = {s: palette[i % len(palette)] for i, s in enumerate(subjects)}
    hidden_on_log = 0
    for row, u in enumerate(units, start=1):
        factor, shown_unit = scales[u]
        part = df[df["_unit"] == u]
        for (subject, m, modality), g in part.groupby(["_subject", "metric", "_modality"], sort=True, dropna=False):
            g = g.sort_values("year")
            y = [v / factor for v in g["value"]]
            if log:
                hidden_on_log += sum(1 for v in y if v <= 0)
            target = modality == TARGET
            name = f"{subject} · {m}" if several else str(subject)
            if target:
                name += " (target)"
            if row > 1:
                name += f" [{shown_unit or 'no unit'}]"
            hover = [_hover(r, v, shown_unit) for r, v in zip(g.itertuples(index=False), y)]
            fig.add_trace(go.Scatter(
                x=list(g["year"]), y=y, name=name, legendgroup=str(subject), mode="lines+markers",
                line=dict(color=colour[subject], dash="dash" if target else "solid", width=2),
                marker=dict(symbol="circle-open" if target else "circle", size=9 if target else 7, color=colour[subject]),
                hovertext=hover, hoverinfo="text",
            ), row=row, col=1)
        fig.update_yaxes(title_text=f"{metric} ({shown_unit})" if shown_unit else metric,
                         type="log" if log else "linear", tickformat=",~g", exponentformat="none", row=row, col=1)
        fig.update_xaxes(title_text="year", tickformat="d", dtick=1 if part["year"].nunique() <= 15 else None, row=row, col=1)
    if hidden_on_log:
        notes.append(f"{_plural(hidden_on_log, 'value')} ≤ 0 cannot be drawn on the log scale")
    fig.update_layout(height=180 + 380 * len(units), width=1000, font=dict(family=FONT, size=14),
                      legend=dict(title_text="subject (dashed, open markers: target)"),
                      margin=dict(l=90, r=30, t=60, b=60), template="plotly_white", hoverlabel=dict(font_family=FONT))
    return fig, notes


def _hover(r, scaled: float, unit: str) -> str:
    get = lambda k: getattr(r, k, None)  # noqa: E731
    lines = [f"{get('_subject')} {get('year')}: {scaled:,.6g} {unit}", f"stated as {get('text')}" if get("text") else ""]
    src = " ".join(str(x) for x in (get("article_id"), get("date")) if x is not None and not (isinstance(x, float) and math.isnan(x)))
    if src:
        lines.append(f"source: {src}")
    return "<br>".join(_html.escape(x) for x in lines if x)


def render_chart(df, metric: str, log: bool = False) -> str:
    """One self-contained HTML page (plotly.js inlined: it opens offline) charting ``metric``
    from a facts DataFrame; what was left out is listed above the chart. Raises
    :class:`ValueError` when nothing can be drawn."""
    fig, notes = build_figure(df, metric, log=log)
    return render_figure(fig, notes, metric, log=log)


def render_figure(fig, notes: list[str], metric: str, log: bool = False) -> str:
    """The page of :func:`render_chart` for a figure and notes from :func:`build_figure`."""
    body = fig.to_html(full_html=False, include_plotlyjs=True, config={"displaylogo": False, "responsive": True})
    n_points = sum(len(t.x) for t in fig.data)
    notes_html = "".join(f"<li>{_html.escape(n)}</li>" for n in notes) or "<li>nothing left out</li>"
    title = _html.escape(metric)
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        f'<style>body{{font-family:{FONT};margin:1.5em;color:#222}} .notes{{color:#444;font-size:14px}}</style>'
        f"</head><body><h1>{title}</h1>"
        f'<p class="summary">{_plural(n_points, "point")} in {_plural(len(fig.data), "line")}'
        f"{' on a log scale' if log else ''}. Per subject, unit and year: the value stated by the most recently"
        " published article; solid lines are actual values, dashed lines with open markers are targets."
        " Hover a point for its source.</p>"
        f'<ul class="notes">{notes_html}</ul>{body}</body></html>\n'
    )
