"""An extracted article as rows: its extraction record becomes one ``articles`` row and its
``mentions``, ``facts`` and ``entities`` rows (:func:`article_rows`), written all or nothing
(:func:`write_article`).

Example:
    >>> from pxextract.read import Article
    >>> art = Article("a1", "投资3亿元。投资3亿元。")
    >>> span = {"label": "MONEY", "text": "3亿元", "value": 300000000, "unit": "元"}
    >>> spans = [dict(span, start=2, end=5), dict(span, start=8, end=11)]
    >>> r = article_rows(art, {"spans": spans}, "v", "now", sentences=[(0, 6), (6, 12)])
    >>> [(f["text"], f["n_mentions"], f["context"]) for f in r["facts"]]
    [('3亿元', 2, '投资3亿元。')]
"""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence

from ..read import Article
from ..records import CANONICAL_ATTRS, ArticleRecord
from ..labels import LABELS_NAMES, LABELS_NUMERIC
from .schema import COMPONENTS, CONTENT_TABLES, FACT_KEY, _q, columns, transaction


def meta_json(meta: dict) -> str:
    return json.dumps(meta or {}, ensure_ascii=False, sort_keys=True, default=str)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def article_rows(article: Article, record: ArticleRecord, version: str, processed_at: str, run_id: int | None = None, *,
                 sentences: Sequence[tuple[int, int]]) -> dict[str, list[dict]]:
    """The rows of one article for every content table, from its extraction record and the
    ``(start, end)`` ranges of its sentences (``link.sentences(article.text)``, given by the
    caller: the store runs no part of the pipeline).

    Numeric mentions with the same :data:`FACT_KEY` — or a ``duplicate_of`` pointing at an
    earlier mention — become one fact whose ``n_mentions`` counts them; names with the same
    label and text become one entity. Example: "对全市6个工业园区…" stated twice in an article
    gives two ``mentions`` rows (``fact`` 0 both) and one ``facts`` row with ``n_mentions`` 2.
    """
    text = article.text
    ranges = list(sentences)
    starts = [a for a, _ in ranges]
    mentions: list[dict] = []
    facts_: list[dict] = []
    entities: list[dict] = []
    fact_by_key: dict[tuple, dict] = {}
    fact_at: dict[int, dict] = {}
    entity_by_key: dict[tuple, dict] = {}
    for i, s in enumerate(sorted(record["spans"], key=lambda s: (s["start"], s["end"]))):
        m = _mention_row(article.id, i, s, sentence=max(bisect.bisect_right(starts, s["start"]) - 1, 0))
        if s["label"] in LABELS_NUMERIC:
            key = _key(s)
            f = _fact_for(s, key, fact_by_key, fact_at)
            if f is None:
                f = _new_fact(article.id, len(facts_), s, m["sentence"], _context(text, ranges, m["sentence"]))
                facts_.append(f)
                fact_by_key.setdefault(key, f)
            f["n_mentions"] += 1
            fact_at[s["start"]] = f
            m["fact"] = f["fact"]
        elif s["label"] in LABELS_NAMES:
            e = entity_by_key.get((s["label"], s["text"]))
            if e is None:
                e = {"article_id": article.id, "entity": len(entities), "label": s["label"], "name": s["text"],
                     "start": s["start"], "end": s["end"], "n_mentions": 0}
                entities.append(e)
                entity_by_key[(s["label"], s["text"])] = e
            e["n_mentions"] += 1
            m["entity"] = e["entity"]
        mentions.append(m)
    used = record.get("meta") or {}
    art = _article_row(article, version, processed_at, run_id, (len(mentions), len(facts_), len(entities)),
                       date=used.get("date") if "meta" in record else (article.meta or {}).get("date"))
    return {"articles": [art], "mentions": mentions, "facts": facts_, "entities": entities}


_ATTRS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # one encoder, not one per row


_SPAN_FIELDS = frozenset(("start", "end", "label", "text"))


def _mention_row(article_id: str, index: int, s: dict, sentence: int) -> dict:
    """One ``mentions`` row: 82.32亿元 → label MONEY, value 8232000000, unit 元, … and all attributes as JSON."""
    g = s.get
    return {
        "article_id": article_id, "mention": index, "start": s["start"], "end": s["end"], "label": s["label"],
        "text": s["text"], "sentence": sentence, "component": g("component") or COMPONENTS.get(s["label"], "unknown"),
        "value": _real(g("value")), "unit": g("unit"), "qualifier": g("qualifier"), "low": _real(g("low")), "high": _real(g("high")),
        "year": _real(g("year")), "metric": g("metric"), "subject": g("subject"), "modality": g("modality"),
        "change": g("change"), "year_start": _real(g("year_start")), "year_end": _real(g("year_end")), "duplicate_of": g("duplicate_of"),
        "attrs": _ATTRS_JSON({k: v for k, v in s.items() if k not in _SPAN_FIELDS}),
    }


