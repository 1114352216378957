"""PDF: the text layer, page by page, read with pypdfium2 (PDFium's own text extraction).

The document's source is one line per page, so a finding's ``line`` is the page number, its
``column`` the position in that page's text and its ``where`` 第3页. A page's lines are joined into
paragraphs the way it was typeset: a line that runs to the right margin without ending a sentence goes
on in the next line (so 中长 / 期规划 reads 中长期规划); a sentence end, a short line or a next line that
opens with 一、 （一） 1. 第一条 ends the paragraph. Paragraphs stand in the page's line separated by a
space. A page without a text layer but with pictures (a scan) is left unchecked and listed in
``meta["unchecked"]`` (GOV911, info) unless OCR is on.

Limits: at most :data:`MAX_PAGES` pages and :data:`MAX_CHARS` characters of text; an encrypted PDF
that needs a password, a damaged one and a bigger one are refused with one line.
PDFium is not thread-safe, so every call into it holds one lock (the review page checks uploads in
threads).
"""

from __future__ import annotations

import re
import threading
import zlib

from textlint_gov.document import Block, Document, source_block
from textlint_gov.loaders.base import LoadError
from textlint_gov.loaders.image import MAX_PIXELS

MAX_PAGES = 2000
MAX_CHARS = 3_000_000
MAX_INFLATED = 1024 * 1024 * 1024  # all Flate streams together, as inflated
MAX_RATIO = 200  # as for the parts of a .docx
_CHUNK = 64 * 1024
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_FULL_LINE = 0.85  # a line at least this share of the page's widest line runs to the margin
_LOCK = threading.Lock()
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
# A page number standing on its own line: - 1 -, — 2 —, 第 3 页, 第3页 共9页, 3/9
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－‐\s]*\d{1,4}[-—–－‐\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_ENDS = tuple("。！？!?")  # a sentence ends; a colon or semicolon ends a short line only

# A line that opens a new item: 一、 （一） (1) 1. 1、 1． 第一条 第一章 ① 附件
_OPENS = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,3}[、.．](?!\d)"
    r"|第[一二三四五六七八九十百零〇\d]+[条章节部分]|[①-⑳]|附件)"
)


def load_pdf(data: bytes, name: str, ocr=None) -> Document:
    """``ocr(image) -> list[(text, box)]`` reads scanned pages when given (``--ocr``)."""
    with _LOCK:
        pages, title = _extract(data, ocr)
    return pages_document(pages, name, {"format": "pdf", "pages": len(pages), "fixable": False}, title)


def _extract(data: bytes, ocr) -> tuple[list[tuple[str, bool]], str]:
    import pypdfium2 as pdfium

    if b"%PDF" not in data[:1024]:
        raise LoadError("不是有效的 PDF 文件（缺少 %PDF 文件头）")
    check_streams(data)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        text = str(e)
        if "password" in text.lower():
            raise LoadError("PDF 设有打开密码，无法读取；请提供不加密的文件") from None
        if "security" in text.lower():
            raise LoadError("PDF 使用了不支持的加密方式，无法读取") from None
        raise LoadError("PDF 文件损坏或不完整，无法读取") from None
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            raise LoadError(f"PDF 共 {n} 页，超过 {MAX_PAGES} 页的上限，已拒绝（请拆分后检查）")
        if n == 0:
            raise LoadError("PDF 没有页面")
        title = ""
        try:
            title = (pdf.get_metadata_value("Title") or "").strip()
        except Exception:  # metadata is optional
            title = ""
        pages: list[tuple[str, bool]] = []
        total = 0
        for i in range(n):
            text, scanned = _page_text(pdf, i, ocr)
            total += len(text)
            if total > MAX_CHARS:
                raise LoadError(f"PDF 文字超过 {MAX_CHARS // 10000} 万字，已拒绝（请拆分后检查）")
            pages.append((text, scanned))
        return pages, title
    finally:
        pdf.close()


def check_streams(data: bytes) -> None:
    """Inflate every Flate stream in chunks, counting the bytes produced and keeping none, before
    PDFium sees the file: a stream of over 10 MB that inflates more than MAX_RATIO times its size,
    or more than MAX_INFLATED in all, is a bomb (PDFium would hold each whole in memory).
    Streams that are not zlib data (pictures, encrypted streams) are left to PDFium."""
    total = 0
    for m in _STREAM.finditer(data):
        start = pos = m.end()
        inflater = zlib.decompressobj()
        size = 0
        buf = b""
        try:
            while True:
                if not buf:
                    if pos >= len(data):
                        break
                    buf = data[pos : pos + _CHUNK]
                    pos += len(buf)
                out = inflater.decompress(buf, _CHUNK * 16)
                buf = inflater.unconsumed_tail
                size += len(out)
                total += len(out)
                used = pos - start - len(buf) - len(inflater.unused_data)
                if total > MAX_INFLATED:
                    raise LoadError(f"PDF 解压后超过 {MAX_INFLATED // 1024 // 1024} MB，疑为压缩炸弹，已拒绝")
                if size > 10_000_000 and size > MAX_RATIO * max(used, 1):
                    raise LoadError("PDF 中的数据流解压后异常膨胀，疑为压缩炸弹，已拒绝")
                if inflater.eof or (not out and not buf and inflater.unused_data):
                    break
        except zlib.error:
            continue


