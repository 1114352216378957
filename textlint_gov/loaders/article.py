"""The article of a CMS page: which part of an HTML page is the post, and which is the page around it.

A government CMS page holds one post inside the site's chrome: navigation, breadcrumb, share bar,
language toggle, QR code, related links, footer. Only the post is checked. The HTML loader records
the page as a flat list of events (text pieces with their source offsets, block breaks) and a tree of
:class:`Node` s, each knowing the range of events inside it; :func:`select` answers with a range of
events and the ranges inside it to leave out, so every checked character keeps its source position.

How the article is found, first rule that applies:

1. ``<!--ContentStart-->`` … ``<!--ContentEnd-->`` comments (TRS and other CMS templates).
2. An element marked as the article body. Strong marks name the editor's output (``TRS_Editor``,
   ``Zoom``, ``article_content``, ``pages_content``, ``xxgk_content`` …); weak marks are generic
   (``content``, ``article``, ``view``, ``detail``, ``<article>``). The strongest tier present wins;
   within it, the innermost marked element holding at least 60% of the tier's largest text. A weak
   mark holding less than a quarter of the page's non-link text names a side box and is ignored.
3. A page with chrome (``<nav>``/``<header>``/``<footer>``, or ten links or more) but no marks: the
   main content block, scored the way readability-style extractors do (each paragraph of 20 or more
   characters of non-link text scores its parent and half its grandparent; a candidate's score is
   discounted by its link density; the best candidate wins).
4. Otherwise (a fragment, a Word export) the whole page.

Inside the chosen part, chrome is still left out: ``nav``/``aside``/``form``/``footer``/``button``
elements, ``display:none`` elements, elements whose class or id names share bars, breadcrumbs, QR
codes, print/close buttons, related links or attachments (``article_attachment``, ``fujian``) —
each only when it holds at most half the text, so an ASP.NET ``<form>`` or a "print" wrapper
around the whole post is no chrome —, an element opening with 附件下载/相关附件, and the
政府信息公开 metadata table (索引号, 发文机关, 成文日期,
发布日期 …: an element holding three such labels or more). The metadata table is not body text but it
dates the post: its 发布日期 (else its 成文日期) becomes ``meta["date"]`` when the page has no
``PubDate``.

No library is used: boilerplate removers (trafilatura, readability-lxml, jusText) re-serialise the
page and lose source offsets, and on these pages the conventions above choose the same block faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from textlint_gov.docdate import iso_date
from textlint_gov.document import merge_spans

BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "td",
        "th",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "dd",
        "dt",
        "dl",
        "caption",
        "figcaption",
        "figure",
        "main",
        "nav",
        "aside",
        "form",
        "body",
        "html",
        "title",
        "tbody",
        "thead",
        "center",
    }
)

# Marks of the article body, by tier (class tokens and ids, compared case-insensitively).
STRONG_MARKS = frozenset(
    {
        "trs_editor",
        "trs_ueditor",
        "zoom",
        "article_content",
        "articlecontent",
        "article-content",
        "pages_content",
        "xxgk_content",
        "detail_content",
        "detailcontent",
        "news_content",
        "newscontent",
        "content_text",
        "contenttext",
        "zw",
        "zhengwen",
        "bt_content",
        "view_content",
        "art_con",
    }
)
WEAK_MARKS = frozenset({"content", "article", "view", "detail", "main_content", "maincontent"})

# Chrome inside the chosen part. Class/id tokens are split on space, _ and -.
CHROME_TAGS = frozenset({"nav", "aside", "form", "footer", "button", "select", "menu", "dialog"})
CHROME_TOKENS = frozenset(
    {
        "share",
        "bdshare",
        "jiathis",
        "fenxiang",
        "breadcrumb",
        "crumb",
        "crumbs",
        "weizhi",
        "dqwz",
        "qrcode",
        "ewm",
        "erweima",
        "print",
        "dayin",
        "close",
        "guanbi",
        "fav",
        "shoucang",
        "relalinks",
        "related",
        "xglj",
        "pagination",
        "pager",
        "fenye",
        "toolbar",
        "attachment",
        "attachments",
        "fujian",
        "fjxz",
        "download",
        "xiazai",
        "function",
        "fontsize",
        "zihao",
    }
)
TITLE_TOKENS = frozenset({"title", "tit", "bt", "biaoti", "headline"})
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ATTACHMENT_HEAD = re.compile(
    r"^[\s\u3000]*(?:附件下载|相关附件|附件列表)"
)  # not 附件： (the post's own 附件说明)
_CONTENT_START = re.compile(r"^\s*(?:content\s*start|正文开始)\s*$", re.I)
_CONTENT_END = re.compile(r"^\s*(?:content\s*end|正文结束)\s*$", re.I)

# Labels of the 政府信息公开 metadata table (spaces inside a label are ignored: 索 引 号).
META_LABELS = (
    "索引号",
    "主题分类",
    "发文机关",
    "成文日期",
    "发布日期",
    "发布时间",
    "发文字号",
    "文号",
    "有效性",
    "发布机构",
    "信息分类",
    "体裁分类",
    "组配分类",
    "服务对象",
    "公开方式",
    "公开范围",
    "生效日期",
    "废止日期",
    "信息来源",
    "所属主题",
    "生成日期",
    "公开时限",
)
_BYLINE = re.compile("(?:发布时间|发布日期|发稿时间)[:：]")
_LABEL = re.compile("(" + "|".join(META_LABELS) + ")[:：]")
_STRIP = re.compile(r"[\s\u3000\u00a0\u2002\u2003\u2009]+")
_MIN_PARAGRAPH = 20
_META_MAX_CHARS = 800
_MAX_EVENTS = 4000  # a metadata table or an attachment list is small; bounds the work on odd pages


@dataclass(slots=True)
class Node:
    """An element of the page: its events are ``events[start:end]``."""

    tag: str
    attrs: dict
    parent: int
    depth: int
    start: int
    end: int = -1
    chars: int = 0  # non-space characters of text inside (after aggregation)
    link: int = 0  # of them, inside <a>
    _tokens: frozenset | None = None

    def tokens(self) -> frozenset[str]:
        """Class names and the id, lower-cased, and their parts split at _ and -."""
        if self._tokens is None:
            out: set[str] = set()
            for key in ("class", "id"):
                for word in (self.attrs.get(key) or "").lower().split():
                    out.add(word)
                    out.update(t for t in _TOKEN_SPLIT.split(word) if t)
            self._tokens = frozenset(out)
        return self._tokens

    def names(self) -> set[str]:
        """Whole class names and the id, lower-cased (the marks compare against these)."""
        out = {w.lower() for w in (self.attrs.get("class") or "").split()}
        if self.attrs.get("id"):
            out.add(self.attrs["id"].lower())
        return out


@dataclass
class Selection:
    """Events ``[start, end)`` are the article, minus the ``skip`` ranges; ``how`` says why."""

    start: int
    end: int
    kind: str = "body"  # the block kind the first text gets (the article element's own)
    skip: list[tuple[int, int]] = field(default_factory=list)
    how: str = "page"  # comments | mark | density | page
    chrome: list[tuple[int, int]] = field(default_factory=list)  # the page's chrome, article or not
    node: int = -1
    meta: dict = field(default_factory=dict)


def _text_of(events: list, start: int, end: int) -> str:
    return "".join(e[1] for e in events[start:end] if e[0] == "t")


def _is_chrome(node: Node) -> bool:
    if node.tag in CHROME_TAGS or node.attrs.get("role") == "navigation":
        return True
    if _HIDDEN.search(node.attrs.get("style") or ""):
        return True
    return bool(node.tokens() & CHROME_TOKENS)


def _meta_fields(text: str) -> dict[str, str]:
    """Dates of a metadata table's text (spaces already removed)."""
    out: dict[str, str] = {}
    for m in _LABEL.finditer(text):
        label = m.group(1)
        if label in ("发布日期", "发布时间", "成文日期"):
            value = iso_date(text[m.end() : m.end() + 20])
            role = "written_date" if label == "成文日期" else "date"
            if value and role not in out:
                out[role] = value
    return out


