"""Spec cases (tests/specs/*.jsonl): input → expected spans with attributes, checked exactly.

A case lists the spans that must be found (text, label and the attributes it is about). With
``"exhaustive": true`` nothing else of the checked labels may be found. ``"xfail": "reason"``
marks a case known to fail; it is never deleted. Every predicted span must also satisfy the
offset invariant ``text[start:end] == span["text"]``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pxextract.evaluate import dice
from pxextract.rules import LABELS_NAMES, LABELS_NUMERIC

SPECS = Path(__file__).parent / "specs"
DEFAULT_LABELS = {
    "entities": set(LABELS_NAMES),
}
NUMERIC_AND_DATE = set(LABELS_NUMERIC) | {"DATE"}


def _cases():
    for path in sorted(SPECS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            case["_file"] = path.stem
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            yield pytest.param(case, id=case.get("id", f"{path.stem}:{n}"), marks=marks)


def _locate(text: str, span: dict) -> tuple[int, int]:
    pos = -1
    for _ in range(span.get("occurrence", 1)):
        pos = text.find(span["text"], pos + 1)
        if pos < 0:
            raise AssertionError(f"spec error: {span['text']!r} not in the input")
    return pos, pos + len(span["text"])


def _check_attr(key, want, got) -> bool:
    if key == "metric":
        return dice(want, got) >= 0.5
    if isinstance(want, float) or isinstance(got, float):
        return want is not None and got is not None and abs(float(want) - float(got)) <= 1e-9 * max(1.0, abs(float(want)))
    return want == got


@pytest.mark.parametrize("case", list(_cases()))
def test_spec(case, extractor):
    text = case["text"]
    meta = case.get("meta", {"date": "2022"})
    spans = extractor.record(case.get("id", "spec"), text, meta)["spans"]
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]
    by_key = {(s["start"], s["end"], s["label"]): s for s in spans}
    problems = []
    for want in case["expect"]:
        start, end = _locate(text, want)
        got = by_key.get((start, end, want["label"]))
        if got is None:
            near = [f"{s['text']}/{s['label']}" for s in spans if s["start"] < end and start < s["end"]]
            problems.append(f"missing {want['text']!r} {want['label']} (found there: {near})")
            continue
        for key, value in want.items():
            if key in ("text", "label", "occurrence"):
                continue
            if not _check_attr(key, value, got.get(key)):
                problems.append(f"{want['text']!r}: {key} expected {value!r}, got {got.get(key)!r}")
    if case.get("exhaustive"):
        labels = set(case.get("labels") or DEFAULT_LABELS.get(case["_file"], NUMERIC_AND_DATE))
        expected = {(*_locate(text, w), w["label"]) for w in case["expect"]}
        for key, s in by_key.items():
            if s["label"] in labels and key not in expected:
                problems.append(f"unexpected {s['text']!r} {s['label']}")
    assert not problems, "\n".join(problems)


def test_spec_ids_are_unique():
    """A spec case is named in commit messages and issue notes by its id: two cases with one id
    (pytest would quietly suffix the second) make such a reference ambiguous."""
    ids = [case.values[0].get("id") for case in _cases()]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
