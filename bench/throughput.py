"""Throughput, cold start and peak memory of govlint (issue 2 targets).

    python bench/throughput.py [--corpus ../shared/eval/clean/gov_documents] [--select GOV001,GOV101,...]

Prints: chars/s of lint alone and of load+lint on the clean corpus (one process, one core), findings
per 10,000 characters there (each a false alarm unless the published text really has the slip),
and the wall time and peak RSS of `govlint samples/draft.docx` as a fresh process (cold start).
"""

from __future__ import annotations

import argparse
import collections
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ISSUE2_RULES = "GOV001,GOV101,GOV201,GOV202,GOV301"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/eval/clean/gov_documents"))
    ap.add_argument("--select", default=ISSUE2_RULES, help="rule prefixes, or ALL")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from textlint_gov.config import Config
    from textlint_gov.engine import lint
    from textlint_gov.loaders import load
    from textlint_gov.typo import detector

    select = ["GOV"] if args.select == "ALL" else args.select.split(",")
    config = Config(select=select)
    t0 = time.perf_counter()
    config.rules()
    prepare = time.perf_counter() - t0
    files = sorted(Path(args.corpus).glob("*.txt"))
    t0 = time.perf_counter()
    docs = [load(f) for f in files]
    load_s = time.perf_counter() - t0
    chars = sum(len(d.source) for d in docs)
    for d in docs[:5]:
        lint(d, config)  # warm up lazily loaded data once, as a long run would
    best = float("inf")
    counts: collections.Counter = collections.Counter()
    examples: list[str] = []
    for _ in range(args.repeat):
        counts.clear()
        examples.clear()
        # GOV102 remembers the runs it judged: each pass is timed as one over texts it has not seen
        # (within a pass, a run that recurs is judged once, as in any long run over a folder)
        detector._run_memos.clear()
        t0 = time.perf_counter()
        for d in docs:
            for f in lint(d, config):
                counts[(f.code, f.severity.value)] += 1
                if f.severity.value != "info" and len(examples) < 200:
                    examples.append(
                        f"  {Path(f.path).name}:{f.line}:{f.column} {f.code} {f.match!r} -> {f.suggestion!r}"
                    )
        best = min(best, time.perf_counter() - t0)
    total = sum(counts.values())
    we = sum(n for (c, s), n in counts.items() if s != "info")
    print(f"rules: {args.select}  ({len(config.rules())} enabled, prepared in {prepare:.2f} s)")
    print(f"corpus: {args.corpus}  {len(files)} files, {chars:,} chars")
    print(f"lint only:   {chars / best:,.0f} chars/s  (best of {args.repeat})")
    print(f"load + lint: {chars / (best + load_s):,.0f} chars/s")
    print(
        f"findings: {total}  = {total / chars * 10000:.2f} per 10,000 chars; "
        f"warning+error {we} = {we / chars * 10000:.2f} per 10,000 chars"
    )
    for (code, sev), n in sorted(counts.items()):
        print(f"  {code} {sev}: {n}")
    if examples:
        print("warning/error findings:")
        print("\n".join(examples))

    sample = ROOT / "samples" / "draft.docx"
    exe = Path(sys.executable).with_name("govlint")
    cmd = [str(exe) if exe.exists() else "govlint", str(sample)]
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    # Peak RSS through a small wrapper process: a child forked from this (large) process would
    # count this process's pages until its exec.
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, cwd=ROOT).stdout
    peak = int(out.strip() or 0) / 1024
    print(
        f"cold start `govlint samples/draft.docx`: median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}), peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
