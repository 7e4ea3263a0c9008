"""The benchmark's workers section (issue #14): ``pxextract build --full`` of the same corpus
with ``--workers 1``, ``--workers 2`` and the default count, interleaved (each repetition
runs the three, in a rotated order), as a user runs them (a fresh process each, wall time
including start-up). Run through ``python -m pxextract.bench --scaling`` (:mod:`pxextract.bench`).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONFIGS = (("1", ["--workers", "1"]), ("2", ["--workers", "2"]), ("default", []))
HEADING = "## Worker processes in `build`"


# the build as `pxextract build` runs it, then its own CPU seconds and its workers' (reaped children)
_CODE = (
    "import resource, sys, time; from pxextract.cli import app; t = time.perf_counter()\n"
    "try:\n    app(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code\n"
    "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print('BENCH', code or 0, me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime, file=sys.stderr)\n"
)


def run_build(folder: Path, args: list[str]) -> tuple[float, float, float]:
    """``(wall, build process CPU, workers CPU)`` seconds of ``pxextract build FOLDER --db (new)
    --full ARGS`` in a fresh process (wall including start-up)."""
    db = Path(tempfile.mkdtemp(prefix="pxbench-db-")) / "facts.sqlite"
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CODE, "build", str(folder), "--db", str(db), "--full", *args],
                          capture_output=True, text=True)
    secs = time.perf_counter() - t
    shutil.rmtree(db.parent, ignore_errors=True)
    line = next((x for x in proc.stderr.splitlines() if x.startswith("BENCH ")), "")
    if proc.returncode != 0 or not line or line.split()[1] != "0":
        raise SystemExit(f"pxextract build {' '.join(args)} failed: {proc.stderr[-2000:]}")
    _, _, me, kids = line.split()
    return secs, float(me), float(kids)


def interleaved(folder: Path, reps: int) -> tuple[dict[str, list[float]], dict[str, list[tuple[float, float]]]]:
    """Wall seconds per configuration, one entry per repetition (the order rotates each time),
    and the ``(build process, workers)`` CPU seconds of each run."""
    out: dict[str, list[float]] = {name: [] for name, _ in CONFIGS}
    cpu: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in CONFIGS}
    for rep in range(reps):
        order = CONFIGS[rep % len(CONFIGS):] + CONFIGS[: rep % len(CONFIGS)]
        for name, args in order:
            wall, me, kids = run_build(folder, args)
            out[name].append(wall)
            cpu[name].append((me, kids))
            print(f"  rep {rep + 1}: --workers {name}: {wall:.2f} s (CPU: build process {me:.1f} s, workers {kids:.1f} s)", flush=True)
    return out, cpu


def section(big: Path, big_mb: float, big_chars: int, small: Path, small_mb: float, small_chars: int, reps: int) -> list[str]:
    """Measure both corpora; the Markdown section."""
    from .workers import DEFAULT_MIN_CHARS, default_workers

    rows = []
    for folder, mb, chars in ((big, big_mb, big_chars), (small, small_mb, small_chars)):
        print(f"build --workers 1 / 2 / default on {mb:g} MB, {reps} interleaved repetitions", flush=True)
        secs, cpu = interleaved(folder, reps)
        med = {k: statistics.median(v) for k, v in secs.items()}
        default_slower = sum(d > o for d, o in zip(secs["default"], secs["1"]))
        rows.append((mb, chars, secs, med, default_slower, cpu))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    md = [
        "",
        HEADING,
        "",
        f"Command: `python -m pxextract.bench --scaling --mb {big_mb:g} --batch-mb {small_mb:g} --reps {reps}` — run on "
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores (default count here: {default_workers()}, from "
        f"{DEFAULT_MIN_CHARS:,} characters on). Each repetition runs `pxextract build DIR --db NEW --full --workers 1`, "
        "`--workers 2` and the default (no `--workers`) one after the other, in a rotated order, each in a fresh process "
        "(wall seconds including start-up and the database write); the table gives medians. Load average (1 min) "
        f"at the end: {load:.2f} (other jobs share the machine).",
        "",
        "| corpus | `--workers 1` | `--workers 2` | default | 1 ÷ 2 | 1 ÷ default | default slower than 1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for mb, chars, secs, med, slower, _ in rows:
        md.append(f"| {mb:g} MB ({chars:,} chars) | {med['1']:.2f} s | {med['2']:.2f} s | {med['default']:.2f} s | "
                  f"{med['1'] / med['2']:.2f} × | {med['1'] / med['default']:.2f} × | {slower} of {len(secs['1'])} |")
    md.append("")
    for mb, _, secs, _, _, cpu in rows:
        md.append(f"Every run at {mb:g} MB (wall seconds, in repetition order): " + "; ".join(
            f"{k}: " + ", ".join(f"{s:.2f}" for s in v) for k, v in secs.items()) + ".")
    md.append("")
    md.append("CPU seconds (medians; the build process, which reads, writes every row and, with workers, builds the "
              "pipeline they fork from; and its workers together):")
    md.append("")
    md.append("| corpus | configuration | build process CPU | workers CPU | total CPU | cores obtained (CPU ÷ wall) |")
    md.append("|---|---|---:|---:|---:|---:|")
    for mb, _, secs, _, _, cpu in rows:
        for k, v in cpu.items():
            me, kids = statistics.median(c[0] for c in v), statistics.median(c[1] for c in v)
            cores = statistics.median((c[0] + c[1]) / w for c, w in zip(v, secs[k]))
            md.append(f"| {mb:g} MB | `{'--workers ' + k if k != 'default' else 'default'}` | {me:.1f} s | {kids:.1f} s | "
                      f"{statistics.median(c[0] + c[1] for c in v):.1f} s | {cores:.2f} |")
    md.append("")
    return md


def replace_section(out: Path, md: list[str]) -> None:
    """Put ``md`` in place of the file's section with the same heading (or at its end)."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    text = "\n".join(md)
    start = old.find("\n" + HEADING + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n" + text
    else:
        end = old.find("\n## ", start + 1)
        new = old[:start + 1] + text.rstrip("\n") + "\n" + (old[end:] if end >= 0 else "")
    out.write_text(new, encoding="utf-8")
