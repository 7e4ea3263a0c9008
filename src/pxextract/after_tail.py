"""The metric read after a figure without an adverb or modal that ends it (issue #15 M1, h379): the cut the words
before a figure get (:meth:`pxextract.link_after.AfterNounLinker._adverb_cut`, link_cues adverb_tail) for the noun
after it, once the cue words the stored metric loses (metric_cleaning cue: 有, 完成, 分别) are put aside, where a noun
is left and the cut falls on a word edge of jieba's: 400余名高一新生就从学校… → 高一新生, 其他两处野火也分别有… → 野火,
49个问题已完成 → 问题; 船只, 原则, 就业 stay.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("北京十二中的400余名高一新生就从学校徒步行军前往抗战馆。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["text"] == "400余名"]
    [('400余名', '高一新生')]
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .labels import LABELS_NUMERIC
from .resolve import loader


@lru_cache(maxsize=8)
def _cleaning_cues(rules_dir: str) -> tuple[str, ...]:
    """metric_cleaning.tsv's cue words, longest first (what :meth:`MetricResolver.tidy` strips off a metric's end)."""
    rows = loader.table(Path(rules_dir), loader.METRIC_CLEANING)[1]
    return tuple(sorted({r["text"] for _, r in rows if r["kind"] == "cue"}, key=len, reverse=True))


def _untidied(metric: str, cues: tuple[str, ...]) -> str:
    """``metric`` without the cue words ending it: 野火也分别有 → 野火也."""
    cut = True
    while cut:
        cut = next((w for w in cues if metric.endswith(w) and len(metric) > len(w)), "")
        metric = metric[: -len(cut)] if cut else metric
    return metric


def after_tails(linker, text: str, spans, token_starts) -> None:
    """Each figure's metric read from the words right after it (at most 3 characters between: 的, a space, 以上)
    cut before an adverb or modal ending it (module doc)."""
    cues = _cleaning_cues(str(linker.rules.path))
    for span in spans:
        metric = span.attrs.get("metric")
        if span.label not in LABELS_NUMERIC or not metric:
            continue
        at = text.find(metric, span.end, span.end + 3 + len(metric))
        if at < 0:
            continue
        bare = _untidied(metric, cues)
        cut = linker._adverb_cut(bare, True)
        if cut != bare and (token_starts is None or at + len(cut) in token_starts):
            span.attrs["metric"] = cut
