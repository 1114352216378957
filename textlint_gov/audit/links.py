"""Links in the posts of an export (链接不可用): found in each HTML or Markdown post, judged offline.

:func:`post_links` runs in the lint workers and returns the link targets of one post: for a page,
the links and images of its article (not the site's navigation) and every attachment link on the
page; for Markdown, its links and images. :class:`LinkJudge` then decides, without any network,
whether an internal link or an attachment points to a file of the export, whether that file is
empty, whether an external link leads to an office's intranet (a private address, ``http://oa/``)
or to a non-government domain (``inspection.link_domains``).
:func:`request_links` (``--check-links``) also requests external URLs, bounded by a timeout, a
number of concurrent requests and a maximum count.
"""

from __future__ import annotations

import ipaddress
import os
import posixpath
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

_TAG = re.compile(r"<(a|img|iframe|embed|source|video|audio)\b([^<>]*)>", re.I)
_ATTR = re.compile(r"\b(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))", re.I)
_OPEN_TAG_BEFORE = re.compile(r"<[a-zA-Z][^<>]*>\s*$")
_TAG_AFTER = re.compile(r"\s*<(?!/(?:div|td|article|section|body|html)\b)[^<>]*>", re.I)
_MD_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*(?:<([^<>\n]*)>|([^)\s<>]+))")
_MD_REF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)", re.M)
ATTACHMENTS = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".et",
    ".wps",
    ".ofd",
    ".ppt",
    ".pptx",
    ".zip",
    ".rar",
    ".7z",
)
_SKIP = ("#", "mailto:", "tel:", "javascript:", "data:", "sms:", "about:")
MAX_LINKS = 500  # per post


def post_links(doc, rel: str) -> list[str]:
    """The link targets of one post, in source order, without duplicates."""
    suffix = posixpath.splitext(rel)[1].lower()
    source = doc.source
    if suffix in (".html", ".htm"):
        targets = _html_links(doc, source)
    elif suffix in (".md", ".markdown"):
        targets = [m.group(1) if m.group(1) is not None else m.group(2) for m in _MD_LINK.finditer(source)]
        targets += [m.group(1) for m in _MD_REF.finditer(source)]
        targets += _tag_targets(source, 0, len(source))
    else:
        return []
    out = list(dict.fromkeys(t.strip() for t in targets if t.strip()))
    return [t for t in out if "\n" not in t and len(t) <= 2000][:MAX_LINKS]


def _tag_targets(source: str, lo: int, hi: int, attachments_only: bool = False) -> list[str]:
    out = []
    for m in _TAG.finditer(source, lo, hi):
        for a in _ATTR.finditer(m.group(2)):
            target = a.group(1) if a.group(1) is not None else a.group(2) or a.group(3) or ""
            if attachments_only and not _is_attachment(target):
                continue
            out.append(target.replace("&amp;", "&"))
    return out


def _split(target: str) -> urllib.parse.SplitResult | None:
    """``urlsplit``, or None for what no URL parser accepts (``http://[::1``)."""
    try:
        return urllib.parse.urlsplit(target)
    except ValueError:
        return None


def _is_attachment(target: str) -> bool:
    parts = _split(target.strip())
    return parts is not None and parts.path.lower().endswith(ATTACHMENTS)


def _html_links(doc, source: str) -> list[str]:
    """Links and images inside the article's span of the page, and attachments anywhere on it."""
    lo, hi = len(source), 0
    for b in doc.blocks:
        if b.kind == "title" or not b.segments:
            continue
        first, last = b.segments[0], b.segments[-1]
        lo = min(lo, first[1])
        hi = max(hi, last[1] + last[3])
    out: list[str] = []
    if lo < hi:
        for _ in range(8):  # the start tags that open the article's first text (<p><a href=…>)
            m = _OPEN_TAG_BEFORE.search(source, max(0, lo - 400), lo)
            if not m:
                break
            lo = m.start()
        for _ in range(20):  # tags right after its last text (an image closing the article)
            m = _TAG_AFTER.match(source, hi)
            if not m:
                break
            hi = m.end()
        out = _tag_targets(source, lo, hi)
    return out + _tag_targets(source, 0, len(source), attachments_only=True)


# ---------------------------------------------------------------- judging (main process)


@dataclass(frozen=True)
class LinkIssue:
    path: str  # the post
    target: str
    kind: str  # 链接失效 | 空附件 | 非政府网站 | 无法访问
    text: str


