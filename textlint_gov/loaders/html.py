"""HTML as CMS exports it: visible body text only (no script, style, attributes), entities decoded.

Title: ``<meta name="ArticleTitle">``, else ``<h1>``, else ``<title>``. Metadata ``PubDate`` and
``ContentSource`` give the post's date and unit. Block-level tags and ``<br>`` break blocks.
Built on the standard library's tolerant ``html.parser``, so malformed markup still loads.
"""

from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser

from textlint_gov.document import Block, BlockBuilder, Document
from textlint_gov.loaders.encoding import decode
from textlint_gov.loaders.txt import newline_style

_BLOCK_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "td", "th", "tr",
    "table", "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt",
    "dl", "caption", "figcaption", "figure", "main", "nav", "aside", "form", "body", "html",
    "title", "tbody", "thead", "center",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "svg", "object", "iframe", "select", "textarea"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr", "param"}
_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_META_KEYS = {"articletitle": "title", "pubdate": "date", "contentsource": "unit"}


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.nl = [0] + [m.end() for m in re.finditer("\n", source)]
        self.blocks: list[Block] = []
        self.builder = BlockBuilder()
        self.kind = "body"
        self.skip_depth = 0
        self.stack: list[str] = []
        self.meta: dict = {}
        self.meta_title: Block | None = None
        self.title_tag: Block | None = None
        self.comments: list[tuple[int, int]] = []
        self.in_title = False
        self.title_builder = BlockBuilder()

    def _abs(self) -> int:
        line, col = self.getpos()
        return self.nl[line - 1] + col

    def flush(self) -> None:
        block = self.builder.build(self.kind, self._where())
        if block is not None:
            self.blocks.append(block)
        self.builder = BlockBuilder()

    def _where(self) -> str:
        return f"第{self.nl_line(self.builder.segments[0][1]) if self.builder.segments else 0}行"

    def nl_line(self, off: int) -> int:
        return bisect.bisect_right(self.nl, off)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "meta":
            self._meta(attrs)
            return
        if tag == "title" and not self.skip_depth:
            self.in_title = True
            return
        if tag in _SKIP_TAGS:
            if tag == "head":
                self.stack.append(tag)
                return
            if tag not in _VOID:
                self.skip_depth += 1
                self.stack.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            self.kind = _kind(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "meta":
            self._meta(attrs)
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP_TAGS and tag in self.stack:
            while self.stack:
                t = self.stack.pop()
                if t != "head":
                    self.skip_depth = max(self.skip_depth - 1, 0)
                if t == tag:
                    break
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            self.kind = "body"

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_builder.add(data, self._abs())
            return
        if self.skip_depth:
            return
        self.builder.add(data, self._abs())

    def _ref(self, text: str) -> None:
        start = self._abs()
        m = _ENTITY.match(self.source, start)
        raw = m.group() if m else "&"
        decoded = html.unescape(raw)
        target = self.title_builder if self.in_title else (None if self.skip_depth else self.builder)
        if target is not None:
            target.add(decoded, start, len(raw))

    def handle_entityref(self, name: str) -> None:
        self._ref(name)

    def handle_charref(self, name: str) -> None:
        self._ref(name)

    def handle_comment(self, data: str) -> None:
        start = self._abs()
        self.comments.append((start, start + len(data) + 7))

    def _meta(self, attrs: list) -> None:
        d = {k.lower(): (v or "") for k, v in attrs}
        key = _META_KEYS.get(d.get("name", "").lower())
        if not key or not d.get("content"):
            return
        value = html.unescape(d["content"]).strip()
        self.meta[key] = value
        if key == "title":
            self.meta_title = self._attribute_block(self.get_starttag_text() or "", "content")

    def _attribute_block(self, tag_text: str, attribute: str) -> Block | None:
        """The value of an attribute of the current start tag as a block with source positions."""
        m = re.search(rf"\b{attribute}\s*=\s*(['\"]?)", tag_text, re.I)
        if not m:
            return None
        start = self._abs() + m.end()
        quote = m.group(1)
        end_m = re.compile(re.escape(quote) if quote else r"[\s>]").search(self.source, start)
        end = end_m.start() if end_m else len(self.source)
        b = BlockBuilder()
        pos = start
        for em in _ENTITY.finditer(self.source, start, end):
            b.add(self.source[pos : em.start()], pos)
            b.add(html.unescape(em.group()), em.start(), len(em.group()))
            pos = em.end()
        b.add(self.source[pos:end], pos)
        return b.build("title", "标题")


def _kind(tag: str) -> str:
    if tag == "h1":
        return "heading1"
    if tag in ("h2", "h3", "h4", "h5", "h6"):
        return "heading"
    if tag in ("td", "th"):
        return "table"
    if tag == "li":
        return "list"
    if tag == "blockquote":
        return "quote"
    return "body"


def load_html(data: bytes, name: str) -> Document:
    text, enc, bom = _decode_html(data)
    parser = _Parser(text)
    try:
        parser.feed(text)
        parser.close()
    except Exception as e:  # html.parser is lenient; anything left is a malformed file
        from textlint_gov.loaders import LoadError

        raise LoadError(f"HTML 无法解析：{e}") from None
    parser.flush()
    blocks = parser.blocks
    title = parser.meta_title
    h1 = next((b for b in blocks if b.kind == "heading1"), None)
    if title is not None and h1 is not None and h1.text == title.text:
        title = None  # the visible <h1> carries the same title: check it there
        h1.kind = "title"
    elif title is None and h1 is not None:
        h1.kind = "title"
    elif title is None:
        title = parser.title_builder.build("title", "标题")
    for b in blocks:
        if b.kind == "heading1":
            b.kind = "heading"
    if title is not None:
        blocks.insert(0, title)
    meta = dict(parser.meta)
    t = next((b for b in blocks if b.kind == "title"), None)
    if t is not None:
        meta["title"] = t.text
    meta.update(format="html", encoding=enc, bom=bom, newline=newline_style(text), comments=parser.comments)
    return Document(name, text, blocks, meta)


def _decode_html(data: bytes) -> tuple[str, str, bytes]:
    m = re.search(rb"<meta[^>]+charset\s*=\s*['\"]?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if m and m.group(1).lower() in (b"gbk", b"gb2312", b"gb18030"):
        try:
            return data.decode("gb18030"), "gb18030", b""
        except UnicodeDecodeError:
            pass
    return decode(data)
