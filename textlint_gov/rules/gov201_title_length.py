"""GOV201: the title is too wide for the front page."""

from __future__ import annotations

import unicodedata

from textlint_gov.findings import Hit, Severity
from textlint_gov.rules import Context, Rule


def char_width(ch: str) -> float:
    """Display width on a front page: full-width and CJK count 1, half-width 0.5."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("F", "W", "A") else 0.5


def display_width(text: str) -> float:
    return sum(char_width(c) for c in text)


def cut_at(text: str, limit: float) -> int:
    """Index of the first character that no longer fits in ``limit``."""
    width = 0.0
    for i, ch in enumerate(text):
        width += char_width(ch)
        if width > limit:
            return i
    return len(text)


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


class TitleTooLong(Rule):
    """标题过长，首页显示不全。

    作用：
    按显示宽度计算标题长度（全角字符和汉字计 1，半角字母、数字、标点计 0.5），超过上限即报警，并标出超出的部分。
    原因：
    门户网站首页列表按固定宽度显示标题，过长的标题被截断或折行；多地来稿规范要求标题不超过 18–30 字，CMS 对 30 字以上的标题要求另设短标题。
    示例：
    关于进一步加强和改进全区政府网站与政务新媒体信息内容建设管理工作的实施意见（37 字）
    修改为：
    压缩为 30 字以内，或另拟短标题用于首页，如“关于加强政府网站信息内容建设的实施意见”。
    选项：
    max-width：显示宽度上限，默认 30。
    """

    code = "GOV201"
    name = "title-too-long"
    category = "title"
    severity = Severity.WARNING
    summary = "标题显示宽度超过上限（默认 30 个全角字）"
    options = {"max-width": 30.0}
    option_limits = {
        "max-width": (1, 500)
    }  # checked by config: a width below one full-width character is no limit
    kinds = frozenset({"title"})
    source = "福建文明风来稿规范（18–22 字）；政务 CMS 录入规范（30 字以上设短标题）"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("关于进一步加强和改进全区政府网站与政务新媒体信息内容建设管理工作的实施意见\n正文。\n", None),)
    passes = ("关于加强政府网站信息内容建设的实施意见\n正文。\n",)

    def check(self, ctx: Context):
        limit = float(ctx.options["max-width"])
        text = ctx.text
        width = display_width(text)
        if width > limit:
            cut = cut_at(text, limit)
            yield Hit(
                cut,
                len(text),
                f"标题过长：显示宽度 {_fmt(width)}，超过上限 {_fmt(limit)}，首页会截断于此；请压缩，或在 CMS 中另设短标题",
            )
