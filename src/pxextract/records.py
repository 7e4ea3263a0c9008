"""The record schema, declared once (docs/annotation.md §1 and §4): which fields a span of an
extraction record has, which attributes a figure or a date carries, which of them are scored,
and which are the canonical forms the fact database keys its series on. The extractor, the
store, the scorer, the gold converters and the viewers take their attribute lists from here.

Example (a figure of a record):
    >>> span = {"start": 812, "end": 820, "label": "MONEY", "text": "82.32亿元", "value": 8232000000,
    ...         "unit": "元", "qualifier": "exact", "year": 2012, "metric": "农林牧渔业总产值",
    ...         "subject": "萍乡市", "modality": "actual"}
    >>> [k for k in FIGURE_ATTRS if k in span]
    ['value', 'unit', 'qualifier', 'year', 'metric', 'subject', 'modality']
"""

from __future__ import annotations

from typing import TypedDict, Union

Number = Union[int, float]

# every span: a half-open code-point range into the article text, its label and its text
SPAN_FIELDS = ("start", "end", "label", "text")
# a figure's attributes (MONEY, PERCENT, QUANTITY, CARDINAL), in the order of §4
FIGURE_ATTRS = ("value", "unit", "qualifier", "low", "high", "year", "metric", "subject", "modality", "change")
# what a gold figure must state (§4: value may be null for a range, then low and high)
REQUIRED_FIGURE_ATTRS = ("value", "unit", "qualifier", "year", "metric", "modality")
# a DATE's calendar years
DATE_ATTRS = ("year_start", "year_end")
# canonical forms (issue #15, pxextract.subjects): the keys of the fact database's series
CANONICAL_ATTRS = ("metric_id", "subject_id", "subject_canonical", "unit_canonical")
# attributes the pipeline adds where they apply: a change's base year, a value too large for
# 38 digits, a repeated passage's first occurrence
EXTRA_ATTRS = ("base_year", "out_of_range", "duplicate_of")
# every attribute a span may carry, in this order
ALL_ATTRS = FIGURE_ATTRS + DATE_ATTRS + CANONICAL_ATTRS + EXTRA_ATTRS

# scoring (§5): the attributes compared on exactly matched figures; a record is right when
# RECORD_ATTRS are, a full record (issue #15) when FULL_RECORD_ATTRS are too
SCORED_ATTRS = ("value", "unit", "qualifier", "year", "modality", "metric", "subject")
RECORD_ATTRS = ("value", "unit", "year", "modality")
FULL_RECORD_ATTRS = RECORD_ATTRS + ("metric", "subject")



class SpanRecord(TypedDict, total=False):
    """One span of a record (§1, §4): the fields every span has, then the attributes a figure
    or a date carries where they apply (the keys are SPAN_FIELDS + ALL_ATTRS, a test checks)."""

    start: int
    end: int
    label: str
    text: str
    value: Number | None
    unit: str
    qualifier: str
    low: Number | None
    high: Number | None
    year: int | None
    metric: str | None
    subject: str | None
    modality: str
    change: str
    year_start: int | None
    year_end: int | None
    metric_id: str | None
    subject_id: str | None
    subject_canonical: str | None
    unit_canonical: str | None
    base_year: int | None
    out_of_range: bool
    duplicate_of: int


class ArticleRecord(TypedDict):
    """The extraction record of one article (docs/annotation.md §1): what ``Extractor.record``
    returns, ``extract`` writes as a JSONL line, the store turns into rows and ``eval`` scores."""

    id: str
    meta: dict
    text_sha256: str
    spans: list[SpanRecord]
