"""The publication date of an article: from its metadata, completed or found in its text.

:func:`publication_meta` gives the metadata with the ``date`` the pipeline uses and where it came
from (``date_source``: metadata or text); :func:`parse_date` reads a metadata date in the forms
sites write (``2023年07月19``, ``2023/07/2`` cut off, ``23-07-27 09:3``); :func:`format_date`
writes ``YYYY[-MM[-DD]]``. The linker component (:mod:`pxextract.pipeline`) calls it once per article.

Example: the metadata gives the year, the dateline ``新华社北京8月17日电`` the month and day:
``publication_meta({"date": "2023"}, "新华社北京8月17日电 正文", NewsFurniture(rules))["date"]``
is ``'2023-08-17'``.
"""

from __future__ import annotations

import regex

from .extract.entities import NewsFurniture

# a date in metadata: 2023-08-16, 2023/07/27, 2023年07月19, 202307/23 (compact), 时间：2023-07, 2022
# (年 and 月 stay in code here: separators of a metadata date format, like - / ., which no rules
# folder changes; the DATE grammar's calendar words are in rules/date_words.tsv)
_META_DATE = regex.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?:(?P<m>0[1-9]|1[0-2])(?:[-/.]?(?P<d>\d\d))?(?!\d)"  # 年/月: see above
    r"|\s*[-/.年]\s*(?P<m2>\d{1,2})(?:\s*[-/.月]\s*(?P<d2>\d{1,2}))?(?!\d)|(?!\d))"
)


# a time stamp with a two-digit year, as some sites write it: 23-07-27 09:30 (YY-MM-DD, never
# DD-MM-YY in Chinese pages); read as 2000 + YY below 70, else 1900 + YY (POSIX strptime's %y)
_SHORT_YEAR = regex.compile(r"\s*(?P<y>\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)(?=\s|$)")


def parse_date(value: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a metadata date, month and day None when not given; None when the
    value names no year (``07-21 15:4``, ``来源：新华社``). A whole ``YY-MM-DD`` stamp at the start
    (``23-07-26 10:3``) is read with its two-digit year (2023).

    A one-digit last part at the very end may be cut off (``[2023/07/2`` from ``2023/07/2x``) and
    is dropped; an impossible month or day is dropped.

    >>> parse_date("2023-08-16"), parse_date("时间：2023-07"), parse_date("[2023/07/2"), parse_date("8-11 09:08")
    ((2023, 8, 16), (2023, 7, None), (2023, 7, None), None)
    >>> parse_date("23-07-27 09:3"), parse_date("23-13-27 09:3")
    ((2023, 7, 27), None)
    """
    short = _SHORT_YEAR.match(value)
    if short is not None:
        yy, mo, d = (int(short.group(k)) for k in ("y", "m", "d"))
        y = 2000 + yy if yy < 70 else 1900 + yy
        return (y, mo, d) if 1 <= mo <= 12 and _is_day(y, mo, d) else None
    m = _META_DATE.search(value)
    if m is None:
        return None
    y = int(m.group("y"))
    mo, d = m.group("m") or m.group("m2"), m.group("d") or m.group("d2")
    end = len(value.rstrip())
    if d and len(d) == 1 and m.end() == end:
        d = None
    if mo and not d and len(mo) == 1 and m.end() == end:
        mo = None
    month = int(mo) if mo and 1 <= int(mo) <= 12 else None
    day = int(d) if month and d and _is_day(y, month, int(d)) else None
    return y, month, day


def _is_day(y: int, m: int, d: int) -> bool:
    import datetime

    try:
        datetime.date(y, m, d)
    except ValueError:
        return False
    return True


def format_date(y: int, m: int | None = None, d: int | None = None) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (docs/annotation.md §1)."""
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")


def publication_meta(meta: dict, text: str, furniture: NewsFurniture | None = None, datelines: list[dict] | None = None) -> dict:
    """The metadata with the publication date the pipeline uses (issue #12, "Dates for batches").

    ``date`` comes from the metadata when it names a year (normalized to YYYY[-MM[-DD]]; a
    missing month and day are completed from the article's dateline: ``2023`` + 8月17日电 →
    ``2023-08-17``); otherwise from the text: a dateline that names its year, or a date in the
    first lines that is labelled, stamped with a time, alone on its line or followed by a credit
    (:meth:`NewsFurniture.text_date`). A dateline's month and day alone never give a year.
    ``date_source`` says which (``metadata`` | ``text``); without a date both are absent and
    figures without their own year keep year null. A metadata value that was changed or not used
    is kept as ``date_metadata``.

    >>> publication_meta({"date": "2023年07月19"}, "")
    {'date': '2023-07-19', 'date_source': 'metadata', 'date_metadata': '2023年07月19'}
    >>> from pxextract.rules import load_rules
    >>> publication_meta({}, "发布时间：2023-08-16 全市…", NewsFurniture(load_rules()))
    {'date': '2023-08-16', 'date_source': 'text'}
    """
    out = {k: v for k, v in meta.items() if k not in ("date", "date_source", "date_metadata")}
    given = str(meta.get("date") or "").strip()
    parsed = parse_date(given) if given else None
    if datelines is None:
        datelines = furniture.datelines(text) if furniture is not None else []
    lines = datelines
    if parsed is not None:
        y, m, d = parsed
        month_day = furniture.month_day(lines) if furniture is not None and d is None else None
        if month_day and (m is None or m == month_day[0]) and _is_day(y, *month_day):
            m, d = month_day
        out["date"], out["date_source"] = format_date(y, m, d), "metadata"
    else:
        found = furniture.text_date(text, lines) if furniture is not None else None
        if found is not None:
            out["date"], out["date_source"] = format_date(*found), "text"
    if given and out.get("date") != given:
        out["date_metadata"] = meta["date"]
    return out
