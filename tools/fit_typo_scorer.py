"""Fit GOV102's confidence score (``textlint_gov.typo.scoring.WEIGHTS``) and measure it offline.

    python tools/fit_typo_scorer.py dump [--gen-gain 3.0]   # candidates of every set, cached in --cache
    python tools/fit_typo_scorer.py fit [--l2 10] [--budget 0.009] [--cscd-fp 0.015] [--ngrams DIR]

``dump`` runs ``textlint_gov.typo.candidates`` on every sentence of the tuning and measuring sets and
keeps the candidates and what the other typo rules (GOV101, GOV103, GOV104) find, in a pickle outside
the repository (about a minute; ``--gen-gain`` sets the detector's GEN_GAIN for the dump only).
``fit`` turns the candidates of the tuning sets into samples (positive when the candidate overlaps a
character the gold correction changes; swapped pairs, kind 4, keep their fixed score and are left
out), fits a logistic regression over ``textlint_gov.typo.scoring.features`` (plus ``NgramFeatures``
with ``--ngrams``: tables of ``tools/build_typo_ngrams.py``), Newton's method with an L2 penalty on
standardised features, moves the bias to the highest that, at the rule's threshold (-0.2), flags no
more of the correct tuning sentences than the weights of f43a8a5 did (``--budget``; ``--cscd-fp`` caps
CSCD-NS dev's share too), prints the weights, and prints sentence-level precision, recall and the share
of correct sentences flagged for every set next to the shipped WEIGHTS, counted as
``bench/typo_eval.py`` counts them (findings of GOV101/103/104 included; the offline figures of the
shipped weights equal the bench's; ``bench/typo_eval.py`` remains the measurement).

Tuning sets, read in place (``../shared/eval``, never copied): MiDu 2022 ``preliminary_extend_train``
and CSCD-NS ``dev`` (equal-length pairs; both redistributed "academic only": they choose a handful of
weights, no larger model is trained on them) and the clean ``acc_xxqg`` sentences (Apache-2.0).
Measured, never fitted: MiDu ``preliminary_val`` (equal length), ``acc_rmrb``, NLPCC 2023 dev,
SIGHAN-15. CSCD-NS test is kept back (blind) and is not here.

Issue 11 result (Dec 2026): the 12 ``NgramFeatures`` raise the candidates' AUC on MiDu val from 0.763
to 0.786 but buy about one point of recall at the same false-alarm budget (MiDu val P 0.930 R 0.225
-> P 0.913 R 0.236), and they score rare words of official text that the laws lack (痛点, 保监, 信包箱)
as slips: on ``clean/gov_documents`` GOV102 warnings and errors went from 4 (1 error) to 9 (2 errors). With the
bias moved to flag 1.5% of CSCD-NS dev (``--cscd-fp 0.015``) every false-alarm figure fell (acc_rmrb
0.86% -> 0.35%) but MiDu val recall fell to 0.205. So the shipped WEIGHTS stay those of f43a8a5; a
refit of the 18 shipped features on the same data gives the same figures (they are at their optimum).
"""

from __future__ import annotations

import argparse
import bisect
import math
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from typo_eval import _clean, _jsonl, _tsv  # noqa: E402  the sets are read as the bench reads them

EVAL = ROOT.parent / "shared" / "eval"

TUNING = ("midu_train", "cscd", "xxqg")
# The false-alarm budget: the weights of f43a8a5 flagged 69 of the 7,688 correct tuning sentences (62 of
# CSCD-NS dev's 2,686, 7 of acc_xxqg's 5,000); new features are judged by the recall they bring at it.
BUDGET = 69 / 7688
MEASURED = ("midu", "rmrb", "nlpcc", "sighan")


SETS = {
    "midu_train": lambda e: _jsonl(e / "midu2022/ctcdataset/preliminary_extend_train.jsonl"),
    "cscd": lambda e: _jsonl(e / "cscd_ns/ctcdataset/dev.jsonl"),
    "xxqg": lambda e: _clean(e / "clean/xxqg_rmrb/acc_xxqg.txt"),
    "midu": lambda e: _jsonl(e / "midu2022/ctcdataset/preliminary_val.equal_length.jsonl"),
    "rmrb": lambda e: _clean(e / "clean/xxqg_rmrb/acc_rmrb.txt"),
    "nlpcc": lambda e: _tsv(e / "nlpcc2023_task8/data.txt", 0, 1),
    "sighan": lambda e: _tsv(e / "sighan15/pycorrector/sighan2015_test.tsv", 0, 1),
}


