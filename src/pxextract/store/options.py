"""What a build is given and what it says: :class:`Extraction` (the records to store, supplied
by the caller: the store runs no part of the pipeline), :class:`Extracted` (one article's),
:class:`BuildOptions` (how a build runs) and :class:`BuildReport` (what it did, also a row of
``runs``). Used by :mod:`.builder` and :mod:`.preview` (``--dry-run``).

Example:
    >>> BuildOptions(inputs=["corpus/"]).inputs
    ('corpus/',)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol

from ..read import Article


class Extracted(NamedTuple):
    """One article's extraction as a build stores it: its ``record`` (None when it failed) or
    its ``error`` (how it failed, one line), and the ``(start, end)`` ranges of its sentences
    (``link.sentences(article.text)``)."""

    article: Article
    record: dict | None
    error: str | None = None
    sentences: Sequence[tuple[int, int]] = ()


class Extraction(Protocol):
    """What produces the records a build stores, supplied by the caller.

    ``version`` is stored with each article's rows (an article stored under another version is
    processed again) and ``rules_hash`` in ``runs``. Called with an iterator of the articles
    that need processing, in input order, it yields one :class:`Extracted` for each, in the
    same order, taking the next article only when it needs it. An article that fails is an
    ``error``; an exception stops the build. ``seconds_load``: how much of the time spent
    waiting for it went into loading the pipeline (read once the articles are done).
    """

    version: str
    rules_hash: str
    seconds_load: float

    def __call__(self, articles: Iterator[Article]) -> Iterable[Extracted]: ...


@dataclasses.dataclass(frozen=True)
class BuildOptions:
    """How a build runs (everything but the articles and their extraction).

    ``full``: build a new file and swap it in; ``force``: with ``full``, even over a file that
    is not a pxextract database; ``prune``: remove every stored article not in the inputs
    (default: only those gone from a root of ``inputs``, see :mod:`.sources`);
    ``wait``: wait for another build's lock (calling ``on_wait(message)``) instead of failing;
    ``inputs``: the input roots as given (recorded in ``runs`` and ``sources``; without them a
    build removes nothing but with ``prune``); ``on_article(article, status)``
    after each article ("processed", "unchanged", "failed"); ``raise_errors``: an article's
    failure raises (``--debug``) instead of being reported.
    """

    full: bool = False
    force: bool = False
    prune: bool = False
    wait: bool = False
    on_wait: Callable[[str], None] | None = None
    inputs: Sequence[str] = ()
    on_article: Callable[[Article, str], None] | None = None
    raise_errors: bool = False

    def __post_init__(self):
        object.__setattr__(self, "inputs", tuple(str(i) for i in self.inputs))


@dataclasses.dataclass
class BuildReport:
    """What one build did (also stored as a row of ``runs``)."""

    db: Path
    mode: str
    run_id: int = 0
    n_inputs: int = 0
    processed: int = 0  # added + updated
    unchanged: int = 0
    removed: int = 0
    kept: int = 0  # stored articles of inputs not read completely (or failed), left as they were
    added: list[str] = dataclasses.field(default_factory=list)  # ids stored for the first time
    updated: list[str] = dataclasses.field(default_factory=list)  # ids stored again (changed; every stored one in a full build)
    removed_ids: dict[str, str] = dataclasses.field(default_factory=dict)  # id → the root it was removed from
    dry_run: bool = False
    failures: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    n_mentions: int = 0
    n_facts: int = 0
    seconds_total: float = 0.0
    seconds_load: float = 0.0
    seconds_extract: float = 0.0
    total_articles: int = 0
    total_facts: int = 0
    swap: str = ""  # --full: "replaced" (renamed over) or "copied" (readers had the old file open)
    no_date: list[str] = dataclasses.field(default_factory=list)  # processed articles without a publication date