def host_allowed(host: str, domains: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def intranet(host: str) -> bool:
    """A host the public cannot reach: localhost, a private, loopback or link-local address, or a name
    without a dot (an office's own server: ``http://oa/``, ``http://10.1.2.3/``)."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".lan", ".internal")):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified


class LinkJudge:
    """Offline judgement of link targets against the files of one export."""

    def __init__(self, export: Path, domains: tuple[str, ...]) -> None:
        self.export = export
        self.root = os.path.realpath(export)
        self.domains = domains
        self._stat: dict[str, int | None] = {}  # rel path -> size (-1: a folder), None: missing

    def _size(self, rel: str) -> int | None:
        if rel in self._stat:
            return self._stat[rel]
        size: int | None = None
        try:
            full = os.path.join(self.export, *rel.split("/"))
            real = os.path.realpath(full)
            if real == self.root or real.startswith(self.root.rstrip(os.sep) + os.sep):
                st = os.stat(full)
                size = -1 if os.path.isdir(full) else st.st_size
        except (OSError, ValueError):  # missing, unreadable, or a name no file can have (NUL)
            size = None
        self._stat[rel] = size
        return size

    def external(self, target: str) -> str | None:
        """The URL when the target is an external http(s) link, else None."""
        t = target.strip()
        if t.startswith("//"):
            t = "http:" + t
        parts = _split(t)
        try:
            if parts is not None and parts.scheme.lower() in ("http", "https") and parts.hostname:
                return t
        except ValueError:  # a bad port or host
            return None
        return None

    def judge(self, post: str, unit_folder: str | None, target: str) -> LinkIssue | None:
        t = target.strip()
        low = t.lower()
        if not t or low.startswith(_SKIP):
            return None
        url = self.external(t)
        if url is not None:
            split = _split(url)
            host = (split.hostname if split is not None else None) or ""
            if host_allowed(host, self.domains):
                return None
            if intranet(host):
                return LinkIssue(post, t, "无法访问", f"链接指向内网地址 {host}，公众无法访问（{_short(t)}）")
            return LinkIssue(post, t, "非政府网站", f"链接到非政府网站 {host}（{_short(t)}）")
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", t):
            return None  # another scheme (ftp:, weixin:): not judged
        parts = _split(t)
        if parts is None:
            return LinkIssue(post, t, "链接失效", f"链接写法有误：{_short(t)}")
        path = urllib.parse.unquote(parts.path)
        if not path:
            return None
        if path.startswith("/"):
            tries = [path.lstrip("/")]
            if unit_folder:
                tries.append(f"{unit_folder}/{path.lstrip('/')}")
        else:
            tries = [posixpath.join(posixpath.dirname(post), path)]
        sizes: list[int | None] = []
        for cand in tries:
            norm = posixpath.normpath(cand)
            if norm.startswith("../") or norm in ("..", "."):
                sizes.append(None)
                continue
            sizes.append(self._size(norm))
        if any(s is not None and s != 0 for s in sizes):
            return None
        if any(s == 0 for s in sizes):
            return LinkIssue(post, t, "空附件", f"链接的文件是空文件（0 字节）：{_short(t)}")
        return LinkIssue(post, t, "链接失效", f"链接指向的文件不在导出中：{_short(t)}")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


# ---------------------------------------------------------------- --check-links (network)


def request_one(url: str, timeout: float) -> str | None:
    """None when the URL answers below 400, else why not (in Chinese)."""
    headers = {"User-Agent": "govlint-audit (link check)"}
    for method in ("HEAD", "GET"):
        req = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # http(s) only: request_links filters
                if method == "GET":
                    resp.read(1024)
                return None
        except urllib.error.HTTPError as e:
            if method == "HEAD" and e.code in (403, 405, 501):
                continue  # servers that refuse HEAD: ask with GET
            return f"HTTP {e.code}"
        except (urllib.error.URLError, OSError, ValueError) as e:
            reason = getattr(e, "reason", e)
            if "timed out" in str(reason).lower():
                return f"超过 {timeout:g} 秒无响应"
            return "无法连接"
    return "无法连接"


def request_links(urls: list[str], *, timeout: float, concurrency: int, limit: int) -> dict[str, str | None]:
    """Request at most ``limit`` URLs, ``concurrency`` at a time; url -> None (answers) or the reason."""
    todo = [u for u in dict.fromkeys(urls) if (p := _split(u)) is not None and p.scheme in ("http", "https")]
    todo = todo[:limit]
    if not todo:
        return {}
    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(todo)))) as pool:
        results = list(pool.map(lambda u: request_one(u, timeout), todo))
    return dict(zip(todo, results))
