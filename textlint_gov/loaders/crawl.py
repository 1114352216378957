"""Crawled and exported pages: the metadata header and the page chrome around the post.

A post saved from a government site (a crawler's plain-text export, a CMS "save as text") starts
with a header block of ``key: value`` lines (标题, 发布时间, 来源, 文号, 索引号 …, often closed by a
rule such as ``==== 正文 ====``) and keeps the page's chrome around the article: the breadcrumb
(当前位置：首页 > 政务公开 > …), the share bar (微信 微博 QQ空间), the 政府信息公开 metadata table
(索引号 … 有效性), and the trailer (来源：…, 附件下载, 打印本页, 关闭窗口). None of it is the post.

:func:`parse_header` reads the header: its fields with their source spans (the 标题 value becomes
the title block, 发布时间 the post's date). :func:`chrome_spans` finds the chrome inside one block's
text; the loader cuts it out with :func:`~textlint_gov.document.slice_block`, so positions stay exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from textlint_gov.docdate import iso_date
from textlint_gov.document import merge_spans

# Header keys as CMSs and crawlers write them (spaces inside a key are ignored: 索 引 号).
HEADER_KEYS = {
    "标题": "title",
    "题目": "title",
    "文章标题": "title",
    "发布时间": "date",
    "发布日期": "date",
    "发文日期": "date",
    "公开日期": "date",
    "时间": "date",
    "日期": "date",
    "成文日期": "written_date",
    "印发日期": "written_date",
    "发布机构": "unit",
    "发文机关": "unit",
    "发布单位": "unit",
    "来源": "unit",
    "信息来源": "unit",
    "文章来源": "unit",
    "文号": "number",
    "发文字号": "number",
    "栏目": "column",
    "所属栏目": "column",
    "原文链接": "url",
    "链接": "url",
    "网址": "url",
    "url": "url",
    "URL": "url",
    "本地目录": "other",
    "索引号": "other",
    "主题分类": "other",
    "分类": "other",
    "作者": "other",
    "编辑": "other",
    "责任编辑": "other",
    "浏览次数": "other",
    "点击数": "other",
    "访问量": "other",
    "有效性": "other",
    "字号": "other",
    "关键词": "other",
    "主题词": "other",
}
_KEY_LINE = re.compile(
    r"^[ \t\u3000]*([^\s:：]{1,6}(?:[ \u3000][^\s:：]{1,3}){0,3})[ \t\u3000]*[:：][ \t\u3000]*(.*?)[ \t\u3000]*$"
)
_RULE_LINE = re.compile(r"^[ \t\u3000]*[=\-─—_*#~]{3,}.*$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_MAX_HEADER_LINES = 20


@dataclass
class Header:
    """A page's metadata header: where it ends in the source and its fields."""

    end: int  # source offset just past the header (its closing rule line included)
    fields: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # role -> (value, start, end)

    def value(self, role: str) -> str:
        return self.fields.get(role, ("", 0, 0))[0]


def _key(raw: str) -> str | None:
    key = re.sub(r"[ \u3000]", "", raw)
    return HEADER_KEYS.get(key)


def parse_header(text: str) -> Header | None:
    """The metadata header at the top of ``text``, or None.

    A header is a run of ``key: value`` lines with known keys at the very top (blank lines
    allowed). With a closing rule line (``==== 正文 ====``) two key lines suffice and short notes
    in between belong to it; without one, three key lines in a row are needed.
    """
    keys = 0
    fields: dict[str, tuple[str, int, int]] = {}
    last_key_end = 0
    pending_note = False
    for n, m in enumerate(_LINE.finditer(text)):
        if n >= _MAX_HEADER_LINES or m.start() == len(text):
            break
        line = m.group().rstrip("\r\n")
        if not line.strip():
            continue
        if _RULE_LINE.match(line):
            return Header(m.end(), fields) if keys >= 2 else None
        km = _KEY_LINE.match(line)
        role = _key(km.group(1)) if km else None
        if km is None or role is None:
            if keys == 0 or pending_note or len(line) > 60 or re.search(r"[。；，]", line):
                break  # body text: the header (if any) ended before it
            pending_note = True  # one short note line (页面链接与图片详见 …) may sit inside a header
            continue
        if pending_note:
            pending_note = False
        keys += 1
        if role not in fields and km.group(2):
            fields[role] = (km.group(2), m.start() + km.start(2), m.start() + km.end(2))
        last_key_end = m.end()
    if keys >= 3 and not pending_note:
        return Header(last_key_end, fields)
    return None


# ---------------------------------------------------------------- chrome inside the body

