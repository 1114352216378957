"""GOV606: the full name of the state, the Party or a state body one character off (same sound, near
sound or similar shape): 中华人民共合国, 国家卫生建康委员会, 县农业农材局."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from itertools import accumulate

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules import _officeholders as oh
from textlint_gov.rules.gov601_name_near_miss import _Index

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
MIN_LENGTH = 5  # shorter names (公安部, 审计署) are one character off too many ordinary words


def _read(name: str) -> list[str]:
    """The names of one list of ``dictionaries/`` (one per line, ``#`` comments)."""
    text = resources.files("textlint_gov.dictionaries").joinpath(name).read_text(encoding="utf-8")
    return [n.strip() for n in text.splitlines() if n.strip() and not n.startswith("#")]


@lru_cache(maxsize=1)
def _names():
    """The names of ``dictionaries/body_names.txt``, GOV601's one-wildcard index over them, their
    first and last characters (a name of five characters one character off keeps its first two or
    its last two; a longer one its first three or its last three) with a matcher of them, and a
    matcher of the names as written (with those of ``body_names_known.txt``)."""
    import ahocorasick_rs

    suggested = set(_read("body_names.txt"))
    # real names one character off a listed one, never suggested: written right they are no slip of a
    # listed name (检察委员会 is no 监察委员会), and a word one character off them is too common to
    # call a slip (卫生检查委员会 is no 检察委员会)
    names = sorted(suggested.union(_read("body_names_known.txt")))
    long = sorted(n for n in suggested if len(n) >= MIN_LENGTH)
    heads: dict[str, set[int]] = {}
    tails: dict[str, set[int]] = {}
    for n in long:
        k = 2 if len(n) == MIN_LENGTH else 3
        heads.setdefault(n[:k], set()).add(len(n))
        tails.setdefault(n[-k:], set()).add(len(n))
    ends = ahocorasick_rs.AhoCorasick(sorted(heads.keys() | tails.keys()))
    return _Index(long, MIN_LENGTH), heads, tails, ends, ahocorasick_rs.AhoCorasick(names)


class BodyNameNearMiss(Rule):
    """国家、政党或国家机构的名称写错一个字（同音、音近或形近）。

    作用：
    对照国名、党名，全国人大、全国政协、国务院及其组成部门、直属机构、部委管理的国家局的规范全称，以及地方党政机构的通用名称（农业农村局、退役军人事务局、卫生健康委员会、市场监督管理局等，见 dictionaries/body_names.txt），找出与其中一个名称只差一个字、且差的字与原字同音、音近或形近的写法（中华人民共合国、国家卫生建康委员会、县农业农材局），给出规范名称。只查五个字以上的名称，写法须在分词边界上，与几个名称都只差一字的不报。
    后缀或连接词写错（国家卫生健康部、人力资源与社会保障局）由 GOV602 检查；地名和本地单位名称由 GOV601 检查。
    原因：
    国名、党名和机构名称写错是“严重表述错误”，写出来的是一个不存在的机构；同音字、形近字是输入法最常见的错误，拼写检查容易放过长名称中间的一个字。
    示例：
    经国家卫生建康委员会批准
    修改为：
    经国家卫生健康委员会批准
    """

    code = "GOV606"
    name = "body-name-near-miss"
    category = "name"
    severity = Severity.ERROR
    summary = "国名、党名或机构名称错一个字（同音、形近），如“国家卫生建康委员会”"
    fix = Applicability.UNSAFE
    source = (
        "《中华人民共和国宪法》；《中国共产党章程》；《国务院关于机构设置的通知》（国发〔2023〕5号）；"
        "《国务院关于部委管理的国家局设置的通知》（国发〔2023〕6号）"
    )

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n经国家卫生建康委员会批准。\n", "国家卫生健康委员会"),)
    passes = ("通知\n经国家卫生健康委员会批准，县农业农村局实施。\n",)

    def check(self, ctx: Context):
        text = ctx.text
        if len(text) < MIN_LENGTH:
            return
        index, heads, tails, ends, exact = _names()
        windows: set[tuple[int, int]] = set()
        for _, a, b in ends.find_matches_as_indexes(text, overlapping=True):
            part = text[a:b]
            windows.update((a, a + n) for n in heads.get(part, ()))
            windows.update((b - n, b) for n in tails.get(part, ()))
        if not windows:
            return
        cover = [0] * (len(text) + 1)  # cover[i]: the furthest end of a name written from i or before
        for _, s, e in exact.find_matches_as_indexes(text, overlapping=True):
            cover[s] = max(cover[s], e)
        cover = list(accumulate(cover, max))
        reported: list[tuple[int, int]] = []
        bounds = None
        for a, b in sorted(windows, key=lambda w: (w[0] - w[1], w[0])):  # longest first
            if a < 0 or b > len(text):
                continue
            window = text[a:b]
            if not _HAN.match(window) or window in ctx.words:
                continue
            if cover[a] >= b or any(x < b and a < y for x, y in reported):  # inside a name as written
                continue
            cands = index.near(window)
            if not cands or len(cands) != 1:
                continue
            cand = cands[0]
            i = next(k for k in range(len(cand)) if cand[k] != window[k])
            kind = oh.confusable(window[i], cand[i])
            if not kind:
                continue
            if bounds is None:
                bounds = ctx.boundaries()
            if not (a in bounds or not _HAN.match(text[a - 1])) or not (
                b in bounds or b == len(text) or not _HAN.match(text[b])
            ):
                continue
            reported.append((a, b))
            yield Hit(a, b, f"名称“{window}”疑有错字（{kind}），应为“{cand}”", cand)
