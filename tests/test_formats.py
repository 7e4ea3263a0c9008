"""Web pages, PDF and Word files: the seed article rendered by the tests themselves reads back
with its paragraphs, without the page furniture, with the same numeric facts as the .txt and
with title and date from the file's metadata; every bad document gives a ValueError with a reason.
"""

from __future__ import annotations

import csv
import html
import importlib.util
import re
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pxextract import formats
from pxextract.formats import SUFFIXES, read_document

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "000_23bbc0367b06fa24"
NUMERIC = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
PUBLISHED = "2022-11-08"
SITE = "萍乡日报网"
URL = "https://www.pxrb.example.cn/2022/11/08/content_23bb.html"

# Page furniture rendered around the article: none of it may reach the extracted text.
MENU = ["首页", "要闻", "图片频道", "视频直播", "数字报刊"]
RELATED = ["萍乡经开区一季度营收增长25%", "湘东区新增城镇就业1.2万人", "全市2023年计划投资3000亿元"]
ASIDE = ["热门排行", "安源区旅游收入突破80亿元"]
FOOTER = "版权所有 &copy; 2022 萍乡日报社 赣ICP备12345678号"


def _load_bad_documents():
    spec = importlib.util.spec_from_file_location("make_documents", ROOT / "tests/data/bad/make_documents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bad_documents = _load_bad_documents()


# ----------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed():
    text = (ROOT / "corpus" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    with (ROOT / "corpus" / "articles.csv").open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == SEED_ID)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return {"text": text, "title": row["title"], "date": row["date"], "source": row["source"], "lines": lines}


def numeric_facts(extractor, text: str, meta: dict) -> Counter:
    """(label, value, unit, year) of every numeric span, with multiplicity."""
    rec = extractor.record(SEED_ID, text, meta)
    for s in rec["spans"]:
        assert text[s["start"] : s["end"]] == s["text"]
    return Counter((s["label"], s.get("value"), s.get("unit"), s.get("year")) for s in rec["spans"] if s["label"] in NUMERIC)


@pytest.fixture(scope="module")
def txt_facts(extractor, seed):
    meta = {"date": seed["date"], "title": seed["title"], "source": seed["source"]}
    facts = numeric_facts(extractor, seed["text"], meta)
    assert len(facts) > 50
    return facts


def is_heading(line: str) -> bool:
    return len(line) <= 16 and not line.endswith(("。", "！", "？", "；", "摄")) and "摄" not in line


def is_caption(line: str) -> bool:
    return line.endswith("摄")


def assert_same_facts(got: Counter, want: Counter, kind: str):
    missing, extra = want - got, got - want
    assert not missing and not extra, f"{kind}: missing {sorted(missing, key=str)}, extra {sorted(extra, key=str)}"


def assert_paragraphs_kept(text: str, seed: dict):
    """Every line of the .txt is a whole line of the extracted text, in order."""
    lines = text.split("\n")
    missing = [line for line in seed["lines"] if line not in lines]
    assert not missing, missing[:3]
    positions = [lines.index(line) for line in seed["lines"]]
    assert positions == sorted(positions)


# -------------------------------------------------------------------------------------- HTML


def news_page(seed, *, charset: str = "utf-8") -> str:
    """The seed article as a news page: menu, headline, byline, body, aside, related links, footer."""
    body = []
    for line in seed["lines"]:
        if is_heading(line):
            body.append(f"<h2>{html.escape(line)}</h2>")
        elif is_caption(line):
            # a centred paragraph, as many Chinese sites set captions; trafilatura's precision mode
            # leaves out <figcaption> and class="caption" blocks (photo credits, rarely figures)
            body.append(f'<p style="text-align: center">{html.escape(line)}</p>')
        else:
            body.append(f"<p>{html.escape(line)}</p>")
    title = html.escape(seed["title"])
    menu = "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(MENU))
    related = "".join(f'<li><a href="/a/{i}.html">{r}</a></li>' for i, r in enumerate(RELATED))
    aside = f"<h3>{ASIDE[0]}</h3><ol><li><a href='/hot/1.html'>{ASIDE[1]}</a></li></ol>"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>{title}_{SITE}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{SITE}">
<meta property="og:url" content="{URL}">
<link rel="canonical" href="{URL}">
<meta name="pubdate" content="{PUBLISHED}">
<meta property="article:published_time" content="{PUBLISHED}T08:30:00+08:00">
<meta name="author" content="萍乡日报记者 李明">
</head><body>
<header><div class="logo">{SITE}</div><nav><ul>{menu}</ul></nav></header>
<div class="crumbs"><a href="/">首页</a> &gt; <a href="/news">要闻</a> &gt; 正文</div>
<main><article>
<h1>{title}</h1>
{''.join(body)}
</article>
<section class="related"><h3>相关新闻</h3><ul>{related}</ul></section>
</main>
<aside class="sidebar">{aside}</aside>
<footer><p>{FOOTER}</p><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a></p></footer>
</body></html>
"""


FURNITURE = MENU[2:] + RELATED + ASIDE + ["相关新闻", "版权所有", "赣ICP备", "关于我们"]


def test_furniture_words_are_not_in_the_seed(seed):
    assert not [piece for piece in FURNITURE + ["特刊", "— 2 —"] if piece in seed["text"]]


def assert_no_furniture(text: str):
    for piece in FURNITURE:
        assert piece not in text, piece


def test_news_page_gives_the_article_its_metadata_and_the_txt_facts(tmp_path, extractor, seed, txt_facts):
    path = tmp_path / "article.html"
    path.write_text(news_page(seed), encoding="utf-8")
    text, meta = read_document(path)
    assert_paragraphs_kept(text, seed)
    assert_no_furniture(text)
    assert meta == {"title": seed["title"], "date": PUBLISHED, "source": SITE, "url": URL, "author": "萍乡日报记者 李明", "format": "html"}
    assert_same_facts(numeric_facts(extractor, text, meta), txt_facts, "html")


def test_gbk_page_with_meta_charset_reads_as_the_utf8_page(tmp_path, seed):
    page = news_page(seed, charset="gbk")
    (tmp_path / "gbk.htm").write_bytes(page.encode("gbk"))
    (tmp_path / "utf8.html").write_bytes(page.replace('charset="gbk"', 'charset="utf-8"').encode("utf-8"))
    assert read_document(tmp_path / "gbk.htm") == read_document(tmp_path / "utf8.html")


def test_gb2312_declared_page_with_gbk_characters(tmp_path):
    # 堃 and 镕 are GBK, not GB2312: the page is read as GB18030, the superset
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>萍乡经济</title></head>'
            "<body><article><p>记者王堃报道：2021年，萍乡市实现地区生产总值1108.3亿元，同比增长8.6%。</p></article></body></html>")
    text, meta = read_document(Path("a.html"), page.encode("gbk"))
    assert text == "记者王堃报道：2021年，萍乡市实现地区生产总值1108.3亿元，同比增长8.6%。" and meta["title"] == "萍乡经济"


def test_xhtml_with_xml_declaration(seed):
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + news_page(seed).replace("<!DOCTYPE html>\n", "").replace(
        '<html lang="zh-CN">', '<html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN">'
    )
    text, meta = read_document(Path("article.xhtml"), page.encode("utf-8"))
    assert_paragraphs_kept(text, seed)
    assert_no_furniture(text)
    assert meta["title"] == seed["title"] and meta["date"] == PUBLISHED


def test_short_news_keeps_only_the_story():
    """Precision mode: in trafilatura's default mode the menu and the related links (with their
    figures) came along with a two-paragraph story."""
    related = "".join(f'<li><a href="/a/{i}">萍乡经开区第{i}季度营收增长{i}%创历史新高</a></li>' for i in range(1, 9))
    page = f"""<html><head><meta charset="utf-8"><title>萍乡GDP增长8.6%_{SITE}</title>
