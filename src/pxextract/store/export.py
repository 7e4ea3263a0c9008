"""The tables as Arrow tables for Parquet: plain columns (int64, float64, string) with an
explicit schema from :data:`.schema.TABLES`, so that DuckDB, Spark and pandas read them alike.
Writing the files (whole or not at all) is the caller's: :func:`pxextract.output.write_parquet`.

Example:
    >>> str(arrow_schema("facts").field("year").type)
    'int64'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .files import reader
from .schema import ALL_TABLES, ORDER, TABLES, _q, columns


def arrow_schema(name: str):
    import pyarrow as pa

    types = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}
    return pa.schema([pa.field(c, types[t], nullable="NOT NULL" not in k) for c, t, k in TABLES[name]])


def arrow_tables(db: str | Path, tables: Sequence[str] = ALL_TABLES) -> Iterator[tuple[str, object]]:
    """``(name, pyarrow.Table)`` for each of ``tables``, all read from one consistent snapshot
    (the read transaction stays open while the caller consumes them, one table in memory at a time)."""
    import pyarrow as pa

    with reader(db) as conn:
        conn.execute("BEGIN")
        for name in tables:
            schema = arrow_schema(name)
            cols = columns(name)
            rows = conn.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM {name} ORDER BY {ORDER[name]}").fetchall()
            arrays = [pa.array([r[i] for r in rows], type=schema.field(i).type) for i in range(len(cols))]
            yield name, pa.Table.from_arrays(arrays, schema=schema)
        conn.execute("COMMIT")
