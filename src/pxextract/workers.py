"""Where records are made (issue #14): one interface for ``pxextract extract`` and
``pxextract build`` — in this process or in worker processes (Dask: :mod:`pxextract.scale`).

:class:`Workers` is called with an iterable of articles and yields ``(article, result,
error)`` in input order: ``result`` is the article's record (or what ``encode`` made of it),
``error`` the message of a failed article (its record is then None). Everything that decides
how is here, once:

* **how many**: :func:`default_workers` (one per CPU); with the default count a pool is started
  only for at least :data:`DEFAULT_MIN_CHARS` characters, with an explicit count from
  :data:`POOL_MIN_ARTICLES` articles on; one worker never starts a pool;
* **in what pieces**: chunks of about :data:`CHUNK_CHARS` characters, at most two per worker in
  flight, each article under its time budget (:func:`budget`), in spaCy vocabulary memory
  zones of about :data:`ZONE_CHARS` characters (:class:`ZoneBudget`), the same in every mode;
* **how workers start**: ``fork`` after the pipeline is built here, so they start at once and
  share its pages. A forked child closes its copy of the build lock's descriptor
  (:func:`pxextract.store.swap.lock_fds`: the ``flock`` stays with the build process alone),
  ignores SIGINT, dies with its parent (``PR_SET_PDEATHSIG`` and a watchdog) and writes to
  fresh stdio objects. Fork happens only when no other thread could hold a lock at that
  moment (a rich progress bar's refresh thread is paused for it); otherwise, and where fork
  does not exist, ``spawn``, each worker then building its own pipeline;
* **garbage collection**: the objects that exist when the loop starts (the pipeline's millions)
  are frozen out of the collector for the loop's duration (``gc.freeze``, before forking, so
  the children share those pages too), and thawed when it ends if this loop froze them.

Example:
    >>> arts = [Article("a", "全市投资3亿元。", {"date": "2022"})]
    >>> [rec["spans"][0]["value"] for _, rec, _ in Workers(1)(arts)]
    [300000000]
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

from . import processes
from .read import Article

Result = tuple[Article, object, "str | None"]

# -- one article: its time budget and how its failure is reported --------------------------------

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


def record_within(ex, art_id: str, text: str, meta: dict, timeout: float | None = ARTICLE_TIMEOUT, make: str = "record"):
    """``ex.record(...)`` (or the extractor's method named ``make``, such as
    ``record_and_sentences``) under the article's time budget (:func:`budget`)."""
    with time_budget(budget(text, timeout)):
        return getattr(ex, make)(art_id, text, meta)


def failure_message(exc: BaseException) -> str:
    """How a failed article is reported: a timeout as itself, anything else with its type."""
    if isinstance(exc, ArticleTimeout):
        return str(exc)
    return f"extraction failed ({type(exc).__name__}: {str(exc)[:300]})"


def stops_the_batch(exc: BaseException) -> bool:
    """An error of the machine, not of the article (an OSError other than a decoding error):
    it stops the batch instead of being that article's failure."""
    return isinstance(exc, OSError) and not isinstance(exc, UnicodeError)


# -- memory zones ------------------------------------------------------------------------------

ZONE_CHARS = 1_000_000  # characters extracted per vocabulary memory zone


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


# -- the policy: how many workers, from how much work, in what pieces -----------------------------

CHUNK_CHARS = 20_000  # characters per chunk of articles (a task of a worker)
POOL_MIN_ARTICLES = 2  # a pool for fewer articles than this is never worth it
DEFAULT_MIN_CHARS = 200_000  # the default count starts workers only for this much text (docs/scale.md)


