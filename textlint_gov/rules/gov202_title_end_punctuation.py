"""GOV202: the title ends with 。，；、"""

from __future__ import annotations

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule

_END = "。，；、,;"


class TitleEndPunctuation(Rule):
    """标题末尾不应有句号、逗号、分号或顿号。

    作用：
    检查标题最后一个字符是否为 。，；、（含半角 , ;）。
    原因：
    GB/T 15834-2011 附录 B.4：文章标题末尾通常不用标点符号（必要时可用问号、叹号、省略号）。
    示例：
    我区召开安全生产工作会议。
    修改为：
    我区召开安全生产工作会议
    """

    code = "GOV202"
    name = "title-end-punctuation"
    category = "title"
    severity = Severity.WARNING
    summary = "标题末尾带句号、逗号、分号或顿号"
    kinds = frozenset({"title"})
    fix = Applicability.SAFE
    source = "GB/T 15834-2011 附录 B.4"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("我区召开安全生产工作会议。\n正文。\n", ""),)
    passes = ("我区召开安全生产工作会议\n正文。\n",)

    def check(self, ctx: Context):
        text = ctx.text
        end = len(text)
        start = end
        while start > 0 and text[start - 1] in _END:
            start -= 1
        if start < end:
            yield Hit(start, end, f"标题末尾不应有“{text[start:end]}”，请删去", "")
