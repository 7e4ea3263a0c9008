"""The fact database: a SQLite file (WAL) built from articles, updated incrementally, queried
into pandas, exported to Parquet. Layout, commands and guarantees: docs/database.md.

Tables: ``articles`` (one row per article, with its text and the pipeline version that
produced its rows), ``mentions`` (every span with its attributes), ``facts`` (numeric
records, duplicates collapsed, provenance kept), ``entities`` (names per article), ``runs``
(one row per build), ``sources`` (the input roots builds were given) and ``source_articles``
(the root each article came from). Rows of one article are replaced in one transaction, so a reader never
sees half an article; ``--full`` builds a new file and swaps it in.

One module per job, dependencies pointing down: :mod:`.schema` (tables, columns, indexes),
:mod:`.files` (what is at a path, connections, errors), :mod:`.swap` (build lock, ``--full``'s
temporary, swapping it in), :mod:`.rows` (an extracted record → rows), :mod:`.integrity`
(quick_check, check), :mod:`.recovery` (salvage of a damaged file), :mod:`.sources` (which
root an article came from, what a build removes), :mod:`.options` (:class:`BuildOptions`,
:class:`BuildReport`), :mod:`.builder` (builds and ``runs``), :mod:`.preview` (``--dry-run``), :mod:`.query` (facts, table, load_article), :mod:`.export` (Arrow tables for
Parquet). The store runs no part of the pipeline: :func:`build` is given the extraction
(:func:`pxextract.feed.extraction` makes it from the pipeline).

Example:
    >>> import tempfile, pathlib
    >>> from pxextract import feed
    >>> from pxextract.read import Article
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "facts.sqlite"
    >>> arts = [Article("a1", "2021年，全市地区生产总值达1200亿元。", {"date": "2022"})]
    >>> rep = build(db, arts, extraction=feed.extraction())
    >>> rep.processed, facts(db)[["text", "value", "year"]].values.tolist()
    (1, [['1200亿元', 120000000000.0, 2021]])
    >>> build(db, arts, extraction=feed.extraction()).unchanged
    1
"""

from .builder import BuildOptions, BuildReport, Extracted, Extraction, ExtractionFailed, build
from .preview import preview
from .sources import registered_roots
from .export import arrow_schema, arrow_tables
from .files import (KIND_MESSAGES, NOT_OURS, BuildLocked, DatabaseFailed, StoreError, connect, db_error, db_kind,
                    kind_message, reader)
from .integrity import check, quick_check
from .query import FACT_COLUMNS, facts, load_article, resolve_article_id, table
from .recovery import salvage
from .series import SERIES_COLUMNS, series, series_rows
from .rows import article_rows, now, replace_article, write_article
from .schema import (ALL_TABLES, APPLICATION_ID, COMPONENTS, CONTENT_TABLES, DEFAULT_DB, FACT_KEY, INDEXES, NUMERIC_ATTRS,
                     ORDER, PRIMARY_KEYS, READABLE_VERSIONS, SCHEMA_VERSION, SOURCE_TABLES, TABLES, VIEWS, _q, column_types,
                     columns, create_indexes, create_schema, schema_sql, transaction)
from .swap import build_lock, lock_path, remove_stale_temporaries, swap_in

__all__ = [
    "ALL_TABLES", "APPLICATION_ID", "COMPONENTS", "CONTENT_TABLES", "DEFAULT_DB", "FACT_COLUMNS", "FACT_KEY", "INDEXES",
    "KIND_MESSAGES", "NOT_OURS", "NUMERIC_ATTRS", "ORDER", "PRIMARY_KEYS", "READABLE_VERSIONS", "SCHEMA_VERSION", "SOURCE_TABLES", "TABLES", "VIEWS",
    "BuildLocked", "BuildOptions", "BuildReport", "DatabaseFailed", "Extracted", "Extraction", "ExtractionFailed", "StoreError",
    "arrow_schema", "arrow_tables", "article_rows", "build", "build_lock", "check", "column_types", "columns", "connect",
    "create_indexes", "create_schema", "db_error", "db_kind", "facts", "kind_message", "load_article", "lock_path", "now",
    "preview", "quick_check", "registered_roots", "reader", "remove_stale_temporaries", "replace_article", "resolve_article_id", "salvage", "schema_sql",
    "SERIES_COLUMNS", "series", "series_rows",
    "swap_in", "table", "transaction", "write_article",
]
