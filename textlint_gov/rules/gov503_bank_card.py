"""GOV503: a bank card number (16–19 digits passing the Luhn check)."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules._numbers import luhn_ok, mask, valid_resident_id

# Not part of a longer run of digits or letters, nor either part of a decimal number (an amount).
_CARD = re.compile(r"(?<![\dA-Za-z\-])(?<!\d[.．])[3-6]\d{3}(?: ?\d){12,15}(?![\dA-Za-z\-])(?![.．]\d)")
# Digits or a table separator right before or after a number grouped with spaces: a flattened
# table row (“3000 4500 1200 3300 | 12”), cells run together rather than one card number.
_CELL_BEFORE = re.compile(r"\d[ \t\u3000|｜]*$")
_CELL_AFTER = re.compile(r"[ \t\u3000|｜]*\d")
_PUBLIC = re.compile(r"对公|单位账户|基本户|财政|专户|国库|信用代码|编号|文号")


class BankCardNumber(Rule):
    """稿件中出现完整的银行卡号。

    作用：
    找出 16–19 位、以 3–6 开头、通过 Luhn 校验的数字串（可每 4 位空一格），即个人银行卡号，建议保留前 6 位和后 4 位，其余用 * 遮盖。符合身份证号规则的由 GOV501 报告；带小数的数、表格被压平后与相邻单元格数字连在一起的分组数字不报；前文有“对公”“专户”“国库”“编号”等字样的单位账号、编号不报。
    原因：
    《中华人民共和国政府信息公开条例》第十五条：涉及个人隐私的政府信息不得公开；《个人信息保护法》第二十八条把金融账户列为敏感个人信息。补贴、救助、退费公示中整号公开的银行卡号会直接造成财产风险。
    示例：
    补贴发放至本人银行卡 6222020200112233446。
    修改为：
    补贴发放至本人银行卡 622202*********3446。
    """

    code = "GOV503"
    name = "bank-card-number"
    category = "privacy"
    severity = Severity.ERROR
    summary = "出现完整的银行卡号（应遮盖）"
    fix = Applicability.UNSAFE
    source = "《政府信息公开条例》第十五条；《个人信息保护法》第二十八条；ISO/IEC 7812 Luhn 校验"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (
        ("通知\n发放至本人银行卡6222020200112233446。\n", "622202*********3446"),
        ("通知\n卡号 6222 0202 0011 2233 446。\n", None),
    )
    passes = ("通知\n发放至本人银行卡6222020200112233447，对公账户6222020200112233446。\n",)

    def check(self, ctx: Context):
        text = ctx.text
        for m in _CARD.finditer(text):
            digits = m.group().replace(" ", "")
            if not 16 <= len(digits) <= 19 or not luhn_ok(digits) or valid_resident_id(digits):
                continue
            if " " in m.group() and (
                _CELL_BEFORE.search(text, 0, m.start()) or _CELL_AFTER.match(text, m.end())
            ):
                continue
            if _PUBLIC.search(text, max(0, m.start() - 12), m.start()):
                continue
            masked = mask(m.group(), 6, 4)
            yield Hit(m.start(), m.end(), f"银行卡号须遮盖后再公开，如 {masked}", masked)
