"""Gold and prediction files (docs/annotation.md §1): load, resolve texts, check, convert.

A record names its article by ``id``; when it carries no ``text``, the text is looked up in
the corpus folders by id (file stem or ``articles.csv`` id) or in corpus JSONL files (their
``id`` field), and must match ``text_sha256``: a mismatch is an error, never a silent re-alignment.

Example:
    >>> records, problems = load_gold(["gold/000_23bbc0367b06fa24.jsonl"], corpus_dirs=["corpus"])
    >>> problems, len(records[0].spans) > 200
    ([], True)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import text_sha256
from .read import InputError, read_inputs
from .records import ALL_ATTRS, REQUIRED_FIGURE_ATTRS
from .rules import LABELS, LABELS_NUMERIC, QUALIFIERS


@dataclass
class GoldRecord:
    id: str
    meta: dict
    text_sha256: str
    spans: list[dict]
    annotated: list[tuple[int, int]] | None
    text: str | None = None
    where: str = ""  # file:line
    extra: dict = field(default_factory=dict)


def _jsonl_files(paths) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.glob("*.jsonl")))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return files


def corpus_texts(corpus_dirs) -> dict[str, tuple[str, dict]]:
    """id → (text, meta) for every readable article of the corpus folders (or JSONL files) that exist."""
    out: dict[str, tuple[str, dict]] = {}
    for d in corpus_dirs:
        if not (Path(d).is_dir() or Path(d).suffix == ".jsonl" and Path(d).is_file()):
            continue
        arts, _ = read_inputs([d])
        for a in arts:
            out.setdefault(a.id, (a.text, a.meta))
    return out


def _check_span(sp, i: int, text: str | None, regions) -> list[str]:
    msgs = []
    where = f"span {i}"
    if not isinstance(sp, dict):
        return [f"{where}: not an object"]
    for k in ("start", "end", "label", "text"):
        if k not in sp:
            msgs.append(f"{where}: missing {k!r}")
    if msgs:
        return msgs
    s, e, label = sp["start"], sp["end"], sp["label"]
    if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or s < 0 or e <= s:
        return [f"{where}: bad offsets [{s}, {e})"]
    if label not in LABELS:
        msgs.append(f"{where}: unknown label {label!r}")
    if text is not None:
        if e > len(text):
            msgs.append(f"{where}: end {e} beyond the text ({len(text)} characters)")
        elif text[s:e] != sp["text"]:
            msgs.append(f"{where}: text {sp['text']!r} != article[{s}:{e}] {text[s:e]!r}")
    if regions is not None and not any(a <= s and e <= b for a, b in regions):
        msgs.append(f"{where}: [{s}, {e}) lies outside the annotated regions")
    if label in LABELS_NUMERIC:
        for k in REQUIRED_FIGURE_ATTRS:
            if k not in sp:
                msgs.append(f"{where}: {label} needs {k!r}")
        v = sp.get("value")
        if v is None:
            if not all(isinstance(sp.get(k), (int, float)) and not isinstance(sp.get(k), bool) for k in ("low", "high")):
                msgs.append(f"{where}: value null needs numeric low and high (a range)")
        elif not isinstance(v, (int, float)) or isinstance(v, bool):
            msgs.append(f"{where}: value must be a number or null")
        if "unit" in sp and not (isinstance(sp["unit"], str) and sp["unit"]):
            msgs.append(f"{where}: unit must be a non-empty string")
        if "qualifier" in sp and sp["qualifier"] not in QUALIFIERS:
            msgs.append(f"{where}: qualifier {sp['qualifier']!r} not in {QUALIFIERS}")
        if "modality" in sp and sp["modality"] not in ("actual", "target"):
            msgs.append(f"{where}: modality {sp['modality']!r} not actual/target")
        if "year" in sp and sp["year"] is not None and (not isinstance(sp["year"], int) or isinstance(sp["year"], bool)):
            msgs.append(f"{where}: year must be an integer or null")
        if "metric" in sp and not isinstance(sp["metric"], str):
            msgs.append(f"{where}: metric must be a string")
    elif label == "DATE":
        for k in ("year_start", "year_end"):
            if k not in sp:
                msgs.append(f"{where}: DATE needs {k!r}")
            elif sp[k] is not None and (not isinstance(sp[k], int) or isinstance(sp[k], bool)):
                msgs.append(f"{where}: {k} must be an integer or null")
    return msgs


def parse_record(obj, where: str, corpus: dict[str, tuple[str, dict]]) -> tuple[GoldRecord | None, list[str]]:
    """Validate one JSON object as a gold/prediction record; problems are ``where: message``."""
    problems: list[str] = []

    def bad(msg):
        problems.append(f"{where}: {msg}")

    if not isinstance(obj, dict):
        bad("a record must be a JSON object")
        return None, problems
    rid = obj.get("id")
    if not isinstance(rid, str) or not rid:
        bad('missing "id"')
        return None, problems
    text = obj.get("text")
    sha = obj.get("text_sha256")
    if text is not None:
        if not isinstance(text, str):
            bad('"text" must be a string')
            return None, problems
        if sha is not None and sha != text_sha256(text):
            bad("text_sha256 does not match the record's own text")
    else:
        if rid not in corpus:
            bad(f"article {rid!r} has no text and is not in the corpus folders (use --corpus)")
        else:
            text = corpus[rid][0]
            if not isinstance(sha, str):
                bad('"text_sha256" is required when "text" is absent')
            elif sha != text_sha256(text):
                bad(f"text_sha256 does not match the corpus text of {rid!r} (the article changed; re-annotate, never re-align)")
                text = None
    regions = obj.get("annotated")
    if regions is not None:
        if not (isinstance(regions, list) and all(isinstance(r, list) and len(r) == 2 and all(isinstance(x, int) for x in r) and r[0] < r[1] for r in regions)):
            bad('"annotated" must be a list of [start, end] pairs with start < end')
            regions = None
        elif text is not None and any(r[1] > len(text) for r in regions):
            bad('"annotated" region beyond the end of the text')
    spans = obj.get("spans")
    if not isinstance(spans, list):
        bad('"spans" must be a list')
        spans = []
    for i, sp in enumerate(spans):
        for msg in _check_span(sp, i, text, regions):
            bad(msg)
    ok = [sp for sp in spans if isinstance(sp, dict) and isinstance(sp.get("start"), int) and isinstance(sp.get("end"), int)]
    ordered = sorted(ok, key=lambda s: (s["start"], s["end"]))
    for a, b in zip(ordered, ordered[1:]):
        if b["start"] < a["end"]:
            bad(f"spans overlap: [{a['start']}, {a['end']}) {a.get('text')!r} and [{b['start']}, {b['end']}) {b.get('text')!r}")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        bad('"meta" must be an object')
        meta = {}
    rec = GoldRecord(
        id=rid,
        meta=meta,
        text_sha256=sha or (text_sha256(text) if text else ""),
        spans=ordered,
        annotated=[tuple(r) for r in regions] if regions else None,
        text=text,
        where=where,
    )
    return rec, problems


def load_gold(paths, corpus_dirs=("corpus",)) -> tuple[list[GoldRecord], list[str]]:
    """Every record of the JSONL files (or folders of them), with all problems found."""
    corpus = corpus_texts(corpus_dirs)
    records: list[GoldRecord] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for f in _jsonl_files(paths):
        try:
            lines = f.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{f}: cannot read ({exc})")
            continue
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{f}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            rec, probs = parse_record(obj, where, corpus)
            problems.extend(probs)
            if rec is None:
                continue
            if rec.id in seen:
                problems.append(f"{where}: duplicate article id {rec.id!r} (also {seen[rec.id]})")
                continue
            seen[rec.id] = where
            records.append(rec)
    return records, problems


# -- converters -------------------------------------------------------------------------------

ATTR_KEYS = ALL_ATTRS  # every attribute a converted span carries along (pxextract.records)


def _regions(obj) -> list[list[int]] | None:
    """The ``annotated`` regions a converted record carries: as given (a list of [start, end]) or
    None; :func:`load_gold` checks them like any gold file's."""
    return [list(r) for r in obj] if isinstance(obj, list) and obj else None


