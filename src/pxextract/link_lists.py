"""Metrics of figures in lists and rates that name nothing before them (issue #15, M1 empty metrics).

* **An exchange rate**: a sum written between two currencies joined by a rate joint (``link_cues.tsv``
  rate_joint: 对, 兑) measures that pair, the base sum as the quoted one:
  1港元对人民币【0.91618元】 and 【1港元】对人民币0.91618元 → 港元对人民币; 1美元兑【146日元】 → 美元兑日元.
* **A list after its head**: a measure whose words name nothing, after a head of its unit's dimension earlier in its
  sentence (``link_cues.tsv`` length_head, temperature_head; the dimension from ``unit_canon.tsv``), measures
  what the head names: 各地降雨情况：大连【61.8毫米】、营口46.1毫米 → 降雨; 最高温度，张家口…【21～26℃】 → 最高温度.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("各地降雨情况：大连61.8毫米、营口46.1毫米。1港元对人民币0.91618元。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] in ("QUANTITY", "MONEY")]
    [('61.8毫米', '降雨'), ('46.1毫米', '降雨'), ('1港元', '港元对人民币'), ('0.91618元', '港元对人民币')]
"""

from __future__ import annotations

import regex

from .resolve import loader
from .rules import Rules
from .spans import Span

_SENTENCE_END = regex.compile(r"[。！？!?\n]", regex.REVERSE)
_WINDOW = 200
_UNIT_SUMS = (1, 100)  # the sums a rate is quoted for (1美元, 100日元)
_RATE_WINDOW = 16  # the most characters of 1澳大利亚元对人民币 before a quoted sum  # the most characters a list head stands before a figure of its list
_KINDS = {"length_head": "length", "temperature_head": "temperature"}  # link_cues kind → unit_canon dimension


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


class ListMetrics:
    """The rate pairs and list heads of one rules folder (built once per linker)."""

    def __init__(self, rules: Rules):
        currencies = [u for u, unit in rules.units.items() if unit.label == "MONEY" and "/" not in u]
        joints = rules.cue("rate_joint")
        # a currency: a currency's surface (人民币, 日元), or Han characters ending in the shortest one (澳大利亚元)
        cur = rf"(?:{_alt(currencies)}|\p{{Han}}{{1,4}}?{regex.escape(min(currencies, key=len))})" if currencies else "(?!)"
        joint = _alt(joints) if joints else "(?!)"
        num = r"\d+(?:\.\d+)?"
        # before a quoted sum: 1港元对人民币【…】 / 1美元兑【146日元】
        self.quote_re = regex.compile(rf"(?P<pre>{cur})?\s*{num}\s*(?P<base>{cur})\s*(?P<joint>{joint})\s*(?P<quote>{cur})?\s*$")
        # 人民币【1元】对0.9408丹麦克朗: the currency written before the base sum names it
        self.pre_re = regex.compile(rf"(?P<pre>{cur})\s*$")
        # after a base sum: 【1港元】对人民币0.91618元
        # (or 【1元】对0.63625马来西亚林吉特: a unit sum, and the words after the number up to the clause's end, a currency
        # units.tsv lacks)
        self.base_re = regex.compile(rf"\s*(?P<joint>{joint})\s*(?P<quote>{cur})?\s*{num}\s*(?:(?P<after>{cur})|(?P<word>\p{{Han}}{{2,8}})(?=[，,；;。\s]|$))?")
        _, rows = loader.table(rules.path, loader.UNIT_CANON)
        self.dimension = {r["unit"]: r["dimension"] for _, r in rows}
        self.heads = {dim: regex.compile(_alt(rules.cue(kind)), regex.REVERSE) for kind, dim in _KINDS.items() if rules.cue(kind)}

    def rate(self, text: str, span: Span) -> str:
        """The currency pair of an exchange rate the figure is part of (港元对人民币), else ''."""
        if span.label != "MONEY":
            return ""
        m = self.quote_re.search(text, max(0, span.start - _RATE_WINDOW), span.start)
        if m is not None:
            quote = m.group("quote") or span.attrs.get("unit") or ""
            return (m.group("pre") or m.group("base")) + m.group("joint") + quote if quote else ""
        m = self.base_re.match(text, span.end)
        pre = self.pre_re.search(text, max(0, span.start - _RATE_WINDOW), span.start)
        base = pre.group("pre") if pre else span.attrs.get("unit") or ""
        quote = m and (m.group("quote") or m.group("after") or (m.group("word") if span.attrs.get("value") in _UNIT_SUMS else ""))
        if base and quote:
            return base + m.group("joint") + quote
        return ""

    def head(self, text: str, span: Span) -> str:
        """The nearest list head of the figure's unit's dimension before it in its sentence, else ''."""
        head = self.heads.get(self.dimension.get(span.attrs.get("unit") or "", ""))
        if head is None:
            return ""
        end = _SENTENCE_END.search(text, max(0, span.start - _WINDOW), span.start)
        m = head.search(text, end.end() if end else max(0, span.start - _WINDOW), span.start)
        return m.group() if m else ""
