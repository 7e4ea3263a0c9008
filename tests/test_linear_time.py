"""Linear time on pathological runs (issue #17): the full ``Extractor.record`` path on one
character (or a short piece) repeated must take at most 20 × as long for 160,000 characters as
for 10,000 (16 × the text), measured in the same run as a ratio, never as an absolute time.

The number grammar was quadratic on such runs (一 × 8,000: 48 s): a number could start at every
position of a run and read to its end. Now no number starts inside a run of digits or numeral
characters, repeated fragments are bounded and a Chinese numeral has at most 24 characters
(docs/annotation.md §6). The table for 10 k → 1 M characters: ``python
scripts/pathological_bench.py`` (docs/benchmarks.md).
"""

from __future__ import annotations

import gc
import time

import pytest

SMALL, LARGE = 10_000, 160_000
# 16 × the characters; the rest is slack for the allocator and a busy machine: linear code measured
# 17–20 × on an idle machine and 23–36 × in one CI run where every round of two runs lost (session 8);
# a quadratic stage gives ~256 ×, and the pathological runs this test was written for gave far more
MAX_RATIO = 28
ROUNDS = 4

# name → the piece repeated (cut to the exact length)
RUNS = {
    "yi": "一",  # one Chinese digit: 48 s for 8,000 before
    "digits": "1",  # Arabic digits: 12 s for 32,000 before
    "numerals": "一二三四五六七八九十百千万亿",  # a mixed Chinese numeral run: 244 s for 16,000 before
    "full_stops": "。",
    "commas": "，",
    "dots": ".",
    "han": "的",  # one repeated Han character
    "nian": "年",  # the date grammar's anchor, everywhere
    "digit_space": "1 ",  # digits with the spaces a figure may hold
    "groups": "000,",  # thousands groups
}

pytestmark = pytest.mark.slow  # times runs up to 160 k characters, several rounds


def _text(piece: str, n: int) -> str:
    return (piece * (n // len(piece) + 1))[:n]


def _times(extractor, text: str, repeat: int) -> list[float]:
    """CPU seconds of the process per run (other jobs on the machine do not count), with the
    garbage collector off during each run, as ``timeit`` does: a full collection landing in one
    run and not the other doubled single ratios (20 ×, 41 ×, 20 ×, 41 × on a busy machine)."""
    out = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            extractor.record("run", text, {})
            out.append(time.process_time() - t0)
        finally:
            gc.enable()
    return sorted(out)


@pytest.mark.parametrize("name", list(RUNS))
def test_time_grows_linearly_on_a_run(extractor, name):
    """Rounds of (median of five 10 k runs, one 160 k run) measured back to back; one round within
    the ratio passes. A quadratic stage gives about 256 × in every round; linear code about 16 ×,
    which a busy machine (two cores shared with other jobs) can push above 20 × in a single round."""
    small, large = _text(RUNS[name], SMALL), _text(RUNS[name], LARGE)
    ratios = _ratios(extractor, small, large)
    assert min(ratios) <= MAX_RATIO, (
        f"{name}: {LARGE:,} characters took {', '.join(f'{r:.1f}' for r in ratios)} × the time of "
        f"{SMALL:,} in {len(ratios)} rounds (at most {MAX_RATIO} ×)"
    )


def _ratios(extractor, small: str, large: str) -> list[float]:
    """The ratios of the rounds run, up to the first within :data:`MAX_RATIO`."""
    extractor.record("warm-up", small, {})  # the vocabulary meets the run's tokens once
    ratios = []
    for _ in range(ROUNDS):
        t_small = _times(extractor, small, 5)[2]
        t_large = _times(extractor, large, 2)[0]  # the faster of two: one slow run is noise
        ratios.append(t_large / t_small)
        if ratios[-1] <= MAX_RATIO:
            break
    return ratios


FIGURES = "全市投资3亿元，增长5%，"  # two figures a clause each, and no full stop: one sentence of figures


def test_time_grows_linearly_on_figures_in_one_sentence(extractor):
    """A sentence of 1,540 figures and one of 16 × as many (10 k and 160 k characters: a table flattened
    without full stops). Each figure's linking read the sentence from its start (an advice cue 研究显示 before
    it, a law's title, a plan's 一是: h288), 12.8 s for 20,000 figures before; now its clause and a bisect."""
    n = SMALL // len(FIGURES)
    small, large = FIGURES * n, FIGURES * (16 * n)
    ratios = _ratios(extractor, small, large)
    assert min(ratios) <= MAX_RATIO, (
        f"figures: {len(large):,} characters took {', '.join(f'{r:.1f}' for r in ratios)} × the time of "
        f"{len(small):,} in {len(ratios)} rounds (at most {MAX_RATIO} ×)"
    )


def test_runs_give_no_figure_and_exact_offsets(extractor):
    """What the runs give: no figure from a bare run, and offsets that hold."""
    for name, piece in RUNS.items():
        text = _text(piece, 2_000)
        spans = extractor.record(name, text, {})["spans"]
        assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)
        assert not [s for s in spans if s["label"] in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")], name


def test_a_long_run_before_a_unit_is_out_of_range_or_no_figure(extractor):
    """一 × 30 + 个 is no number (more than 24 numeral characters); 400 digits + 元 is a figure
    whose value is out of range (more than 38 significant digits): never a crash."""
    text = "一" * 30 + "个，" + "9" * 400 + "元，" + "1" * 50_000 + "元。"
    spans = extractor.record("long", text, {})["spans"]
    assert [(s["text"][-1], s["value"], s.get("out_of_range")) for s in spans if s["label"] == "MONEY"] == [
        ("元", None, True), ("元", None, True)]
    assert not [s for s in spans if s["label"] == "CARDINAL"]