def dump(eval_dir: Path, cache: Path, gen_gain: float) -> None:
    from textlint_gov.config import Config
    from textlint_gov.document import Block, Document
    from textlint_gov.engine import lint
    from textlint_gov.typo import candidates, detector

    detector.GEN_GAIN = gen_gain  # measuring only: the shipped value lives in detector.py
    others = Config(select=["GOV101", "GOV103", "GOV104"])
    out = {}
    for name, reader in SETS.items():
        rows = []
        for src, tgt in reader(eval_dir):
            changed = frozenset(i for i, (a, b) in enumerate(zip(src, tgt)) if a != b)
            doc = Document(
                "<s>", src, [Block(src, "body", "", [(0, 0, len(src), len(src))])], {"format": "txt"}
            )
            covered: set[int] = set()
            found = lint(doc, others)
            for f in found:
                covered.update(range(f.start, f.end))
            rows.append((src, changed, bool(found), bool(covered & changed), candidates(src)))
        out[name] = rows
        print(f"{name}: {len(rows)} sentences, {sum(len(r[4]) for r in rows)} candidates", flush=True)
    cache.write_bytes(pickle.dumps(out))


def matrix(rows, m, features, extra=None):
    """Features (plus ``extra(src, sus)``), labels and sentence index of every scored candidate
    (swaps left out)."""
    xs, ys, sent = [], [], []
    for k, (src, changed, *_rest, cands) in enumerate(rows):
        for sus in cands:
            if sus.kind == 4:
                continue
            xs.append(features(m, sus) + (extra(src, sus) if extra else ()))
            ys.append(any(sus.start <= i < sus.end for i in changed))
            sent.append(k)
    return (
        np.array(xs, dtype=float).reshape(len(xs), -1),
        np.array(ys, dtype=float),
        np.array(sent, dtype=int),
    )


