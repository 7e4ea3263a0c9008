"""A self-contained HTML evaluation report: per-label F1 chart, score tables, and per article
gold and predicted spans side by side rendered with displaCy (errors marked).

Example:
    >>> html = render_report({"ents_f": 1.0, "ents_per_type": {"MONEY": {"p": 1, "r": 1, "f": 1}},
    ...                       "errors": []}, [])
    >>> html.startswith("<!DOCTYPE html>")
    True
"""

from __future__ import annotations

import html as _html

from spacy import displacy

from .output import LABEL_COLORS
from .rules import LABELS

BASE_COLORS = LABEL_COLORS  # one palette (pxextract.output) for every HTML view
MISS = "#ff6b6b"
SPURIOUS = "#ffb3b3"
WRONG = "#ffa94d"


def _fmt(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def _chart(per_type: dict) -> str:
    rows = [(l, per_type[l]["f"]) for l in LABELS if l in per_type]
    bar_h, gap, width = 22, 6, 420
    h = len(rows) * (bar_h + gap) + 10
    parts = [f'<svg width="{width + 160}" height="{h}" role="img" aria-label="F1 per label">']
    for i, (label, f) in enumerate(rows):
        y = 5 + i * (bar_h + gap)
        w = int(width * (f or 0))
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{label}</text>')
        parts.append(f'<rect x="90" y="{y}" width="{w}" height="{bar_h}" fill="{BASE_COLORS.get(label, "#ccc")}" stroke="#555"/>')
        parts.append(f'<text x="{95 + w}" y="{y + 16}" font-size="13">{(f or 0):.3f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(result: dict) -> str:
    rows = ["<tr><th>label</th><th>support</th><th>P</th><th>R</th><th>F1</th><th>partial F1</th></tr>"]
    for l in LABELS:
        e = result.get("ents_per_type", {}).get(l)
        if not e:
            continue
        p = result.get("partial_per_type", {}).get(l, {})
        rows.append(
            f"<tr><td>{l}</td><td>{result.get('support', {}).get(l, 0)}</td><td>{_fmt(e['p'])}</td><td>{_fmt(e['r'])}</td>"
            f"<td><b>{_fmt(e['f'])}</b></td><td>{_fmt(p.get('f'))}</td></tr>"
        )
    rows.append(
        f"<tr><td><b>micro</b></td><td></td><td>{_fmt(result.get('ents_p'))}</td><td>{_fmt(result.get('ents_r'))}</td>"
        f"<td><b>{_fmt(result.get('ents_f'))}</b></td><td>{_fmt(result.get('partial_f'))}</td></tr>"
    )
    attrs = "".join(
        f"<tr><td>{k[5:-4]}</td><td>{_fmt(v)}</td></tr>" for k, v in result.items() if k.startswith("attr_") and k.endswith("_acc")
    )
    extra = (
        f"<tr><td>record F1</td><td>{_fmt(result.get('record_f'))}</td></tr>"
        f"<tr><td>DATE year_start</td><td>{_fmt(result.get('date_year_start_acc'))}</td></tr>"
        f"<tr><td>DATE year_end</td><td>{_fmt(result.get('date_year_end_acc'))}</td></tr>"
    )
    return (
        f'<table class="scores">{"".join(rows)}</table>'
        f'<table class="scores"><tr><th>numeric attribute</th><th>accuracy</th></tr>{attrs}{extra}</table>'
    )


def _render(text: str, spans: list[dict], marks: dict, title: str, colors: dict) -> str:
    """displaCy markup of ``text`` with ``spans``. displaCy escapes the text but puts labels and
    the title into the page as they are: both are escaped here (a gold label ``<script>…``
    stays text), and the colours are looked up under the escaped labels."""
    ents = []
    for s in spans:
        label = marks.get((s["start"], s["end"], s["label"]), s["label"])
        ents.append({"start": s["start"], "end": s["end"], "label": _html.escape(str(label))})
    doc = {"text": text, "ents": ents, "title": _html.escape(title)}
    colors = {_html.escape(str(k)): v for k, v in colors.items()}
    return displacy.render([doc], style="ent", manual=True, page=False, options={"colors": colors})


def _error_row(e: dict) -> str:
    gold, pred = e.get("gold") or {}, e.get("pred") or {}
    detail = ", ".join(f"{a}: {gold.get(a)!r} → {pred.get(a)!r}" for a in e["attrs"])
    cells = (e["article"], e["kind"], e["label"], e["text"], detail, e["sentence"])
    return "<tr>" + "".join(f"<td>{_html.escape(str(c))}</td>" for c in cells) + "</tr>"


def render_report(result: dict, articles: list[tuple[str, str, list[dict], list[dict]]]) -> str:
    """The report page. ``articles`` are ``(id, gold spans, predicted spans, regions, text)``."""
    colors = dict(BASE_COLORS)
    by_article: dict[str, list[dict]] = {}
    for e in result.get("errors", []):
        by_article.setdefault(e["article"], []).append(e)
    marks = {}
    for e in result.get("errors", []):
        gm, pm = marks.setdefault(e["article"], ({}, {}))
        key = (e["start"], e["end"], e["label"])
        if e["kind"] == "missed":
            gm[key] = f"{e['label']} ✗missed"
            colors[gm[key]] = MISS
        elif e["kind"] == "spurious":
            pm[key] = f"{e['label']} ✗spurious"
            colors[pm[key]] = SPURIOUS
        else:
            pm[key] = f"{e['label']} ✗{','.join(e['attrs'])}"
            colors[pm[key]] = WRONG
    sections = []
    for art_id, gold, pred, _regions, text in articles:
        gmarks, pmarks = marks.get(art_id, ({}, {}))
        n_err = len(by_article.get(art_id, []))
        sections.append(
            f'<details{" open" if not sections else ""}><summary><b>{_html.escape(art_id)}</b> — {len(gold)} gold, '
            f"{len(pred)} predicted, {n_err} errors</summary>"
            f'<div class="side"><div>{_render(text, gold, gmarks, "gold", colors)}</div>'
            f'<div>{_render(text, pred, pmarks, "predicted", colors)}</div></div></details>'
        )
    errors_rows = "".join(_error_row(e) for e in result.get("errors", [])[:2000])
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>pxextract evaluation</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 1.5em; }}
table.scores {{ border-collapse: collapse; display: inline-table; margin: 0 2em 1em 0; vertical-align: top; }}
table.scores td, table.scores th {{ border: 1px solid #ccc; padding: 2px 8px; text-align: right; }}
.side {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }}
.side > div {{ max-height: 80vh; overflow-y: auto; border: 1px solid #ddd; padding: 0 .5em; }}
table.errors {{ border-collapse: collapse; font-size: 90%; }} table.errors td {{ border-top: 1px solid #eee; padding: 2px 6px; }}
</style></head><body>
<h1>pxextract evaluation</h1>
<h2>Per-label F1 (exact)</h2>{_chart(result.get("ents_per_type", {}))}
<h2>Scores</h2>{_table(result)}
<h2>Articles: gold (left) and predicted (right)</h2>
<p>Red: missed gold span; pink: spurious prediction; orange: span right, attribute wrong (named in the label).</p>
{"".join(sections)}
<h2>Errors</h2><table class="errors"><tr><th>article</th><th>kind</th><th>label</th><th>text</th><th>attribute: gold → predicted</th><th>sentence</th></tr>{errors_rows}</table>
</body></html>
"""
