"""The local web explorer's parts (issue #16): the Datasette plugin (``plugin.py``: the fact
page and the highlighted sentences), its templates and its display text (``labels.tsv``: column
descriptions, canned-query titles, units the charts never scale). :mod:`pxextract.serve` and
:mod:`pxextract.chart` use them."""

from functools import lru_cache
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
LABELS = Path(__file__).parent / "labels.tsv"


@lru_cache(maxsize=4)
def labels(path: Path = LABELS) -> dict[str, str]:
    """``key → text`` of ``labels.tsv`` (read once); a bad header, a repeated key or an empty text
    is a :class:`pxextract.rules.RulesError` naming ``file:line``."""
    from pxextract.resolve.loader import read_table
    from pxextract.rules import RulesError

    out: dict[str, str] = {}
    where: dict[str, int] = {}
    for n, r in read_table(path, ("key", "text")):
        if r["key"] in out:
            raise RulesError(f"{path}:{n}: key {r['key']!r} repeats line {where[r['key']]}")
        if not r["text"]:
            raise RulesError(f"{path}:{n}: empty text for {r['key']!r}")
        out[r["key"]], where[r["key"]] = r["text"], n
    return out


def label(key: str) -> str:
    """The text of one key of ``labels.tsv``; a missing key is a RulesError naming the file."""
    from pxextract.rules import RulesError

    try:
        return labels()[key]
    except KeyError:
        raise RulesError(f"{LABELS}: no row for {key!r}") from None


def under(prefix: str) -> dict[str, str]:
    """The rows whose key starts with ``prefix``, keyed by the rest, in file order:
    ``under("column.facts.")`` → ``{"article_id": …, "fact": …}``."""
    return {k[len(prefix):]: v for k, v in labels().items() if k.startswith(prefix)}