class NgramFeatures:
    """The experiment's extra features of a candidate, read from the tables of
    ``tools/build_typo_ngrams.py`` in ``folder`` and from the sentence around it: how much more
    often the corrected character than the written one stands next to the same neighbours in the
    laws (left and right bigram, centred trigram, left plus right trigram: ln count gains), the gain of
    an interpolated character trigram model of the laws over the three trigrams the character is in,
    whether the written form is a dictionary word, whether the correction is attested in official
    texts, whether the written form is in a few laws, the ln P(x | left) and ln P(right | x) gains of
    Pinyin2Hanzi's general bigram model, and whether the word starts / ends its run of Han
    characters."""

    NAMES = ("dL", "dR", "dC", "side", "lm", "isword", "attested", "weak", "p2hL", "p2hR", "start", "end")
    LAMBDA = (0.6, 0.3, 0.1)
    UNSEEN = -16.1  # ln P of a Pinyin2Hanzi bigram whose first character it does not know

    def __init__(self, m, folder: Path) -> None:
        from array import array

        self.m = m
        raw = (folder / "typo_scorer_ngrams.bin").read_bytes()
        n = len(raw) // 9
        self.keys = array("Q")
        self.keys.frombytes(raw[: 8 * n])
        self.vals = raw[8 * n :]
        self.exp = [math.exp(q / 16.0) - 1.0 for q in range(256)]
        self.total = sum(self.exp[v] for k, v in zip(self.keys, self.vals) if k < 1 << 15) or 1.0
        raw = (folder / "typo_scorer_bigrams.bin").read_bytes()
        n = len(raw) // 5
        self.bkeys = array("I")
        self.bkeys.frombytes(raw[: 4 * n])
        self.bvals = raw[4 * n :]

    @staticmethod
    def code(c: str) -> int:
        o = ord(c) - 0x4DFF
        return o if 0 < o < 0x5200 else 0

    def _q(self, key: int) -> int:
        j = bisect.bisect_left(self.keys, key)
        return self.vals[j] if j < len(self.keys) and self.keys[j] == key else -1

    def ln1(self, key: int) -> float:
        q = self._q(key)
        return q / 16.0 if q >= 0 else 0.0

    def count(self, key: int) -> float:
        q = self._q(key)
        return self.exp[q] if q >= 0 else 0.0

    def logp(self, a: int, b: int, c: int) -> float:
        num = den = 0.0
        if a and b and (ab := self.count(a << 15 | b)):
            num += self.LAMBDA[0] * self.count((a << 30) | (b << 15) | c) / ab
            den += self.LAMBDA[0]
        if b and (bb := self.count(b)):
            num += self.LAMBDA[1] * self.count(b << 15 | c) / bb
            den += self.LAMBDA[1]
        num += self.LAMBDA[2] * (self.count(c) + 0.5) / self.total
        den += self.LAMBDA[2]
        return math.log(num / den)

    def p2h(self, key: int, default: float) -> float:
        j = bisect.bisect_left(self.bkeys, key)
        return -self.bvals[j] / 8.0 if j < len(self.bkeys) and self.bkeys[j] == key else default

    def __call__(self, src: str, sus) -> tuple[float, ...]:
        a, b = sus.start, sus.end
        while a > 0 and "\u4e00" <= src[a - 1] <= "\u9fff":
            a -= 1
        while b < len(src) and "\u4e00" <= src[b] <= "\u9fff":
            b += 1
        i, code = sus.pos, self.code

        def near(j: int) -> int:
            return code(src[j]) if a <= j < b else 0

        l2, l1, r1, r2 = near(i - 2), near(i - 1), near(i + 1), near(i + 2)
        k = sus.pos - sus.start
        o, r = code(sus.wrong[k]), code(sus.right[k])
        m = self.m
        tail = (
            float(sus.wrong in m.freq),
            float(sus.right in m.attested),
            float(sus.wrong in m.weak),
        )
        if not o or not r:
            return (0.0,) * 5 + tail + (0.0, 0.0, float(sus.start == a), float(sus.end == b))
        ln1 = self.ln1
        lo, lr = (ln1(l1 << 15 | o), ln1(l1 << 15 | r)) if l1 else (0.0, 0.0)
        ro, rr = (ln1(o << 15 | r1), ln1(r << 15 | r1)) if r1 else (0.0, 0.0)
        co, cr = (ln1((l1 << 30) | (o << 15) | r1), ln1((l1 << 30) | (r << 15) | r1)) if l1 and r1 else (0, 0)
        side = 0.0
        if l2 and l1:
            side += ln1((l2 << 30) | (l1 << 15) | r) - ln1((l2 << 30) | (l1 << 15) | o)
        if r1 and r2:
            side += ln1((r << 30) | (r1 << 15) | r2) - ln1((o << 30) | (r1 << 15) | r2)
        lm = self.logp(l2, l1, r) - self.logp(l2, l1, o)
        if r1:
            lm += self.logp(l1, r, r1) - self.logp(l1, o, r1)
            if r2:
                lm += self.logp(r, r1, r2) - self.logp(o, r1, r2)

        def lp(x: int, y: int) -> float:
            return self.p2h(x << 15 | y, self.p2h(x << 15, self.UNSEEN))

        return (
            lr - lo,
            rr - ro,
            cr - co,
            side,
            lm,
            *tail,
            lp(l1, r) - lp(l1, o) if l1 else 0.0,
            lp(r, r1) - lp(o, r1) if r1 else 0.0,
            float(sus.start == a),
            float(sus.end == b),
        )


def fit(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 50) -> np.ndarray:
    mu, sd = x.mean(0), x.std(0)
    mu[0], sd[0] = 0.0, 1.0
    sd[sd == 0] = 1.0
    z = (x - mu) / sd
    w = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    pen[0] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (p - y) + pen * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(pen)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    raw = w / sd
    raw[0] = w[0] - (w[1:] * mu[1:] / sd[1:]).sum()
    return raw


