"""Every row the fact database holds for corpus/ + ../shared/corpus-dev, pinned by a hash per
table (issue #14: a redesign of the back half must not change a single row).

The fixture `tests/data/row_hashes.json` is regenerated only on purpose — after a change that
is meant to change the output, such as a new rule — with
`PXEXTRACT_WRITE_ROW_HASHES=1 pytest tests/test_rows.py`, and the commit says why.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3

from pxextract import store

FIXTURE = "tests/data/row_hashes.json"
# when, by which run or pipeline version and from where a row was written: not part of what it says
VOLATILE = {"processed_at", "run_id", "version", "path"}  # path: where the checkout lives
# sources (issue #16): the roots as given and resolved are where the checkout lives, the times when it ran
VOLATILE_SOURCES = {"given", "path", "added_at", "built_at", "run_id"}


def table_hashes(db) -> dict[str, dict]:
    out = {}
    with sqlite3.connect(db) as conn:
        for t in store.CONTENT_TABLES + store.SOURCE_TABLES:
            cols = [c for c in store.columns(t) if c not in (VOLATILE_SOURCES if t == "sources" else VOLATILE)]
            h = hashlib.sha256()
            n = 0
            for row in conn.execute(f"SELECT {', '.join(store._q(c) for c in cols)} FROM {t} ORDER BY {store.ORDER[t]}"):
                h.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
                n += 1
            out[t] = {"rows": n, "sha256": h.hexdigest()}
    return out


def test_every_row_is_as_pinned(root, corpora_db):
    """``corpora_db``: ``pxextract build corpus/ ../shared/corpus-dev`` (tests/conftest.py)."""
    with sqlite3.connect(corpora_db) as conn:
        assert conn.execute("SELECT count(*) FROM runs WHERE n_failed > 0").fetchone()[0] == 0
    got = table_hashes(corpora_db)
    path = root / FIXTURE
    if os.environ.get("PXEXTRACT_WRITE_ROW_HASHES"):
        path.write_text(json.dumps(got, indent=2) + "\n", encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    changed = {t: (want.get(t), got[t]) for t in got if want.get(t) != got[t]}
    assert not changed, f"rows changed (regenerate {FIXTURE} only on purpose): {changed}"
