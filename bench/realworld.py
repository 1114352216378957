"""False alarms on real local-government posts (issue 10): ``../shared/realworld/``.

Runs the default rule book on every file of ``MANIFEST.tsv`` that govlint can load, each with its
own ``region`` (the manifest's 省/市/县 path; a name that is no 民政部 division, such as a 片区管理局
or a township merged away, falls back to its nearest division), and prints findings per 10,000
characters by severity and by rule. ``--sheet FILE`` writes a judging sheet (TSV: file, line,
column, code, severity, match, suggestion, message, context) of every error and warning, plus every
GOV102 finding, to judge by hand; its column ``judge`` says which rows the issue asks to judge: every
error, every GOV102 finding, and a seeded random sample of ``--sample`` other warnings.

    python bench/realworld.py [--realworld DIR] [--sheet judging.tsv] [--sample 200] [--list error,GOV102]
"""

from __future__ import annotations

import argparse
import collections
import csv
import random
import sys
import time
from pathlib import Path

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.findings import Severity
from textlint_gov.loaders import SUFFIXES, LoadError, load
from textlint_gov.rules._divisions import resolve

HERE = Path(__file__).resolve().parent
# Names in the manifest that are no 民政部 division, and the division a clerk there would configure.
ALIASES = {"平潭综合实验区": "福州市平潭县"}


def region_for(manifest_region: str) -> str | None:
    parts = [ALIASES.get(p, p) for p in manifest_region.split("/") if p]
    while parts:
        candidate = "".join(parts)
        if resolve(candidate) is not None:
            return candidate
        parts.pop()
    return None


def manifest(root: Path) -> list[tuple[Path, str | None]]:
    rows = []
    with open(root / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows.append((root / row["file"], region_for(row["region"])))
    return rows


def context(doc, f, width: int = 20) -> str:
    a = max(0, f.start - width)
    b = min(len(doc.source), f.end + width)
    text = doc.source[a : f.start] + "【" + doc.source[f.start : f.end] + "】" + doc.source[f.end : b]
    return " ".join(text.split())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realworld", type=Path, default=HERE.parent.parent / "shared" / "realworld")
    ap.add_argument("--sheet", type=Path, help="write the judging sheet (TSV) here")
    ap.add_argument("--sample", type=int, default=200, help="other warnings to mark for judging (seeded)")
    ap.add_argument("--list", default="", help="print findings of these severities or codes, comma separated")
    args = ap.parse_args(argv)
    rows = manifest(args.realworld)
    if not rows:
        print(f"no MANIFEST.tsv rows under {args.realworld}", file=sys.stderr)
        return 2
    configs: dict[str | None, Config] = {}
    chars = 0
    by_sev: collections.Counter[str] = collections.Counter()
    by_code: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    sheet = []
    skipped: collections.Counter[str] = collections.Counter()
    failed = []
    wanted = {w.strip() for w in args.list.split(",") if w.strip()}
    checked = 0
    t0 = time.perf_counter()
    for path, region in rows:
        if path.suffix.lower() not in SUFFIXES:
            skipped[path.suffix.lower()] += 1
            continue
        config = configs.get(region)
        if config is None:
            config = configs[region] = Config(region=region)
        try:
            doc = load(path)
        except LoadError as e:
            failed.append(f"{path}: {e}")
            continue
        checked += 1
        chars += doc.text_length
        rel = path.relative_to(args.realworld)
        for f in lint(doc, config):
            by_sev[f.severity.value] += 1
            by_code[f.code][f.severity.value] += 1
            if f.severity.rank >= Severity.WARNING.rank or f.code == "GOV102":
                sheet.append(
                    [
                        str(rel),
                        f.line,
                        f.column,
                        f.code,
                        f.severity.value,
                        f.match,
                        f.suggestion or "",
                        f.message,
                        context(doc, f),
                    ]
                )
            if f.severity.value in wanted or f.code in wanted:
                print(
                    f"{rel}:{f.line}:{f.column}: {f.code} {f.severity.value} [{f.match}] "
                    f"{f.message} | {context(doc, f)}"
                )
    elapsed = time.perf_counter() - t0
    per = 10000 / max(chars, 1)
    print(f"files checked: {checked}  characters (block text): {chars:,}  time: {elapsed:.1f} s")
    if skipped:
        print("not checked (no loader): " + ", ".join(f"{n} {s}" for s, n in sorted(skipped.items())))
    for line in failed:
        print(f"could not load: {line}")
    print(
        "per 10,000 characters: "
        + "  ".join(f"{s} {by_sev[s]} ({by_sev[s] * per:.2f})" for s in ("error", "warning", "info"))
    )
    print(f"{'code':8} {'error':>6} {'warning':>8} {'info':>6}")
    for code in sorted(by_code):
        c = by_code[code]
        print(f"{code:8} {c['error']:>6} {c['warning']:>8} {c['info']:>6}")
    g102 = by_code.get("GOV102", collections.Counter())
    print(
        f"GOV102 warning+error per 10,000: {(g102['error'] + g102['warning']) * per:.2f}; "
        f"info per 10,000 (all rules): {by_sev['info'] * per:.2f}"
    )
    if args.sheet:
        others = [i for i, row in enumerate(sheet) if row[4] == "warning" and row[3] != "GOV102"]
        sampled = set(random.Random(10).sample(others, min(args.sample, len(others))))
        with open(args.sheet, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(
                [
                    "file",
                    "line",
                    "column",
                    "code",
                    "severity",
                    "match",
                    "suggestion",
                    "message",
                    "context",
                    "judge",
                    "judgement",
                ]
            )
            for i, row in enumerate(sheet):
                judge = row[4] == "error" or row[3] == "GOV102" or i in sampled
                w.writerow([*row, "yes" if judge else "", ""])
        print(f"judging sheet: {args.sheet} ({len(sheet)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
