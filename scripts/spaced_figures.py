"""Check figures written with a space between number and unit (issue #12): count them in a corpus
with a regex built from rules/units.tsv and rules/magnitudes.tsv, and check that the pipeline
extracts each one with the value and unit the text states.

    python scripts/spaced_figures.py ../shared/corpus-dev [--show 20]

A candidate is an Arabic number, one or more space characters (Unicode ``Zs``: ASCII, U+00A0,
U+2009, U+202F, U+3000 …), an optional magnitude (万, 亿 …) with optional spaces, and a unit. Its
expected value is computed here from the matched text alone (Decimal(number) × magnitude × the
unit's factor), independently of the extraction grammar. A candidate counts as right when a numeric
span holds it (a range such as 0-15 岁 or 5 % 至 7 % holds its bounds) and has that value (or that
bound) and unit. Candidates that are no figure by annotation.md
(ordinals 第 3 个, class labels 2000 吨级, days 8 月 16 日) are listed as ``not a figure`` when
the same text written without the spaces gives no span either.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

import regex

from pxextract.numerals import to_json_number
from pxextract.pipeline import Extractor
from pxextract.read import read_inputs


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def candidates(text: str, rules) -> list[tuple[int, int, int, Decimal, str]]:
    """(start, unit start, end, expected value, unit) of every spaced number + unit in ``text``."""
    pattern = regex.compile(
        rf"(?<![\d.,])(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\p{{Zs}}+(?:(?P<mag>{_alt(rules.magnitudes)})\p{{Zs}}*)?(?P<unit>{_alt(rules.units)})"
    )
    out = []
    for m in pattern.finditer(text):
        unit = rules.units[m.group("unit")]
        value = Decimal(m.group("num").replace(",", "")) * rules.magnitudes.get(m.group("mag") or "", Decimal(1)) * unit.factor
        out.append((m.start(), m.start("unit"), m.end(), value, unit.unit))
    return out


def check(folders: list[str], show: int = 0) -> dict:
    ex = Extractor()
    articles, errors = read_inputs([Path(f) for f in folders])
    total = right = not_figure = 0
    wrong = []
    for art in articles:
        spans = [s for s in ex.record(art.id, art.text, art.meta)["spans"] if "unit" in s]
        for start, ustart, end, value, unit in candidates(art.text, ex.rules):
            total += 1
            # the span holding the candidate (a range such as 0-15 岁 or 5 % 至 7 % holds it too)
            s = next((x for x in spans if x["start"] <= start and end <= x["end"]), None)
            want = to_json_number(value)
            if s and s["unit"] == unit and want in (s.get("value"), s.get("low"), s.get("high")):
                right += 1
                continue
            # the same text without the spaces: no span there either → no figure by the rules
            glued = art.text[start:end]
            glued = regex.sub(r"\p{Zs}+", "", glued)
            probe = art.text[max(0, start - 6) : start] + glued + art.text[end : end + 6]
            if s is None and not any(
                x["text"] == glued for x in ex.record("probe", probe, art.meta)["spans"] if "unit" in x
            ):
                not_figure += 1
                wrong.append(("not a figure", art.id, art.text[max(0, start - 8) : end + 4]))
                continue
            wrong.append(("WRONG", art.id, art.text[max(0, start - 8) : end + 4], s and (s["text"], s.get("value"), s["unit"])))
    figures = total - not_figure
    report = {"candidates": total, "not_a_figure": not_figure, "figures": figures, "right": right,
              "accuracy": round(right / figures, 4) if figures else 1.0}
    for w in wrong[:show] if show else ():
        print(*w, sep="\t")
    return report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--show", type=int, default=0, help="print the first N misses")
    args = ap.parse_args(argv)
    report = check(args.inputs, args.show)
    print(report)
    return 0 if report["accuracy"] >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main())
