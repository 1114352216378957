"""Fit the weights of GOV102's confidence score (``textlint_gov.typo.WEIGHTS``).

    python tools/fit_typo_weights.py [--eval ../shared/eval]

Every candidate correction that ``textlint_gov.typo.candidates`` proposes on the tuning sets is a
sample: positive when it overlaps a character the gold correction changes. A logistic regression
(Newton's method, small L2 penalty on standardised features) over ``textlint_gov.typo.features``
gives the weights, printed as a Python tuple to paste into ``textlint_gov/typo/scoring.py``.

Tuning sets (allowed for tuning by ``shared/eval/README.md``; the data is read in place, never
copied): MiDu 2022 ``preliminary_extend_train``, CSCD-NS ``dev`` (equal-length pairs) and the clean
``acc_xxqg`` sentences. MiDu ``preliminary_val``, ECSpell ``odw.train``, NLPCC, SIGHAN and
``acc_rmrb`` stay out of the fit, so ``bench/typo_eval.py`` reports them as held-out data.
``--match`` moves the bias of the fitted weights so that at THRESHOLD they flag as many of the
correct tuning sentences as the current WEIGHTS (features they lack count 0): a new feature is judged
by the recall it brings at the same false-alarm budget, chosen on tuning data only.
``--odw`` adds ECSpell ``odw.train`` (公文 sentences) to the fit; tried for the shipped weights, it
lowered held-out precision at every recall (its errors are denser than MiDu's), so it is off.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from textlint_gov.typo import SWAP_KIND, THRESHOLD, WEIGHTS, candidates, features, model

ROOT = Path(__file__).resolve().parent.parent


def tuning_pairs(eval_dir: Path, odw: bool = False):
    if odw:
        for line in (eval_dir / "ecspell/odw.train").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and len(parts[1]) == len(parts[2]):
                yield parts[1], parts[2]
    for name in ("midu2022/ctcdataset/preliminary_extend_train.jsonl", "cscd_ns/ctcdataset/dev.jsonl"):
        for line in (eval_dir / name).read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            if len(d["source"]) == len(d["target"]):
                yield d["source"], d["target"]
    for line in (eval_dir / "clean/xxqg_rmrb/acc_xxqg.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield line.strip(), line.strip()


def samples(
    eval_dir: Path, odw: bool = False
) -> tuple[list[tuple[float, ...]], list[float], list[int], set[int]]:
    """The candidates' features and labels, the index of each one's sentence, and the indices of the
    correct sentences (no character changed)."""
    m = model()
    xs, ys, sent = [], [], []
    clean = set()
    for k, (src, tgt) in enumerate(tuning_pairs(eval_dir, odw)):
        changed = {i for i, (a, b) in enumerate(zip(src, tgt)) if a != b}
        if not changed:
            clean.add(k)
        for sus in candidates(src):
            if sus.kind == SWAP_KIND:
                continue  # swapped characters have a fixed score (SWAP_SCORE), not the fitted one
            xs.append(features(m, sus))
            ys.append(1.0 if any(sus.start <= i < sus.end for i in changed) else 0.0)
            sent.append(k)
    return xs, ys, sent, clean


def flag_rate(weights, xs, sent, clean: set[int], threshold: float) -> float:
    """Share of the correct tuning sentences with a candidate scoring at least ``threshold``."""
    flagged = {
        k for x, k in zip(xs, sent) if k in clean and sum(w * v for w, v in zip(weights, x)) >= threshold
    }
    return len(flagged) / len(clean)


def match_bias(weights: list[float], old, xs, sent, clean: set[int], threshold: float) -> list[float]:
    """``weights`` with the bias moved so that, at ``threshold``, they flag as many correct tuning
    sentences as the weights ``old`` do: the same false-alarm budget, recall compared at it."""
    budget = flag_rate(old, xs, sent, clean, threshold)
    lo, hi = -10.0, 10.0
    for _ in range(50):
        mid = (lo + hi) / 2
        if flag_rate([weights[0] + mid, *weights[1:]], xs, sent, clean, threshold) > budget:
            hi = mid
        else:
            lo = mid
    return [weights[0] + lo, *weights[1:]]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    a = [[*row[:], b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        for r in range(n):
            if r != c and a[r][c]:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [a[i][n] / a[i][i] for i in range(n)]


def fit(xs, ys, l2: float = 1e-3, iterations: int = 25) -> list[float]:
    k = len(xs[0])
    n = len(xs)
    mu = [sum(x[j] for x in xs) / n for j in range(k)]
    sd = [math.sqrt(sum((x[j] - mu[j]) ** 2 for x in xs) / n) or 1.0 for j in range(k)]
    mu[0], sd[0] = 0.0, 1.0  # the bias column stays 1
    z = [[(x[j] - mu[j]) / sd[j] for j in range(k)] for x in xs]
    w = [0.0] * k
    for _ in range(iterations):
        grad = [l2 * n * wj for wj in w]
        hess = [[(l2 * n if i == j else 0.0) for j in range(k)] for i in range(k)]
        for zi, y in zip(z, ys):
            t = sum(a * b for a, b in zip(w, zi))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, t))))
            d = p * (1 - p)
            for i in range(k):
                grad[i] += (p - y) * zi[i]
                di = d * zi[i]
                row = hess[i]
                for j in range(i, k):
                    row[j] += di * zi[j]
        for i in range(k):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    raw = [w[j] / sd[j] for j in range(k)]
    raw[0] = w[0] - sum(w[j] * mu[j] / sd[j] for j in range(1, k))
    return raw


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--odw", action="store_true", help="add ECSpell odw.train to the fit")
    ap.add_argument(
        "--match",
        action="store_true",
        help="move the bias so the new weights flag as many correct tuning sentences as WEIGHTS do now",
    )
    args = ap.parse_args()
    xs, ys, sent, clean = samples(args.eval, args.odw)
    weights = fit(xs, ys)
    print(f"# {len(xs)} candidates, {int(sum(ys))} positive")
    if args.match:
        old = [*WEIGHTS, *[0.0] * (len(weights) - len(WEIGHTS))][: len(weights)]
        weights = match_bias(weights, old, xs, sent, clean, THRESHOLD)
        rate = flag_rate(weights, xs, sent, clean, THRESHOLD)
        print(f"# bias matched: {rate:.4f} of {len(clean)} correct tuning sentences flagged at {THRESHOLD}")
    print("WEIGHTS = (" + ", ".join(f"{w:.3f}" for w in weights) + ")")


if __name__ == "__main__":
    main()