def measure(rows, x, sent, w, threshold: float) -> dict:
    """Sentence-level P/R and the share of correct sentences flagged, counted as bench/typo_eval.py
    does: a sentence is flagged when any finding (GOV102 at ``threshold`` or GOV101/103/104) is, and
    found when one covers a changed character. Swapped pairs keep their fixed score."""
    scores = iter(x @ w if len(x) else ())
    hit = np.zeros(len(rows), dtype=bool)
    flag = np.zeros(len(rows), dtype=bool)
    for k, (_src, changed, other, other_hit, cands) in enumerate(rows):
        for sus in cands:
            v = sus.score if sus.kind == 4 else next(scores)
            if v >= threshold:
                flag[k] = True
                hit[k] |= any(sus.start <= i < sus.end for i in changed)
        flag[k] |= other
        hit[k] |= other_hit
    err = np.array([bool(r[1]) for r in rows])
    tp = int((hit & err).sum())
    flagged = int(flag.sum())
    return {
        "P": tp / flagged if flagged else 0.0,
        "R": tp / err.sum() if err.sum() else 0.0,
        "fp": (flag & ~err).sum() / max(1, (~err).sum()),
        "flagged": flagged,
        "tp": tp,
    }


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = y > 0
    n1, n0 = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)) if n1 and n0 else 0.5


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["dump", "fit"])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/typo_scorer_candidates.pkl"))
    ap.add_argument("--gen-gain", type=float, default=3.0)
    ap.add_argument("--l2", type=float, default=10.0)
    ap.add_argument(
        "--budget",
        type=float,
        default=BUDGET,
        help="share of the correct tuning sentences flagged (default: as many as the weights of f43a8a5)",
    )
    ap.add_argument(
        "--cscd-fp", type=float, default=1.0, help="share of correct CSCD-NS dev sentences flagged"
    )
    ap.add_argument("--threshold", type=float, default=-0.2)
    ap.add_argument("--ngrams", type=Path, help="add NgramFeatures from the tables in this folder")
    args = ap.parse_args()
    if args.command == "dump":
        dump(args.eval, args.cache, args.gen_gain)
        return
    from textlint_gov.typo import features, model
    from textlint_gov.typo.scoring import WEIGHTS

    m = model()
    data = pickle.loads(args.cache.read_bytes())
    extra = NgramFeatures(m, args.ngrams) if args.ngrams else None
    mats = {name: matrix(rows, m, features, extra) for name, rows in data.items()}
    x = np.vstack([mats[n][0] for n in TUNING])
    y = np.concatenate([mats[n][1] for n in TUNING])
    w = fit(x, y, args.l2)
    print(f"# {len(y)} tuning candidates, {int(y.sum())} positive; AUC {auc(x @ w, y):.3f}")
    # the bias: the highest that flags at most --budget of the correct tuning sentences (CSCD-NS dev,
    # acc_xxqg, MiDu extend_train) and, if given, at most --cscd-fp of CSCD-NS dev's
    clean = {n: sum(not r[1] for r in data[n]) for n in TUNING}

    def ok(bias: float) -> bool:
        w2 = w.copy()
        w2[0] += bias
        fp = {n: measure(data[n], mats[n][0], mats[n][2], w2, args.threshold)["fp"] for n in TUNING}
        pooled = sum(fp[n] * clean[n] for n in TUNING) / sum(clean.values())
        return pooled <= args.budget and fp["cscd"] <= args.cscd_fp

    lo, hi = -20.0, 20.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if ok(mid) else (lo, mid)
    w[0] += lo
    print("WEIGHTS = (" + ", ".join(f"{v:.4f}" for v in w) + ")")
    old = np.array(list(WEIGHTS) + [0.0] * (x.shape[1] - len(WEIGHTS)))[: x.shape[1]]
    for name in (*TUNING, *MEASURED):
        xs, ys, sent = mats[name]
        a = measure(data[name], xs, sent, old, args.threshold)
        b = measure(data[name], xs, sent, w, args.threshold)
        tag = "tune" if name in TUNING else "meas"
        print(
            f"{tag} {name:<10} shipped P {a['P']:.3f} R {a['R']:.3f} fp {a['fp']:.2%} | "
            f"new P {b['P']:.3f} R {b['R']:.3f} fp {b['fp']:.2%}"
            + (
                f" | AUC {auc(xs @ old, ys):.3f} -> {auc(xs @ w, ys):.3f}"
                if len(ys) and 0 < ys.sum() < len(ys)
                else ""
            )
        )


if __name__ == "__main__":
    main()
