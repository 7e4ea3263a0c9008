"""Batch extraction over many articles, as ``pxextract extract`` runs it: :func:`extract_many`.

How records are made (in this process or in worker processes, the time budget of each
article, memory zones, the default number of workers) is decided in one place,
:mod:`pxextract.workers`, for ``extract`` and ``build`` alike; this module keeps the names
``extract`` and older callers import.

Example:
    >>> from pxextract.read import Article
    >>> arts = [Article("a", "全市投资3亿元。", {"date": "2022"})]
    >>> [rec["spans"][0]["value"] for _, rec, _ in extract_many(arts, workers=1)]
    [300000000]
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .read import Article
from .workers import (ARTICLE_TIMEOUT, CHUNK_CHARS, MIN_RATE, ZONE_CHARS, ArticleTimeout, Workers, ZoneBudget, budget,
                      default_workers, failure_message, record_within, time_budget, zones_for)

__all__ = ["ARTICLE_TIMEOUT", "MIN_RATE", "ZONE_CHARS", "ArticleTimeout", "ZoneBudget", "budget", "default_workers",
           "extract_many", "failure_message", "line_and_date", "record_within", "time_budget", "zones_for"]


def line_and_date(rec: dict, text: str = "") -> tuple[str, bool]:
    """A record as its JSON line, and whether it has a publication date (for the warning about
    articles without one); a picklable ``encode`` for :func:`extract_many`."""
    from .output import dumps

    return dumps(rec), bool(rec["meta"].get("date"))


def extract_many(
    articles: Iterable[Article],
    workers: int | None = 1,
    rules_path=None,
    entities: bool = True,
    extractor=None,
    chunk_chars: int = CHUNK_CHARS,
    encode=None,
    timeout: float | None = ARTICLE_TIMEOUT,
) -> Iterator[tuple[Article, dict | None, str | None]]:
    """Yield ``(article, record, error)`` in input order; ``error`` is a message or None:
    ``Workers(workers, …)(articles)`` (:class:`pxextract.workers.Workers`; ``workers`` None is
    the default count, ≤ 1 this process with ``extractor``, built if not given).

    ``encode(record, text)`` (picklable, such as :func:`line_and_date`) is applied where the
    record is made, and its result is yielded instead of the record: in a pool the workers
    then do that work and send back less. ``timeout``: the per-article time budget's base
    (:func:`budget`; 0 for none).
    """
    return Workers(workers, rules_path=rules_path, entities=entities, extractor=extractor, encode=encode,
                   timeout=timeout, chunk_chars=chunk_chars)(articles)