<meta property="og:title" content="萍乡GDP增长8.6%"><meta property="article:published_time" content="2022-03-01T09:00:00+08:00"></head>
<body><nav><ul><li><a href="/">首页</a></li><li><a href="/n">要闻</a></li></ul></nav>
<div class="content"><h1>萍乡GDP增长8.6%</h1>
<p>本报讯 2021年，萍乡市实现地区生产总值1108.3亿元，同比增长8.6%。</p>
<p>全市规模以上工业增加值增长9.8%，固定资产投资增长10.7%，社会消费品零售总额480亿元。</p></div>
<div class="related"><h3>相关阅读</h3><ul>{related}</ul></div><footer><p>{FOOTER}</p></footer></body></html>"""
    text, meta = read_document(Path("short.html"), page.encode())
    assert "本报讯 2021年，萍乡市实现地区生产总值1108.3亿元，同比增长8.6%。" in text.split("\n")
    assert "社会消费品零售总额480亿元" in text
    assert "季度营收" not in text and "相关阅读" not in text and "要闻" not in text
    assert meta["title"] == "萍乡GDP增长8.6%" and meta["date"] == "2022-03-01"


def test_html_table_rows_become_tab_separated_lines(extractor):
    page = """<html><head><meta charset="utf-8"><title>2021年萍乡市国民经济和社会发展统计公报</title></head><body><article>