def _page_text(pdf, i: int, ocr) -> tuple[str, bool]:
    """The page's text with its lines, and whether it is a scan left unread."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        page = pdf[i]
    except pdfium.PdfiumError:
        raise LoadError(f"PDF 第{i + 1}页损坏，无法读取") from None
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
        if text.strip():
            return text, False
        has_image = any(True for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2))
        if not has_image:
            return "", False
        if ocr is None:
            return "", True

        width, height = page.get_size()  # points; 2x is about 150 dpi, capped at MAX_PIXELS
        scale = min(2.0, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        image = page.render(scale=scale).to_pil()
        return "\n".join(t for t, _box in ocr(image)), False
    finally:
        page.close()


def pages_document(pages: list[tuple[str, bool]], name: str, meta: dict, title: str = "") -> Document:
    """A document of one source line per page; ``pages`` holds each page's raw text (lines
    separated by line breaks) and whether it is an unread scan."""
    lines: list[str] = []
    spans: list[list[tuple[int, int, str]]] = []  # per page: (start, end, kind) in the page line
    for text, _scanned in pages:
        line, paras = _page_line(text)
        lines.append(line)
        spans.append(paras)
    source = "\n".join(lines)
    blocks: list[Block] = []
    offset = 0
    title_done = False
    for n, (line, paras) in enumerate(zip(lines, spans), 1):
        for a, b, kind in paras:
            if not title_done and kind == "body":
                kind = "title"
            title_done = True
            block = source_block(source, offset + a, offset + b, kind, f"第{n}页")
            if block is not None:
                blocks.append(block)
        offset += len(line) + 1
    meta["unchecked"] = [(n, "扫描件") for n, (_t, scanned) in enumerate(pages, 1) if scanned]
    first = next((b for b in blocks if b.kind == "title"), None)
    if first is not None:
        meta["title"] = first.text
    elif title:
        meta["title"] = title
    return Document(name, source, blocks, meta)


def _width(s: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in s)


def _page_line(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The page as one line of paragraphs separated by a space, and each paragraph's span."""
    raw_lines = [
        _strip_leader(_CONTROL.sub("", ln).replace("\t", " ")).strip() for ln in re.split(r"\r\n|\r|\n", text)
    ]
    raw_lines = [ln for ln in raw_lines if ln and not _PAGE_NUMBER.match(ln)]
    if not raw_lines:
        return "", []
    # the measure of a full line: most lines of running text are full, the first of a paragraph is
    # indented and its last is short, so the upper quartile of the line widths
    widths = sorted(_width(ln) for ln in raw_lines)
    widest = widths[(len(widths) * 3) // 4] if len(widths) >= 4 else widths[-1]
    paras: list[list[str]] = []
    for i, ln in enumerate(raw_lines):
        if paras and _continues(raw_lines[i - 1], ln, widest):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for para in paras:
        text = para[0]
        for ln in para[1:]:
            glue = (
                " "
                if text[-1:].isascii() and text[-1:].isalnum() and ln[:1].isascii() and ln[:1].isalnum()
                else ""
            )
            text += glue + ln
        if out:
            pos += 1  # the space between paragraphs
        spans.append((pos, pos + len(text), "body"))
        out.append(text)
        pos += len(text)
    return " ".join(out), spans


def _strip_leader(line: str) -> str:
    """A line of a table of contents without its leader and page number (一、部门主要职能 ……… 3):
    layout, not text. Linear: no regular expression backtracks over a long run of dots."""
    core = line.rstrip().rstrip("0123456789").rstrip()
    text = core.rstrip("…⋯.·．  \u3000")  # noqa: B005 (a set of leader characters)
    run = core[len(text) :]
    if run.count("…") + run.count("⋯") >= 8 or sum(run.count(c) for c in ".·．") >= 12:
        return text
    return line


def _continues(prev: str, line: str, widest: int) -> bool:
    """Whether ``line`` goes on with the paragraph that ``prev`` belongs to."""
    if _OPENS.match(line):
        return False
    if line[:1] in "。，、；：！？）」』”":  # a mark the typesetter pushed to the next line
        return True
    if prev.rstrip("”’」』）)】").endswith(_ENDS):
        return False
    # a full line goes on, also after a colon or semicolon at the margin (…电子邮箱： / hzzwgk@…)
    return _width(prev) >= _FULL_LINE * widest and widest >= 40
