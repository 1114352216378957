"""HTML as CMS exports it: the article's visible text only (no script, style, attributes), entities decoded.

A CMS page is one post inside the site's chrome; :mod:`textlint_gov.loaders.article` finds the post
(``ContentStart`` comments, ``TRS_Editor``/``Zoom``/``article_content`` … marks, else the main
content block) and only that is checked; a fragment or a Word export is checked whole. Title:
``<meta name="ArticleTitle">`` (checked where the page shows it, else in the attribute), else an
``<h1>``, else ``<title>``. Metadata ``PubDate`` and ``ContentSource`` give the post's date and unit;
without ``PubDate`` the 发布日期 (else 成文日期) of the 政府信息公开 metadata table dates the post.
Block-level tags and ``<br>`` break blocks. Built on the standard library's tolerant
``html.parser``, so malformed markup still loads.
"""

from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser

from textlint_gov.document import Block, BlockBuilder, Document
from textlint_gov.loaders.article import BLOCK_TAGS as _BLOCK_TAGS
from textlint_gov.loaders.article import Node, Selection, is_title_like, select
from textlint_gov.loaders.base import LoadError
from textlint_gov.loaders.encoding import decode
from textlint_gov.loaders.txt import newline_style

_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "object",
    "iframe",
    "select",
    "textarea",
}
_VOID = {
    "br",
    "hr",
    "img",
    "meta",
    "link",
    "input",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "track",
    "wbr",
    "param",
}
_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_META_KEYS = {"articletitle": "title", "pubdate": "date", "contentsource": "unit"}
_BYLINE = re.compile(r"(?:时间|日期|来源|浏览|点击|字体|作者)\s*[:：]")
# what html.parser decodes in text: &name; &#10; &#x0a; (the ";" may be missing before a non-name character)
_TAIL_REF = re.compile(r"&(?:[a-zA-Z][-.a-zA-Z0-9]*|#(?:[0-9]+|[xX][0-9a-fA-F]+))(?:;|(?=[^a-zA-Z0-9;]))")
_WS = re.compile(r"[\s\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]+")


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.nl = [0] + [m.end() for m in re.finditer("\n", source)]
        # The page as events: ("t", text, source_start, source_len, node, in_link), ("f",) a block
        # break, ("k", kind) the kind of the next block, ("c", comment); and its element tree.
        self.events: list[tuple] = []
        self.nodes: list[Node] = []
        self.open: list[int] = []
        self.open_tags: dict[str, int] = {}
        self.links = 0
        self.skip_depth = 0
        self.stack: list[str] = []
        self.stacked: dict[str, int] = {}  # how often each tag is in ``stack``: no scan per end tag
        self.at: int | None = None  # the source position of the text handled now, when fed by hand
        self.meta: dict = {}
        self.meta_title: Block | None = None
        self.title_tag: Block | None = None
        self.comments: list[tuple[int, int]] = []
        self.in_title = False
        self.title_builder = BlockBuilder()

    def _abs(self) -> int:
        if self.at is not None:
            return self.at
        line, col = self.getpos()
        return self.nl[line - 1] + col

    def _open(self, tag: str, attrs: list) -> None:
        parent = self.open[-1] if self.open else -1
        depth = self.nodes[parent].depth + 1 if parent >= 0 else 0
        self.nodes.append(
            Node(tag, {k.lower(): (v or "") for k, v in attrs}, parent, depth, len(self.events))
        )
        self.open.append(len(self.nodes) - 1)
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        if tag == "a":
            self.links += 1

    def _close(self, tag: str) -> None:
        if not self.open_tags.get(tag):
            return
        while self.open:
            node = self.nodes[self.open.pop()]
            node.end = len(self.events)
            self.open_tags[node.tag] -= 1
            if node.tag == "a":
                self.links -= 1
            if node.tag == tag:
                break

    def _text(self, text: str, start: int, length: int | None = None) -> None:
        node = self.open[-1] if self.open else -1
        self.events.append(("t", text, start, len(text) if length is None else length, node, self.links > 0))
        if node >= 0:
            n = len(_WS.sub("", text))
            self.nodes[node].chars += n
            if self.links:
                self.nodes[node].link += n

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "meta":
            self._meta(attrs)
            return
        if tag == "title" and not self.skip_depth:
            self.in_title = True
            return
        if tag in _SKIP_TAGS:
            if tag == "head":
                self._push(tag)
                return
            if tag not in _VOID:
                self.skip_depth += 1
                self._push(tag)
            return
        if tag in _BLOCK_TAGS:
            self.events.append(("f",))
            self.events.append(("k", _kind(tag)))
        if not self.skip_depth and tag not in _VOID:
            self._open(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "meta":
            self._meta(attrs)
        elif tag in _BLOCK_TAGS:
            self.events.append(("f",))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP_TAGS and self.stacked.get(tag):
            while self.stack:
                t = self.stack.pop()
                self.stacked[t] -= 1
                if t != "head":
                    self.skip_depth = max(self.skip_depth - 1, 0)
                if t == tag:
                    break
            return
        if not self.skip_depth:
            self._close(tag)
        if tag in _BLOCK_TAGS:
            self.events.append(("f",))
            self.events.append(("k", "body"))

    def _push(self, tag: str) -> None:
        self.stack.append(tag)
        self.stacked[tag] = self.stacked.get(tag, 0) + 1

    def feed_tail(self, source: str, start: int) -> None:
        """``source[start:]``, which holds no ``>``, as text with its entities decoded, as
        ``html.parser`` reads it; but linearly (Python 3.11's parser rescans the rest of the file for
        every ``<`` there: ``<a `` ×20,000 took 36 s)."""
        if self.cdata_elem:  # an unclosed <script> or <style>: html.parser drops the rest too
            return
        pos = start
        for m in _TAIL_REF.finditer(source, start):
            if m.start() > pos:
                self.at = pos
                self.handle_data(source[pos : m.start()])
            self.at = m.start()
            self._ref("")
            pos = m.end()
        if pos < len(source):
            self.at = pos
            self.handle_data(source[pos:])
        self.at = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_builder.add(data, self._abs())
            return
        if self.skip_depth:
            return
        self._text(data, self._abs())

    def _ref(self, text: str) -> None:
        start = self._abs()
        m = _ENTITY.match(self.source, start)
        raw = m.group() if m else "&"
        for piece, at, length in _entity_pieces(raw, start):
            if self.in_title:
                self.title_builder.add(piece, at, length)
            elif not self.skip_depth:
                self._text(piece, at, length)

    def handle_entityref(self, name: str) -> None:
        self._ref(name)

    def handle_charref(self, name: str) -> None:
        self._ref(name)

    def handle_comment(self, data: str) -> None:
        start = self._abs()
        self.comments.append((start, start + len(data) + 7))
        self.events.append(("c", data))

    def close_all(self) -> None:
        for i in self.open:
            self.nodes[i].end = len(self.events)
        self.open = []
        for node in reversed(self.nodes):  # children follow their parent
            if node.parent >= 0:
                self.nodes[node.parent].chars += node.chars
                self.nodes[node.parent].link += node.link

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
    # After the last ">" no tag can end: html.parser reads that tail as text, but on Python 3.11 in
    # time quadratic in the number of "<" there, so the tail is read by hand (Parser.feed_tail).
    cut = text.rfind(">") + 1
    if "<" not in text[cut:]:
        cut = len(text)
    try:
        parser.feed(text[:cut])
        parser.close()
        if cut < len(text):
            parser.feed_tail(text, cut)
    except Exception as e:  # html.parser is lenient; anything left is a malformed file
        raise LoadError(f"HTML 无法解析：{e}") from None
    parser.close_all()
    sel = select(parser.nodes, parser.events, _kind)
    blocks = _replay(parser, sel.start, sel.end, sel.skip, sel.kind)
    title = _title(parser, sel, blocks)
    for b in blocks:
        if b.kind == "heading1":
            b.kind = "heading"
    if title is not None:
        blocks.insert(0, title)
    meta = dict(parser.meta)
    if not meta.get("date") and sel.meta.get("date"):
        meta["date"] = sel.meta["date"]  # the table's 发布日期; a 成文日期 alone is no publication date
    if sel.meta.get("written_date"):
        meta["written_date"] = sel.meta["written_date"]
    t = next((b for b in blocks if b.kind == "title"), None)
    if t is not None:
        meta["title"] = t.text
    meta.update(
        format="html",
        encoding=enc,
        bom=bom,
        newline=newline_style(text),
        comments=parser.comments,
        article=sel.how,
    )
    return Document(name, text, blocks, meta)


def _replay(
    parser: _Parser, start: int, end: int, skip: list[tuple[int, int]], kind: str, owners: list | None = None
) -> list[Block]:
    """The blocks of events [start, end) minus the skipped ranges (``owners`` gets each block's element)."""
    events = parser.events
    blocks: list[Block] = []
    builder = BlockBuilder()
    owner = -1

    def flush() -> None:
        nonlocal builder
        if builder.segments:
            where = f"第{bisect.bisect_right(parser.nl, builder.segments[0][1])}行"
            block = builder.build(kind, where)
            if block is not None:
                blocks.append(block)
                if owners is not None:
                    owners.append(owner)
            builder = BlockBuilder()

    k, si = start, 0
    while k < end:
        if si < len(skip) and k >= skip[si][0]:
            k = max(k, skip[si][1])
            si += 1
            continue
        e = events[k]
        if e[0] == "t":
            if not builder.segments:
                owner = e[4]
            builder.add(e[1], e[2], e[3])
        elif e[0] == "f":
            flush()
        elif e[0] == "k":
            kind = e[1]
        k += 1
    flush()
    return blocks


def _same(a: str, b: str) -> bool:
    return _WS.sub("", a) == _WS.sub("", b)


def _title(parser: _Parser, sel: Selection, blocks: list[Block]) -> Block | None:
    """Marks the title among ``blocks`` (returns None) or returns the title block to put first.

    With ``ArticleTitle`` metadata: the block showing that text (in the article, else the last one
    before it), else the attribute itself. Without: an ``<h1>`` in the article; on a CMS page the
    longest block before the article that the ``<title>`` contains, else the last block before it
    named as a title (``article_title``, ``<h1>``); else ``<title>``.
    """
    meta_title = parser.meta_title
    if meta_title is not None:
        for b in blocks:
            if _same(b.text, meta_title.text):
                b.kind = "title"
                return None
    owners: list[int] = []
    before = _replay(parser, 0, sel.start, sel.chrome, "body", owners) if sel.how != "page" else []
    if meta_title is not None:
        shown = [b for b in before if _same(b.text, meta_title.text)]
        return _as_title(shown[-1]) if shown else meta_title
    h1 = next((b for b in blocks if b.kind == "heading1"), None)
    if h1 is not None:
        h1.kind = "title"
        return None
    page_title = parser.title_builder.build("title", "标题")
    if before:
        named = [
            b for b in before if len(b.text) >= 4 and page_title is not None and b.text in page_title.text
        ]
        if named:
            return _as_title(max(named, key=lambda b: len(b.text)))
        titled = [
            b
            for b, o in zip(before, owners)
            if 4 <= len(b.text) <= 100 and not _BYLINE.search(b.text) and is_title_like(parser.nodes, o)
        ]
        if titled:
            return _as_title(titled[-1])
    return page_title


def _as_title(block: Block) -> Block:
    return Block(block.text, "title", block.where, block.segments)


def _entity_pieces(raw: str, start: int) -> list[tuple[str, int, int | None]]:
    """A character reference as (text, source start, source length or None for literal text): a
    named reference without ``;`` decodes only its longest known name (``&nbspdate`` is an NBSP
    then the letters ``date``), so the letters keep their own positions."""
    decoded = html.unescape(raw)
    if raw.startswith("&#") or decoded == raw:
        return [(decoded, start, len(raw))]
    for k in range(3, len(raw) + 1):  # the shortest name that decodes as the whole does
        head = html.unescape(raw[:k])
        if head != raw[:k] and head + raw[k:] == decoded:
            return [(head, start, k), (raw[k:], start + k, None)] if k < len(raw) else [(head, start, k)]
    return [(decoded, start, len(raw))]


def _decode_html(data: bytes) -> tuple[str, str, bytes]:
    """The page's text. A ``<meta charset=gbk>`` is believed only when the bytes are not valid UTF-8
    with non-ASCII text: pages re-saved as UTF-8 keep their old declaration, and real GBK text is
    almost never valid UTF-8 (read as GB18030 it would be mojibake, and a fix would corrupt it)."""
    m = re.search(rb"<meta[^>]+charset\s*=\s*['\"]?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if m and m.group(1).lower() in (b"gbk", b"gb2312", b"gb18030") and not _utf8_text(data):
        try:
            return data.decode("gb18030"), "gb18030", b""
        except UnicodeDecodeError:
            pass
    return decode(data)


def _utf8_text(data: bytes) -> bool:
    """Valid UTF-8 holding at least one non-ASCII character."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