def to_doccano(rec: GoldRecord) -> dict:
    """A doccano sequence-labelling record: ``{"text", "label": [[start, end, label]], …}``.

    Attributes travel in ``pxextract_spans`` and the annotated regions (a partially annotated
    article: only spans inside them count, docs/annotation.md) in ``annotated``, so that a
    round trip loses nothing; doccano keeps unknown keys as metadata and writes them back at
    the top level of its export (:func:`from_doccano` also reads them from ``meta``).
    """
    return {
        "id": rec.id,
        "text": rec.text,
        "label": [[s["start"], s["end"], s["label"]] for s in rec.spans],
        "meta": rec.meta,
        "pxextract_spans": [{k: s[k] for k in ATTR_KEYS if k in s} | {"start": s["start"], "end": s["end"]} for s in rec.spans],
        **({"annotated": [list(r) for r in rec.annotated]} if rec.annotated else {}),
    }


def from_doccano(obj: dict, where: str) -> dict:
    """A gold record from a doccano JSONL line (``label`` or ``entities`` format)."""
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError(f'{where}: doccano record without "text"')
    labels = obj.get("label") or obj.get("entities") or []
    attrs = {(a["start"], a["end"]): a for a in obj.get("pxextract_spans", [])}
    spans = []
    for item in labels:
        if isinstance(item, dict):
            s, e, lab = item["start_offset"], item["end_offset"], item["label"]
        else:
            s, e, lab = item
        sp = {"start": s, "end": e, "label": lab, "text": text[s:e]}
        sp.update({k: v for k, v in attrs.get((s, e), {}).items() if k not in ("start", "end")})
        spans.append(sp)
    meta = dict(obj.get("meta") or {}) if isinstance(obj.get("meta"), dict) else {}
    regions = _regions(obj.get("annotated")) or _regions(meta.pop("annotated", None))
    rid = str(obj.get("id") or meta.get("id") or "")
    out = {"id": rid, "meta": meta, "text_sha256": text_sha256(text), "text": text, "spans": sorted(spans, key=lambda s: s["start"])}
    if regions:
        out["annotated"] = regions
    return out


