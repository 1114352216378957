"""GOV301: half-width punctuation inside Chinese text."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule

_CANDIDATE = re.compile(r'[,.;:?!()"]')
# Characters that make the surrounding text Chinese: CJK ideographs and full-width marks.
_CJK = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d\u2026\u2014\u00b7]"
)
# Spans where half-width marks belong: URLs, e-mail addresses, domain and file names, numbers.
# Linear in the input: a run of letters or digits is only tried from its start (the lookbehinds) and
# never given back (possessive quantifiers), so 80,000 letters cost one pass, not 80,000.
_PROTECTED = re.compile(
    r"(?:https?|ftp)://[!-~]++"
    r"|www\.[!-~]++"
    r"|(?<![\w.+-])[\w.+-]++@[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++"
    r"|(?<![A-Za-z0-9_-])[A-Za-z0-9_-]++(?:\.[A-Za-z0-9_-]++)++(?:/[!-~]*+)?+"
    r"|(?<!\d)\d++(?:[.,:]\d++)++"
    r"|\.[A-Za-z]{2,}+(?:\.[A-Za-z]{2,}+)*+\b",  # a domain or file suffix on its own: “.com”、.docx
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
    找出紧挨汉字或全角标点的半角 , . ; : ? ! ( ) "，建议改为对应的全角标点。数字（3.14、1,000）、时间（10:30）、网址、电子邮箱、文件名和成段的英文不在检查之列；“1.”这样的序次语是规范写法，不报。成对的半角括号、引号按一对处理：只要一半紧挨中文，两半都报、一起改（“(2021年第2期)”改为“（2021年第2期）”，不会改成“(2021年第2期）”）；与全角括号配对的半角括号也报。网址后多出的右括号属于外面的括号（网站(www.gov.cn)）。另一半在网址等内、或孤零零的一个半角引号（无法判断是前引号还是后引号），只提示不自动修改。
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

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n会议强调,要抓好落实.\n", "，"),)
    passes = ("通知\n会议强调，要抓好落实。网址 www.gov.cn，文件 a.docx。\n",)

    def check(self, ctx: Context):
        text = ctx.text
        candidates = list(_CANDIDATE.finditer(text))
        if not candidates:
            return
        protected = [_balanced(text, *m.span()) for m in _PROTECTED.finditer(text)]
        # offset -> (flagged by its own neighbours, inside a URL/number/e-mail) for every candidate
        marks: dict[int, tuple[bool, bool]] = {}
        for m in candidates:
            i = m.start()
            ch = text[i]
            if any(a <= i < b for a, b in protected):
                marks[i] = (False, True)
                continue
            before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
            # a half-width mark that ends the paragraph after Chinese and a number (整改率93.02%.)
            chinese_end = (
                ch in ".?!;" and after == "" and _CJK.match(_before_number(text, i) or " ") is not None
            )
            if not (_CJK.match(before or " ") or _CJK.match(after or " ") or chinese_end):
                marks[i] = (False, False)  # inside a run of Latin text
            elif ch == "." and ((text[i - 1 : i].isdigit() and after) or after == "." or before == "."):
                marks[i] = (False, False)  # 序次语 "1." and ellipses written ... are other rules' business
            else:
                marks[i] = (True, False)
        partner, quote_side = _pairs(text)
        for m in candidates:
            i = m.start()
            ch = text[i]
            flagged, guarded = marks[i]
            fixable = ch != "."
            j = partner.get(i)
            if j is not None and text[j] in '()"':
                # a half-width pair is one thing: both halves are reported and fixed, or neither is fixed
                flagged_j, guarded_j = marks[j]
                if guarded:
                    continue
                if not flagged and not (flagged_j and not guarded_j):
                    continue
                flagged, fixable = True, not guarded_j
            elif j is not None:
                flagged = flagged or not guarded  # its partner is full-width: the pair is Chinese
            if not flagged:
                continue
            if ch == '"':
                full = "“" if quote_side.get(i, True) else "”"
                fixable = fixable and j is not None  # a lone quote: which way it faces is a guess
            else:
                full = _FULL[ch]
            yield Hit(i, i + 1, f"中文中应使用全角标点“{full}”，不用半角“{ch}”", full, fixable=fixable)


def _balanced(text: str, a: int, b: int) -> tuple[int, int]:
    """A protected span without the closing brackets it has no opener for: the ``)`` after an
    address in brackets, 网站(www.gov.cn), closes the Chinese bracket, not part of the address."""
    while b > a and text[b - 1] == ")" and text.count(")", a, b) > text.count("(", a, b):
        b -= 1
    return a, b


def _pairs(text: str) -> tuple[dict[int, int], dict[int, bool]]:
    """Partners of the half-width brackets and quotes of a block: brackets of either width nest
    (a half-width one may pair with a full-width one), half-width quotes pair in order of
    appearance. Also which way each half-width quote faces (True: opening)."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    quotes: list[int] = []
    for i, ch in enumerate(text):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）":
            if stack:
                j = stack.pop()
                if text[i] in "()" or text[j] in "()":
                    partner[i], partner[j] = j, i
        elif ch == '"':
            quotes.append(i)
    side: dict[int, bool] = {}
    for k, i in enumerate(quotes):
        side[i] = k % 2 == 0
        if k % 2 == 1:
            partner[i], partner[quotes[k - 1]] = quotes[k - 1], i
    return partner, side
