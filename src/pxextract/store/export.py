"""The tables as Arrow tables for Parquet: plain columns (int64, float64, string) with an
explicit schema from :data:`.schema.TABLES`, so that DuckDB, Spark and pandas read them alike.
Writing the files (whole or not at all) is the caller's: :func:`pxextract.output.write_parquet`.

The rows go from SQLite into Arrow columns in C, through the ADBC SQLite driver
(``adbc-driver-sqlite``), without a Python object per value and without the GIL: on the
10,000-article news database the 197,802 mentions take ~0.4 s where ``sqlite3`` rows and
``pyarrow.array`` took ~1.4 s (and imported pandas, ~0.4 s) (docs/workbench-timing.md). A
thread reads the next table while the caller writes this one.

Example:
    >>> str(arrow_schema("facts").field("year").type)
    'int64'
    >>> select_sql("entities", 1000, 2000)
    'SELECT "article_id", "entity", "label", "name", "start", "end", "n_mentions" FROM entities ORDER BY article_id, entity LIMIT 1000 OFFSET 2000'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import dbfile
from .files import StoreError, db_error, db_kind, kind_message
from .schema import ALL_TABLES, ORDER, TABLES, _q, columns

# Rows per query. The driver types each column from the values of a query's first batch and
# fails on another type later (a column NULL in its first rows, text after): one batch per
# query sees every value it returns. A bounded query keeps a column's text under Arrow's
# 2 GB per array (articles: 200 kB per article on average to reach it); a bigger table is
# read in key order, query after query, in the same transaction.
CHUNK_ROWS = {"articles": 10_000}
DEFAULT_CHUNK_ROWS = 1_000_000


def arrow_schema(name: str):
    import pyarrow as pa

    types = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}
    return pa.schema([pa.field(c, types[t], nullable="NOT NULL" not in k) for c, t, k in TABLES[name]])


def select_sql(name: str, limit: int, offset: int) -> str:
    """One query of a table: its columns in schema order, its rows in key order."""
    return f"SELECT {', '.join(_q(c) for c in columns(name))} FROM {name} ORDER BY {ORDER[name]} LIMIT {limit} OFFSET {offset}"


def conform(name: str, table):
    """``table`` (as the driver typed it) with the types of :func:`arrow_schema`: a column of
    NULLs only (typed int64 by the driver) gets the declared type, integers in a REAL column
    become float64 (exactly, or an error); values of another type are an error, never a silent
    conversion."""
    import pyarrow as pa

    schema = arrow_schema(name)
    arrays = []
    for field, column in zip(schema, table.columns):
        if column.type != field.type:
            if column.null_count == len(column):
                column = pa.nulls(len(column), field.type)  # not .cast: that imports pyarrow.compute (~70 ms)
            elif pa.types.is_integer(column.type) and pa.types.is_floating(field.type):
                column = column.cast(field.type)
            else:
                raise StoreError(f"{name}.{field.name}: the database holds {column.type} values where the schema says {field.type}")
        arrays.append(column)
    return pa.Table.from_arrays(arrays, schema=schema)


def arrow_tables(db: str | Path, tables: Sequence[str] = ALL_TABLES) -> ArrowTables:
    """``(name, pyarrow.Table)`` for each of ``tables``, all read from one consistent snapshot
    (one read transaction, open until the last is taken or :meth:`ArrowTables.close`); a
    database that is missing, not ours, locked or damaged raises :class:`.files.StoreError`
    saying so, as :func:`.files.reader` does. The first table is being read when this returns."""
    return ArrowTables(db, tables)


class ArrowTables:
    """The iterator of :func:`arrow_tables`; also a context manager that closes it.

    One thread reads: the next table while the caller handles this one (two tables in memory
    at most). The connection is read-only and writes nothing it may not
    (:func:`pxextract.dbfile.ro_uri`). The driver carries its own copy of SQLite: no
    :mod:`sqlite3` connection to the same file is opened or closed while it reads (closing one
    would drop the other's POSIX locks).
    """

    def __init__(self, db: str | Path, tables: Sequence[str] = ALL_TABLES):
        import adbc_driver_manager as adbc
        import adbc_driver_sqlite
        from concurrent.futures import ThreadPoolExecutor

        self.path, self._todo, self._handles, self._pending = Path(db), list(tables), [], None
        kind = db_kind(self.path)  # through sqlite3, closed again before the driver opens the file
        if kind != "ours":
            raise StoreError(kind_message(kind, self.path))
        uri = dbfile.ro_uri(self.path)
        try:
            self._handles.append(adbc_driver_sqlite.connect(uri))
            self._conn = adbc.AdbcConnection(self._handles[0])
            self._handles.append(self._conn)
            _update(self._conn, "PRAGMA busy_timeout = 60000")  # as sqlite3's timeout=60
            self._conn.set_autocommit(False)  # BEGIN: one snapshot for every table
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pxextract-export")
            self._read_next()
        except adbc.Error as exc:
            self.close()
            raise db_error(self.path, exc) from None

    def _read_next(self) -> None:
        if not self._todo:
            self._pending = None
            return
        name = self._todo.pop(0)
        limit = CHUNK_ROWS.get(name, DEFAULT_CHUNK_ROWS)
        # the first query prepared here: the thread then starts without waiting for the GIL
        # (an import on this thread, pyarrow's, holds it for long stretches)
        first = _prepare(self._conn, select_sql(name, limit, 0), limit)
        self._pending = self._pool.submit(_read_table, self._conn, name, first)

    def __iter__(self):
        return self

    def __next__(self) -> tuple[str, object]:
        import adbc_driver_manager as adbc

        if self._pending is None:
            self.close()
            raise StopIteration
        try:
            name, table = self._pending.result()
            self._read_next()
        except adbc.Error as exc:
            self.close()
            raise db_error(self.path, exc) from None
        except BaseException:
            self.close()
            raise
        return name, table

    def close(self) -> None:
        """End the read transaction and close the connection (after the read in progress)."""
        if getattr(self, "_pool", None) is not None:
            self._pool.shutdown(wait=True)  # the read in progress ends (and closes its statement)
            self._pool = self._pending = None
        closing = [self._conn.rollback] if len(self._handles) == 2 else []  # the read transaction
        closing += [h.close for h in reversed(self._handles)]
        self._handles = []
        for step in closing:
            try:
                step()
            except Exception:  # noqa: BLE001 - closing after an error: that error is the one to report
                pass

    def __enter__(self) -> ArrowTables:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _read_table(conn, name: str, first) -> tuple[str, object]:
    """One table, conformed, from the prepared statement ``first`` and as many queries more
    as :data:`CHUNK_ROWS` asks (on the reading thread; pyarrow is imported only after the first)."""
    limit = CHUNK_ROWS.get(name, DEFAULT_CHUNK_ROWS)
    chunks = [conform(name, _fetch(first))]
    while chunks[-1].num_rows == limit:
        chunks.append(conform(name, _fetch(_prepare(conn, select_sql(name, limit, limit * len(chunks)), limit))))
    if len(chunks) == 1:
        return name, chunks[0]
    import pyarrow as pa

    return name, pa.concat_tables(chunks)


def _prepare(conn, sql: str, batch_rows: int):
    """An ADBC statement of ``sql`` whose rows come in batches of ``batch_rows``."""
    import adbc_driver_manager as adbc

    stmt = adbc.AdbcStatement(conn)
    try:
        stmt.set_options(**{"adbc.sqlite.query.batch_rows": str(batch_rows)})
        stmt.set_sql_query(sql)
    except BaseException:
        stmt.close()
        raise
    return stmt


def _fetch(stmt):
    """The rows of a prepared statement as one ``pyarrow.Table``, the statement closed: the
    driver reads them all in ``execute_query`` (C, without the GIL) when its batch covers them."""
    try:
        handle, _ = stmt.execute_query()
        import pyarrow as pa  # here: pyarrow being imported by the caller meanwhile overlaps the query above

        with pa.RecordBatchReader._import_from_c(handle.address) as batches:
            return batches.read_all()
    finally:
        stmt.close()


def _update(conn, sql: str) -> None:
    """Run ``sql`` for its effect (no pyarrow needed)."""
    import adbc_driver_manager as adbc

    stmt = adbc.AdbcStatement(conn)
    try:
        stmt.set_sql_query(sql)
        stmt.execute_update()
    finally:
        stmt.close()
