"""GOV401: a year in Chinese numerals written with 0, 零, ○ or O instead of 〇."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule

_YEAR = re.compile(r"(?<![\d〇零○OＯ０一二三四五六七八九十])[〇零○OＯ０0一二三四五六七八九]{4}(?=年)")
_ZEROS = "零○OＯ０0"
_DIGITS = set("一二三四五六七八九")


class YearZero(Rule):
    """汉字年份中的“〇”写成了 0、零、○ 或字母 O。

    作用：
    找出用汉字数字书写的四位年份（二〇二一年），其中的零写成阿拉伯数字 0、“零”、圆圈符号 ○ 或字母 O 的，建议统一为“〇”。
    原因：
    GB/T 15835-2011《出版物上数字用法》：汉字数字用于编号（含年份）时，“0”用“〇”，如“二〇一二年”，不写“二零一二年”，更不写“二0一二年”这种汉字与阿拉伯数字混用的形式。
    示例：
    二0二一年三月；二零二一年
    修改为：
    二〇二一年三月；二〇二一年
    """

    code = "GOV401"
    name = "year-zero"
    category = "number"
    severity = Severity.WARNING
    summary = "汉字年份中的零应写“〇”（二〇二一年）"
    fix = Applicability.SAFE
    source = "GB/T 15835-2011 出版物上数字用法（汉字编号“〇”，如二〇一二年）"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (
        ("通知\n二0二一年三月\n", "二〇二一"),
        ("通知\n二零二一年\n", "二〇二一"),
        ("通知\n二○二一年\n", "二〇二一"),
    )
    passes = ("通知\n二〇二一年三月，2021年，三千零五十二人。\n",)

    def check(self, ctx: Context):
        for m in _YEAR.finditer(ctx.text):
            year = m.group()
            if not (set(year) & _DIGITS) or not any(c in _ZEROS for c in year):
                continue
            fixed = "".join("〇" if c in _ZEROS else c for c in year)
            yield Hit(m.start(), m.end(), f"年份“{year}年”中的零应写“〇”：{fixed}年", fixed)
