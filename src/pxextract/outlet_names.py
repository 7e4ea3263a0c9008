"""Outlets the outlet list misses (issue #15 S4a): an ORG whose name ends as only a news outlet's
does (``outlet_end`` of ``rules/news_furniture.tsv``: 河南日报社, 青海新闻网), and one ending in an
``outlet_suffix`` (…网, …社, …APP) written right before a dateline verb that cites nothing (讯, not
报道: 据…通讯社报道 is a cited source) or a byline's role word (永州网讯, 内江广播电视台记者), are
news furniture: never a figure's subject (annotation §6 News).
Called from :func:`pxextract.title_names.mark_inside`.

Example:
    >>> from pxextract.rules import load_rules
    >>> text = "河南日报社记者 王平 周口报道。永州网讯 国家电网投资5亿元。"
    >>> names = [Span(0, 5, "ORG", "河南日报社"), Span(16, 19, "ORG", "永州网"), Span(22, 26, "ORG", "国家电网")]
    >>> mark_outlets(text, names, load_rules())
    >>> [s.attrs.get("furniture") for s in names]
    ['outlet', 'outlet', None]
"""

from __future__ import annotations

from .spans import Span


def mark_outlets(text: str, names: list[Span], rules) -> None:
    """Flag (``furniture`` = ``"outlet"``) the ORG names that are outlets by their ending, or by
    their ending and a dateline verb or role word right after them (see the module)."""
    f = rules.furniture
    ends, suffixes = f.get("outlet_end", ()), f.get("outlet_suffix", ())
    cited = f.get("cite_verb", ())  # 据乌克兰国家通讯社报道: a cited source (pxextract.subjects.mark_sources), no dateline
    after = tuple(v for v in f.get("undated_verb", ()) if v not in cited) + f.get("role", ())
    for s in names:
        if s.label != "ORG" or "furniture" in s.attrs:
            continue
        if ends and s.text.endswith(ends) and len(s.text) > 2:
            s.attrs["furniture"] = "outlet"
        elif suffixes and after and s.text.endswith(suffixes) and text.startswith(after, s.end):
            s.attrs["furniture"] = "outlet"
