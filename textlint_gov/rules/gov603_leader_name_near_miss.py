"""GOV603: a leader's name one character off (same sound, near sound or similar shape), next to a
title, a body or another leader's name."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules import _officeholders as oh
from textlint_gov.rules.gov601_name_near_miss import _common_word

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_SEP = re.compile(r"(?:同志)?[、，,]")


class LeaderNameNearMiss(Rule):
    """领导人姓名写错一个字（同音、音近或形近），且紧挨着职务、机构或另一位领导人的姓名。

    作用：
    对照领导人任职数据（dictionaries/officeholders.yaml：2012 年以来的中央政治局常委，国家主席、副主席，国务院总理、副总理，全国人大常委会委员长，全国政协主席等；加上 rules.yaml 中 leaders: 登记的本地领导），找出紧挨在职务之前或之后（“国务院总理李墙”“王泸宁主席”），或在领导人名单中与其他领导人并列（“习近平、李墙、赵乐际”；名单中须有三个字的领导人姓名，只有李强、李希、蔡奇这类常见姓名的名单可能是同名者）的两三个字，它与某位领导人的姓名只差一个字，而且差的这个字与原字同音、音近或形近（错别字检测所用的混淆字表）。
    紧挨的是只指这一职务的写法（总理、国务院副总理、全国人大常委会委员长、本地登记的职务）或名单中的姓名时报错误；紧挨的是“主席”“副主席”这类也可能指别的职务的写法时报警告。差的字与原字读音、字形都不近的，可能是另一个人，不报。
    原因：
    领导人姓名写错是“严重表述错误”，一处即可单项否决整个网站；地方网站把省委书记杜家毫写成“杜家豪”被通报，多是输入法选错同音字。职务旁边的姓名是谁是确定的，所以写错一个同音、形近字可以确定是错的。
    示例：
    国务院总理李墙主持召开国务院常务会议
    修改为：
    国务院总理李强主持召开国务院常务会议
    选项：
    leaders：不在本规则下设置；写在 rules.yaml 顶层的 leaders: 中（本地领导姓名、职务和任职起止日期，见 GOV604），本规则一并检查。
    """

    code = "GOV603"
    name = "leader-name-near-miss"
    category = "name"
    severity = Severity.ERROR
    summary = "领导人姓名错一个字（同音、形近），紧挨职务或其他领导人姓名"
    fix = Applicability.UNSAFE
    uses_leaders = True
    source = oh.SOURCE

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n国务院总理李墙主持召开国务院常务会议。\n2024年5月1日\n", "李强"),)
    passes = ("通知\n国务院总理李强主持召开国务院常务会议。\n2024年5月1日\n",)

    def check(self, ctx: Context):
        r = oh.roster(ctx.options.get("leaders", ()))
        text = ctx.text
        found = r.scan(text)
        if not found:
            return
        names = [(s, e) for w, s, e in found if w in r.people]
        lengths = sorted({len(n) for n in r.people}, reverse=True)
        reported: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(x < b and a < y for x, y in (*names, *reported))

        def try_window(a: int, b: int, title: str | None, level: Severity | None) -> bool:
            window = text[a:b]
            if a < 0 or b > len(text) or not _HAN.match(window) or not free(a, b) or window in ctx.words:
                return False
            scored = oh.slips(r, window, title)  # next to a title: one of its holders (县长李墙 is no 李强)
            if len(scored) != 1:
                return False

            if len(window) == 2 and _common_word(window, ctx.segmenter):
                return False  # 汪洋 is a name, 李家 or 韩国 a word
            cand, kind = scored[0]
            reported.append((a, b))
            hits.append(
                Hit(a, b, f"领导人姓名“{window}”疑有错字（{kind}），应为“{cand}”", cand, level, fixable=False)
            )
            return True

        hits: list[Hit] = []
        bounds = None
        for w, s, e in found:
            if w in r.people:
                continue
            if s > 0 and text[s - 1] == "副" and not w.startswith("副"):
                continue  # 副委员长 is not 委员长
            exact = w in r.forms
            level = None if exact else Severity.WARNING
            title = r.forms.get(w)
            # after the title: 国务院总理李墙; a vague title with a body of its own before it (县政协主席,
            # 工会主席) is somebody else's post
            local = not exact and s > 0 and bool(_HAN.match(text[s - 1]))
            for n in () if local else lengths:
                if oh.name_ends(text, e + n) and try_window(e, e + n, title, level):
                    break
            for n in lengths:  # before it: 王泸宁主席
                a = s - n
                if a < 0:
                    continue
                if bounds is None:
                    bounds = ctx.boundaries()
                if (a == 0 or not _HAN.match(text[a - 1]) or a in bounds) and try_window(a, s, title, level):
                    break
        distinctive = [s for s, e in names if e - s >= 3]
        for s, e in names:  # a name listed with another leader's: 习近平、李墙、赵乐际
            if e - s < 3 and not any(abs(s - x) <= 30 for x in distinctive):
                continue  # 李强, 李希, 蔡奇 are common names too: 李强、李江 alone may be two clerks
            m = _SEP.match(text, e)
            if m:
                b0 = m.end()
                for n in lengths:
                    if oh.name_ends(text, b0 + n) and try_window(b0, b0 + n, None, None):
                        break
            if s > 0 and text[s - 1] in "、，,":  # the name before: 李墙、习近平
                b = s - 1
                if text.endswith("同志", 0, b):
                    b -= 2
                a = b
                while a > 0 and _HAN.match(text[a - 1]) and b - a < 4:
                    a -= 1
                if (a == 0 or not _HAN.match(text[a - 1])) and b - a in lengths:
                    try_window(a, b, None, None)
        yield from hits