def _metadata_tables(nodes: list[Node], events: list) -> list[int]:
    """Innermost elements holding three distinct metadata labels or more, with little text."""
    qualifies: dict[int, bool] = {}
    colons = [0]  # colons[k]: text events before k holding a colon (a label needs one)
    for e in events:
        colons.append(colons[-1] + (e[0] == "t" and ("：" in e[1] or ":" in e[1])))
    for i, n in enumerate(nodes):
        if n.chars == 0 or n.chars > _META_MAX_CHARS or n.tag in ("body", "html"):
            continue
        if colons[n.end] - colons[n.start] < 3 or n.end - n.start > _MAX_EVENTS:
            continue
        text = _STRIP.sub("", _text_of(events, n.start, n.end))
        if len({m.group(1) for m in _LABEL.finditer(text)}) >= 3:
            qualifies[i] = True
    # innermost: no qualifying element below it
    has_child = {nodes[i].parent for i in qualifies}
    return [i for i in qualifies if i not in has_child]


def _ancestors(nodes: list[Node], i: int):
    while i >= 0:
        yield i
        i = nodes[i].parent


def _marked(nodes: list[Node], events: list) -> int | None:
    for tier in (STRONG_MARKS, WEAK_MARKS):
        marked = [
            i
            for i, n in enumerate(nodes)
            if n.chars - n.link > 0 and ((n.names() & tier) or (tier is WEAK_MARKS and n.tag == "article"))
        ]
        if not marked:
            continue
        best = max(nodes[i].chars - nodes[i].link for i in marked)
        if tier is WEAK_MARKS and best < 0.25 * max(n.chars - n.link for n in nodes):
            return None  # a generic name on a side box, not the post
        fit = [i for i in marked if nodes[i].chars - nodes[i].link >= 0.6 * best]
        return max(fit, key=lambda i: (nodes[i].depth, nodes[i].chars - nodes[i].link))
    return None


