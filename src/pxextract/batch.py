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

import contextlib
import os
import signal
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from .read import Article

_WORKER: dict = {}  # the per-process Extractor, set by the pool initializer (one per process)
SMALL_BATCH = 8  # below this many articles a pool costs more than it saves
ZONE_CHARS = 1_000_000  # characters extracted per vocabulary memory zone (ZoneBudget)


# the per-article time budget: BASE seconds plus one second per MIN_RATE characters (extraction
# runs at 500 k chars/s; a budget 25 times slower than that only stops what is stuck)
ARTICLE_TIMEOUT = 60.0
MIN_RATE = 20_000


class ArticleTimeout(Exception):
    """An article's extraction ran past its time budget (it is reported and skipped)."""


def budget(text: str, timeout: float | None = ARTICLE_TIMEOUT) -> float:
    """Seconds one article may take: ``timeout`` plus one second per :data:`MIN_RATE`
    characters; 0 (or None) means no budget.

    >>> budget("一" * 2_000_000)
    160.0
    """
    return 0.0 if not timeout else timeout + len(text) / MIN_RATE


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` inside the block once ``seconds`` have passed (SIGALRM;
    only in a process's main thread, where batch loops run; elsewhere no budget)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise ArticleTimeout(f"took longer than {seconds:.0f} s, the per-article time budget (--article-timeout); skipped")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def record_within(ex, art_id: str, text: str, meta: dict, timeout: float | None = ARTICLE_TIMEOUT) -> dict:
    """``ex.record(...)`` under the article's time budget (:func:`budget`)."""
    with time_budget(budget(text, timeout)):
        return ex.record(art_id, text, meta)


def failure_message(exc: BaseException) -> str:
    """How a failed article is reported: a timeout as itself, anything else with its type."""
    if isinstance(exc, ArticleTimeout):
        return str(exc)
    return f"extraction failed ({type(exc).__name__}: {str(exc)[:300]})"


def line_and_date(rec: dict) -> tuple[str, bool]:
    """A record as its JSON line, and whether it has a publication date (for the warning about
    articles without one); a picklable ``encode`` for :func:`extract_many`."""
    from .output import dumps

    return dumps(rec), bool(rec["meta"].get("date"))


def default_workers() -> int:
    return os.cpu_count() or 1


def _init_worker(rules_path, entities: bool) -> None:
    from .pipeline import Extractor

    _WORKER["ex"] = Extractor(rules_path, entities=entities)


class ZoneBudget:
    """Extraction in spaCy vocabulary memory zones of about ``chars`` characters each.

    The strings that articles add to the vocabulary (numbers, rare words) are freed when a zone
    closes, so memory stays flat over any corpus size. A zone spans many articles (and chunks):
    each new zone creates its words' lexemes again, which costs more than the extraction of
    a small zone's worth of text, so zones are made about a million characters long.

    Example: ``zones = ZoneBudget(nlp); zones.open(); …extract one article…; zones.spent(len(text))``.
    """

    def __init__(self, nlp, chars: int = ZONE_CHARS):
        self.nlp, self.chars = nlp, chars
        self._zone = None
        self._used = 0

    def open(self) -> None:
        if self._zone is None:
            self._zone = self.nlp.memory_zone()
            self._zone.__enter__()

    def spent(self, chars: int) -> None:
        self._used += chars
        if self._used >= self.chars:
            self.close()

    def close(self) -> None:
        if self._zone is not None:
            zone, self._zone, self._used = self._zone, None, 0
            zone.__exit__(None, None, None)


def zones_for(extractor) -> ZoneBudget | None:
    """The zone budget of ``extractor`` (made on first use and kept on it; None for an object
    without a spaCy pipeline, such as a stand-in in the tests)."""
    nlp = getattr(extractor, "nlp", None)
    if nlp is None:
        return None
    zones = getattr(extractor, "zone_budget", None)
    if zones is None:
        zones = extractor.zone_budget = ZoneBudget(nlp)
    return zones


def _extract_chunk(chunk: list[tuple[str, str, dict]], extractor=None, encode=None,
                   timeout: float | None = ARTICLE_TIMEOUT) -> list[tuple[dict | None, str | None]]:
    """Records of a chunk of articles, in this process's memory zones (:class:`ZoneBudget`),
    each passed through ``encode`` if given (a worker then sends back, say, a JSON line), each
    within its time budget; a failure is that article's error message, never the chunk's."""
    ex = extractor or _WORKER["ex"]
    zones = zones_for(ex)
    out = []
    for art_id, text, meta in chunk:
        if zones is not None:
            zones.open()
        try:
            rec = record_within(ex, art_id, text, meta, timeout)
            out.append((encode(rec) if encode is not None else rec, None))
        except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
            out.append((None, failure_message(exc)))
        if zones is not None:
            zones.spent(len(text))
    return out


def extract_many(
    articles: Iterable[Article],
    workers: int = 1,
    rules_path=None,
    entities: bool = True,
    extractor=None,
    chunk_chars: int = 200_000,
    encode=None,
    timeout: float | None = ARTICLE_TIMEOUT,
) -> Iterator[tuple[Article, dict | None, str | None]]:
    """Yield ``(article, record, error)`` in input order; ``error`` is a message or None.

    ``timeout``: the per-article time budget's base (:func:`budget`; 0 for none).
    ``encode`` (a picklable function of a record, such as :func:`pxextract.output.dumps`) is
    applied where the record is made, and its result is yielded instead of the record: in a
    pool the workers then do that work and send back less.

    ``workers`` ≤ 1 (or a batch smaller than :data:`SMALL_BATCH`) runs in this process with
    ``extractor`` (built if not given). Otherwise a process pool is used; at most
    ``workers × 2`` chunks of about ``chunk_chars`` characters are in flight at any time.
    Either way articles are processed in chunks of about ``chunk_chars`` characters, in
    vocabulary memory zones of about :data:`ZONE_CHARS` characters (:class:`ZoneBudget`).
    """
    it = iter(articles)
    head = list(islice(it, SMALL_BATCH))
    if workers <= 1 or len(head) < SMALL_BATCH:
        if extractor is None:
            from .pipeline import Extractor

            extractor = Extractor(rules_path, entities=entities)
        try:
            for chunk in _char_chunks(_chain(head, it), chunk_chars):
                results = _extract_chunk([(a.id, a.text, a.meta) for a in chunk], extractor, encode, timeout)
                for art, (rec, err) in zip(chunk, results):
                    yield art, rec, err
        finally:  # no zone outlives the call: the caller's own Docs must not land in one
            zones = zones_for(extractor)
            if zones is not None:
                zones.close()
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
            pending.append((chunk, pool.submit(_extract_chunk, [(a.id, a.text, a.meta) for a in chunk], None, encode, timeout)))
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
