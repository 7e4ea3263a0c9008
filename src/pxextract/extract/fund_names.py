"""Securities funds' names (issue #15, S2): a fund is the subject of its own net value, returns and
holdings (annotation §6 Attributes), so its name is an ORG: 易方达新享混合A最新净值1.459 → 易方达新享混合A.

A run of name characters (Han, Latin letters) that ends in a ``fund_type`` word of
rules/company_words.tsv (混合, 股票, 债券, ETF …) and an optional share-class letter (A, C), followed
by a ``fund_cue`` word (最新净值, 单位净值: how a fund's figures are reported). A ``fund_index`` word
and its digits are one piece of the run (h371: 华夏中证500ETF联接A, 中银中证100指数增强; not ETF联接A, 指数增强). The run starts after
punctuation, a digit or a day (7月25日，…; 7月25日易方达…). A fund name wins over the names inside it
(富国中证上海环交所碳中和ETF: not 上海); one that another name crosses is left out. Other mentions
of the name are found by the pipeline's propagation.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("7月25日，易方达新享混合A最新单位净值为1.459元。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] == "ORG"]
    [('易方达新享混合A', 'ORG')]
"""

from __future__ import annotations

import regex

from ..spans import Span

_MAX_CHARS = 24
_DAY = "\u65e5"  # 日 of a date glued before the name (7月25日易方达…)


class FundNames:
    """``add(spans, text)``: the sorted, flat ``spans`` with the funds' names of the module docstring."""

    def __init__(self, types: tuple[str, ...], cues: tuple[str, ...], indexes: tuple[str, ...] = ()):
        alt = lambda ws: "|".join(map(regex.escape, sorted(ws, key=len, reverse=True)))  # noqa: E731
        piece = rf"(?:{alt(indexes)})\d{{2,4}}|[\p{{Han}}A-Za-z]" if indexes else r"[\p{Han}A-Za-z]"  # 中证500 is one piece
        self.pattern = regex.compile(rf"(?<![\p{{Han}}A-Za-z])(?:{piece}){{2,{_MAX_CHARS}}}?(?:{alt(types)})[A-E]?(?={alt(cues)})")
        self.cue = regex.compile(alt(cues)) if cues else None  # every match has a cue after it: most texts have none (speed)

    def add(self, spans: list[Span], text: str) -> list[Span]:
        found = []
        for m in self.pattern.finditer(text) if self.cue is None or self.cue.search(text) else ():
            a, b = m.start(), m.end()
            if text[a] == _DAY:
                a += 1
            if b - a < 4 or any(s.start < b and a < s.end and (s.start < a or s.end > b) for s in spans):
                continue  # too short, or another name across its edge
            found.append(Span(a, b, "ORG", text[a:b]))
        if not found:
            return spans
        out = [s for s in spans if not any(f.start <= s.start and s.end <= f.end for f in found)]
        return sorted(out + found, key=lambda s: s.start)
