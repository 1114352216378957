"""GOV502: a mobile phone number."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules._numbers import mask

_MOBILE = re.compile(r"(?<![0-9A-Za-z\-])1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9A-Za-z])")


class MobileNumber(Rule):
    """稿件中出现完整的手机号码。

    作用：
    找出 11 位手机号码（1 开头、第二位 3–9，可带空格或短横分组），建议保留前 3 位和后 4 位，中间用 * 遮盖。座机号码（如 0379-67777396、67777396）和 12345 等服务热线不报。
    原因：
    《中华人民共和国政府信息公开条例》第十五条：涉及个人隐私的政府信息不得公开；个人手机号属个人信息（《个人信息保护法》第四条）。公示、通报、名单中整号公开的个人手机号码是检查中常见的“泄露个人信息”问题。对外公布联系方式应使用办公电话。
    示例：
    联系人：王某，13812345678
    修改为：
    联系人：王某，138****5678（或改为办公电话）
    """

    code = "GOV502"
    name = "mobile-number"
    category = "privacy"
    severity = Severity.ERROR
    summary = "出现完整的手机号码（应遮盖或改用办公电话）"
    fix = Applicability.UNSAFE
    source = "《政府信息公开条例》第十五条；《个人信息保护法》第四条"

    def check(self, ctx: Context):
        for m in _MOBILE.finditer(ctx.text):
            masked = mask(m.group(), 3, 4)
            yield Hit(m.start(), m.end(), f"手机号码须遮盖后再公开，如 {masked}，或改用办公电话", masked)
