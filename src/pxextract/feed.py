"""The pipeline's extraction as the fact database consumes it: :func:`extraction` makes the
:class:`pxextract.store.Extraction` that :func:`pxextract.store.build` is given (the store
itself runs no part of the pipeline).

It holds the pipeline version (:func:`pipeline_version`: the rules' hash and the NER model,
without loading either) and, called with the articles a build needs processed, yields each
one's record with the sentence ranges the linker split it into (raw offsets). The records are made by :class:`pxextract.workers.Workers` — in this process (an
``Extractor`` built on first need) or in worker processes (``--workers``), each article within
its time budget, in spaCy memory zones, the sentences kept from the linker — or by another
``extract`` callable yielding ``(article, record, error)`` (Dask, :mod:`pxextract.scale`).

Example:
    >>> import tempfile, pathlib
    >>> from pxextract import store
    >>> from pxextract.read import Article
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "facts.sqlite"
    >>> arts = [Article("a1", "全市投资3亿元。", {"date": "2022"})]
    >>> store.build(db, arts, extraction=extraction(), options=store.BuildOptions(full=True)).n_facts
    1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ._version import __version__
from .link_context import raw_sentences
from .read import Article
from .store import Extracted
from .workers import ARTICLE_TIMEOUT, Workers, failure_message

Results = Iterable[tuple[Article, "dict | None", "str | None"]]


def pipeline_version(rules_path: str | Path | None = None) -> tuple[str, str]:
    """``(version, rules hash)`` exactly as ``Extractor(rules_path).version`` gives it, from the
    hash of the rules files alone (~1 ms): an unchanged rebuild never loads the rules, jieba or
    the spaCy components. ("0.1.0+rules.8494787124929f45", "8494787124929f45")"""
    from .ner import model_path, version_suffix  # issue #13: a new NER model re-processes articles
    from .rules import RulesError, default_rules_dir, rules_hash

    d = Path(rules_path) if rules_path else default_rules_dir()
    if not d.is_dir():
        raise RulesError(f"{d}: rules folder not found")
    h = rules_hash(d)
    return f"{__version__}+rules.{h}" + version_suffix(model_path()), h


def with_sentences(record: dict, text: str) -> tuple[dict, list[tuple[int, int]]]:
    """For an extractor with only ``record()``: the record and the text split as the linker
    splits it (:func:`pxextract.link_context.raw_sentences`), made where the record is made."""
    return record, raw_sentences(text)


class PipelineExtraction:
    """A :class:`pxextract.store.Extraction`: see :func:`extraction`."""

    def __init__(self, version: str, rules_hash: str, workers: Workers | None, *,
                 extract: Callable[[Iterator[Article]], Results] | None = None):
        self.version, self.rules_hash = version, rules_hash
        self.workers, self.extract = workers, extract

    @property
    def seconds_load(self) -> float:
        """Seconds spent building the pipeline in this process (0 when the workers built it)."""
        return self.workers.seconds_load if self.workers is not None else 0.0

    def __call__(self, articles: Iterator[Article]) -> Iterator[Extracted]:
        return self._workers(articles) if self.workers is not None else self._elsewhere(articles)

    def _workers(self, articles: Iterator[Article]) -> Iterator[Extracted]:
        """Records and sentences made by :class:`pxextract.workers.Workers` (this process or
        worker processes: memory zones, time budgets, failures as messages)."""
        results = self.workers(articles)
        try:
            for art, made, error in results:
                yield Extracted(art, None, error) if error is not None else Extracted(art, made[0], None, made[1])
        finally:  # stops the workers now, even when a write failed
            results.close()

    def _elsewhere(self, articles: Iterator[Article]) -> Iterator[Extracted]:
        """The records of another ``extract`` callable (Dask), with their sentences (split here as
        the linker splits them, :func:`raw_sentences`: the records come back as JSON)."""
        results = iter(self.extract(articles))
        try:
            for art, record, error in results:
                ranges = ()
                if error is None:
                    try:
                        ranges = raw_sentences(art.text)
                    except (Exception, RecursionError) as exc:  # noqa: BLE001
                        record, error = None, failure_message(exc)
                yield Extracted(art, record, error, ranges)
        finally:  # stops the workers now, even when a write failed
            close = getattr(results, "close", None)
            if close is not None:
                close()


def extraction(*, extractor=None, rules_path: str | Path | None = None,
               extract: Callable[[Iterator[Article]], Results] | None = None,
               article_timeout: float | None = ARTICLE_TIMEOUT, raise_errors: bool = False) -> PipelineExtraction:
    """The extraction a build stores: records made by ``extract`` — a
    :class:`pxextract.workers.Workers` (what :func:`pxextract.scale.make_extract` gives for
    ``--workers``), or any callable given an iterator of the articles to process that yields
    ``(article, record, error)`` for each, in order (:class:`pxextract.scale.DaskExtract`) —
    by default in this process with ``extractor`` (an object with ``.version`` and
    ``.record()``; default ``Extractor(rules_path)``, built only if some article needs
    processing). ``article_timeout``: the base of each article's time budget
    (:func:`pxextract.workers.budget`; 0 for none); ``raise_errors``: a failing article raises
    (``--debug``) instead of being reported.
    """
    if extractor is not None:
        version, rules_hash = extractor.version, getattr(getattr(extractor, "rules", None), "version", "")
    else:
        version, rules_hash = pipeline_version(rules_path)
    if extract is None:
        extract = Workers(1, rules_path=rules_path, extractor=extractor)
    if not isinstance(extract, Workers):
        return PipelineExtraction(version, rules_hash, None, extract=extract)
    if extractor is not None and extract.rules_path is None and extract._extractor is None:
        extract.configure(extractor=extractor)  # the pipeline is built already: workers fork from it
    # the record with the sentences the linker split it into (Extractor.record_and_sentences),
    # made where the record is made (a worker, in parallel)
    split_once = extractor is None or hasattr(extractor, "record_and_sentences")
    extract.configure(make="record_and_sentences" if split_once else "record", encode=None if split_once else with_sentences,
                      timeout=article_timeout, raise_errors=raise_errors)
    return PipelineExtraction(version, rules_hash, extract)