def _has_chrome(nodes: list[Node]) -> bool:
    links = 0
    for n in nodes:
        if n.tag in ("nav", "header", "footer", "aside") or n.attrs.get("role") == "navigation":
            return True
        if n.tag == "a" and n.attrs.get("href") is not None:
            links += 1
    return links >= 10


def _block_owners(nodes: list[Node]) -> list[int]:
    """For every element, its innermost block element (itself, or the nearest block ancestor; -1 if
    none), in one pass: a parent precedes its children, so a chain of 8,000 nested spans costs no
    walk up per text."""
    out: list[int] = []
    for i, n in enumerate(nodes):
        out.append(i if n.tag in BLOCK_TAGS else (out[n.parent] if n.parent >= 0 else -1))
    return out


def _densest(nodes: list[Node], events: list, skip: list[tuple[int, int]]) -> int | None:
    """The readability-style main block: paragraphs score their parent and grandparent."""
    skipped: set[int] = set()
    for a, b in skip:
        skipped.update(range(a, b))
    # paragraphs: runs of text events between breaks, owned by their innermost block element
    score: dict[int, float] = {}
    run: list[tuple] = []
    owner = -1

    def close() -> None:
        nonlocal run
        text = "".join(e[1] for e in run)
        link = sum(len(_STRIP.sub("", e[1])) for e in run if e[5])
        plain = len(_STRIP.sub("", text)) - link
        run = []
        if plain < _MIN_PARAGRAPH or owner < 0 or link > plain:
            return
        s = 1 + len(re.findall("[，,。；]", text)) + min(plain / 50, 3)
        parent = nodes[owner].parent
        if parent >= 0:
            score[parent] = score.get(parent, 0) + s
            grand = nodes[parent].parent
            if grand >= 0:
                score[grand] = score.get(grand, 0) + s / 2

    owners = _block_owners(nodes)
    for k, e in enumerate(events):
        if k in skipped:
            continue
        if e[0] == "t":
            o = owners[e[4]] if e[4] >= 0 else -1
            if run and o != owner:
                close()
            owner = o
            run.append(e)
        elif e[0] == "f" and run:
            close()
    if run:
        close()
    if not score:
        return None
    for i in score:
        n = nodes[i]
        score[i] *= 1 - (n.link / n.chars if n.chars else 0)
    return max(score, key=lambda i: (score[i], nodes[i].depth))


