"""Read web pages, PDF and Word files: the article text plus the metadata the file holds.

Each reader returns the text that becomes the stored article text (span offsets point into
it) and a metadata dict with only the non-empty keys among ``title``, ``date`` (YYYY-MM-DD or
YYYY), ``source``, ``url``, ``author`` and ``format``. Anything unreadable raises
:class:`DocumentError` (a ``ValueError``) with a reason a user understands; the caller adds
the path. Size limits and thresholds are module constants, read at each call.

* HTML (``.html``, ``.htm``, ``.xhtml``): trafilatura finds the main text and the metadata
  (og:title, article:published_time / pubdate, og:site_name, canonical URL, author), in its
  precision mode so that menus, related links, asides and footers stay out (so do
  ``<figcaption>`` and ``class="caption"`` photo captions); tables are kept,
  one row a line with cells separated by tabs. Bytes are decoded as UTF-8, else as the page
  declares (``<meta charset>``), else as trafilatura's detector (charset-normalizer) finds,
  with GBK and GB2312 read as their superset GB18030.
* PDF: pypdfium2 reads the text layer; running headers and page numbers are dropped and the
  lines of a paragraph that the layout broke are joined again (see :func:`_join_pdf_lines`),
  so a figure split over two lines is whole. Title, author and creation date from the
  document information.
* DOCX: python-docx; body paragraphs and tables in document order, one paragraph a line,
  one table row a line (cells separated by tabs); core properties give title, date, author.

The libraries are imported inside the functions, so ``import pxextract`` stays fast.

Example:
    >>> page = ('<html><head><title>萍乡经济</title></head><body><article>'
    ...         '<p>2021年，萍乡市实现地区生产总值1108.3亿元，同比增长8.6%。全市规模以上工业增加值增长9.8%。</p>'
    ...         '</article></body></html>')
    >>> read_document(Path("a.html"), page.encode("gbk").replace(b"<head>", b'<head><meta charset="gbk">'))
    ('2021年，萍乡市实现地区生产总值1108.3亿元，同比增长8.6%。全市规模以上工业增加值增长9.8%。', {'title': '萍乡经济', 'format': 'html'})
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from pathlib import Path

from .formats_common import LOCAL_TZ, META_KEYS, DocumentError, _useful, placeholders  # noqa: F401 - re-exported
from .formats_pdf import (FULL_LINE_EMS, INDENT_EMS, _join_pdf_lines, _Line, _read_pdf, drop_page_numbers,  # noqa: F401 - re-exported
                          drop_running_lines, pdf_date)

SUFFIXES: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}

# HTML pages larger than this are refused: trafilatura's time and memory grow faster than the
# size (measured with these options on the seed article's paragraphs repeated: 5 MB 2.5 s and
# 290 MB peak memory, 20 MB 23 s / 840 MB, 50 MB 86 s / 1.9 GB) and a real news page is well
# under 2 MB. The value is trafilatura's own MAX_FILE_SIZE. Read at each call, so a caller may
# change it (pxextract.formats.MAX_HTML_BYTES = ...).
MAX_HTML_BYTES = 20_000_000
# ... and pages with more start tags than this: trafilatura's time grows with the square of the
# element count (measured: 10,000 tags 4 s, 40,000 tags 9 s / 600 MB, 80,000 tags 18 s,
# 200,000 one-line paragraphs in 4 MB 235 s). A news page has a few thousand.
MAX_HTML_TAGS = 40_000
# A .docx is a ZIP package that python-docx unpacks whole: refuse one that would unpack to more.
MAX_DOCX_UNPACKED_BYTES = 200_000_000
# Share of Han characters among the non-space characters below which the extracted text is
# refused as "no Chinese text" (mojibake from a wrong encoding, a PDF font without a Unicode
# map, or a document in another language). Statistical tables are mostly digits, hence low.
MIN_HAN_SHARE = 0.05
# The creation time in python-docx's default template: a file made from it without setting
# its own says nothing about the article.
DOCX_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15, tzinfo=timezone.utc)
# trafilatura settings: precision mode keeps menus, related-link lists and footers out of
# short articles (the default mode let them in) and finds no body in a page that has none.
TRAFILATURA_OPTIONS = {
    "favor_precision": True,
    "include_tables": True,
    "include_comments": False,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
    # markup only (meta tags, JSON-LD, <time>, URL, a timestamp in the page); no guessing
    # from a copyright year in the footer
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}





_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_LINE_EDGE = " \u00a0\u2009\u3000"  # spaces stripped at line ends (tabs kept: table cells)
_DATE = re.compile(r"(\d{4})(?:-(\d{2})-(\d{2}))?")


def read_document(path: Path, data: bytes | None = None) -> tuple[str, dict]:
    """Text and metadata of a ``.html``/``.htm``/``.xhtml``, ``.pdf`` or ``.docx`` file.

    ``data`` are the file's bytes when the caller has them already (``path`` then only gives
    the suffix). Raises :class:`DocumentError` (a ValueError) with the reason, without the path.

    Example:
        >>> read_document(Path("报告.txt"), b"")
        Traceback (most recent call last):
        ...
        pxextract.formats.DocumentError: unsupported file type '.txt' (readable: .docx, .htm, .html, .pdf, .xhtml)
    """
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise DocumentError(f"unsupported file type {path.suffix!r} (readable: {', '.join(sorted(SUFFIXES))})")
    if data is None:
        try:
            if kind == "html":
                _check_html_size(path.stat().st_size)  # before reading 50 MB for nothing
            data = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise DocumentError("empty file")
    reader = {"html": _read_html, "pdf": _read_pdf, "docx": _read_docx}[kind]
    try:
        text, meta = reader(data)
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # a library's own error on a damaged file: a reason, not a traceback
        raise DocumentError(f"damaged or unsupported {kind.upper()} file ({type(exc).__name__}: {exc})") from None
    text = clean_text(text)
    check_chinese(text)
    out = {k: meta[k] for k in META_KEYS if meta.get(k)}
    out["format"] = kind
    return text, out


def clean_text(text: str) -> str:
    """Line ends as ``\\n``, control characters removed, spaces trimmed at line ends, no blank lines.

    Example:
        >>> clean_text("　　全市生产总值1108.3亿元。\\r\\n\\r\\n\\x02增长8.6%。 ")
        '全市生产总值1108.3亿元。\\n增长8.6%。'
    """
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (line.strip(_LINE_EDGE) for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip())


def check_chinese(text: str) -> None:
    """Raise ValueError unless the text is Chinese (``MIN_HAN_SHARE`` of its visible characters).

    Example:
        >>> check_chinese("GDP grew 8.6% to 110.8 billion yuan.")
        Traceback (most recent call last):
        ...
        pxextract.formats.DocumentError: no Chinese text (0 of 30 characters are Chinese): a wrong character encoding, a font without a Unicode map, or not a Chinese document
    """
    visible = sum(1 for ch in text if not ch.isspace())
    han = len(_HAN.findall(text))
    if han == 0 or han < MIN_HAN_SHARE * visible:
        raise DocumentError(
            f"no Chinese text ({han} of {visible} characters are Chinese): a wrong character encoding, "
            "a font without a Unicode map, or not a Chinese document"
        )


# --------------------------------------------------------------------------------------- HTML


# An encoding declared in the first bytes: <meta charset=...>, <meta http-equiv content="...;
# charset=...">, or an XML declaration's encoding="..." (the HTML standard's prescan, in short).
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_START_TAG = re.compile(rb"<[A-Za-z]")
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "gb_2312_80": "gb18030", "x_gbk": "gb18030"}


def decode_html(data: bytes) -> str:
    """The page's bytes as text: UTF-8, else the encoding the page declares, else a detected one.

    A declared charset is honoured first (charset detection alone misreads short GBK pages);
    then the detector trafilatura uses (charset-normalizer). GBK and GB2312 are read as
    GB18030, their superset (pages that declare gb2312 often hold GBK characters). Raises
    ValueError when no encoding fits.

    Example:
        >>> decode_html('<meta charset="gb2312"><p>记者王堃报道</p>'.encode("gbk"))
        '<meta charset="gb2312"><p>记者王堃报道</p>'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError("UTF-16 byte-order mark but undecodable") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from trafilatura.utils import detect_encoding

    declared = _DECLARED.search(data[:4096])
    guesses = ([declared.group(1).decode("ascii")] if declared else []) + detect_encoding(data)
    for guess in guesses:
        encoding = _SUPERSETS.get(guess.replace("-", "_").lower(), guess)
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise DocumentError("cannot tell the character encoding (not UTF-8, and neither the declared nor a detected encoding fits)")


