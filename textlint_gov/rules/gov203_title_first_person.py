"""GOV203: 我市/我县/我区 in a headline."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules._divisions import check_region, resolve

_FIRST = re.compile(r"我(省|市|州|县|区|旗|镇|乡|街道)")
_CITED = re.compile(r"《[^《》]*》")  # a cited document's title is quoted as it stands


class TitleFirstPerson(Rule):
    """标题中不用“我市”“我县”“我区”等第一人称。

    作用：
    找出标题中的 我省、我市、我县、我区、我镇、我乡、我街道 等说法（书名号内引用的文件标题照录，不查）。配置了 region（稿件来源地区）时，建议改为对应的地名，如 region 为“河南省洛阳市偃师区”时“我区”建议改为“偃师区”。
    原因：
    网站和上级平台转载的稿件面向全国读者，标题应使用第三人称：人社部中国就业网来稿要求“使用第三人称（不用我省、我市、我县）”；福建文明风来稿规范“标题中不写我市、我县、我区”。
    示例：
    我区召开安全生产工作会议
    修改为：
    偃师区召开安全生产工作会议
    """

    code = "GOV203"
    name = "title-first-person"
    category = "title"
    severity = Severity.WARNING
    summary = "标题中用了“我市”“我县”“我区”等第一人称"
    kinds = frozenset({"title"})
    options = {"region": ""}
    fix = Applicability.UNSAFE
    source = "人社部中国就业网来稿要求（2021-11-11）；福建文明风信息登载考评暂行办法（来稿规范）"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("我区召开安全生产工作会议\n正文。\n", None), ("我市举办招聘会\n正文。\n", None))
    passes = (
        "偃师区召开安全生产工作会议\n我区召开会议。\n",
        "关于转发《福建省人民政府关于公布我省最低工资标准的通知》的通知\n正文。\n",
    )

    def prepare(self, options) -> None:
        check_region(options.get("region") or "")

    def check(self, ctx: Context):
        region = None
        if ctx.options.get("region"):
            region = resolve(ctx.options["region"])
        cited = [c.span() for c in _CITED.finditer(ctx.text)]
        for m in _FIRST.finditer(ctx.text):
            if any(a < m.start() and m.end() < b for a, b in cited):
                continue
            name = region.name_for(m.group(1)) if region else None
            if name:
                yield Hit(m.start(), m.end(), f"标题中不用“{m.group()}”，应写明地名“{name}”", name)
            else:
                yield Hit(m.start(), m.end(), f"标题中不用“{m.group()}”，应写明地名（第三人称）")