def _plain(events: list, start: int, end: int) -> int:
    return sum(len(_STRIP.sub("", e[1])) for e in events[start:end] if e[0] == "t" and not e[5])


def _chrome_inside(nodes: list[Node], events: list, root: int, start: int, end: int) -> list[int]:
    limit = _plain(events, start, end) / 2  # never the bulk of the post (a <form> or "print" wrapper)
    out = []
    for i, n in enumerate(nodes):
        if i == root or n.start < start or n.end > end or n.end <= n.start:
            continue
        if _is_chrome(n) and n.chars - n.link <= limit:
            out.append(i)
    # an element opening with 附件下载 / 相关附件: the attachment list
    for k in range(start, end):
        e = events[k]
        if e[0] != "t" or not _ATTACHMENT_HEAD.match(e[1]) or not e[1].strip():
            continue
        top = -1
        for a in _ancestors(nodes, e[4]):
            n = nodes[a]
            if a == root or n.start < start or n.end > end or n.chars > 1000 or n.end - n.start > _MAX_EVENTS:
                break
            first = next(
                (j for j in range(n.start, n.end) if events[j][0] == "t" and events[j][1].strip()), -1
            )
            if first != k:
                break
            top = a
        if top >= 0:
            out.append(top)
    return out


def _ranges(nodes: list[Node], ids: list[int]) -> list[tuple[int, int]]:
    return merge_spans((nodes[i].start, nodes[i].end) for i in ids)


def select(nodes: list[Node], events: list, kind_of) -> Selection:
    """Which events of the page are the article (see the module docstring)."""
    total = len(events)
    meta: dict = {}
    tables = _metadata_tables(nodes, events)
    for i in tables:
        for role, value in _meta_fields(
            _STRIP.sub("", _text_of(events, nodes[i].start, nodes[i].end))
        ).items():
            meta.setdefault(role, value)

    sel: Selection | None = None
    starts = [k for k, e in enumerate(events) if e[0] == "c" and _CONTENT_START.match(e[1])]
    if starts:
        a = starts[0] + 1
        b = next(
            (k for k, e in enumerate(events) if k > a and e[0] == "c" and _CONTENT_END.match(e[1])), total
        )
        sel = Selection(a, b, how="comments")
    if sel is None:
        marked = _marked(nodes, events)
        if marked is not None:
            node = nodes[marked]
            sel = Selection(node.start, node.end, kind_of(node.tag), how="mark", node=marked)
    limit = max((n.chars - n.link for n in nodes), default=0) / 2
    page_chrome = _ranges(
        nodes,
        [i for i, n in enumerate(nodes) if (_is_chrome(n) or n.tag == "header") and n.chars - n.link <= limit]
        + tables,
    )
    if sel is None and _has_chrome(nodes):
        densest = _densest(nodes, events, page_chrome)
        if densest is not None:
            node = nodes[densest]
            sel = Selection(node.start, node.end, kind_of(node.tag), how="density", node=densest)
    if sel is None:
        sel = Selection(0, total, how="page")
    inside = _chrome_inside(nodes, events, sel.node, sel.start, sel.end)
    inside += [i for i in tables if nodes[i].start >= sel.start and nodes[i].end <= sel.end and i != sel.node]
    sel.skip = _ranges(nodes, inside)
    sel.chrome = page_chrome
    if not meta and sel.how != "page":
        # a byline outside the post: 发布时间：2021-06-03
        outside = _STRIP.sub("", _text_of(events, 0, sel.start) + "\n" + _text_of(events, sel.end, total))
        m = _BYLINE.search(outside)
        if m and iso_date(outside[m.end() : m.end() + 20]):
            meta["date"] = iso_date(outside[m.end() : m.end() + 20])
    sel.meta = meta
    return sel


def is_title_like(nodes: list[Node], i: int) -> bool:
    """An element (or one of its three nearest ancestors) named as a title: article_title, tit, bt."""
    for _ in range(4):
        if i < 0:
            return False
        n = nodes[i]
        if n.tag in ("h1", "h2") or n.tokens() & TITLE_TOKENS:
            return True
        i = n.parent
    return False