def _check_html_size(size: int) -> None:
    """Refuse a page over ``MAX_HTML_BYTES`` (read at each call, so a caller may change it)."""
    if size > MAX_HTML_BYTES:
        raise DocumentError(
            f"HTML page too large ({size / 1e6:.1f} MB, the limit is {MAX_HTML_BYTES / 1e6:.0f} MB: "
            "pxextract.formats.MAX_HTML_BYTES); a news page is far smaller, save the article alone"
        )


def _read_html(data: bytes) -> tuple[str, dict]:
    """Main text and metadata of a news page through trafilatura."""
    _check_html_size(len(data))
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError("binary file (NUL bytes), not a web page")
    tags = sum(1 for _ in _START_TAG.finditer(data))
    if tags > MAX_HTML_TAGS:
        raise DocumentError(
            f"HTML page too complex ({tags:,} elements, the limit is {MAX_HTML_TAGS:,}: pxextract.formats.MAX_HTML_TAGS); "
            "a news page has a few thousand, save the article alone"
        )
    import trafilatura

    _quiet_loggers()
    html = decode_html(data)
    doc = trafilatura.bare_extraction(html, **TRAFILATURA_OPTIONS)
    if doc is None or not (doc.text or "").strip():
        raise DocumentError("no article body found in the page (only menus, links or nothing)")
    date = doc.date or ""
    meta = {
        "title": _useful(doc.title),
        "date": date if _DATE.fullmatch(date) else "",
        "source": _useful(doc.sitename) or _useful(doc.hostname),
        "url": doc.url or "",
        "author": _useful(doc.author),
    }
    return tables_as_rows(doc.text), meta


