"""The pipeline's extraction as the fact database consumes it: :func:`extraction` makes the
:class:`pxextract.store.Extraction` that :func:`pxextract.store.build` is given (the store
itself runs no part of the pipeline).

It holds the pipeline version (:func:`pipeline_version`: the rules' hash and the NER model,
without loading either) and, called with the articles a build needs processed, yields each
one's record with its sentence ranges (:func:`pxextract.link.sentences`, as the linker splits
them). The records come from this process — an ``Extractor`` built on first need, each article
within its time budget (:func:`pxextract.batch.record_within`), in spaCy memory zones
(:func:`pxextract.batch.zones_for`) — or from elsewhere: an ``extract`` callable of
:mod:`pxextract.scale` (worker processes, Dask) yielding ``(article, record, error)``.

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

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ._version import __version__
from .batch import ARTICLE_TIMEOUT, failure_message, record_within, zones_for
from .link import sentences
from .read import Article
from .store import Extracted

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


class PipelineExtraction:
    """A :class:`pxextract.store.Extraction`: see :func:`extraction`."""

    def __init__(self, version: str, rules_hash: str, make_extractor: Callable[[], object], *,
                 extract: Callable[[Iterator[Article]], Results] | None = None,
                 timeout: float | None = ARTICLE_TIMEOUT, raise_errors: bool = False):
        self.version, self.rules_hash = version, rules_hash
        self.seconds_load = 0.0
        self._make, self._extractor = make_extractor, None
        self.extract, self.timeout, self.raise_errors = extract, timeout, raise_errors

    def extractor(self):
        """The pipeline, built on first use (a pipeline that cannot be built stops the build)."""
        if self._extractor is None:
            t0 = time.perf_counter()
            self._extractor = self._make()
            self.seconds_load = time.perf_counter() - t0
        return self._extractor

    def __call__(self, articles: Iterator[Article]) -> Iterator[Extracted]:
        return self._here(articles) if self.extract is None else self._elsewhere(articles)

    def _here(self, articles: Iterator[Article]) -> Iterator[Extracted]:
        """Extract each article in this process, in memory zones (batch.ZoneBudget): the strings
        the articles add to the vocabulary are freed from time to time, so memory stays flat. An
        article's zone stays open until the store has written its rows."""
        zones = None
        try:
            for art in articles:
                ex = self.extractor()
                if zones is None:
                    zones = zones_for(ex)
                if zones is not None:
                    zones.open()
                try:
                    record = record_within(ex, art.id, art.text, art.meta, self.timeout)
                    done = Extracted(art, record, None, sentences(art.text))
                except (Exception, RecursionError) as exc:  # noqa: BLE001 - one bad article never stops a build
                    if self.raise_errors or (isinstance(exc, OSError) and not isinstance(exc, UnicodeError)):
                        raise
                    done = Extracted(art, None, failure_message(exc))
                yield done
                if zones is not None:
                    zones.spent(len(art.text))
        finally:  # no zone outlives the build: the caller's own Docs must not land in one
            if zones is not None:
                zones.close()

    def _elsewhere(self, articles: Iterator[Article]) -> Iterator[Extracted]:
        """The records of ``self.extract`` (issue #7: worker processes, Dask), with their sentences."""
        results = iter(self.extract(articles))
        try:
            for art, record, error in results:
                ranges = ()
                if error is None:
                    try:
                        ranges = sentences(art.text)
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
    """The extraction a build stores: ``extractor`` (an object with ``.version`` and
    ``.record()``; default ``Extractor(rules_path)``, built only if some article needs
    processing), or ``extract`` (issue #7, :mod:`pxextract.scale`): a callable given an
    iterator of the articles to process, yielding ``(article, record, error)`` for each, in
    order. ``article_timeout``: the base of each article's time budget
    (:func:`pxextract.batch.budget`; 0 for none); ``raise_errors``: a failing article raises
    (``--debug``) instead of being reported.
    """
    if extractor is not None:
        version, rules_hash = extractor.version, getattr(getattr(extractor, "rules", None), "version", "")
        make = lambda: extractor  # noqa: E731
    else:
        version, rules_hash = pipeline_version(rules_path)

        def make():
            from .pipeline import Extractor

            return Extractor(rules_path)

    return PipelineExtraction(version, rules_hash, make, extract=extract, timeout=article_timeout, raise_errors=raise_errors)
