"""GOV501: an 18-digit resident ID number with a valid check digit."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules._numbers import mask, valid_resident_id

# Not part of a longer run of digits or letters, nor either part of a decimal number (an amount).
_ID = re.compile(r"(?<![\dA-Za-z])(?<!\d[.．])[1-8]\d{16}[\dXx](?![\dA-Za-z])(?![.．]\d)")


class ResidentIdNumber(Rule):
    """稿件中出现完整的居民身份证号码。

    作用：
    找出 18 位居民身份证号码：出生日期真实、第 18 位校验码按 GB 11643-1999 计算无误的才报，随手写的一串数字、更长数字串中的 18 位、带小数的数不报。建议保留前 6 位和后 4 位，其余用 * 遮盖。
    原因：
    《中华人民共和国政府信息公开条例》第十五条：涉及个人隐私的政府信息不得公开（第三方同意或公共利益需要的除外）；《个人信息保护法》把身份证号列为敏感个人信息。公示名单、处罚决定、补贴发放表中整号公开的身份证号是检查中常见的“泄露个人信息”问题。
    示例：
    申请人张某，身份证号 11010519491231002X。
    修改为：
    申请人张某，身份证号 110105********002X。
    """

    code = "GOV501"
    name = "resident-id-number"
    category = "privacy"
    severity = Severity.ERROR
    summary = "出现完整的居民身份证号码（应遮盖）"
    fix = Applicability.UNSAFE
    source = "《政府信息公开条例》第十五条；《个人信息保护法》第二十八条；GB 11643-1999 校验码"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n申请人张某，身份证号11010519491231002X。\n", "110105********002X"),)
    passes = ("通知\n身份证号11010519491231002Y，110105********002X，编号110105194912310021。\n",)

    def check(self, ctx: Context):
        for m in _ID.finditer(ctx.text):
            if valid_resident_id(m.group()):
                masked = mask(m.group(), 6, 4)
                yield Hit(m.start(), m.end(), f"身份证号码须遮盖后再公开，如 {masked}", masked)
