"""GOV301: half-width punctuation inside Chinese text."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule

_CANDIDATE = re.compile(r'[,.;:?!()"]')
# Characters that make the surrounding text Chinese: CJK ideographs and full-width marks.
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d\u2026\u2014\u00b7]")
# Spans where half-width marks belong: URLs, e-mail addresses, domain and file names, numbers.
_PROTECTED = re.compile(
    r"(?:https?|ftp)://[!-~]+"
    r"|www\.[!-~]+"
    r"|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+(?:/[!-~]*)?"
    r"|\d+(?:[.,:]\d+)+"
    r"|\.[A-Za-z]{2,}(?:\.[A-Za-z]{2,})*\b",  # a domain or file suffix on its own: “.com”、.docx
    re.ASCII,
)
_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_SPACE = " \t\u3000\u00a0"


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in _SPACE:
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _before_number(text: str, i: int) -> str:
    """The character before the number (digits, decimal point, %) that ends at ``i``."""
    j = i - 1
    while j >= 0 and (text[j].isdigit() or text[j] in ".,%"):
        j -= 1
    return text[j] if j >= 0 else ""


class HalfWidthPunctuation(Rule):
    """中文文本中使用了半角标点。

    作用：
    找出紧挨汉字或全角标点的半角 , . ; : ? ! ( ) "，建议改为对应的全角标点。数字（3.14、1,000）、时间（10:30）、网址、电子邮箱、文件名和成段的英文不在检查之列；“1.”这样的序次语是规范写法，不报。
    原因：
    GB/T 15834-2011 规定中文文本使用全角标点，句号、逗号、顿号、分号、冒号各占一个字位；半角标点夹在中文里属书写形式不规范，检查中按“半角标点”扣分。
    示例：
    会议强调,要坚持以人民为中心的发展思想.
    修改为：
    会议强调，要坚持以人民为中心的发展思想。
    """

    code = "GOV301"
    name = "halfwidth-punctuation"
    category = "punctuation"
    severity = Severity.WARNING
    summary = "中文文本中使用了半角标点"
    fix = Applicability.SAFE
    source = "GB/T 15834-2011 5.1.1"

    def check(self, ctx: Context):
        text = ctx.text
        candidates = list(_CANDIDATE.finditer(text))
        if not candidates:
            return
        protected = [m.span() for m in _PROTECTED.finditer(text)]
        quotes = 0
        for m in candidates:
            i = m.start()
            ch = text[i]
            if ch == '"':
                quotes += 1
            if any(a <= i < b for a, b in protected):
                continue
            before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
            # a half-width mark that ends the paragraph after Chinese and a number (整改率93.02%.)
            chinese_end = ch in ".?!;" and after == "" and _CJK.match(_before_number(text, i) or " ") is not None
            if not (_CJK.match(before or " ") or _CJK.match(after or " ") or chinese_end):
                continue  # inside a run of Latin text
            if ch == "." and ((text[i - 1 : i].isdigit() and after) or after == "." or before == "."):
                continue  # 序次语 "1." and ellipses written ... are other rules' business
            if ch == '"':
                full = "“" if quotes % 2 == 1 else "”"
            else:
                full = _FULL[ch]
            yield Hit(
                i,
                i + 1,
                f"中文中应使用全角标点“{full}”，不用半角“{ch}”",
                full,
                fixable=ch != ".",
            )
