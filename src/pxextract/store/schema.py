"""The schema of the fact database: its tables and columns (one description, used for the
DDL, the pandas dtypes and the Parquet schema), keys, indexes and views, and
:func:`create_schema`. Also :func:`transaction`, the one way rows are written.

Example:
    >>> columns("facts")[:3]
    ['article_id', 'fact', 'label']
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from ..records import FIGURE_ATTRS
from ..labels import LABELS_NAMES, LABELS_NUMERIC

SCHEMA_VERSION = 4  # 2: the keys of mentions / facts / entities are unique indexes; 3: sources, source_articles;
# 4: canonical facts (metric_id, subject_id, subject_canonical, unit_canonical) and the series view
# older versions a build upgrades in place (the tables, columns, indexes and views they lack are
# added) and the read commands read as they are; any other version is rebuilt in full by the next build
UPGRADABLE_VERSIONS = (2, 3)
READABLE_VERSIONS = UPGRADABLE_VERSIONS + (SCHEMA_VERSION,)
APPLICATION_ID = 0x70784642  # "pxFB" in the file header: marks a pxextract fact database
DEFAULT_DB = "facts.sqlite"
CONTENT_TABLES = ("articles", "mentions", "facts", "entities")
ALL_TABLES = CONTENT_TABLES + ("runs",)
# which input roots the database was built from, and which root each article came from
# (schema 3; a version-2 database lacks them until its next build)
SOURCE_TABLES = ("sources", "source_articles")

COMPONENTS = {"DATE": "pxextract_dates"}
COMPONENTS.update({label: "pxextract_numbers" for label in LABELS_NUMERIC})
COMPONENTS.update({label: "pxextract_entities" for label in LABELS_NAMES})

# numeric attributes of a span, in the order of docs/annotation.md §4 (declared in pxextract.records)
NUMERIC_ATTRS = FIGURE_ATTRS
# what makes two numeric mentions of one article the same fact
FACT_KEY = ("label",) + NUMERIC_ATTRS

# (column, declared type, constraint) per table: the one description of the schema, used for
# the DDL, the pandas dtypes and the Parquet schema.
TABLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "articles": (
        ("id", "TEXT", "NOT NULL PRIMARY KEY"),
        ("path", "TEXT", ""),
        ("sha256", "TEXT", "NOT NULL"),
        ("date", "TEXT", ""),
        ("title", "TEXT", ""),
        ("source", "TEXT", ""),
        ("meta", "TEXT", "NOT NULL"),
        ("chars", "INTEGER", "NOT NULL"),
        ("text", "TEXT", "NOT NULL"),
        ("version", "TEXT", "NOT NULL"),
        ("processed_at", "TEXT", "NOT NULL"),
        ("run_id", "INTEGER", ""),
        ("n_mentions", "INTEGER", "NOT NULL"),
        ("n_facts", "INTEGER", "NOT NULL"),
        ("n_entities", "INTEGER", "NOT NULL"),
    ),
    "mentions": (
        ("article_id", "TEXT", "NOT NULL REFERENCES articles(id) ON DELETE CASCADE"),
        ("mention", "INTEGER", "NOT NULL"),
        ("start", "INTEGER", "NOT NULL"),
        ("end", "INTEGER", "NOT NULL"),
        ("label", "TEXT", "NOT NULL"),
        ("text", "TEXT", "NOT NULL"),
        ("sentence", "INTEGER", "NOT NULL"),
        ("component", "TEXT", "NOT NULL"),
        ("value", "REAL", ""),
        ("unit", "TEXT", ""),
        ("qualifier", "TEXT", ""),
        ("low", "REAL", ""),
        ("high", "REAL", ""),
        ("year", "INTEGER", ""),
        ("metric", "TEXT", ""),
        ("subject", "TEXT", ""),
        ("modality", "TEXT", ""),
        ("change", "TEXT", ""),
        ("year_start", "INTEGER", ""),
        ("year_end", "INTEGER", ""),
        ("duplicate_of", "INTEGER", ""),
        ("fact", "INTEGER", ""),
        ("entity", "INTEGER", ""),
        ("attrs", "TEXT", "NOT NULL"),
    ),
    "facts": (
        ("article_id", "TEXT", "NOT NULL REFERENCES articles(id) ON DELETE CASCADE"),
        ("fact", "INTEGER", "NOT NULL"),
        ("label", "TEXT", "NOT NULL"),
        ("value", "REAL", ""),
        ("unit", "TEXT", ""),
        ("qualifier", "TEXT", ""),
        ("low", "REAL", ""),
        ("high", "REAL", ""),
        ("year", "INTEGER", ""),
        ("metric", "TEXT", ""),
        ("subject", "TEXT", ""),
        ("modality", "TEXT", ""),
        ("change", "TEXT", ""),
        ("text", "TEXT", "NOT NULL"),
        ("start", "INTEGER", "NOT NULL"),
        ("end", "INTEGER", "NOT NULL"),
        ("sentence", "INTEGER", "NOT NULL"),
        ("context", "TEXT", "NOT NULL"),
        ("n_mentions", "INTEGER", "NOT NULL"),
        # schema 4 (issue #15): canonical forms, the keys of the series view; written forms stay above
        ("metric_id", "TEXT", ""),  # rules/metrics.tsv id (gdp …), NULL when the metric is no listed indicator
        ("subject_id", "TEXT", ""),  # a place's key (GB/T 2260 code, CN, 360300/萍乡经济技术开发区) or org:<key>
        ("subject_canonical", "TEXT", ""),  # the canonical name (海拉尔区 for 海拉尔)
        ("unit_canonical", "TEXT", ""),  # one unit per set of synonyms (公里, 千米 → km; rules/unit_canon.tsv)
    ),
    "entities": (
        ("article_id", "TEXT", "NOT NULL REFERENCES articles(id) ON DELETE CASCADE"),
        ("entity", "INTEGER", "NOT NULL"),
        ("label", "TEXT", "NOT NULL"),
        ("name", "TEXT", "NOT NULL"),
        ("start", "INTEGER", "NOT NULL"),
        ("end", "INTEGER", "NOT NULL"),
        ("n_mentions", "INTEGER", "NOT NULL"),
    ),
    "runs": (
        ("id", "INTEGER", "PRIMARY KEY"),
        ("started_at", "TEXT", "NOT NULL"),
        ("finished_at", "TEXT", ""),
        ("status", "TEXT", "NOT NULL"),
        ("mode", "TEXT", "NOT NULL"),
        ("version", "TEXT", "NOT NULL"),
        ("pxextract_version", "TEXT", "NOT NULL"),
        ("rules_hash", "TEXT", "NOT NULL"),
        ("pid", "INTEGER", ""),
        ("inputs", "TEXT", "NOT NULL"),
        ("n_inputs", "INTEGER", ""),
        ("n_processed", "INTEGER", ""),
        ("n_unchanged", "INTEGER", ""),
        ("n_removed", "INTEGER", ""),
        ("n_kept", "INTEGER", ""),
        ("n_failed", "INTEGER", ""),
        ("n_mentions", "INTEGER", ""),
        ("n_facts", "INTEGER", ""),
        ("seconds_total", "REAL", ""),
        ("seconds_load", "REAL", ""),
        ("seconds_extract", "REAL", ""),
        ("errors", "TEXT", ""),
    ),
    # one row per input root a build was given: a folder, a file or a .jsonl
    "sources": (
        ("id", "INTEGER", "PRIMARY KEY"),
        ("kind", "TEXT", "NOT NULL"),  # folder, file or jsonl
        ("given", "TEXT", "NOT NULL"),  # as given on the command line (the last time)
        ("path", "TEXT", "NOT NULL UNIQUE"),  # resolved: absolute, symlinks resolved
        ("added_at", "TEXT", "NOT NULL"),
        ("built_at", "TEXT", ""),  # the last build that read it to the end
        ("run_id", "INTEGER", ""),
        ("n_articles", "INTEGER", "NOT NULL"),
    ),
    # the root an article was read from; written in the same transaction as its rows
    "source_articles": (
        ("article_id", "TEXT", "NOT NULL PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE"),
        ("source_id", "INTEGER", "NOT NULL REFERENCES sources(id)"),
        ("member", "TEXT", "NOT NULL"),  # the file's path below a folder root ("sub/a.txt"); "" for a file or .jsonl root
    ),
}
# the key of each content table, a unique index (see INDEXES)
PRIMARY_KEYS = {"mentions": ("article_id", "mention"), "facts": ("article_id", "fact"), "entities": ("article_id", "entity")}
ORDER = {"articles": "id", "mentions": "article_id, mention", "facts": "article_id, fact", "entities": "article_id, entity", "runs": "id",
         "sources": "id", "source_articles": "article_id"}

# The keys of the content tables are unique indexes rather than PRIMARY KEY clauses, so that a
# full build can load its rows first and build each index once (about 40 % of the insert time).
INDEXES = tuple(
    f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_key ON {table}({', '.join(key)})"
    for table, key in PRIMARY_KEYS.items()
) + (
    "CREATE INDEX IF NOT EXISTS facts_metric ON facts(metric)",
    "CREATE INDEX IF NOT EXISTS facts_year ON facts(year)",
    "CREATE INDEX IF NOT EXISTS facts_subject ON facts(subject)",
    "CREATE INDEX IF NOT EXISTS facts_series ON facts(metric_id, subject_id, year)",
    "CREATE INDEX IF NOT EXISTS mentions_label ON mentions(label)",
    "CREATE INDEX IF NOT EXISTS entities_name ON entities(name)",
    "CREATE INDEX IF NOT EXISTS source_articles_source ON source_articles(source_id)",
)
# a conflict: the sources of one series point disagree by more than rounding (3 significant digits)
CONFLICT_TOLERANCE = 0.005
VIEWS = (
    # every place a fact was stated: one row per (fact, mention)
    """CREATE VIEW IF NOT EXISTS fact_provenance AS
       SELECT f.article_id, f.fact, m.mention, m.start, m."end", m.sentence, m.text
       FROM facts f JOIN mentions m ON m.article_id = f.article_id AND m.fact = f.fact""",
    # issue #15: one row per canonical subject × metric × year × modality (× change, unit): the value
    # stated by the most recently published article (later reports revise earlier figures), how many
    # articles state it, whether they disagree beyond rounding, and the facts behind it
    f"""CREATE VIEW IF NOT EXISTS series AS
       WITH ranked AS (
         SELECT f.article_id, f.fact, f.subject_id, f.subject_canonical, f.metric_id, f.year, f.modality, f.change,
                COALESCE(f.unit_canonical, f.unit) AS unit, f.value, a.date,
                ROW_NUMBER() OVER (PARTITION BY f.subject_id, f.metric_id, f.year, f.modality, IFNULL(f.change, ''),
                                                COALESCE(f.unit_canonical, f.unit)
                                   ORDER BY a.date DESC, f.article_id DESC, f.fact) AS rank
         FROM facts f JOIN articles a ON a.id = f.article_id
         WHERE f.metric_id IS NOT NULL AND f.subject_id IS NOT NULL AND f.year IS NOT NULL AND f.value IS NOT NULL)
       SELECT subject_id, MAX(CASE WHEN rank = 1 THEN subject_canonical END) AS subject, metric_id, year, modality,
              change, unit, MAX(CASE WHEN rank = 1 THEN value END) AS value,
              COUNT(DISTINCT article_id) AS n_sources, COUNT(*) AS n_facts, MIN(value) AS min_value, MAX(value) AS max_value,
              (MAX(value) - MIN(value)) > {CONFLICT_TOLERANCE} * MAX(ABS(value)) AS conflict,
              MAX(CASE WHEN rank = 1 THEN article_id END) AS article_id, MAX(CASE WHEN rank = 1 THEN fact END) AS fact,
              GROUP_CONCAT(article_id || '#' || fact, ' ') AS facts
       FROM ranked GROUP BY subject_id, metric_id, year, modality, IFNULL(change, ''), unit""",
)


def _q(name: str) -> str:
    return f'"{name}"'


def columns(table: str) -> list[str]:
    """Column names of ``table`` in schema order: ``columns("facts")[:3] == ['article_id', 'fact', 'label']``."""
    return [c for c, _, _ in TABLES[table]]


def column_types(table: str) -> dict[str, str]:
    return {c: t for c, t, _ in TABLES[table]}


def schema_sql(indexes: bool = True) -> list[str]:
    """The DDL statements (tables, indexes, views), e.g. ``CREATE TABLE "facts" ("article_id" TEXT …)``."""
    out = []
    for table, cols in TABLES.items():
        defs = [f"{_q(c)} {t} {k}".strip() for c, t, k in cols]
        out.append(f"CREATE TABLE IF NOT EXISTS {_q(table)} ({', '.join(defs)})")
    return out + (list(INDEXES) if indexes else []) + list(VIEWS)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any error): all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def create_schema(conn: sqlite3.Connection, indexes: bool = True) -> None:
    """Create every table of an empty database and stamp ``PRAGMA user_version``.

    ``indexes=False`` leaves the secondary indexes to :func:`create_indexes` (a full build
    loads the rows first and indexes them once, instead of updating the indexes per row)."""
    with transaction(conn):
        for stmt in schema_sql(indexes):
            conn.execute(stmt)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def upgrade(conn: sqlite3.Connection) -> int:
    """Bring a database of an :data:`UPGRADABLE_VERSIONS` version to :data:`SCHEMA_VERSION` in
    one transaction (the tables, columns, indexes and views it lacks; its rows stay as they are,
    its articles attributed to no source, its facts without canonical forms until they are
    processed again); returns the version it had."""
    old = schema_version(conn)
    with transaction(conn):
        for table, cols in TABLES.items():
            have = {r[1] for r in conn.execute(f"PRAGMA table_info({_q(table)})")}
            if have:  # columns a table gained since: appended, NULL in the old rows
                for c, t, k in cols:
                    if c not in have:
                        conn.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(c)} {t} {k}".strip())
    create_schema(conn)
    return old


def create_indexes(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        for stmt in INDEXES:
            conn.execute(stmt)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0


def has_table(conn: sqlite3.Connection, name: str, schema: str = "main") -> bool:
    return conn.execute(f"SELECT count(*) FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()[0] > 0