_GFM_SEPARATOR = re.compile(r"\|(?:-{3}\|)+")
_GFM_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def tables_as_rows(text: str) -> str:
    """trafilatura's Markdown table rows (``| a | b |``) as tab-separated rows, separators dropped.

    Example:
        >>> tables_as_rows("表1\\n| 指标 | 增长（%） |\\n|---|---|\\n| 地区生产总值 | 8.6 |\\n正文。")
        '表1\\n指标\\t增长（%）\\n地区生产总值\\t8.6\\n正文。'
    """
    out = []
    for line in text.split("\n"):
        bare = line.strip()
        if _GFM_SEPARATOR.fullmatch(bare):
            continue
        if len(bare) > 1 and bare.startswith("|") and bare.endswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in _GFM_CELL_SPLIT.split(bare[1:-1])]
            while cells and not cells[-1]:
                cells.pop()  # padding cells of a caption row
            line = "\t".join(cells)
        out.append(line)
    return "\n".join(out)


def _quiet_loggers() -> None:
    """Keep trafilatura's per-page log lines ("discarding data") off stderr unless the app logs."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


# --------------------------------------------------------------------------------------- DOCX


def _read_docx(data: bytes) -> tuple[str, dict]:
    """Body paragraphs and tables, and the core properties, of a Word file through python-docx."""
    import zipfile

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DocumentError("not a .docx: an old Word .doc file or a password-protected .docx; save it as an unprotected .docx")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentError("not a Word file (a .docx is a ZIP package; this file is not one, or it is truncated)") from None
    with package:
        names = set(package.namelist())
        unpacked = sum(info.file_size for info in package.infolist())
    if "word/document.xml" not in names and not any(n.startswith("word/") and n.endswith(".xml") for n in names):
        raise DocumentError("a ZIP file but not a Word document (no word/document.xml)")
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise DocumentError(
            f"the .docx would unpack to {unpacked / 1e6:.0f} MB (limit {MAX_DOCX_UNPACKED_BYTES / 1e6:.0f} MB: "
            "pxextract.formats.MAX_DOCX_UNPACKED_BYTES)"
        )
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as exc:  # python-docx: "file ... is not a Word file, content type is ..."
        kind = str(exc).rsplit("content type is", 1)[-1].strip(" '")
        raise DocumentError(f"not a Word document (an Office file of type {kind})") from None
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(table_rows(block))
        else:
            lines.append(paragraph_text(block))
    props = document.core_properties
    created = props.created
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=timezone.utc)  # W3CDTF dates in a .docx are UTC
    if created == DOCX_TEMPLATE_CREATED:
        created = None  # python-docx's own template, not the article's date
    if created is not None:
        created = created.astimezone(LOCAL_TZ)
    identifier = props.identifier or ""
    meta = {
        "title": _useful(props.title),
        "date": created.strftime("%Y-%m-%d") if created else "",
        "author": _useful(props.author),
        "url": identifier if identifier.startswith(("http://", "https://")) else "",
    }
    text = "\n".join(lines)
    if not text.strip():
        raise DocumentError("no text in the Word document's body")
    return text, meta


# Runs that make a paragraph's text as Word shows it with changes accepted: tracked insertions
# (w:ins) included, deletions and moved-away text excluded, text boxes (drawn apart) excluded.
_VISIBLE_RUNS = ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"


def paragraph_text(paragraph) -> str:
    """A python-docx paragraph's text with tracked insertions (``Paragraph.text`` leaves them out).

    Example:
        >>> import docx
        >>> paragraph_text(docx.Document().add_paragraph("全市生产总值1108.3亿元。"))
        '全市生产总值1108.3亿元。'
    """
    from docx.text.run import Run

    return "".join(Run(r, paragraph).text for r in paragraph._p.xpath(_VISIBLE_RUNS))


def table_rows(table) -> list[str]:
    """A python-docx table as lines, one row a line, cells separated by tabs (a merged cell once).

    Example:
        >>> import docx
        >>> t = docx.Document().add_table(rows=1, cols=2)
        >>> t.cell(0, 0).text, t.cell(0, 1).text = "地区生产总值", "1108.3亿元"
        >>> table_rows(t)
        ['地区生产总值\\t1108.3亿元']
    """
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if cell._tc is previous:
                continue  # a merged cell appears once for each grid column it spans
            previous = cell._tc
            parts = [paragraph_text(p).strip() for p in cell.paragraphs]
            parts += [" ".join(table_rows(inner)) for inner in cell.tables]
            cells.append(" ".join(p for p in parts if p).replace("\t", " ").replace("\n", " "))
        rows.append("\t".join(cells).rstrip("\t"))
    return rows
