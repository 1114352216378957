"""GOV605: leaders listed together out of their official order (the Politburo Standing Committee of
the post's term, or a local roster that declares its order)."""

from __future__ import annotations

import datetime as _dt
import itertools
import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules import _officeholders as oh

_GAP = re.compile(r"^(?:同志)?[、，,\s\u3000]{1,3}$")


NATIONAL = "中央政治局常委会"  # the ranked body of the national data


class LeaderOrder(Rule):
    """并列的领导人排序有误：中央政治局常委按本届排序，本地领导按 leaders: 中登记的排序。

    作用：
    找出用顿号、逗号或空格并列的领导人姓名（“习近平、李强、赵乐际……”），取其中同属一个有排序的班子的人：中央政治局常委按稿件日期所在一届的排序（二十届：习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希；十九届、十八届同样由任职数据 dictionaries/officeholders.yaml 中的 rank 得出），本地领导按 rules.yaml 中 leaders: 各职务的 rank（同一 body 内比较，不写 body 的为本地领导班子）。顺序不对的，报出整串姓名并给出正确顺序。
    名单末尾跟着不在本届的人（如常委之后列国家副主席）不影响检查；名单整体是另一届的（2023 年的稿件回顾十九届常委），按那一届的排序检查，报警告。稿件没有日期的按现任排序，报警告。只有两位常委、且都是两个字的常见姓名（李强、李希、蔡奇）的并列不报：可能是同名者的名单。
    原因：
    领导人排序有严格规定，排错是“严重表述错误”。每届常委名单和排序不同，逐对手写词条既繁琐又容易在换届时遗漏；由任职数据按届生成排序，换届只需补数据。
    示例：
    李强、习近平、赵乐际出席大会
    修改为：
    习近平、李强、赵乐际出席大会
    选项：
    leaders：不在本规则下设置；写在 rules.yaml 顶层的 leaders: 中，职务带 rank（1 为第一位）。
    """

    code = "GOV605"
    name = "leader-order"
    category = "expression"
    severity = Severity.ERROR
    summary = "并列的领导人排序有误（中央政治局常委按届别排序，本地领导按登记排序）"
    fix = Applicability.UNSAFE
    uses_leaders = True
    source = (
        "新华社 2012-11-15、2017-10-25、2022-10-23 十八届、十九届、二十届一中全会公报（中央政治局常委名单及排序）；"
        "dictionaries/officeholders.yaml"
    )

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n李强、习近平、赵乐际出席大会。\n2024年5月1日\n", "习近平、李强、赵乐际"),)
    passes = ("通知\n习近平、李强、赵乐际出席大会。\n2024年5月1日\n",)

    def check(self, ctx: Context):
        r = oh.roster(ctx.options.get("leaders", ()))
        text = ctx.text
        names = [(w, s, e) for w, s, e in r.scan(text) if w in r.people]
        if len(names) < 2:
            return
        d = oh.post_date(ctx.meta)
        runs, run = [], [names[0]]
        for prev, cur in itertools.pairwise(names):
            if _GAP.match(text[prev[2] : cur[1]]):
                run.append(cur)
            else:
                runs.append(run)
                run = [cur]
        runs.append(run)
        for run in runs:
            if len(run) < 2:
                continue
            bodies = {
                x.body or oh.LOCAL_BODY for w, _, _ in run for x in r.people[w].posts if x.rank is not None
            }
            for body in sorted(bodies):
                hit = self._check(r, run, body, d, text)
                if hit:
                    yield hit
                    break

    def _check(self, r, run, body, d, text) -> Hit | None:
        ever = r.ever_ranked(body)
        listed = [(w, s, e) for w, s, e in run if w in ever]
        if len(listed) < 2 or len({w for w, _, _ in listed}) < len(listed):
            return None
        if body == NATIONAL and len(listed) < 3 and all(len(w) == 2 for w, _, _ in listed):
            return None  # 李希、李强 in a list of staff or prize winners: two common names are no roster
        today = d or _dt.date.today()
        current = r.ranked(today).get(body, {})
        members = [x for x in listed if x[0] in current]
        others = [x for x in listed if x[0] not in current]
        level = None if d else Severity.WARNING
        ranks = None
        if len(members) >= 2 and (not others or min(o[1] for o in others) > max(m[1] for m in members)):
            listed, ranks = members, current  # 常委 of the term, then others (国家副主席韩正)
        else:  # the list as a whole belongs to another term: 2023 post recalling the 19th
            orders = set()
            for when in r.ranked_dates(body):
                rk = r.ranked(when).get(body, {})
                if all(w in rk for w, _, _ in listed):
                    orders.add(tuple(sorted((w for w, _, _ in listed), key=rk.get)))
                    ranks = rk
            if len(orders) != 1:
                return None
            level = Severity.WARNING
        if ranks is None:
            return None
        got = [w for w, _, _ in listed]
        want = sorted(got, key=lambda w: ranks[w])
        if got == want:
            return None
        a, b = listed[0][1], listed[-1][2]
        pieces, last = [], a
        for (_, s, e), name in zip(listed, want):
            pieces.append(text[last:s])
            pieces.append(name)
            last = e
        suggestion = "".join(pieces)
        label = "中央政治局常委" if body == "中央政治局常委会" else body
        return Hit(
            a,
            b,
            f"领导人排序有误，应为“{'、'.join(want)}”（按{label}排序）",
            suggestion,
            level,
        )