_SHARE = r"(?:微信|微博|QQ空间|QQ好友|朋友圈|分享到[:：]?|打印|收藏)"
# 当前位置：首页 > … > 标题 时间：2022-03-31 10:35 微信 微博 QQ空间
_BREADCRUMB = re.compile(
    r"^[ \u3000]*(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置)[ \u3000]*[:：]"
    r"(?:.{0,400}?(?:[ \u3000]*" + _SHARE + r"){2,}"
    r"|.{0,400}?(?:发布)?时间[:：][ \u3000]*\d{4}-\d{1,2}-\d{1,2}(?:[ \u3000]+\d{1,2}:\d{2}(?::\d{2})?)?)[ \u3000]*"
)
# 索 引 号： … 有 效 性： 有效  (the 政府信息公开 metadata table, flattened)
_META_TABLE = re.compile(
    r"索[ \u3000]*引[ \u3000]*号[ \u3000]*[:：].{0,600}?有[ \u3000]*效[ \u3000]*性[ \u3000]*[:：][ \u3000]*(?:有效|失效|废止|已废止|已失效)?[ \u3000]*"
)
# … 来源：平潭综合实验区党工委 附件下载 附件1.xlsx   /   【打印本页】【关闭窗口】
_TRAILER = re.compile(
    r"[ \u3000]*(?:(?:信息)?来源[:：][ \u3000]*[^ \u3000]{0,40}[ \u3000]*)?"
    r"(?:附件下载|相关附件[:：]|【?打印本页】?|【?关闭窗口】?|扫一扫在手机打开当前页).*$"
)
_TRAILER_KEYS = ("附件下载", "相关附件", "打印本页", "关闭窗口", "扫一扫")
_SOURCE_END = re.compile(r"[ \u3000]+(?:信息)?来源[:：]?[ \u3000]*([^ \u3000。；，]{0,40})[ \u3000]*$")


def chrome_spans(text: str, known_sources: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Spans of page chrome in one block's text, sorted and disjoint.

    ``known_sources`` are the header's 发布机构/来源 values: a trailing ``来源：X`` is chrome when
    X is one of them (or empty), never a 数据来源 line of the post itself.
    """
    spans: list[tuple[int, int]] = []
    # Each pattern runs only when its key word is there: most blocks of a draft have none.
    m = _BREADCRUMB.match(text) if "位置" in text[:12] else None
    if m:
        spans.append(m.span())
    if "索" in text:
        spans.extend(m.span() for m in _META_TABLE.finditer(text))
    tail = len(text)
    m = _TRAILER.search(text) if any(k in text for k in _TRAILER_KEYS) else None
    if m:
        tail = m.start()
    m = _SOURCE_END.search(text, 0, tail) if "来源" in text else None
    if m and m.end() == tail and (not m.group(1) or m.group(1) in known_sources):
        tail = m.start()
    if tail < len(text):
        spans.append((tail, len(text)))
    return merge_spans(spans)


# A line that is nothing but page furniture: font-size switch, print/close/share buttons, a view
# counter, a language or accessibility toggle, a breadcrumb alone.
_TOKEN = (
    r"[【\[]?(?:(?:字体|字号)[:：]?[ \u3000]*(?:[【\[]?[大中小][】\]]?[ \u3000]*){2,3}|打印本页|打印|关闭窗口|关闭|"
    r"返回顶部|收藏本页|收藏|分享到[:：]?|繁體版?|简体版?|無障礙|无障碍|长者模式|适老化|English|微信|微博|QQ空间|"
    r"QQ好友|朋友圈|扫一扫在手机打开当前页|扫一扫|(?:浏览|阅读|访问|点击)(?:次数|量)?[:：][ \u3000]*\d+[ \u3000]*次?)[】\]]?"
)
_FURNITURE = re.compile(r"^[ \u3000]*(?:(?:" + _TOKEN + r")[ \u3000|｜/、]*)+$")
_BREADCRUMB_LINE = re.compile(
    r"^[ \u3000]*(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置)[ \u3000]*[:：].{0,120}$"
)
# Site footer: from a line with one of these marks to the end of the page.
_FOOTER = re.compile(r"ICP备|ICP证|网站标识码|公网安备|版权所有|Copyright|©")
_FOOTER_SOFT = re.compile(
    r"^[ \u3000]*(?:主办单位|承办单位|主办|承办|技术支持|联系我们|网站地图|关于我们|网站声明|纠错)"
)


def furniture_line(text: str) -> bool:
    """A whole line of page furniture (buttons, toggles, counters, a breadcrumb on its own)."""
    return bool(_FURNITURE.match(text) or (_BREADCRUMB_LINE.match(text) and len(text) <= 160))


def footer_start(lines: list[str]) -> int:
    """Index of the first line of the site footer among the last lines of a page (len if none):
    the first line, within the last 12, carrying an ICP/网站标识码/版权 mark, with the short
    主办单位/技术支持/网站地图 lines just before it."""
    n = len(lines)
    start = n
    for i in range(max(0, n - 12), n):
        if _FOOTER.search(lines[i]) and len(lines[i]) <= 200:
            start = i
            break
    while start < n and start > 0 and _FOOTER_SOFT.match(lines[start - 1]) and len(lines[start - 1]) <= 120:
        start -= 1
    return start


def meta_table_fields(text: str) -> dict[str, str]:
    """The dates of a flattened 政府信息公开 metadata table (成文日期, 发布日期) found in ``text``."""
    out: dict[str, str] = {}
    for m in _META_TABLE.finditer(text):
        table = m.group()
        for key, role in (("成文日期", "written_date"), ("发布日期", "date")):
            km = re.search(
                r"[ \u3000]*".join(key) + r"[ \u3000]*[:：][ \u3000]*([0-9年月日\-/. ]{8,12})", table
            )
            found = iso_date(km.group(1)) if km else None
            if found:
                out.setdefault(role, found)
    return out
