"""GOV504: a classification mark or an internal-only notice on a post (涉密标记)."""

from __future__ import annotations

import re

from textlint_gov.findings import Hit, Severity
from textlint_gov.rules import Context, Rule

# 密级和保密期限 as GB/T 9704-2012 §7.2.3 prints them: 绝密★1年, 机密★启用前, 秘密★.
_STAR = re.compile(
    r"(?:绝密|机密|秘密)[ \t\u3000]*[★☆＊*]"
    r"(?:[ \t\u3000]*(?:\d{1,3}[ \t\u3000]*(?:年|个月|月|日|天)|[一二三四五六七八九十]{1,3}年|长期|启用前))?"
)
# A mark mentioned, not carried: quoted or introduced (标注“秘密★”、分为……).
_QUOTE_BEFORE = re.compile(r"[“‘「『\"'《〈]$")
_MENTION_BEFORE = re.compile(
    r"(?:标注|标识|标明|标有|标记|标志|注明|写明|如|例如|即|分为|包括|加盖)[^。；;！？\n]{0,6}$"
)
# An internal-only notice counts only when it stands alone: a block that is nothing but such notices
# (and the marks above), as printed at the top of an internal document or in its header. A sentence
# about them (不得将内部资料上传互联网) is prose, not a mark.
_NOTICE = (
    r"内部资料|内部文件|内部材料|内部参阅|内部参考|仅供内部参考|仅供内部使用|内部使用|"
    r"注意保存|不得外传|严禁外传|请勿外传|不得翻印|阅后收回"
)
_MARK = rf"(?:{_STAR.pattern}|{_NOTICE})"
_ALONE = re.compile(
    rf"[\s（(【\[〔]*{_MARK}(?:[\s，,、;；:：·。）)】\]〕（(【\[〔]*{_MARK})*[\s）)】\]〕。.]*",
)
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
_NOTICE_RE = re.compile(rf"(?:{_STAR.pattern}|{_NOTICE})")


class ClassificationMark(Rule):
    """稿件带有密级标志或“内部资料”“注意保存”“不得外传”等内部文件标识。

    作用：
    找出按 GB/T 9704-2012 印在公文左上角的密级和保密期限（绝密★、机密★1年、秘密★启用前），以及单独成段的“内部资料”“内部文件”“注意保存”“不得外传”“仅供内部参考”等标识（常在文首或页眉）。带引号或紧跟在“标注”“分为”“如”之后的密级只是提到，不报；句子里说到“内部资料”（如“不得将内部资料上传互联网”）不报，只有整段就是这类标识才报。
    原因：
    《中华人民共和国保守国家秘密法》第二十八条、《政府信息公开条例》第十四条：涉密信息不得公开；国务院办公厅《政府网站与政务新媒体检查指标》（2019）把“泄露国家秘密”列为单项否决。带密级标志或“内部资料、注意保存”的文件说明它未经保密审查、不宜公开，发布前须撤下并送保密审查。
    示例：
    秘密★1年
    修改为：
    （整篇撤下，经保密审查、确定可以公开并去掉标识后再发布）
    """

    code = "GOV504"
    name = "classification-mark"
    category = "privacy"
    severity = Severity.ERROR
    summary = "稿件带有密级标志或“内部资料”等内部文件标识（不得公开）"
    source = "《保守国家秘密法》第二十八条；《政府信息公开条例》第十四条；GB/T 9704-2012 7.2.3；国办《政府网站与政务新媒体检查指标》（2019）单项否决"

    flags = (
        ("通知\n秘密★1年\n正文。\n", None),
        ("通知\n（内部资料，注意保存）\n正文。\n", None),
        ("通知\n机密★启用前\n正文。\n", None),
        ("通知\n内部文件 不得外传\n正文。\n", None),
    )
    passes = (
        "通知\n不得将内部资料上传互联网，文件应标注“秘密★”等密级标志。\n",
        "通知\n密级分为绝密★、机密★、秘密★三级。\n",
        "通知\n各单位要做好内部资料管理，注意保存。\n",
    )

    def check(self, ctx: Context):
        text = ctx.text
        if _ALONE.fullmatch(text):
            for m in _NOTICE_RE.finditer(text):
                yield _hit(m)
            return
        mentioned_until = -1  # the end of a clause that mentions marks (分为绝密★、机密★、秘密★三级)
        for m in _STAR.finditer(text):
            before = text[max(0, m.start() - 12) : m.start()]
            if m.start() < mentioned_until:
                continue
            if _QUOTE_BEFORE.search(before) or _MENTION_BEFORE.search(before):
                end = _CLAUSE_END.search(text, m.end())
                mentioned_until = end.start() if end else len(text)
                continue
            yield _hit(m)


def _hit(m: re.Match) -> Hit:
    return Hit(
        m.start(),
        m.end(),
        f"稿件带有“{m.group()}”标识：涉密或内部文件不得在网站公开，请撤下并送保密审查",
    )
