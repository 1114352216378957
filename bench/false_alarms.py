"""False alarms of the whole rule book on clean, published official text.

Runs every built-in rule (default configuration, no rules.yaml) over
``../shared/eval/clean/gov_documents/`` and ``../shared/eval/clean/gov_work_reports/*.txt`` and prints
warning/error findings per 10,000 characters, by code, then lists each warning/error finding.
Target (issue 4): at most 1 warning-or-error finding per 10,000 characters.

    python bench/false_alarms.py [--eval DIR] [--quiet] [--ignore GOV102,GOV103]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.findings import Severity
from textlint_gov.loaders import load

HERE = Path(__file__).resolve().parent


def corpus(eval_dir: Path) -> list[Path]:
    docs = sorted((eval_dir / "clean" / "gov_documents").glob("*.txt"))
    reports = sorted((eval_dir / "clean" / "gov_work_reports").glob("*.txt"))
    return docs + reports


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=HERE.parent.parent / "shared" / "eval")
    ap.add_argument("--quiet", action="store_true", help="only the figures, not each finding")
    ap.add_argument(
        "--ignore", default="", help="code prefixes to leave out, comma separated (e.g. GOV102,GOV103)"
    )
    args = ap.parse_args(argv)
    files = corpus(args.eval)
    if not files:
        print(f"no files under {args.eval}/clean", file=sys.stderr)
        return 2
    config = Config()
    config.ignore = [c.strip() for c in args.ignore.split(",") if c.strip()]
    chars = 0
    by_code: collections.Counter[str] = collections.Counter()
    info: collections.Counter[str] = collections.Counter()
    listed = []
    for path in files:
        doc = load(path)
        chars += sum(len(b.text) for b in doc.blocks)
        for f in lint(doc, config):
            if f.severity.rank >= Severity.WARNING.rank:
                by_code[f.code] += 1
                listed.append((path, f))
            else:
                info[f.code] += 1
    total = sum(by_code.values())
    print(f"files: {len(files)}  characters (block text): {chars:,}")
    print(
        f"warning/error findings: {total}  = {total / chars * 10000:.3f} per 10,000 characters (target <= 1)"
    )
    for code, n in sorted(by_code.items()):
        print(f"  {code}: {n}  ({n / chars * 10000:.3f} per 10k)")
    if info:
        print("info findings (not counted): " + ", ".join(f"{c} {n}" for c, n in sorted(info.items())))
    if not args.quiet:
        print()
        for path, f in listed:
            print(f"{path.name}:{f.line}:{f.column}: {f.code} {f.severity.value} [{f.match}] {f.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
