"""GOV102's CPU time on ``clean/gov_documents`` (issue 11): the rule alone through the real engine.

"cold" is the first pass after the pair caches are emptied (what one ``govlint`` run over a folder
pays), "warm" a second pass (a long audit or ``govlint serve``). Both start without the judged runs of
an earlier pass: a run that recurs within the corpus is judged once, one seen in an earlier pass is not
counted. "chunked" reads every block the way
blocks longer than ``WHOLE_MAX`` are read (options by chunks, a lattice per run): the figure the
whole-block reading is measured against.

    python bench/typo_speed.py [--corpus DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import load
from textlint_gov.typo import detector

HERE = Path(__file__).resolve().parent


def _pass(docs, cfg) -> float:
    t = time.process_time()
    for d in docs:
        lint(d, cfg)
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared/eval/clean/gov_documents")
    ap.add_argument("--repeat", type=int, default=3, help="best of N (default 3)")
    args = ap.parse_args()
    docs = [load(f) for f in sorted(args.corpus.glob("*.txt"))]
    chars = sum(len(d.source) for d in docs)
    cfg = Config(select=["GOV102"])
    lint(docs[0], cfg)  # the model loaded outside the timing
    whole_max = detector.WHOLE_MAX
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for label, limit in (("whole blocks", whole_max), ("chunked", -1)):
            detector.WHOLE_MAX = limit
            detector._bigrams.clear()
            detector._longer.clear()
            for key in (f"{label}, cold", f"{label}, warm"):
                detector._run_memos.clear()  # the runs of the previous pass are not remembered
                t = _pass(docs, cfg)
                best[key] = min(best.get(key, t), t)
    detector.WHOLE_MAX = whole_max
    print(
        f"corpus: {args.corpus}  {len(docs)} files, {chars:,} chars; GOV102 only, CPU, best of {args.repeat}"
    )
    for key, t in best.items():
        print(f"  {key:20s} {t:6.2f} s  {chars / t:10,.0f} chars/s")


if __name__ == "__main__":
    main()
