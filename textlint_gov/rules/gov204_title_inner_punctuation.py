"""GOV204: a comma or full stop inside a title."""

from __future__ import annotations

from textlint_gov.findings import Hit, Severity
from textlint_gov.rules import Context, Rule

_MARKS = "，。,"
_END = "。，；、,;"
_OPEN = {"《": "》", "“": "”", "〈": "〉", "（": "）", "(": ")"}


class TitleInnerPunctuation(Rule):
    """标题中间不用逗号、句号。

    作用：
    找出标题中间（不含末尾，末尾由 GOV202 检查）的逗号和句号；书名号、引号、括号里的内容（如所引文件名）不查。
    原因：
    来稿规范要求“标题中不出现逗号、句号、分号”（福建文明风来稿规范）；公文标题“除法规性文件外，标题中不使用标点符号”。标题要一句话说清一件事，两个分句的标题应合并或改为主副标题。
    示例：
    我区召开安全生产会议，部署节前安全检查
    修改为：
    偃师区召开安全生产会议部署节前安全检查（或用空格、破折号分出副题）
    """

    code = "GOV204"
    name = "title-inner-punctuation"
    category = "title"
    severity = Severity.WARNING
    summary = "标题中间用了逗号或句号"
    kinds = frozenset({"title"})
    source = "福建文明风来稿规范“标题中不出现逗号、句号、分号”；GB/T 15834-2011 附录 B.4"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("我区召开安全生产会议，部署节前安全检查\n正文。\n", None),)
    passes = (
        "关于印发《春风行动，温暖同行实施方案》的通知\n正文，内容。\n",
        "我区召开安全生产会议\n正文。\n",
    )

    def check(self, ctx: Context):
        text = ctx.text
        end = len(text)
        while end > 0 and text[end - 1] in _END:
            end -= 1
        closers: list[str] = []
        for i, ch in enumerate(text[:end]):
            if ch in _OPEN:
                closers.append(_OPEN[ch])
            elif closers and ch == closers[-1]:
                closers.pop()
            elif ch in _MARKS and not closers:
                yield Hit(i, i + 1, f"标题中间不用“{ch}”，请改写为一句或用空格分出副题")
