"""GOV103: a traditional or variant character in simplified text (繁体字、异体字)."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Variants that 《通用规范汉字表》（2013）附件1 allows in given uses (mostly names: 毕昇, a company's
# registered name): a reminder, never a warning.
SPECIAL_USE = {
    "昇": "姓氏人名",
    "陞": "姓氏人名、地名",
    "甯": "姓氏人名",
    "甦": "姓氏人名",
    "脩": "“束脩”等",
    "蒐": "草名、春猎",
}


class TraditionalChar(Rule):
    """简体文稿中混入繁体字或异体字。

    作用：
    查找只有一个对应简化字、本身又不是规范简化字的繁体字和异体字（如“國”“係”“査”“毎”），
    报告它所在的词，并给出换成简化字后的整词。《通用规范汉字表》附件1 允许在姓氏人名等特定用法中
    使用的异体字（昇、陞、甯、甦等，如“毕昇”、注册的企业字号）只作提示（info），不自动修改。
    原因：
    《中华人民共和国国家通用语言文字法》第十七条：政府网站等应使用规范汉字；繁体字、异体字多来自
    转换工具或复制粘贴，是网站检查中常见的错别字。确需保留繁体字的原文（如引用、书法题字）可写入
    rules.yaml 的 allow。
    示例：
    世界遗产之间的关係
    修改为：
    世界遗产之间的关系
    """

    code = "GOV103"
    name = "traditional-char"
    category = "typo"
    severity = Severity.WARNING
    summary = "简体文稿中的繁体字、异体字"
    fix = Applicability.SAFE
    source = "《中华人民共和国国家通用语言文字法》第十七条；《通用规范汉字表》（2013）；OpenCC 繁简字表（Apache-2.0）"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n世界遗产之间的关係。\n", None),)
    passes = ("通知\n世界遗产之间的关系。\n",)

    def check(self, ctx: Context):
        text = ctx.text
        if not _HAN.search(text):
            return
        from textlint_gov.typo import traditional

        table = traditional()
        if table.keys().isdisjoint(text):  # the common case, at C speed
            return
        hits = [i for i, ch in enumerate(text) if ch in table]
        converted = "".join(table.get(ch, ch) for ch in text)  # same length: one character for one
        # segment the corrected text: 关係 -> 关系 is one word
        cuts = sorted(ctx.segmenter.boundaries(converted))
        done = -1
        for i in hits:
            if i < done:
                continue
            a = max(c for c in cuts if c <= i)
            b = min(c for c in cuts if c > i)
            word = text[a:b]
            fixed = converted[a:b]
            done = b
            special = [ch for ch in word if ch in table]
            if all(ch in SPECIAL_USE for ch in special):
                uses = "；".join(f"“{ch}”只用于{SPECIAL_USE[ch]}" for ch in dict.fromkeys(special))
                yield Hit(
                    a,
                    b,
                    f"异体字：{uses}（通用规范汉字表），其他场合“{word}”应为“{fixed}”",
                    fixed,
                    severity=Severity.INFO,
                    fixable=False,
                )
                continue
            yield Hit(a, b, f"繁体字或异体字：“{word}”应为“{fixed}”", fixed)
