"""Bad web pages, PDF and Word files for ``pxextract.formats``, written on demand (no binaries kept).

``write_bad_documents(folder)`` writes one file per case and returns ``file name → the words the
ValueError of read_document must contain``; ``write_huge_html`` writes the 50 MB page apart
(it is large). Needs the ``test`` extra (reportlab, pillow) and python-docx.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     sorted(write_bad_documents(Path(d)))[:3]
    ['binary.html', 'broken.pdf', 'empty.html']
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

CHINESE = "2021年，萍乡市实现地区生产总值1108.3亿元，同比增长8.6%。"
ENGLISH = "In 2021 the city's GDP reached 110.83 billion yuan, up 8.6 percent year on year."


def pdf_bytes(lines: list[str], *, encrypt: str | None = None, image: bool = False) -> bytes:
    """A one-page PDF with the lines as its text layer (font STSong-Light), or with only an image.

    Example:
        >>> pdf_bytes(["全市生产总值1108.3亿元。"])[:5]
        b'%PDF-'
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, encrypt=encrypt)
    if image:  # a "scanned" page: a picture of text, no text layer
        from PIL import Image, ImageDraw
        from reportlab.lib.utils import ImageReader

        picture = Image.new("L", (400, 200), 255)
        draw = ImageDraw.Draw(picture)
        for y in range(20, 200, 20):
            draw.line((20, y, 380, y), fill=0, width=6)
        c.drawImage(ImageReader(picture), 72, 500, width=400, height=200)
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 18 * i, line)
    c.showPage()
    c.save()
    return out.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A .docx with these body paragraphs (python-docx's default template)."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


NAV_ONLY = (
    '<html><head><meta charset="utf-8"><title>萍乡日报网</title></head><body>'
    '<nav><ul><li><a href="/">首页</a></li><li><a href="/n">要闻</a></li><li><a href="/e">经济</a></li></ul></nav>'
    '<div class="list"><ul>'
    + "".join(f'<li><a href="/a/{i}">萍乡经开区第{i}季度营收增长{i}%</a></li>' for i in range(1, 9))
    + "</ul></div><footer><p>版权所有 &copy; 2022 萍乡日报社</p></footer></body></html>"
)


def write_bad_documents(folder: Path) -> dict[str, str]:
    """Write every bad document into ``folder``; return ``name → expected reason``."""
    good_pdf = pdf_bytes([CHINESE] * 20)
    cases: dict[str, tuple[bytes, str]] = {
        # PDF
        "broken.pdf": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nendobj\ngarbage\n%%EOF\n", "damaged PDF"),
        "truncated.pdf": (good_pdf[: len(good_pdf) // 2], "truncated"),
        "not_a_pdf.pdf": (CHINESE.encode(), "not a PDF file"),
        "encrypted.pdf": (pdf_bytes([CHINESE], encrypt="secret"), "encrypted; "),
        "scanned.pdf": (pdf_bytes([], image=True), "no text layer (scanned?)"),
        "english.pdf": (pdf_bytes([ENGLISH]), "no Chinese text"),
        # HTML
        "no_body.html": (NAV_ONLY.encode(), "no article body"),
        "english.html": (
            f"<html><head><title>GDP</title></head><body><article><p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>".encode(),
            "no Chinese text",
        ),
        "empty.html": (b"  \n", "empty file"),
        "binary.html": (bytes(range(256)) * 8, "binary file (NUL bytes)"),
        # 4 MB of 200,000 one-line paragraphs: under the size limit, but trafilatura would take
        # minutes (its time grows with the square of the element count)
        "many_elements.html": (
            b"<html><body><article>" + "<p>增长8.6%。</p>".encode() * 200_000 + b"</article></body></html>",
            "too complex (200,003 elements",
        ),
        # DOCX
        "text_renamed.docx": (CHINESE.encode(), "not a Word file"),
        "zip_without_document.docx": (_zip({"notes.txt": CHINESE.encode()}), "not a Word document (no word/document.xml)"),
        "old_word.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "old Word .doc"),
        "english.docx": (docx_bytes([ENGLISH]), "no Chinese text"),
        "empty_body.docx": (docx_bytes(["", "  "]), "no text in the Word document"),
    }
    for name, (data, _) in cases.items():
        (folder / name).write_bytes(data)
    return {name: reason for name, (_, reason) in cases.items()}


def write_huge_html(path: Path, megabytes: int = 50) -> int:
    """A news page of ``megabytes`` MB (one article paragraph repeated); returns its size in bytes."""
    paragraph = f"<p>{CHINESE}全市规模以上工业增加值增长9.8%，固定资产投资增长10.7%。</p>\n".encode()
    head = b'<html><head><meta charset="utf-8"><title>\xe5\xa4\xa7\xe9\xa1\xb5</title></head><body><article>\n'
    tail = b"</article></body></html>\n"
    repeats = (megabytes * 1_000_000 - len(head) - len(tail)) // len(paragraph) + 1
    with path.open("wb") as f:
        f.write(head)
        block = paragraph * 1000
        for _ in range(repeats // 1000):
            f.write(block)
        f.write(paragraph * (repeats % 1000))
        f.write(tail)
    return path.stat().st_size