_INT64 = 2 ** 63


def _real(v):
    """A number SQLite can bind: an integer beyond 64 bits becomes the nearest float (None past
    a float's range); the exact value stays in ``mentions.attrs`` (JSON keeps any integer).

    >>> _real(12345678901234567890), _real(10 ** 400), _real(82)
    (1.2345678901234567e+19, None, 82)
    """
    if type(v) is int and not -_INT64 <= v < _INT64:
        try:
            return float(v)
        except OverflowError:
            return None
    return v




def _new_fact(article_id: str, index: int, s: dict, sentence: int, context: str) -> dict:
    f = {k: _real(s.get(k)) for k in FACT_KEY + CANONICAL_ATTRS}  # canonical forms: issue #15, pxextract.subjects
    f.update(article_id=article_id, fact=index, text=s["text"], start=s["start"], end=s["end"],
             sentence=sentence, context=context, n_mentions=0)
    return f


def _context(text: str, ranges: list[tuple[int, int]], sentence: int) -> str:
    a, b = ranges[sentence] if ranges else (0, len(text))
    return text[a:b].strip()


def _article_row(article: Article, version: str, processed_at: str, run_id: int | None, counts: tuple[int, int, int],
                 date: str | None = None) -> dict:
    """The ``articles`` row; ``date`` is the publication date the pipeline used (the metadata's,
    normalized, or one found in the text), ``meta`` the input metadata as given."""
    meta = dict(article.meta or {})
    return {
        "id": article.id, "path": article.path, "sha256": sha256(article.text), "date": _str(date),
        "title": _str(meta.get("title")), "source": _str(meta.get("source")), "meta": meta_json(meta),
        "chars": len(article.text), "text": article.text, "version": version, "processed_at": processed_at,
        "run_id": run_id, "n_mentions": counts[0], "n_facts": counts[1], "n_entities": counts[2],
    }


def _str(v) -> str | None:
    return None if v in (None, "") else str(v)


def _key(span: dict) -> tuple:
    return tuple(map(span.get, FACT_KEY))


def _fact_for(span: dict, key: tuple, by_key: dict, at: dict) -> dict | None:
    """The fact an earlier mention already made for ``span``: its ``duplicate_of``, else the same key."""
    dup = span.get("duplicate_of")
    if dup is not None and dup in at:
        return at[dup]
    return by_key.get(key)


def insert(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    cols = columns(table)
    sql = f"INSERT INTO {_q(table)} ({', '.join(_q(c) for c in cols)}) VALUES ({', '.join('?' for _ in cols)})"
    conn.executemany(sql, [tuple(map(r.get, cols)) for r in rows])


def delete_articles(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Delete the articles ``ids`` with all their rows (their attribution to a source too)."""
    ids = list(ids)
    for table, key in (("source_articles", "article_id"), ("mentions", "article_id"), ("facts", "article_id"),
                       ("entities", "article_id"), ("articles", "id")):
        conn.executemany(f"DELETE FROM {table} WHERE {key} = ?", [(i,) for i in ids])


def replace_article(conn: sqlite3.Connection, rows: dict[str, list[dict]], fresh: bool = False) -> None:
    """Delete the article's old rows and insert the new ones, in one transaction (``fresh``:
    the database being built from nothing has no old rows to delete; there, rows go into the
    batch transaction of a full build when one is open). ``rows["source_articles"]``, when
    present, attributes the article to the source it was read from, in the same transaction."""
    tables = CONTENT_TABLES + (("source_articles",) if rows.get("source_articles") else ())
    if fresh and conn.in_transaction:
        for table in tables:
            insert(conn, table, rows[table])
        return
    with transaction(conn):
        if not fresh:
            delete_articles(conn, [rows["articles"][0]["id"]])
        for table in tables:
            insert(conn, table, rows[table])


def write_article(conn: sqlite3.Connection, rows: dict[str, list[dict]], fresh: bool) -> None:
    """:func:`replace_article`, all or nothing even inside a full build's batch transaction
    (a savepoint): a row SQLite refuses leaves no part of the article behind."""
    if not conn.in_transaction:
        replace_article(conn, rows, fresh=fresh)
        return
    conn.execute("SAVEPOINT article")
    try:
        replace_article(conn, rows, fresh=fresh)
    except BaseException:
        conn.execute("ROLLBACK TO article")
        conn.execute("RELEASE article")
        raise
    conn.execute("RELEASE article")