<p>初步核算，全年全市实现地区生产总值1108.3亿元，比上年增长8.6%。主要指标见下表。</p>
<table><tr><th>指标</th><th>绝对数</th><th>比上年增长（%）</th></tr>
<tr><td>地区生产总值</td><td>1108.3亿元</td><td>8.6</td></tr>
<tr><td>社会消费品零售总额</td><td>480.2亿元</td><td>11.9</td></tr>
<tr><td>粮食产量</td><td>47.6万吨</td><td>1.2</td></tr></table>
<p>全年城镇新增就业3.6万人。</p></article></body></html>"""
    text, _ = read_document(Path("communique.html"), page.encode())
    lines = text.split("\n")
    assert "社会消费品零售总额\t480.2亿元\t11.9" in lines and "粮食产量\t47.6万吨\t1.2" in lines
    assert "|" not in text and "---" not in text
    values = {s["text"]: s.get("value") for s in extractor.record("t", text, {"date": "2022"})["spans"]}
    assert values["480.2亿元"] == 48020000000 and values["47.6万吨"] == 476000


# -------------------------------------------------------------------------------------- DOCX


def seed_docx(seed, path: Path):
    """The seed article as a Word file: title, headings, body, captions, a page header and footer."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "萍乡日报 2022年11月8日 第3版 专题"
    section.footer.paragraphs[0].text = "第 3 页 共 8 页 萍乡日报社 版权所有"
    for line in seed["lines"]:
        if is_heading(line):
            document.add_heading(line, level=2)
        else:
            document.add_paragraph("\u3000\u3000" + line if not is_caption(line) else line)  # indented as typeset
    props = document.core_properties
    props.title = seed["title"]
    props.author = "萍乡日报 李明"
    props.created = datetime(2022, 11, 8, 0, 30, tzinfo=timezone.utc)  # 08:30 in Beijing
    document.save(path)


def test_docx_gives_the_article_its_metadata_and_the_txt_facts(tmp_path, extractor, seed, txt_facts):
    path = tmp_path / "article.docx"
    seed_docx(seed, path)
    text, meta = read_document(path)
    assert_paragraphs_kept(text, seed)
    assert "第3版" not in text and "版权所有" not in text  # header and footer are not the article
    assert meta == {"title": seed["title"], "date": PUBLISHED, "author": "萍乡日报 李明", "format": "docx"}
    assert_same_facts(numeric_facts(extractor, text, meta), txt_facts, "docx")


def test_docx_tables_are_read_row_by_row_in_document_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2021年主要经济指标如下。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("指标", "绝对数", "比上年增长（%）"), ("地区生产总值", "1108.3亿元", "8.6"), ("粮食产量", "47.6万吨", "1.2")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = document.add_table(rows=2, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 2)).text = "注：增长速度按可比价格计算"
    merged.cell(1, 0).text, merged.cell(1, 1).text = "城镇新增就业", "3.6万人"
    document.add_paragraph("全年城镇新增就业3.6万人。")
    document.save(tmp_path / "t.docx")
    text, _ = read_document(tmp_path / "t.docx")
    assert text.split("\n") == [
        "2021年主要经济指标如下。",
        "指标\t绝对数\t比上年增长（%）",
        "地区生产总值\t1108.3亿元\t8.6",
        "粮食产量\t47.6万吨\t1.2",
        "注：增长速度按可比价格计算",
        "城镇新增就业\t3.6万人",
        "全年城镇新增就业3.6万人。",
    ]


def test_docx_default_template_metadata_is_not_taken_for_the_article(tmp_path):
    import docx

    document = docx.Document()  # python-docx's template says author "python-docx", created 2013-12-23
    document.add_paragraph("2021年，全市地区生产总值1108.3亿元。")
    document.save(tmp_path / "template.docx")
    assert read_document(tmp_path / "template.docx")[1] == {"format": "docx"}
    document.core_properties.created = datetime(2023, 8, 16, 18, 0, tzinfo=timezone.utc)  # 02:00 on the 17th in Beijing
    document.save(tmp_path / "d.docx")
    assert read_document(tmp_path / "d.docx")[1] == {"date": "2023-08-17", "format": "docx"}


