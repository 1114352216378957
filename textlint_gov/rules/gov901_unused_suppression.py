"""GOV901: an inline suppression comment that suppresses nothing (ruff RUF100)."""

from __future__ import annotations

from textlint_gov.findings import Applicability, Severity
from textlint_gov.rules import Context, Rule


class UnusedSuppression(Rule):
    """抑制注释没有起作用（多余的 govlint-disable 注释）。

    作用：
    检查 Markdown、HTML 稿件中的 govlint 抑制注释：disable-next-line 的下一行、disable 到 enable
    之间没有它所列规则的问题，注释中某个规则代码没有抑制任何问题，govlint-enable 前没有
    对应的 disable，或写成了无法识别的 govlint- 注释，都报告出来。
    原因：
    稿件改过之后，原来的问题可能已经不在了，留下的抑制注释会在以后悄悄放过真正的错误；
    写错的注释（如 govlint-disable-line）根本不起作用，容易让人误以为问题已经处理。
    示例：
    <!-- govlint-disable-next-line GOV001 -- 引用原文 -->
    本段没有任何固定表述问题。
    修改为：
    本段没有任何固定表述问题。
    """

    code = "GOV901"
    name = "unused-suppression"
    category = "format"
    severity = Severity.INFO
    summary = "抑制注释（govlint-disable）没有抑制任何问题"
    fix = Applicability.UNSAFE
    source = "ruff RUF100（unused-noqa）的做法；ESLint --report-unused-disable-directives"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("# 通知\n\n<!-- govlint-disable-line -->\n本段没有问题。\n", None),)
    passes = ("# 通知\n\n本段没有问题。\n",)
    cases_file = "a.md"

    def check(self, ctx: Context):
        # The work is done in textlint_gov.suppress after every rule has run, because only then is
        # it known what each comment suppressed; this class registers the code, its severity and
        # its documentation, so GOV901 can be selected, ignored and re-levelled like any rule.
        return ()
