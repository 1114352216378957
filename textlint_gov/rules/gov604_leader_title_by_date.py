"""GOV604: a leader with a title he does not hold at the post's date, or a title followed by a name
that is not its holder then."""

from __future__ import annotations

import datetime as _dt
import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules import _officeholders as oh
from textlint_gov.rules.mention import historic

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def _day(d: _dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class LeaderTitleByDate(Rule):
    """领导人职务与稿件日期不符：称呼了当时并不担任的职务，或职务后面写的不是当时的任职者。

    作用：
    按稿件日期（date，否则成文日期 written_date）和领导人任职数据（dictionaries/officeholders.yaml：2012 年以来的中央政治局常委、中共中央总书记、中央军委主席、中央纪委书记，国家主席、副主席，国务院总理、副总理，全国人大常委会委员长，全国政协主席；加上 rules.yaml 中 leaders: 登记的本地领导）检查两种情形：
    一、已知的领导人带着当时并不担任的职务，职务在姓名前（“国务院总理李克强”“中共中央政治局常委、国务院副总理李强”，职务连写时逐个核对）或在姓名后（“李克强总理”）。报错误，写明当时的任职者；职务在姓名后的（回忆旧事常保留的尊称写法）只报警告。当时只有一位任职者的（总理、委员长），建议把姓名改为他。没有日期的稿件按现在的任职数据核对，报警告，且只报此人曾任而现已不任的职务，或此人的任职全在数据年限之内而从未担任的职务（“国务院副总理李强”）。
    二、只指一个职务的全称（国务院总理、全国人大常委会委员长、本地登记的县长等）后面紧跟一个不在数据中的姓名（“国务院总理李鹏”出现在 2015 年的稿件中），报警告：可能是写错了人，也可能是引述旧事。
    不报：“时任”“原”“前任”“曾任”之后的职务，书名号内的标题，同一句中姓名后有“曾”“当年”“生前”的（“李克强总理曾在这里考察”），同一句中写了此人在任那一年的（“2016年，李克强总理在政府工作报告中指出”“国务院总理温家宝曾于2008年视察灾区”），以及早于数据起始日期的稿件。职务后面跟着不在数据中的姓名，只在有日期的稿件中检查。职务数据从每个职务最早的任职日期算起（国家职务从 2008 年换届起）。
    原因：
    领导人职务写错（把已卸任的总理仍称“总理”，把副总理写成总理）是“严重表述错误”；换届后网站上沿用旧职务是检查中常见的问题。每次换届手工加词条容易遗漏，按任职数据和稿件日期判断则一次到位。
    示例：
    （2024 年的稿件）国务院总理李克强主持召开国务院常务会议
    修改为：
    国务院总理李强主持召开国务院常务会议（引述旧事写“时任国务院总理李克强”）
    选项：
    leaders：不在本规则下设置，写在 rules.yaml 顶层：本地领导的姓名和职务列表，每个职务写 title（职务）、since（任职之日）、until（卸任之日，当天起不再担任，现任不写）、rank（班子排序，GOV605 用）、body（机构，可不写）。也可写一个同样格式的 YAML 文件的路径（相对于 rules.yaml）。例如：
    leaders: [{name: 张明远, posts: [{title: 县委书记, since: 2021-06-01, rank: 1}]}, {name: 李华, posts: [{title: 县长, since: 2021-06-01, until: 2024-01-10, rank: 2}, {title: 县人大常委会主任, since: 2024-01-10}]}]
    """

    code = "GOV604"
    name = "leader-title-by-date"
    category = "expression"
    severity = Severity.ERROR
    summary = "领导人职务与稿件日期不符（已卸任仍称原职务、职务后不是当时的任职者）"
    uses_leaders = True
    fix = Applicability.UNSAFE
    source = oh.SOURCE

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n国务院总理李克强主持召开国务院常务会议。\n2024年5月1日\n", "李强"),)
    passes = ("通知\n国务院总理李克强主持召开国务院常务会议。\n2016年5月1日\n",)

    def check(self, ctx: Context):
        r = oh.roster(ctx.options.get("leaders", ()))
        text = ctx.text
        found = r.scan(text)
        if not found:
            return
        d = oh.post_date(ctx.meta)
        forms = {s: (w, s, e) for w, s, e in found if w in r.forms}  # start -> form
        ends = {e: (w, s, e) for w, s, e in found if w in r.forms}
        for w, s, e in found:
            if w not in r.people:
                continue
            person = r.people[w]
            chain = []  # titles written before the name, nearest first: 中共中央政治局常委、国务院总理李强
            pos = s
            while pos in ends:
                t = ends[pos]
                if t[1] > 0 and text[t[1] - 1] == "副" and not t[0].startswith("副"):
                    break
                chain.append(t)
                pos = t[1]
                if pos > 0 and text[pos - 1] in "、 \u3000":
                    pos -= 1
                else:
                    break
            start = chain[-1][1] if chain else s
            if e in forms:  # 李克强总理
                chain.append(forms[e])
            if not chain or oh.past_context(text, start) or historic(text, start, e):
                continue
            for form, ts, te in chain:
                if r.forms[form] in r.local_titles and not any(
                    x.title in r.local_titles for x in person.posts
                ):
                    continue  # 县长李强: a county head who shares a national leader's name
                hit = self._title(r, person, (s, e), form, ts, te, d, text, start)
                if hit:
                    yield hit
                    break
        if d is None:
            return  # a name after a title is checked in dated posts only
        name_starts = {s for w, s, _ in found if w in r.people}
        name_ends = {e for w, _, e in found if w in r.people}
        for w, s, e in found:  # a full title followed by someone else: 国务院总理李鹏 (2015)
            if w not in r.forms or e in forms or e in name_starts:
                continue
            if s in name_ends or (len(w) < 4 and r.forms[w] not in r.local_titles):
                continue  # 习近平总书记明确指出: a title after a name; 总理, 总书记: the full title only
            if s > 0 and text[s - 1] == "副" and not w.startswith("副"):
                continue
            title = r.forms[w]
            if (
                (title in r.local_titles or w.startswith("国家"))
                and s > 0
                and _HAN.match(text[s - 1])
                and (s - 1) not in ends
            ):
                continue  # 邻县县长, 越南国家主席: a title of another place
            for n in (3, 2):
                cand = text[e : e + n]
                if (
                    len(cand) == n
                    and _HAN.match(cand)
                    and cand[0] in oh.SURNAMES
                    and oh.name_ends(text, e + n)
                    and cand not in ctx.words
                ):
                    break
            else:
                continue
            if cand in r.people or oh.slips(r, cand, r.forms[w]):
                continue  # a known name, or one character off a holder's (GOV603)
            cov = r.coverage(title)
            holders = r.holders(title, d)
            if (cov and d < cov) or not holders or oh.past_context(text, s) or historic(text, s, e):
                continue
            if oh.sentence_years(text, s):
                continue  # 2010年，国务院总理温家宝……: a past event
            yield Hit(
                e,
                e + n,
                f"{_day(d)}的{w}为{'、'.join(holders)}，不是“{cand}”，请核对（引述旧事写“时任{w}{cand}”）",
                None,
                Severity.WARNING,
            )

    def _title(self, r, person, name_span, form, ts, te, d, text, start) -> Hit | None:
        """A hit when ``person`` does not hold the title of ``form`` on the post's date ``d``. An undated
        post is checked against today's data, as a warning, and only for a former holder or for a
        leader whose whole career lies within the data (李强 was never 国务院副总理)."""
        title = r.forms[form]
        held = person.ever(title)
        when = d or _dt.date.today()
        cov = r.coverage(title)
        if (cov and when < cov) or any(p.holds(when) for p in held):
            return None
        if any(_held_in(p, y) for y in oh.sentence_years(text, start) for p in held):
            return None  # 2016年，李克强总理……: the year he held it
        if held and _RECALLED.search(oh.rest_of_sentence(text, name_span[1])):
            return None  # 李克强总理曾在这里考察: a recollection of the time he held it
        if d is None and not held and (not cov or min(p.since for p in person.posts) < cov):
            return None  # he may have held it before the data begins
        holders = [h for h in r.holders(title, when) if h != person.name]
        now = f"，{'现任' if d is None else '当时的'}{form}为{'、'.join(holders)}" if holders else ""
        day = "稿件未注明日期，请核对：" if d is None else _day(d)
        if held:
            msg = f"{day}{person.name}已不是{form}{now}（引述旧事写“时任{form}”）"
        else:
            msg = f"{day}{person.name}不是{form}{now}，请核对职务"
        # 温家宝总理题词: the title after the name is an honorific a recollection keeps; only doubtful
        level = Severity.WARNING if d is None or (held and ts >= name_span[1]) else None
        if len(holders) == 1:  # the one holder then: 国务院总理李克强 -> 国务院总理李强
            return Hit(name_span[0], name_span[1], msg, holders[0], level)
        return Hit(ts, te, msg, None, level)


_RECALLED = re.compile(r"曾|当年|生前|那年|那一年")


def _held_in(post: oh.Post, year: int) -> bool:
    return (post.since is None or post.since.year <= year) and (post.until is None or year <= post.until.year)