def test_docx_tracked_changes_read_as_accepted(tmp_path):
    import copy

    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    paragraph = document.add_paragraph("全市地区生产总值")
    run = paragraph.add_run("1108.3亿元，")
    inserted = etree.SubElement(paragraph._p, qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "编辑"})
    inserted.append(copy.deepcopy(run._r))
    inserted[0].find(qn("w:t")).text = "增长8.6%。"
    deleted = etree.SubElement(paragraph._p, qn("w:del"), {qn("w:id"): "2", qn("w:author"): "编辑"})
    etree.SubElement(etree.SubElement(deleted, qn("w:r")), qn("w:delText")).text = "增长9.1%。"
    document.save(tmp_path / "tracked.docx")
    assert read_document(tmp_path / "tracked.docx")[0] == "全市地区生产总值1108.3亿元，增长8.6%。"


# --------------------------------------------------------------------------------------- PDF


def seed_pdf(seed, path: Path, *, indent: bool = True):
    """The seed article as an A4 PDF with a text layer: headline, headings, indented body,
    captions, a running header and page numbers; title, author and creation date in its info."""
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK",
                          firstLineIndent=21 if indent else 0, spaceAfter=4)
    heading = ParagraphStyle("heading", fontName=font, fontSize=14, leading=22, alignment=TA_CENTER, spaceBefore=6, spaceAfter=6)
    caption = ParagraphStyle("caption", fontName=font, fontSize=9, leading=13, alignment=TA_CENTER, spaceAfter=4)

    def furniture(canvas, doc):
        canvas.setDateFormatter(lambda *_: "D:20221108083000+08'00'")
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, "萍乡日报 · 高质量发展特刊")
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")

    story = []
    for line in seed["lines"]:
        style = heading if is_heading(line) else caption if is_caption(line) else body
        story.append(Paragraph(escape(line), style))
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=seed["title"], author="萍乡日报", creator="pxextract tests")
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)


def test_pdf_gives_the_article_its_metadata_and_the_txt_facts(tmp_path, extractor, seed, txt_facts):
    path = tmp_path / "article.pdf"
    seed_pdf(seed, path)
    text, meta = read_document(path)
    assert_paragraphs_kept(text, seed)  # lines the layout broke are joined, paragraphs kept apart
    assert "特刊" not in text and not re.search(r"— \d+ —", text)  # running header and page numbers dropped
    assert meta == {"title": seed["title"], "date": PUBLISHED, "author": "萍乡日报", "format": "pdf"}
    assert_same_facts(numeric_facts(extractor, text, meta), txt_facts, "pdf")


def test_pdf_without_paragraph_indents_keeps_figures_whole(tmp_path, extractor, seed, txt_facts):
    """Without first-line indents a paragraph whose last line is full runs into the next one;
    the sentences and figures are the same."""
    path = tmp_path / "flat.pdf"
    seed_pdf(seed, path, indent=False)
    text, meta = read_document(path)
    assert "实现营收500亿元的奋斗目标" in text
    assert_same_facts(numeric_facts(extractor, text, meta), txt_facts, "pdf without indents")


def test_pdf_page_layout_line_joins():
    from pxextract.formats import _join_pdf_lines, _Line

    def line(text, left, bottom, right):
        return _Line(text, (left, bottom, right, bottom + 10))

    page1 = [line("　　明确到“十四五”末期实现营收500亿", 92, 700, 500), line("元的奋斗目标。", 72, 684, 180),
             line("二、工业强市", 250, 650, 340), line("　　全市实现地区生产总值1108.", 92, 620, 500)]
    page2 = [line("3亿元，增长8.6%。", 72, 780, 220), line("　　the GDP reached", 92, 760, 500), line("110 billion yuan.", 72, 744, 200)]
    assert _join_pdf_lines([page1, page2]).split("\n") == [
        "明确到“十四五”末期实现营收500亿元的奋斗目标。",
        "二、工业强市",
        "全市实现地区生产总值1108.3亿元，增长8.6%。",
        "the GDP reached 110 billion yuan.",
    ]


# --------------------------------------------------------------------------------- bad input


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad_documents")
    return folder, bad_documents.write_bad_documents(folder)


BAD_NAMES = sorted([
    "broken.pdf", "truncated.pdf", "not_a_pdf.pdf", "encrypted.pdf", "scanned.pdf", "english.pdf",
    "no_body.html", "english.html", "empty.html", "binary.html", "many_elements.html",
    "text_renamed.docx", "zip_without_document.docx", "old_word.docx", "english.docx", "empty_body.docx",
])


def test_every_bad_document_has_a_case(bad_folder):
    assert sorted(bad_folder[1]) == BAD_NAMES


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_document_gives_a_reason(bad_folder, name):
    folder, cases = bad_folder
    start = time.perf_counter()
    with pytest.raises(ValueError) as info:
        read_document(folder / name)
    assert time.perf_counter() - start < 10
    message = str(info.value)
    assert cases[name] in message
    assert str(folder) not in message and "Traceback" not in message


