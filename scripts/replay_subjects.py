"""Replay the judged news facts of docs/news-subject-sample.md with the current code (issue #15).

Every run of that file judged 100 random news facts by reading; together they hold about 2,100
distinct facts, each with the subject the code gave then and the verdict: ✓, or ✗ with the right
subject written first (``✗ 中国人民银行 / 中国 (its notice's deadline) [S1]``, ``✗ null (…)``). This
script turns them into a regression set: it finds each fact's span again (article id, figure text
and the excerpt around 【】) and counts how often the current ``subject`` or ``subject_canonical``
is in the judged right set (a ✓ fact: the subject given then; a ✗ fact: the names before the
first bracket, ``null`` for none).

It is a *lower bound* and a tool for comparing two versions, not the issue's measure: a right
subject spelled otherwise than the verdict (湖南银行 for 湖南银行股份有限公司) or described in words (the
武汉大学–国家天文台 team) counts wrong, and the facts are no longer unseen — the issue's figure is a
fresh draw read by a person (docs/news-subject-sample.md, latest run)::

    python scripts/replay_subjects.py --out now.json                 # score the code on sys.path
    python scripts/replay_subjects.py --out new.json --compare now.json   # and list the changes

Example of a verdict read (the names before the first bracket):
``right_set("✗ 中国人民银行 / 中国 (its notice's deadline) [S1]", "上海一医院")`` → ``['中国人民银行', '中国']``.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NUMERIC = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
_ROW = re.compile(r"\| \d+ \| npart_")
_EMPTY = ("", "''", "(empty)", "null", "–")  # how the runs' tables write an empty metric


def right_set(verdict: str, predicted: str) -> list[str | None] | None:
    """The subjects a verdict accepts (None for null), or None when the row is no judged figure."""
    if verdict.startswith("✓"):
        return [None] if predicted == "null" else [x.strip() for x in predicted.split("→")]
    if not verdict.startswith("✗"):
        return None
    head = re.split(r" \(| \[|（", verdict[1:].strip())[0]
    return [None if x.strip() == "null" else x.strip() for x in head.split(" / ") if x.strip()]


def metric_reference(verdict: str, predicted: str) -> tuple[str, bool] | None:
    """(the metric a verdict accepts or asks for, whether the predicted one was accepted), or None."""
    if verdict.startswith("✓"):
        return predicted, True
    if not verdict.startswith("✗"):
        return None
    return re.split(r";|；| \(| \[", verdict[1:].strip())[0].strip(), False


def judged_facts(doc: Path) -> list[dict]:
    """The judged facts of every run (a fact judged in several runs: its latest verdict)."""
    facts: dict[tuple, dict] = {}
    for section in re.split(r"\n## ", doc.read_text(encoding="utf-8")):
        run = re.match(r"Run (\d+)", section)
        if not run:
            continue
        for line in section.split("\n"):
            if not _ROW.match(line):
                continue
            cells = [c.strip() for c in line.split("|")]
            _, art, fig, excerpt, predicted, metric, verdict, metric_verdict = cells[1:9]
            right = right_set(verdict, predicted)
            if right is not None:
                facts[(art, fig, excerpt)] = dict(run=int(run.group(1)), art=art, fig=fig, excerpt=excerpt,
                                                  predicted=predicted, right=right, metric_then=metric,
                                                  metric_ref=metric_reference(metric_verdict, metric))
    return list(facts.values())


def _nows(s: str) -> str:
    return re.sub(r"\s", "", s)


def find_span(text: str, spans: list[dict], fig: str, excerpt: str) -> dict | None:
    """The numeric span whose text is ``fig`` and whose surroundings best match the excerpt."""
    left, _, rest = excerpt.partition("【")
    right = rest.partition("】")[2]
    best = None
    for s in spans:
        if _nows(s["text"]) != _nows(fig):
            continue
        before, after = _nows(text[max(0, s["start"] - 60):s["start"]]), _nows(text[s["end"]:s["end"] + 60])
        score = before.endswith(left[-10:]) + after.startswith(right[:10])
        if best is None or score > best[0]:
            best = (score, s)
    return best[1] if best else None


def is_right(row: dict) -> bool:
    return row["found"] and (row["subject"] in row["right"] or row["canonical"] in row["right"])


def metric_ok(row: dict) -> bool:
    """Approximately acceptable: the metric judged acceptable then, or one with character Dice ≥ 0.5 to it; for a
    metric judged wrong then, another one with Dice ≥ 0.5 to the metric the reader asked for."""
    from pxextract.evaluate import dice

    if not row["found"] or not row.get("metric_ref"):
        return False
    ref, accepted = row["metric_ref"]
    now = row["metric"] or ""
    then = "" if row["metric_then"] in _EMPTY else row["metric_then"]
    if accepted:
        return now == then or dice(now, then) >= 0.5
    if ref in _EMPTY or ref.startswith("empty"):  # the reader asked for none
        return not now
    return now != then and dice(now, ref) >= 0.5


def replay(facts: list[dict], corpus: Path) -> list[dict]:
    from pxextract.pipeline import Extractor

    want = {f["art"] for f in facts}
    texts = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["id"] in want:
                texts[d["id"]] = d["text"]
    ex, records, out = Extractor(), {}, []
    for f in facts:
        text = texts.get(f["art"])
        if text is None:
            out.append(dict(f, found=False, subject=None, canonical=None, metric=None))
            continue
        if f["art"] not in records:
            records[f["art"]] = [s for s in ex.record(f["art"], text, {})["spans"] if s["label"] in NUMERIC]
        s = find_span(text, records[f["art"]], f["fig"], f["excerpt"])
        out.append(dict(f, found=s is not None, subject=s and s.get("subject"),
                        canonical=s and s.get("subject_canonical"), metric=s and s.get("metric")))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--doc", default=str(ROOT / "docs" / "news-subject-sample.md"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus-news" / "news2023.jsonl"))
    ap.add_argument("--out", default="", help="write the replayed facts as JSON here")
    ap.add_argument("--compare", default="", help="an earlier --out file: list the subject changes")
    args = ap.parse_args(argv)
    rows = replay(judged_facts(Path(args.doc)), Path(args.corpus))
    if args.out:
        Path(args.out).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    k, n = sum(map(is_right, rows)), len(rows)
    m = sum(map(metric_ok, rows))
    print(f"{n} judged facts, {sum(r['found'] for r in rows)} found again; subject in the judged right set: {k} ({k / n:.3f}); "
          f"metric acceptable (approximate: Dice ≥ 0.5 to the judged metric): {m} ({m / n:.3f})")
    if args.compare:
        old = {(r["art"], r["fig"], r["excerpt"]): r for r in json.loads(Path(args.compare).read_text(encoding="utf-8"))}
        up = down = 0
        for r in rows:
            o = old.get((r["art"], r["fig"], r["excerpt"]))
            if o is None or (o["subject"], o["canonical"]) == (r["subject"], r["canonical"]):
                continue
            a, b = is_right(o), is_right(r)
            up, down = up + (b and not a), down + (a and not b)
            mark = "wrong→right" if b and not a else "right→wrong" if a and not b else "right→right" if a else "wrong→wrong"
            print(f"{mark}\tRun {r['run']}\t{r['art']}\t{r['fig']}\t{o['subject']} → {r['subject']}\tjudged right: {r['right']}")
        print(f"wrong→right {up}, right→wrong {down}")
        mu = md = 0
        for r in rows:
            o = old.get((r["art"], r["fig"], r["excerpt"]))
            if o is None or o.get("metric") == r["metric"] or "metric_ref" not in o:
                continue
            a, b = metric_ok(o), metric_ok(r)
            mu, md = mu + (b and not a), md + (a and not b)
            mark = "better" if b and not a else "worse" if a and not b else "same"
            print(f"metric {mark}\tRun {r['run']}\t{r['art']}\t{r['fig']}\t{o['metric']} → {r['metric']}\tjudged: {r['metric_ref']}")
        print(f"metric better {mu}, worse {md}")


if __name__ == "__main__":
    main()
