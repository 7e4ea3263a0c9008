"""Time the full extraction path on pathological runs (issue #17): one character, or a short
piece, repeated to 10 k, 40 k, 160 k and 1 M characters, through ``Extractor.record``.

    python scripts/pathological_bench.py                      # the docs/benchmarks.md table
    python scripts/pathological_bench.py --sizes 10000,160000 --kinds yi,digits

Each time is the best of ``--repeat`` runs (after one warm-up run of the smallest size), so
that a busy machine inflates it as little as possible. tests/test_linear_time.py checks the
10 k → 160 k ratio of the same kinds.
"""

from __future__ import annotations

import argparse
import sys
import time

# name → the piece repeated (cut to the exact length): the cases of issue #17 and their relatives
KINDS = {
    "yi": "一",  # one Chinese digit
    "digits": "1",  # one Arabic digit
    "numerals": "一二三四五六七八九十百千万亿",  # a mixed Chinese numeral run
    "full_stops": "。",
    "commas": "，",  # folded to ',' by the normalizer
    "dots": ".",
    "han": "的",  # one repeated Han character
    "nian": "年",  # the date grammar's anchor
    "spaces": " ",
    "digit_space": "1 ",  # digits and the spaces figures may hold
    "groups": "000,",  # thousands groups
}


def make(kind: str, n: int) -> str:
    """The text of ``kind`` with exactly ``n`` characters."""
    piece = KINDS[kind]
    return (piece * (n // len(piece) + 1))[:n]


def best_time(extractor, text: str, repeat: int = 3) -> float:
    """The best wall time of ``repeat`` runs of ``extractor.record`` on ``text``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        extractor.record("run", text, {})
        best = min(best, time.perf_counter() - t0)
    return best


def table(kinds, sizes, repeat: int = 3, out=sys.stdout) -> None:
    """Print the Markdown table: kind, then seconds and chars/s per size, and the 16 × ratio."""
    from pxextract.pipeline import Extractor

    ex = Extractor()
    head = "| run | " + " | ".join(f"{n // 1000:,} k s | {n // 1000:,} k chars/s" for n in sizes)
    if 10_000 in sizes and 160_000 in sizes:
        head += " | 160 k / 10 k |"
    else:
        head += " |"
    print(head, file=out)
    print("|---|" + "---:|" * (2 * len(sizes) + (10_000 in sizes and 160_000 in sizes)), file=out)
    for kind in kinds:
        best_time(ex, make(kind, min(sizes)), 1)  # warm-up: the vocabulary meets the tokens once
        times = {n: best_time(ex, make(kind, n), repeat if n <= 200_000 else 1) for n in sizes}
        cells = [f"{times[n]:.3f} | {n / times[n]:,.0f}" for n in sizes]
        ratio = f" | {times[160_000] / times[10_000]:.1f}" if 10_000 in times and 160_000 in times else ""
        print(f"| `{KINDS[kind]}` × n ({kind}) | " + " | ".join(cells) + ratio + " |", file=out, flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,40000,160000,1000000")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    table(args.kinds.split(","), [int(s) for s in args.sizes.split(",")], args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
