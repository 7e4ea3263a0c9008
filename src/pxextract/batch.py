"""Batch extraction over many articles: one process, or a pool of worker processes.

jieba and most of the pipeline are pure Python, so parallelism means processes. Each worker
builds the pipeline once (pool initializer); articles are sent in a bounded window, so memory
stays flat whatever the corpus size, and results come back in input order.

Example:
    >>> from pxextract.read import Article
    >>> arts = [Article("a", "全市投资3亿元。", {"date": "2022"})]
    >>> [rec["spans"][0]["value"] for _, rec, _ in extract_many(arts, workers=1)]
    [300000000]
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from .read import Article

_WORKER: dict = {}  # the per-process Extractor, set by the pool initializer (one per process)
SMALL_BATCH = 8  # below this many articles a pool costs more than it saves


def default_workers() -> int:
    return os.cpu_count() or 1


def _init_worker(rules_path, entities: bool) -> None:
    from .pipeline import Extractor

    _WORKER["ex"] = Extractor(rules_path, entities=entities)


def _extract_chunk(chunk: list[tuple[str, str, dict]], extractor=None) -> list[tuple[dict | None, str | None]]:
    """Records of a chunk of articles. The strings the chunk adds to spaCy's vocabulary are
    released when it is done (a memory zone), so memory stays flat over any corpus size; one
    zone per chunk rather than per article keeps most of the vocabulary look-ups warm."""
    ex = extractor or _WORKER["ex"]
    out = []
    with ex.nlp.memory_zone():
        for art_id, text, meta in chunk:
            try:
                out.append((ex.record(art_id, text, meta), None))
            except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
                out.append((None, f"extraction failed ({type(exc).__name__}: {exc})"))
    return out


def extract_many(
    articles: Iterable[Article],
    workers: int = 1,
    rules_path=None,
    entities: bool = True,
    extractor=None,
    chunk_chars: int = 200_000,
) -> Iterator[tuple[Article, dict | None, str | None]]:
    """Yield ``(article, record, error)`` in input order; ``error`` is a message or None.

    ``workers`` ≤ 1 (or a batch smaller than :data:`SMALL_BATCH`) runs in this process with
    ``extractor`` (built if not given). Otherwise a process pool is used; at most
    ``workers × 2`` chunks of about ``chunk_chars`` characters are in flight at any time.
    Either way articles are processed in chunks of about ``chunk_chars`` characters, each in
    its own vocabulary memory zone.
    """
    it = iter(articles)
    head = list(islice(it, SMALL_BATCH))
    if workers <= 1 or len(head) < SMALL_BATCH:
        if extractor is None:
            from .pipeline import Extractor

            extractor = Extractor(rules_path, entities=entities)
        for chunk in _char_chunks(_chain(head, it), chunk_chars):
            results = _extract_chunk([(a.id, a.text, a.meta) for a in chunk], extractor)
            for art, (rec, err) in zip(chunk, results):
                yield art, rec, err
        return
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        # build the pipeline once here; forked workers inherit it (no per-worker start-up)
        if extractor is None:
            from .pipeline import Extractor

            extractor = Extractor(rules_path, entities=entities)
        _WORKER["ex"] = extractor
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    else:  # spawn: each worker builds its own pipeline once
        pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(rules_path, entities))
    with pool:
        pending: deque = deque()
        for chunk in _char_chunks(_chain(head, it), chunk_chars):
            pending.append((chunk, pool.submit(_extract_chunk, [(a.id, a.text, a.meta) for a in chunk])))
            while len(pending) >= workers * 2:
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())


def _collect(item):
    chunk, future = item
    for art, (rec, err) in zip(chunk, future.result()):
        yield art, rec, err


def _chain(head, it):
    yield from head
    yield from it


def _char_chunks(articles: Iterable[Article], chunk_chars: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    size = 0
    for art in articles:
        chunk.append(art)
        size += len(art.text)
        if size >= chunk_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk
