"""Typo rules measured on public Chinese spelling-check sets (issue 3).

For each set: sentence-level detection precision / recall / F1 (an erroneous sentence is found only
if a finding overlaps a changed character; a flagged sentence that is not found counts against
precision), character-level detection P/R/F1 (a changed character is detected when a finding covers
it; every covered character that was not changed is a false detection), the false-positive rate on
the correct sentences (share of them with any typo finding) and chars/s (CPU time) of the real engine
(``lint`` on a Document built from each sentence, only the typo rules selected). Then the typo
rules' findings per 10,000 characters on ``clean/gov_documents`` (whole documents, loaded as files).

    python bench/typo_eval.py [--eval DIR] [--sets midu,odw,...] [--limit N] [--show N]

The data stays in ``../shared/eval`` (read only, never copied). Targets (issue 11): MiDu preliminary
val (substitution errors) sentence precision >= 0.90 at recall >= 0.32; CSCD-NS dev precision >= 0.80
with at most 1.5% of correct sentences flagged; acc_rmrb at most 1% flagged.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from textlint_gov.config import Config
from textlint_gov.document import Block, Document
from textlint_gov.engine import lint
from textlint_gov.findings import Severity
from textlint_gov.rules import registry

HERE = Path(__file__).resolve().parent


def _jsonl(path: Path, equal_only: bool = True):
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        s, t = d["source"], d["target"]
        if not equal_only or len(s) == len(t):
            yield s, t


def _tsv(path: Path, src: int, tgt: int):
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) > max(src, tgt) and len(parts[src]) == len(parts[tgt]):
            yield parts[src], parts[tgt]


def _clean(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield line.strip(), line.strip()


SETS = {
    "midu": (
        "MiDu 2022 preliminary val, equal length",
        lambda e: _jsonl(e / "midu2022/ctcdataset/preliminary_val.equal_length.jsonl"),
    ),
    "odw": ("ECSpell odw.train (公文)", lambda e: _tsv(e / "ecspell/odw.train", 1, 2)),
    "nlpcc": ("NLPCC 2023 task 8 dev", lambda e: _tsv(e / "nlpcc2023_task8/data.txt", 0, 1)),
    "cscd": ("CSCD-NS dev", lambda e: _jsonl(e / "cscd_ns/ctcdataset/dev.jsonl")),
    "sighan": (
        "SIGHAN-15 (pycorrector sighan2015_test.tsv)",
        lambda e: _tsv(e / "sighan15/pycorrector/sighan2015_test.tsv", 0, 1),
    ),
    "rmrb": ("clean acc_rmrb.txt (People's Daily)", lambda e: _clean(e / "clean/xxqg_rmrb/acc_rmrb.txt")),
}


def typo_config() -> Config:
    codes = [r.code for r in registry() if r.category == "typo"]
    return Config(select=codes)


def _doc(text: str) -> Document:
    return Document(
        "<sentence>", text, [Block(text, "body", "", [(0, 0, len(text), len(text))])], {"format": "txt"}
    )


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(pairs, config: Config, show: int = 0, min_rank: int = 0) -> dict:
    s_tp = s_flagged = s_err = 0
    c_tp = c_pred = c_gold = 0
    clean = clean_flagged = 0
    chars = 0
    elapsed = 0.0
    shown = 0
    for src, tgt in pairs:
        changed = {i for i, (a, b) in enumerate(zip(src, tgt)) if a != b}
        doc = _doc(src)
        t0 = time.process_time()  # CPU time of this process: one core, whatever else the machine runs
        findings = lint(doc, config)
        elapsed += time.process_time() - t0
        findings = [f for f in findings if f.severity.rank >= min_rank]
        chars += len(src)
        covered: set[int] = set()
        for f in findings:
            covered.update(range(f.start, f.end))
        if changed:
            s_err += 1
            c_gold += len(changed)
        else:
            clean += 1
            clean_flagged += bool(findings)
        if findings:
            s_flagged += 1
            if changed & covered:
                s_tp += 1
            elif shown < show:
                shown += 1
                print(
                    "   FP:",
                    [(f.match, f.suggestion, f.severity.value) for f in findings],
                    [(src[i], tgt[i]) for i in sorted(changed)],
                )
        c_pred += len(covered)
        c_tp += len(changed & covered)
    sp, sr = _ratio(s_tp, s_flagged), _ratio(s_tp, s_err)
    cp, cr = _ratio(c_tp, c_pred), _ratio(c_tp, c_gold)
    return {
        "sentences": s_err + clean,
        "with_error": s_err,
        "found": s_tp,
        "flagged": s_flagged,
        "sent_p": sp,
        "sent_r": sr,
        "sent_f1": _f1(sp, sr),
        "char_p": cp,
        "char_r": cr,
        "char_f1": _f1(cp, cr),
        "fp_rate": _ratio(clean_flagged, clean),
        "clean": clean,
        "clean_flagged": clean_flagged,
        "chars_per_s": chars / elapsed if elapsed else 0.0,
    }


def gov_documents(eval_dir: Path, config: Config) -> None:
    """Typo findings per 10,000 characters on clean published documents, and the speed of the whole
    rule set (default configuration: every rule, typo rules included) on the same files."""
    from textlint_gov.loaders import load

    files = sorted((eval_dir / "clean" / "gov_documents").glob("*.txt"))
    docs = [load(path) for path in files]
    chars = sum(d.text_length for d in docs)
    by_code: dict[str, int] = {}
    info = 0
    for doc in docs:
        for f in lint(doc, config):
            by_code[f.code] = by_code.get(f.code, 0) + 1
            info += f.severity.value == "info"
    n = sum(by_code.values())
    per = n / chars * 10000 if chars else 0.0
    detail = ", ".join(f"{c} {k}" for c, k in sorted(by_code.items()))
    print(
        f"clean/gov_documents: {len(files)} files, {chars:,} chars, typo findings {n} = {per:.3f} per 10,000 chars ({detail});"
        f" warning/error {n - info} = {(n - info) / chars * 10000:.3f} per 10,000 chars"
    )
    everything = Config()
    lint(docs[0], everything)  # warm up every rule's data
    from textlint_gov.typo import detector

    detector._run_memos.clear()  # the runs judged in the pass above: timed as text not seen before
    t0 = time.process_time()
    total = sum(1 for doc in docs for f in lint(doc, everything) if f.category == "typo")
    dt = time.process_time() - t0
    print(
        f"whole rule set (default config) on the same files: {chars / dt:,.0f} chars/s (CPU), typo findings {total}"
    )


_STARTUP = """
import sys
from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import load_bytes
doc = load_bytes("关于做好安全生产工作的通知\\n发挥好上情下达、下请上传的作用，认真部署工作。\\n".encode(), "a.txt")
config = Config(ignore=sys.argv[1:])
lint(doc, config)
"""


def startup() -> None:
    """CPU seconds and peak memory of a fresh process that lints a two-line draft, with every rule
    and with the typo rules ignored (best of three)."""
    import resource
    import subprocess

    def run(ignore: list[str]) -> tuple[float, float]:
        best_cpu, peak = 1e9, 0.0
        for _ in range(3):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-c", _STARTUP, *ignore], check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            best_cpu = min(best_cpu, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            peak = max(peak, after.ru_maxrss / 1024)
        return best_cpu, peak

    without, _ = run([r.code for r in registry() if r.category == "typo"])
    with_typo, peak = run([])
    print(
        f"start-up: lint of a two-line draft in a fresh process {with_typo:.2f} s CPU with every rule, "
        f"{without:.2f} s without the typo rules (+{with_typo - without:.2f} s; target <= +0.5 s); "
        f"peak memory {peak:.0f} MB (target < 300 MB)"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=HERE.parent.parent / "shared" / "eval")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ",".join(SETS))
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences of each set")
    ap.add_argument("--show", type=int, default=0, help="print up to N false detections per set")
    ap.add_argument("--no-docs", action="store_true", help="skip the clean/gov_documents pass")
    ap.add_argument(
        "--min-severity",
        choices=["info", "warning", "error"],
        default="info",
        help="count only findings of at least this severity (default: every finding)",
    )
    ap.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="GOV102's score threshold (rule option; to draw a precision/recall curve, never to tune on a test split)",
    )
    args = ap.parse_args(argv)
    if not args.eval.is_dir():
        print(f"no evaluation data at {args.eval}", file=sys.stderr)
        return 2
    config = typo_config()
    if args.threshold is not None:
        config.rule_options["GOV102"] = {"threshold": args.threshold}
    t0 = time.perf_counter()
    lint(_doc("预热。"), config)  # load the typo data once, outside the timed loop
    print(
        f"typo rules: {', '.join(cr.rule.code for cr in config.rules())}; data loaded in {time.perf_counter() - t0:.2f} s"
    )
    print(
        f"{'set':<46} {'n':>5} {'err':>5} | {'sent P':>6} {'R':>5} {'F1':>5} | {'char P':>6} {'R':>5} {'F1':>5} | {'FP rate':>8} | {'chars/s':>8}"
    )
    for key in args.sets.split(","):
        label, reader = SETS[key]
        pairs = list(reader(args.eval))
        if args.limit:
            pairs = pairs[: args.limit]
        r = evaluate(pairs, config, args.show, Severity(args.min_severity).rank)
        print(
            f"{label:<46} {r['sentences']:>5} {r['with_error']:>5} | {r['sent_p']:>6.3f} {r['sent_r']:>5.3f} {r['sent_f1']:>5.3f}"
            f" | {r['char_p']:>6.3f} {r['char_r']:>5.3f} {r['char_f1']:>5.3f}"
            f" | {r['fp_rate']:>7.2%} ({r['clean_flagged']}/{r['clean']}) | {r['chars_per_s']:>8,.0f}"
        )
    if not args.no_docs:
        gov_documents(args.eval, config)
        startup()
    print(
        "targets: MiDu sentence P >= 0.90 at R >= 0.32; CSCD-NS P >= 0.80, FP rate <= 1.5%; rmrb FP rate <= 1%"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
