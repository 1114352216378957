"""Where the cold start of `govlint samples/draft.docx` goes (issue 11 target: <= 0.6 s).

    python bench/coldstart.py [--repeat 7] [--file samples/draft.docx]

Prints, as medians of ``--repeat`` fresh processes:
  * the whole command (`python -m textlint_gov FILE`, timed from outside) and its peak RSS;
  * the bare interpreter (`python -c pass`);
  * inside one process, phase by phase in the order the command meets them: imports of the CLI,
    configuration and rule preparation, loading the file, the typo model, the word segmenter
    (rjieba), the lint itself, and the text output;
  * the typo model built from its text files (as before ``typo_model.bin``) against read prebuilt.
Each process gets its own empty XDG_CACHE_HOME, so no user cache helps it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.6

PHASES = r"""
import json, sys, time
t = [time.perf_counter()]
import textlint_gov.cli as cli
t.append(time.perf_counter())
config = cli.load_config_or_exit()
t.append(time.perf_counter())
from textlint_gov.loaders import load_bytes, read_input
path = sys.argv[1]
doc = load_bytes(read_input(path), path)
t.append(time.perf_counter())
from textlint_gov.typo.data import model
model()
t.append(time.perf_counter())
from textlint_gov.engine import lint
findings = lint(doc, config)
t.append(time.perf_counter())
from textlint_gov.formatters import FileResult, render
out = render("text", [FileResult(path, findings, doc)], color=False, show_source=True)
t.append(time.perf_counter())
import importlib.util, os
pyc = os.path.exists(importlib.util.cache_from_source(cli.__file__))
print(json.dumps([b - a for a, b in zip(t, t[1:])] + ["rjieba" in sys.modules, pyc]))
"""
NAMES = [
    "imports (textlint_gov.cli)",
    "config + rules",
    "load file",
    "typo model",
    "lint (rjieba too if a rule segments)",
    "output",
]

MODEL = r"""
import json, time
from textlint_gov.typo import data
from textlint_gov.typo.segment import Model
t0 = time.perf_counter()
if not hasattr(data, "RECIPE"):  # a tree from before typo_model.bin: model() builds it all
    data.model()
    print(json.dumps([time.perf_counter() - t0, None]))
    raise SystemExit
from textlint_gov.typo import packed
p = data._parts_from_sources()  # the text files read and the masked index built, as before
Model(p.freq, p.confusion, data.vocabulary(), p.attested, index=p.masked)
t1 = time.perf_counter()
q = packed.load(data.RECIPE)
assert q is not None, "typo_model.bin is stale: python tools/build_typo_data.py --pack-only"
Model(q.freq, q.confusion, data.vocabulary(), q.attested, index=q.masked)
t2 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1]))
"""


def _env(cache: str) -> dict:
    return {**os.environ, "XDG_CACHE_HOME": cache}


def wall(cmd: list[str], env: dict) -> float:
    return timed(cmd, env)[0]


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``cmd``; CPU time is the steadier figure
    when other work shares the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def child_json(code: str, args: list[str], env: dict) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--file", default="samples/draft.docx")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(tmp)
        cmd = [sys.executable, "-m", "textlint_gov", args.file]
        wall(cmd, env)  # warm the page cache and the .pyc files
        whole, cpu = zip(*[timed(cmd, env) for _ in range(args.repeat)])
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        bare = [wall([sys.executable, "-c", "pass"], env) for _ in range(args.repeat)]
        phases = [child_json(PHASES, [args.file], env) for _ in range(args.repeat)]
        models = [child_json(MODEL, [], env) for _ in range(max(3, args.repeat // 2))]
    med = statistics.median
    print(
        f"govlint {args.file}, cold, median of {args.repeat} fresh processes (Python {sys.version.split()[0]})"
    )
    print(
        f"  {'whole command':<40}{med(whole):6.3f} s  (min {min(whole):.3f}; target <= {TARGET} s)  "
        f"peak RSS {rss_mb:.0f} MB"
    )
    print(f"  {'whole command, CPU time':<40}{med(cpu):6.3f} s  (load average {os.getloadavg()[0]:.2f})")
    print(f"  {'interpreter start':<40}{med(bare):6.3f} s")
    for i, name in enumerate(NAMES):
        print(f"  {name:<40}{med([p[i] for p in phases]):6.3f} s")
    print(f"  {'sum of phases':<40}{med([sum(p[: len(NAMES)]) for p in phases]):6.3f} s")
    seg, pyc = phases[0][len(NAMES)], phases[0][len(NAMES) + 1]
    print(f"  rjieba loaded: {'yes' if seg else 'no (no rule segmented this file)'}")
    if not pyc:
        print(
            "  note: textlint_gov runs from source, no .pyc (PYTHONDONTWRITEBYTECODE is set or the tree"
            " is read-only): every process compiles it, which an installed wheel does not"
        )
    built, read = zip(*models)
    print(f"typo model from its text files {med(built):.3f} s", end="")
    print(f"; from typo_model.bin {med(read):.3f} s" if read[0] is not None else " (no typo_model.bin)")


if __name__ == "__main__":
    main()
