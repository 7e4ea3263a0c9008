"""Datasette plugin of ``pxextract serve`` (registered by :func:`pxextract.serve.make_app`).

* ``/-/fact?article=ID&fact=N``: one fact — its sentence (``facts.context``) with the figure in
  a ``<mark>`` element, every attribute, where else the article states it, and links to the
  article's row page and the article's other facts.
* In tables and query results: a ``context`` cell shows the sentence with the figure marked, a
  ``fact`` cell links to the fact page, and an ``article_id`` cell of a query links to the
  article (table pages link it already, through the foreign key).

Everything from the database is HTML-escaped; the only markup added is ``<mark>`` and links.
It acts only on the database named in the metadata's ``plugins.pxextract.database``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup, escape

PLUGIN = "pxextract"


def _db_name(datasette) -> str | None:
    return (datasette.plugin_config(PLUGIN) or {}).get("database")


def locate(context: str, figure: str, start: int, end: int, window: str | None = None, window_start: int = 0) -> tuple[int, int] | None:
    """``(i, j)``: where the figure stands in its sentence, or None when it cannot be found.

    With ``window`` (the article text from ``window_start`` on, around the figure), the exact
    place: the sentence occurrence that contains ``start``..``end``. Without it, or when that
    fails, the figure's first occurrence in the sentence.

    >>> locate("增长5%，高于全国5%。", "5%", 112, 114, "xx增长5%，高于全国5%。", 101)  # the second 5%
    (9, 11)
    >>> locate("增长5%，高于全国5%。", "5%", 0, 2)
    (2, 4)
    >>> locate("没有", "5%", 0, 2) is None
    True
    """
    n = end - start
    if window is not None and context:
        p = window.rfind(context, 0, max(0, start - window_start + len(context)))
        if p >= 0 and p + len(context) >= end - window_start:
            i = start - window_start - p
            if 0 <= i and context[i:i + n] == figure:
                return i, i + n
    i = context.find(figure) if figure else -1
    return (i, i + len(figure)) if i >= 0 else None


def highlight(context: str, span: tuple[int, int] | None) -> Markup:
    """The sentence HTML-escaped, the figure in ``<mark>``.

    >>> str(highlight("<b>GDP</b> 5%", (11, 13)))
    '&lt;b&gt;GDP&lt;/b&gt; <mark>5%</mark>'
    """
    if span is None:
        return Markup(escape(context))
    i, j = span
    return Markup("{}<mark>{}</mark>{}").format(context[:i], context[i:j], context[j:])


FACT_SQL = """
SELECT f.rowid AS rowid, f.*, a.title, a.date, a.source, a.path,
       substr(a.text, max(0, f.start - length(f.context)) + 1, length(f.context) * 2 + (f."end" - f.start)) AS window,
       max(0, f.start - length(f.context)) AS window_start
FROM facts f JOIN articles a ON a.id = f.article_id
WHERE f.article_id = :article AND f.fact = :fact
"""


async def _fact(datasette, database: str, article: str, fact) -> dict | None:
    db = datasette.get_database(database)
    res = await db.execute(FACT_SQL, {"article": article, "fact": fact})
    row = res.first()
    if row is None:
        return None
    d = dict(zip(res.columns, row))
    d["span"] = locate(d["context"], d["text"], d["start"], d["end"], d["window"], d["window_start"])
    return d


def fact_url(datasette, article: str, fact) -> str:
    return datasette.urls.path("/-/fact") + "?" + urlencode({"article": article, "fact": fact})


def article_url(datasette, database: str, article: str) -> str:
    from datasette.utils import tilde_encode

    return datasette.urls.row(database, "articles", tilde_encode(article))


def _get(row, key):
    """A cell of the row; a foreign key expanded by the table view is ``{"value", "label"}``."""
    v = row[key]
    return v.get("value") if isinstance(v, dict) else v


def _keys(row) -> set:
    try:
        return set(row.keys())
    except AttributeError:
        return set()


try:
    from datasette import hookimpl
except ImportError:  # pragma: no cover - serve.py says how to install the web extra
    def hookimpl(fn):
        return fn


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database != _db_name(datasette) or value is None or table not in (None, "facts", "mentions"):
        return None
    keys = _keys(row)
    if column == "context" and {"article_id", "fact"} <= keys and table in (None, "facts"):
        async def marked():
            d = await _fact(datasette, database, _get(row, "article_id"), _get(row, "fact"))
            if d is None or d["context"] != value:
                return Markup(escape(value))
            return highlight(value, d["span"])
        return marked
    if column == "fact" and "article_id" in keys and isinstance(value, int):
        return Markup('<a href="{}">{}</a>').format(fact_url(datasette, _get(row, "article_id"), value), value)
    if column == "article_id" and table is None and isinstance(value, str):
        return Markup('<a href="{}">{}</a>').format(article_url(datasette, database, value), value)
    return None


async def fact_page(datasette, request):
    from datasette.utils.asgi import Response

    database = _db_name(datasette)
    article, fact = request.args.get("article"), request.args.get("fact")
    if not database:
        return await _error(datasette, request, 404, "no pxextract database is served")
    if not article or not fact or not fact.isdigit():
        return await _error(datasette, request, 400, "give ?article=ID&fact=N (N: the fact's index in its article)")
    d = await _fact(datasette, database, article, int(fact))
    if d is None:
        return await _error(datasette, request, 404, f"no fact {fact} in article {article!r}")
    db = datasette.get_database(database)
    places = await db.execute(
        'SELECT mention, start, "end", sentence, text FROM fact_provenance WHERE article_id = ? AND fact = ? ORDER BY mention',
        [article, int(fact)])
    attrs = [(k, d[k]) for k in ("label", "value", "unit", "qualifier", "low", "high", "year", "metric", "subject",
                                 "modality", "change", "n_mentions") if d.get(k) is not None]
    context = {
        "database": database,
        "fact": d,
        "attrs": attrs,
        "value_text": _value_text(d),
        "sentence": highlight(d["context"], d["span"]),
        "found": d["span"] is not None,
        "places": [dict(zip(places.columns, r)) for r in places.rows],
        "article_url": article_url(datasette, database, article),
        "article_facts_url": datasette.urls.query(database, "article_facts") + "?" + urlencode({"article": article}),
        "row_url": datasette.urls.row(database, "facts", str(d["rowid"])),
    }
    return Response.html(await datasette.render_template("pxextract_fact.html", context, request=request))


async def _error(datasette, request, status: int, message: str):
    from datasette.utils.asgi import Response

    page = await datasette.render_template(
        "error.html", {"ok": False, "error": message, "status": status, "title": "Not found" if status == 404 else "Bad request"},
        request=request)
    return Response.html(page, status=status)


def _value_text(d: dict) -> str:
    """"19,230,000,000 元 (192.3 亿元)": the stored value in its base unit, and scaled."""
    v, unit = d.get("value"), d.get("unit") or ""
    if v is None:
        return ""
    out = f"{f'{int(v):,}' if float(v).is_integer() and abs(v) < 1e18 else f'{v:,.10g}'} {unit}".strip()
    from ..chart import scales

    for factor, prefix in scales():  # 亿, 万 (rules/magnitudes.tsv)
        if abs(v) >= factor and unit not in ("%", "‰"):
            out += f" ({v / factor:,.6g} {prefix}{unit})"
            break
    return out


@hookimpl
def register_routes(datasette):
    return [(r"^/-/fact$", fact_page)]