def to_label_studio(rec: GoldRecord) -> dict:
    """A Label Studio task with the spans as a completed annotation (``labels`` results).

    Each result's ``meta.pxextract`` carries the span's attributes, and ``data.annotated`` the
    annotated regions (Label Studio exports a task's ``data`` as it was imported), so that a
    round trip keeps what is scored: only spans inside the regions count."""
    results = []
    for i, s in enumerate(rec.spans):
        results.append(
            {
                "id": f"{rec.id}-{i}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": s["start"], "end": s["end"], "text": s["text"], "labels": [s["label"]]},
                "meta": {"pxextract": {k: s[k] for k in ATTR_KEYS if k in s}},
            }
        )
    data = {"id": rec.id, "text": rec.text, "meta": rec.meta}
    if rec.annotated:
        data["annotated"] = [list(r) for r in rec.annotated]
    return {"data": data, "annotations": [{"result": results}]}


def from_label_studio(task: dict, where: str) -> dict:
    """A gold record from a Label Studio task (its first annotation's ``labels`` results; the
    annotated regions from ``data.annotated`` or the task's ``meta.annotated``)."""
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError(f'{where}: Label Studio task without data.text')
    anns = task.get("annotations") or task.get("completions") or []
    spans = []
    for r in (anns[0].get("result", []) if anns else []):
        v = r.get("value", {})
        if "start" not in v or not v.get("labels"):
            continue
        sp = {"start": v["start"], "end": v["end"], "label": v["labels"][0], "text": text[v["start"] : v["end"]]}
        sp.update((r.get("meta") or {}).get("pxextract", {}))
        spans.append(sp)
    out = {"id": str(data.get("id") or ""), "meta": data.get("meta") or {}, "text_sha256": text_sha256(text), "text": text, "spans": sorted(spans, key=lambda s: s["start"])}
    task_meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    regions = _regions(data.get("annotated")) or _regions(task_meta.get("annotated"))
    if regions:
        out["annotated"] = regions
    return out