def test_50_mb_html_page_is_refused_at_once_with_the_limit_named(tmp_path):
    path = tmp_path / "huge.html"
    assert bad_documents.write_huge_html(path, 50) >= 50_000_000
    for data in (None, path.read_bytes()):  # from the path (not even read) and from bytes
        start = time.perf_counter()
        with pytest.raises(ValueError, match=r"too large \(50\.0 MB, the limit is 20 MB: pxextract\.formats\.MAX_HTML_BYTES\)"):
            read_document(path, data)
        assert time.perf_counter() - start < 5


def test_html_size_limit_is_configurable(monkeypatch):
    page = "<html><body><article><p>2021年，全市地区生产总值1108.3亿元，同比增长8.6%。</p></article></body></html>".encode()
    assert read_document(Path("a.html"), page)[0].startswith("2021年")
    monkeypatch.setattr(formats, "MAX_HTML_BYTES", 100)
    with pytest.raises(ValueError, match="too large"):
        read_document(Path("a.html"), page)


def test_unsupported_suffix_and_missing_file(tmp_path):
    with pytest.raises(ValueError, match=r"unsupported file type '\.doc'"):
        read_document(tmp_path / "old.doc", b"x")
    with pytest.raises(ValueError, match="cannot read"):
        read_document(tmp_path / "missing.pdf")
    assert {SUFFIXES[s] for s in (".html", ".htm", ".xhtml", ".pdf", ".docx")} == {"html", "pdf", "docx"}


def test_import_pxextract_does_not_import_the_readers():
    import subprocess
    import sys

    code = "import sys, pxextract, pxextract.formats; print(sorted(m for m in ('trafilatura', 'pypdfium2', 'docx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ------------------------------------------------------------------- end to end through the CLI


def test_build_reads_every_kind_names_bad_documents_and_loses_nothing(tmp_path, seed, bad_folder):
    """`pxextract build FOLDER` as a user runs it: the seed as a web page, a DOCX and a PDF give
    the .txt's numeric facts in the database, with their title and date from the files; every
    bad document is one `error: PATH: reason` line; what the database held stays."""
    import sqlite3

    from typer.testing import CliRunner

    from pxextract.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(news_page(seed), encoding="utf-8")
    seed_docx(seed, folder / "word.docx")
    seed_pdf(seed, folder / "print.pdf")
    (folder / "plain.txt").write_text(seed["text"], encoding="utf-8")
    (folder / "articles.csv").write_text(f"id,file,date\nplain,plain.txt,{seed['date']}\n", encoding="utf-8")  # the others carry their own
    db = tmp_path / "f.sqlite"
    runner = CliRunner()
    r = runner.invoke(app, ["build", str(folder), "--db", str(db)])
    assert r.exit_code == 0, r.output
    bad_src, names = bad_folder
    renamed = {name: f"bad_{name.replace('.', '_')}{Path(name).suffix}" for name in names}  # english.pdf, english.html …: one id each
    for name, new in renamed.items():
        (folder / new).write_bytes((bad_src / name).read_bytes())
    r = runner.invoke(app, ["build", str(folder), "--db", str(db)])
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output
    for new in renamed.values():
        assert f"error: {folder / new}: " in r.stderr, new
    with sqlite3.connect(db) as conn:
        arts = {i: (t, d) for i, t, d in conn.execute("SELECT id, title, date FROM articles")}
        facts = {i: Counter((l, v, u, y) for l, v, u, y in conn.execute(
            "SELECT label, value, unit, year FROM mentions WHERE article_id = ? AND fact IS NOT NULL", (i,)))
            for i in arts}
    assert set(arts) == {"page", "word", "print", "plain"}
    for kind in ("page", "word", "print"):
        assert arts[kind][0] == seed["title"] and arts[kind][1].startswith(seed["date"]), kind
        assert_same_facts(facts[kind], facts["plain"], kind)


def test_extract_with_text_makes_offsets_checkable_for_a_web_page(tmp_path, seed):
    """`extract --with-text`: the record carries the extracted text, and every span's offsets
    point into it (text[start:end] == span text), for a web page as for a .txt."""
    import json

    from typer.testing import CliRunner

    from pxextract.cli import app

    page = tmp_path / "page.html"
    page.write_text(news_page(seed), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(app, ["extract", str(page), "-o", str(out), "--with-text"])
    assert r.exit_code == 0, r.output
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["text"].startswith(seed["lines"][0]) and len(rec["spans"]) > 50
    assert all(rec["text"][s["start"] : s["end"]] == s["text"] for s in rec["spans"])