def default_workers() -> int:
    """The default number of workers: one per CPU this process may run on (its affinity mask,
    which a container's cpuset narrows; else the CPU count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def char_chunks(articles: Iterable[Article], chunk_chars: int) -> Iterator[list[Article]]:
    """Consecutive lists of articles of about ``chunk_chars`` characters (at least one article)."""
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


def extract_chunk(items: list[tuple[str, str, dict]], extractor, encode: Callable | None = None,
                  timeout: float | None = ARTICLE_TIMEOUT, raise_errors: bool = False,
                  make: str = "record") -> list[tuple[object, str | None]]:
    """``(result, error)`` per ``(id, text, meta)``, in ``extractor``'s memory zones: the record,
    or ``encode(record, text)`` when given, each within its time budget; a failure is that
    article's error message, never the chunk's (unless ``raise_errors``, or
    :func:`stops_the_batch`). Used by every mode: this process, pool workers, Dask workers."""
    zones = zones_for(extractor)
    out = []
    for art_id, text, meta in items:
        if zones is not None:
            zones.open()
        try:
            rec = record_within(extractor, art_id, text, meta, timeout, make)
            out.append((encode(rec, text) if encode is not None else rec, None))
        except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
            if raise_errors or stops_the_batch(exc):
                raise
            out.append((None, failure_message(exc)))
        if zones is not None:
            zones.spent(len(text))
    return out


@contextlib.contextmanager
def frozen_gc() -> Iterator[None]:
    """The objects alive now (the pipeline's) out of the collector's way for the block; thawed
    after it, unless someone else had frozen objects before (their tuning is left alone)."""
    mine = gc.get_freeze_count() == 0
    if mine:
        gc.freeze()
    try:
        yield
    finally:
        if mine:
            gc.unfreeze()


class Workers:
    """Records of articles made here (``n`` ≤ 1) or by ``n`` worker processes; see the module.

    ``n``: None for the default (:func:`default_workers`, and only for at least ``min_chars``
    characters, default :data:`DEFAULT_MIN_CHARS`). ``extractor``: the pipeline to use (default
    ``Extractor(rules_path, entities=entities)``, built on first need: never for no article).
    ``encode(record, text)``: a picklable function applied where the record is made (a worker
    then sends back, say, a JSON line). ``timeout``: the base of each article's time budget (0:
    none). ``raise_errors``: a failing article raises instead of being reported. ``make``: the
    extractor's method that makes a result (``record``; ``record_and_sentences`` for a build).
    ``start_method``: "fork" or "spawn" instead of the automatic choice (tests, measurements).

    After a call: ``sent`` articles were given to it, ``pooled`` says whether workers were
    started and ``start_method`` how, ``seconds_load`` is the time spent building the pipeline.
    """

    def __init__(self, n: int | None = None, *, rules_path=None, entities: bool = True, extractor=None,
                 encode: Callable | None = None, timeout: float | None = ARTICLE_TIMEOUT, raise_errors: bool = False,
                 make: str = "record", chunk_chars: int = CHUNK_CHARS, min_chars: int | None = None, start_method: str | None = None):
        self.n = default_workers() if n is None else n
        self.min_chars = (DEFAULT_MIN_CHARS if n is None else 0) if min_chars is None else min_chars
        self.rules_path = str(rules_path) if rules_path else None
        self.entities, self._extractor = entities, extractor
        self.encode, self.timeout, self.raise_errors, self.make = encode, timeout, raise_errors, make
        self.chunk_chars, self.start_method = chunk_chars, start_method
        self.sent, self.pooled, self.seconds_load = 0, False, 0.0

    def configure(self, **options) -> Workers:
        """Set options (``encode=…``, ``timeout=…``, ``raise_errors=…``, ``extractor=…``) before a
        call, as a build does with the ``Workers`` it is given; returns this object."""
        for k, v in options.items():
            if not hasattr(self, "_extractor" if k == "extractor" else k):
                raise TypeError(f"Workers has no option {k!r}")
            setattr(self, "_extractor" if k == "extractor" else k, v)
        return self

    def extractor(self):
        """The pipeline, built on first use (a pipeline that cannot be built stops the batch)."""
        if self._extractor is None:
            from .pipeline import Extractor

            t0 = time.perf_counter()
            self._extractor = Extractor(self.rules_path, entities=self.entities)
            self.seconds_load = time.perf_counter() - t0
        return self._extractor

    def __call__(self, articles: Iterable[Article]) -> Iterator[Result]:
        it = iter(articles)
        head, chars = [], 0
        if self.n > 1:  # look ahead: is there enough work to pay for starting the workers?
            for art in it:
                head.append(art)
                chars += len(art.text)
                if len(head) >= POOL_MIN_ARTICLES and chars >= self.min_chars:
                    break
        if self.n > 1 and len(head) >= POOL_MIN_ARTICLES and chars >= self.min_chars:
            yield from self._pooled(chain(head, it))
        else:
            yield from self._here(chain(head, it))

    def _here(self, articles: Iterator[Article]) -> Iterator[Result]:
        chunks = char_chunks(articles, self.chunk_chars)
        first = next(chunks, None)
        if first is None:  # nothing to do: no pipeline built
            return
        ex = self.extractor()
        try:
            with frozen_gc():  # after the pipeline is built: its objects are the ones to leave alone
                for chunk in chain([first], chunks):
                    self.sent += len(chunk)
                    results = extract_chunk([(a.id, a.text, a.meta) for a in chunk], ex, self.encode, self.timeout,
                                            self.raise_errors, self.make)
                    for art, (res, err) in zip(chunk, results):
                        yield art, res, err
        finally:  # no zone outlives the call: the caller's own Docs must not land in one
            zones = zones_for(ex)
            if zones is not None:
                zones.close()

    def _pooled(self, articles: Iterator[Article]) -> Iterator[Result]:
        self.pooled = True
        finished = False
        pending: deque = deque()
        method = processes.start_method(self.start_method)
        if method == "fork":
            self.extractor()  # built here, once, and inherited by every worker
        with frozen_gc():  # before forking: the children inherit the frozen pipeline and share its pages
            executor = self._start(method)
            try:
                for chunk in char_chunks(articles, self.chunk_chars):
                    items = [(a.id, a.text, a.meta) for a in chunk]
                    pending.append((chunk, executor.submit(_task, items, self.encode, self.timeout, self.raise_errors, self.make)))
                    self.sent += len(chunk)
                    while len(pending) >= 2 * self.n:
                        yield from _in_order(pending.popleft())
                while pending:
                    yield from _in_order(pending.popleft())
                finished = True
            finally:
                processes.stop(executor, finished)

    def _start(self, method: str):
        """A pool of ``n`` started workers: forked from this process, its pipeline built first,
        when that is safe (:func:`pxextract.processes.quiet_threads`), else spawned."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if method == "fork":
            ex = self.extractor()
            with processes.quiet_threads() as safe:
                if safe or self.start_method == "fork":
                    _WORKER["ex"] = ex
                    try:
                        executor = ProcessPoolExecutor(self.n, mp_context=multiprocessing.get_context("fork"),
                                                       initializer=processes.init_child, initargs=(os.getpid(),))
                        executor.submit(os.getpid)  # the first task forks every worker (Python ≥ 3.11), now, in this thread
                    finally:
                        _WORKER.clear()  # the children have their copy; this process keeps no global
                    self.start_method = "fork"
                    return executor
        self.start_method = "spawn"
        return ProcessPoolExecutor(self.n, mp_context=multiprocessing.get_context("spawn"), initializer=_init_spawned,
                                   initargs=(self.rules_path, self.entities, os.getpid()))


_WORKER: dict = {}  # in a worker: its Extractor (forked: inherited; spawned: built), or the error building it raised


def _init_spawned(rules_path, entities: bool, parent_pid: int) -> None:
    processes.init_child(parent_pid)
    try:
        from .pipeline import Extractor

        _WORKER["ex"] = Extractor(rules_path, entities=entities)
        gc.freeze()  # this process is the pool's: its pipeline stays out of the collector's way
    except BaseException as exc:  # noqa: BLE001 - raised again by the first task: bad rules stop the batch
        _WORKER["error"] = exc


def _task(items, encode, timeout, raise_errors, make="record") -> list[tuple[object, str | None]]:
    """A chunk in a worker, with the worker's pipeline."""
    if "error" in _WORKER:
        raise _WORKER["error"]
    return extract_chunk(items, _WORKER["ex"], encode, timeout, raise_errors, make)


def _in_order(item) -> Iterator[Result]:
    chunk, future = item
    for art, (res, err) in zip(chunk, future.result(), strict=True):
        yield art, res, err
