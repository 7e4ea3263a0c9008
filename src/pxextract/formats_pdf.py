"""PDF files: the text layer read with pypdfium2, running headers and page numbers dropped, and
the lines of a paragraph that the layout broke joined again (:func:`_join_pdf_lines`), so a
figure split over two lines is whole; title, author and creation date from the document
information. Called by :func:`pxextract.formats.read_document`.
"""

from __future__ import annotations

import re
import statistics
from datetime import datetime, timedelta, timezone

from .formats_common import LOCAL_TZ, DocumentError, _page_number, _useful

# ---------------------------------------------------------------------------------------- PDF

FULL_LINE_EMS = 1.5  # a line ending this close to the right margin (in line heights) runs on
INDENT_EMS = 0.8  # a line starting this far right of the left margin opens a paragraph


def _read_pdf(data: bytes) -> tuple[str, dict]:
    """Text layer and document information of a PDF through pypdfium2."""
    if b"%PDF-" not in data[:1024]:
        raise DocumentError("not a PDF file (no %PDF- header)")
    if b"%%EOF" not in data.rstrip(b"\x00\r\n\t ")[-2048:]:
        raise DocumentError("truncated or damaged PDF (no %%EOF end marker): get the file again")
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise DocumentError("encrypted; the PDF needs a password to open: remove the protection and try again") from None
        raise DocumentError(f"damaged PDF, cannot be opened ({exc})") from None
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                pages.append(drop_page_numbers(_pdf_lines(textpage)))
            finally:
                textpage.close()
                page.close()
        info = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    pages = drop_running_lines(pages)
    if not any(line.text.strip() for lines in pages for line in lines):
        raise DocumentError(
            f"no text layer (scanned?): {len(pages)} page(s) without text; run OCR on it first"
        )
    meta = {
        "title": _useful(re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", info.get("Title", ""))),
        "date": pdf_date(info.get("CreationDate", "")),
        "author": _useful(info.get("Author", "")),
    }
    return _join_pdf_lines(pages), meta


class _Line:
    """One line of a PDF page: its text and, when known, its box (left, bottom, right, top)."""

    __slots__ = ("text", "box")

    def __init__(self, text: str, box: tuple[float, float, float, float] | None):
        self.text, self.box = text, box


def _pdf_lines(textpage) -> list[_Line]:
    """The lines of a page as pdfium breaks them, each with the box of its first and last glyph."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    geometry = len(text) == count  # else pdfium inserted/excluded characters: no positions
    lines = []
    start = 0
    for match in re.finditer(r"\r\n|\r|\n|\Z", text):
        segment = text[start : match.start()]
        box = None
        visible = [i for i, ch in enumerate(segment) if not ch.isspace()]
        if geometry and visible:
            first = textpage.get_charbox(start + visible[0], loose=True)
            last = textpage.get_charbox(start + visible[-1], loose=True)
            box = (first[0], min(first[1], last[1]), last[2], max(first[3], last[3]))
        lines.append(_Line(segment, box))
        start = match.end()
        if match.start() == len(text):
            break
    return lines




def _edges(lines: list[_Line]) -> set[int]:
    """Where running headers and footers sit: the first and last lines in reading order and the
    top- and bottommost lines on the page (a page's furniture is often drawn before its body)."""
    visible = [i for i, line in enumerate(lines) if line.text.strip()]
    if not visible:
        return set()
    edges = {visible[0], visible[-1]}
    boxed = [i for i in visible if lines[i].box]
    if boxed:
        edges.add(max(boxed, key=lambda i: lines[i].box[3]))
        edges.add(min(boxed, key=lambda i: lines[i].box[1]))
    return edges


def drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    """The page's lines without a page number standing alone at its top or bottom.

    Example:
        >>> [l.text for l in drop_page_numbers([_Line(t, None) for t in ("一、总体情况", "增长8.6%。", "— 3 —")])]
        ['一、总体情况', '增长8.6%。']
    """
    drop = {i for i in _edges(lines) if _page_number().fullmatch(lines[i].text.strip())}
    return [line for i, line in enumerate(lines) if i not in drop]


def drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without running headers and footers: a line at a page's top or bottom that recurs
    (digits aside) there on more than half of three or more pages.

    Example:
        >>> pages = [[_Line(t, None) for t in ("2023年政府工作报告", f"正文第{i}页。", f"第{i}页")] for i in range(1, 4)]
        >>> [[l.text for l in page] for page in drop_running_lines(pages)]
        [['正文第1页。'], ['正文第2页。'], ['正文第3页。']]
    """
    if len(pages) < 3:
        return pages
    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_edge_key(lines[i]) for i in _edges(lines)}:
            counts[key] = counts.get(key, 0) + 1
    running = {key for key, n in counts.items() if n > len(pages) / 2}
    out = []
    for lines in pages:
        drop = {i for i in _edges(lines) if _edge_key(lines[i]) in running}
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out


def _edge_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def _join_pdf_lines(pages: list[list[_Line]]) -> str:
    """Paragraphs of the text layer: a line that reaches the right margin runs on into the next.

    The margins are the document's (90th percentile of line ends, 10th of line starts); a line
    runs on when it ends within ``FULL_LINE_EMS`` line heights of the right margin and the next
    line is below it (or first on the next page) and not indented. Joined lines get no space
    between them unless both sides are Latin words. Multi-column pages are not joined (their
    lines end before the page's right margin) and keep pdfium's line breaks.
    """
    boxed = [line.box for lines in pages for line in lines if line.box and line.text.strip()]
    if not boxed:
        return "\n".join(line.text for lines in pages for line in lines)
    rights = sorted(b[2] for b in boxed)
    lefts = sorted(b[0] for b in boxed)
    right_margin = rights[int(0.9 * (len(rights) - 1))]
    left_margin = lefts[int(0.1 * (len(lefts) - 1))]
    em = statistics.median(b[3] - b[1] for b in boxed) or 10.0

    out: list[str] = []
    prev: _Line | None = None
    prev_page = -1
    for page_no, lines in enumerate(pages):
        for line in lines:
            if not line.text.strip():
                continue
            if prev is not None and _runs_on(prev, line, page_no != prev_page, right_margin, left_margin, em):
                out[-1] = _glue(out[-1], line.text.strip())
            else:
                out.append(line.text.strip())
            prev, prev_page = line, page_no
    return "\n".join(out)


def _runs_on(prev: _Line, line: _Line, new_page: bool, right: float, left: float, em: float) -> bool:
    """Whether ``line`` continues the paragraph of ``prev`` (see :func:`_join_pdf_lines`)."""
    if prev.box is None or line.box is None:
        return False
    if prev.box[2] < right - FULL_LINE_EMS * em:
        return False  # prev ends short of the margin: a paragraph end, a heading, a caption
    if line.box[0] > left + INDENT_EMS * em:
        return False  # the next line is indented: a new paragraph
    return new_page or line.box[1] < prev.box[1] - 0.5 * em  # below it on the page


def _glue(a: str, b: str) -> str:
    """Join two lines of one paragraph: a space only between two Latin words.

    Example:
        >>> _glue("实现营收500亿", "元的奋斗目标"), _glue("82.", "32亿元"), _glue("1,", "234"), _glue("GDP reached", "110")
        ('实现营收500亿元的奋斗目标', '82.32亿元', '1,234', 'GDP reached 110')
    """
    x, y = a[-1], b[0]
    words = x.isascii() and y.isascii() and (y.isalpha() and (x.isalnum() or x in ",;:!?") or y.isdigit() and x.isalpha())
    return f"{a} {b}" if words else a + b


def pdf_date(value: str) -> str:
    """A PDF date (``D:YYYYMMDDHHmmSS+HH'mm'``) as YYYY-MM-DD (China time when it has a zone) or YYYY.

    Example:
        >>> pdf_date("D:20221231200000Z"), pdf_date("D:20221108"), pdf_date("D:2022"), pdf_date("")
        ('2023-01-01', '2022-11-08', '2022', '')
    """
    m = re.match(r"(?:D:)?(\d{4})(?:(\d{2})(\d{2})(?:(\d{2})(\d{2})?(\d{2})?)?)?\s*(Z|[+-]\d{2}'?\d{0,2}'?)?", value.strip())
    if not m:
        return ""
    year, month, day, hh, mm, ss, zone = m.groups()
    if not month:
        return year
    try:
        when = datetime(int(year), int(month), int(day), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return year
    if zone:
        if zone == "Z":
            offset = timedelta(0)
        else:
            digits = zone.replace("'", "")
            sign = -1 if digits[0] == "-" else 1
            offset = sign * timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5] or 0))
        when = when.replace(tzinfo=timezone(offset)).astimezone(LOCAL_TZ)
    return when.strftime("%Y-%m-%d")


