"""What every document reader shares (:mod:`pxextract.formats`, :mod:`pxextract.formats_pdf`):
the error a reader raises, the metadata keys, the placeholder values tools write, page-number
lines, and the time zone dates are read in.

Example:
    >>> _page_number().fullmatch("- 3 -") is not None, _useful("  Untitled ")
    (True, '')
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone
from functools import lru_cache

from .rules import DocumentWords, load_document_words

# Dates with a time zone are read in China Standard Time (the publication's own calendar day).
LOCAL_TZ = timezone(timedelta(hours=8))


@lru_cache(maxsize=1)
def _words() -> DocumentWords:
    """rules/document_words.tsv (the bundled rules), read on first use."""
    return load_document_words()


def placeholders() -> frozenset[str]:
    """Metadata values that tools write by default and that say nothing about the article
    (rules/document_words.tsv, kind placeholder)."""
    return frozenset(w.lower() for w in _words().placeholder)


@lru_cache(maxsize=1)
def _page_number() -> re.Pattern:
    """A line that is only a page number: "3", "- 3 -", "— 3 —", "第3页", "3/12", "第 3 页 共 12 页"
    (the words from rules/document_words.tsv)."""
    w = _words()
    before, word, total = ("|".join(re.escape(x) for x in ws) for ws in (w.page_before, w.page_word, w.page_total))
    return re.compile(rf"[-—–－\s]*(?:(?:{before})\s*)?\d{{1,4}}\s*(?:{word})?\s*(?:/\s*\d{{1,4}}|(?:{total})\s*\d{{1,4}}\s*(?:{word}))?[-—–－\s]*")


META_KEYS = ("title", "date", "source", "url", "author")


class DocumentError(ValueError):
    """A file that cannot be read, with the reason (without the path) for the user."""


DocumentError.__module__ = "pxextract.formats"  # its public home (re-exported there)


def _useful(value: str | None) -> str:
    """The value, stripped, unless it is empty or a tool's placeholder ("untitled", "python-docx")."""
    value = (value or "").strip()
    return "" if value.lower() in placeholders() else value
