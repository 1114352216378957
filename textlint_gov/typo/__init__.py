"""Statistical typo detection over same-sound and similar-shape confusion sets (rule GOV102).

The idea (pycorrector's ConfusionCorrector/ProperCorrector, jieba's unigram model): a character is
suspect when replacing it with a character that sounds or looks the same turns the text around it
into a much more probable segmentation into dictionary words. ``下请上传`` segments into rare single
characters; with 请→情 it contains the word 下情, so the corrected span scores far higher.

Everything here is offline and loaded once, lazily, on the first call of :func:`model`:

* ``dictionaries/typo_words.txt.gz``: jieba's word frequencies (MIT), built by
  ``tools/build_typo_data.py``;
* ``dictionaries/typo_confusion.txt``: same-sound / similar-shape characters (pycorrector data,
  Apache-2.0, plus common 形近字 groups);
* ``dictionaries/typo_vocab.txt``: government vocabulary that must never be "corrected".

The gain of a candidate is the gain in log probability of the best segmentation of a short span
around it, minus a cost for the kind of confusion. Candidates with a gain of at least GEN_GAIN get a
confidence score (a logistic regression over the gain and word/character statistics, WEIGHTS); those
scoring at least the threshold are reported.
"""

from __future__ import annotations

import dataclasses
import gzip
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A run of Han characters longer than this (no punctuation for 2,000 characters: no real sentence)
# is judged in windows of this length, so time and memory per window are bounded (issue 16). Each
# window is read with RUN_PAD characters of the run on either side and keeps the findings of its own
# characters, so a word across a seam is judged as in the whole run.
MAX_RUN = 2000
RUN_PAD = 64
MAX_WORD = 4
SPAN = 4  # characters of context on each side of a candidate word that the local segmentation sees
# cost (natural log units) of each confusion kind: same sound & tone, same sound other tone, shape,
# similar stroke sequence (weaker shape evidence)
COST = (0.0, 1.5, 1.5, 2.0)
KIND_NAMES = ("同音", "音近", "形近", "形近", "颠倒")  # the last: two characters of a word swapped (署部)


@dataclass(frozen=True, slots=True)
class Suspect:
    start: int  # span of the corrected word, relative to the text given
    end: int
    pos: int  # the character judged wrong
    wrong: str  # text[start:end]
    right: str  # the corrected word
    gain: float  # log-probability gain of the correction minus its confusion cost
    kind: int  # index into KIND_NAMES
    score: float = 0.0  # confidence: logit of a logistic model over gain and word/character statistics
    context: tuple[float, ...] = ()  # features read from the surrounding text (see _context)
    doubtful: bool = (
        False  # the written form is attested in the laws corpus, if weakly: report as info at most
    )


class Model:
    def __init__(
        self,
        freq: dict[str, int],
        confusion: dict[str, dict[str, int]],
        vocab: Iterable[str],
        attested: frozenset[str] = frozenset(),
    ) -> None:
        self.freq = freq
        self.attested = attested
        for w in vocab:
            freq[w] = max(freq.get(w, 0), VOCAB_FREQ)
        total = sum(freq.values())
        self.logtotal = math.log(total)
        self.unknown = -self.logtotal  # a character the dictionary does not know: frequency 1
        self.confusion = confusion
        self.vocab = frozenset(vocab)
        # masked index: 下?上 style keys -> the characters that complete a word a correction may produce
        index: dict[str, str] = {}
        for w, n in freq.items():
            if n < TARGET_MIN_FREQ or len(w) < 2:
                continue
            for k in range(len(w)):
                key = w[:k] + "?" + w[k + 1 :]
                index[key] = index.get(key, "") + w[k]
        self.index = index
        self.charstats: dict[
            str, tuple[int, int]
        ] = {}  # char -> (words containing it, their total frequency)
        self.names: frozenset[str] = frozenset()  # division names and stems (place_names())
        self.weak: frozenset[str] = frozenset()  # strings of fewer laws (corpus_strings())

    def logp(self, w: str) -> float | None:
        n = self.freq.get(w)
        return None if n is None else math.log(n) - self.logtotal

    def forward(self, s: str, back: list[int] | None = None) -> list[float]:
        """Best log probabilities of every prefix of ``s`` segmented into dictionary words (unigram;
        an unknown single character has frequency 1). With ``back``, the start of the last word of
        each prefix's best segmentation is written there."""
        freq = self.freq
        lt = self.logtotal
        unknown = self.unknown
        n = len(s)
        fwd = [0.0] + [-1e18] * n
        for j in range(1, n + 1):
            best = -1e18
            arg = j - 1
            for k in range(max(0, j - MAX_WORD), j):
                f = freq.get(s[k:j])
                if f is None:
                    if j - k != 1:
                        continue
                    v = fwd[k] + unknown
                else:
                    v = fwd[k] + math.log(f) - lt
                if v > best:
                    best = v
                    arg = k
            fwd[j] = best
            if back is not None:
                back[j] = arg
        return fwd

    def best(self, s: str) -> float:
        """Log probability of the best segmentation of ``s`` into dictionary words."""
        return self.forward(s)[-1]

    def forward_backward(self, s: str) -> tuple[list[float], list[float]]:
        """Best log probabilities of every prefix (forward) and every suffix (backward) of ``s``."""
        freq = self.freq
        lt = self.logtotal
        unknown = self.unknown
        n = len(s)
        fwd = self.forward(s)
        bwd = [-1e18] * n + [0.0]
        for k in range(n - 1, -1, -1):
            best = -1e18
            for j in range(k + 1, min(n, k + MAX_WORD) + 1):
                f = freq.get(s[k:j])
                if f is None:
                    if j - k != 1:
                        continue
                    v = bwd[j] + unknown
                else:
                    v = bwd[j] + math.log(f) - lt
                if v > best:
                    best = v
            bwd[k] = best
        return fwd, bwd

    def best_replaced(self, s: str, p: int, ch: str, fb: tuple[list[float], list[float]]) -> float:
        """``best(s with s[p] replaced by ch)``, from the forward/backward scores of ``s``: only the
        word covering ``p`` differs between the two segmentations."""
        fwd, bwd = fb
        freq = self.freq
        lt = self.logtotal
        n = len(s)
        best = -1e18
        for x in range(max(0, p - MAX_WORD + 1), p + 1):
            head = s[x:p] + ch
            for y in range(p + 1, min(n, x + MAX_WORD) + 1):
                f = freq.get(head + s[p + 1 : y])
                if f is None:
                    if y - x != 1:
                        continue
                    v = fwd[x] + self.unknown + bwd[y]
                else:
                    v = fwd[x] + math.log(f) - lt + bwd[y]
                if v > best:
                    best = v
        return best

    def segment(self, s: str) -> list[tuple[int, int]]:
        """The (start, end) spans of the best segmentation of ``s``."""
        back = [0] * (len(s) + 1)
        self.forward(s, back)
        out = []
        j = len(s)
        while j > 0:
            out.append((back[j], j))
            j = back[j]
        return out[::-1]


VOCAB_FREQ = 2000
TARGET_MIN_FREQ = 5  # a correction must produce a word at least this frequent
SUSPECT_MAX_FREQ = 3000  # tokens more frequent than this are trusted as written
GEN_GAIN = 3.0  # candidates need at least this segmentation gain; the score decides what is reported
PREFILTER_SLACK = 3.0  # skip a correction whose word is not e^(gain-3) times as frequent as the written one
THRESHOLD = -0.2  # default score to report (rule option ``threshold``)
# Weights of the score, in the order of features(): fitted by tools/fit_typo_weights.py (logistic
# regression) on MiDu preliminary extend_train, CSCD-NS dev and acc_xxqg; never on a test split.
# Score 0 means even odds on the tuning data.
WEIGHTS = (
    -1.738,
    0.363,
    -0.581,
    -0.431,
    0.354,
    2.079,
    0.154,
    0.013,
    0.144,
    -0.054,
    -0.452,
    -0.219,
    0.289,
    -0.102,
    -0.054,
    -0.340,
    -0.061,
    -0.437,
)


def _data(name: str):
    return resources.files("textlint_gov.dictionaries").joinpath(name)


@lru_cache(maxsize=1)
def model() -> Model:
    raw = gzip.decompress(_data("typo_words.txt.gz").read_bytes()).decode("utf-8")
    it = iter(raw.split())
    freq: dict[str, int] = dict(zip(it, map(int, it)))  # the build script keeps freq >= 3 only
    confusion: dict[str, dict[str, int]] = {}
    for line in _data("typo_confusion.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        row: dict[str, int] = {}
        for kind in (3, 2, 1, 0):  # the cheapest kind wins when a character is in several
            for ch in parts[kind + 1] if kind + 1 < len(parts) else "":
                row[ch] = kind
        confusion[parts[0]] = row
    strong, weak = _corpus_sets()
    attested = frozenset(_data("typo_attested.txt").read_text(encoding="utf-8").split()) | strong
    m = Model(freq, confusion, vocabulary(), attested)
    m.weak = weak - attested
    m.names = place_names()
    parts = _data("typo_charstats.txt").read_text(encoding="utf-8").split()
    m.charstats = {parts[i]: (int(parts[i + 1]), int(parts[i + 2])) for i in range(0, len(parts), 3)}
    return m


def _corpus_rows():
    """``(string, instruments, instruments of its most attested one-character correction)`` for each
    string attested in PRC laws and regulations (``typo_corpus.txt``, see the build script)."""
    for line in _data("typo_corpus.txt").read_text(encoding="utf-8").splitlines():
        w, docs, rival = line.split("\t")
        yield w, int(docs), int(rival)


def corpus_strings() -> dict[str, tuple[int, int]]:
    """The laws' strings with their counts (for tools and tests; the model keeps only two sets)."""
    return {w: (docs, rival) for w, docs, rival in _corpus_rows()}


def _corpus_sets() -> tuple[frozenset[str], frozenset[str]]:
    """The laws' strings split into strongly attested ones and the rest, row by row (no table of
    counts kept)."""
    strong: set[str] = set()
    weak: set[str] = set()
    for w, docs, rival in _corpus_rows():
        (strong if _strongly_attested(docs, rival) else weak).add(w)
    return frozenset(strong), frozenset(weak)


def _strongly_attested(docs: int, rival: int) -> bool:
    """A string found in at least 10 laws and regulations and in 20 times as many as its most attested
    one-character correction is right as written: the laws overwhelmingly prefer it. The others (at
    least 3 laws, see the build script: 设区 against 社区, 视情 against 事情) are evidence, not proof:
    a correction of them is reported as info at most."""
    return docs >= CORPUS_STRONG_DOCS and docs >= CORPUS_RIVAL_RATIO * rival


CORPUS_STRONG_DOCS = 10
CORPUS_RIVAL_RATIO = 20


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every administrative division name of China (the 民政部 table of ``textlint_gov.rules._divisions``)
    and its stem without 省/市/县/区/镇/乡/街道: evidence that the characters written there are right.
    A two-character stem counts for provinces, cities and counties only (偃师, 包头, 平潭); the stems of
    the 38,000 towns are kept from three characters up, since two-character ones (下初, 安马) are as
    often the seam of two words. Precomputed in ``typo_places.txt`` (``tools/build_typo_data.py``)."""
    return frozenset(
        n for n in _data("typo_places.txt").read_text(encoding="utf-8").split() if len(n) <= MAX_NAME
    )


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    out = []
    for line in _data("typo_vocab.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.extend(line.split())
    return tuple(out)


def detect(text: str, words: frozenset[str] = frozenset(), threshold: float = THRESHOLD) -> list[Suspect]:
    """Suspected typos in ``text`` whose confidence score reaches ``threshold``, at most one per character."""
    return [sus for sus in candidates(text, words) if sus.score >= threshold]


def candidates(text: str, words: frozenset[str] = frozenset()) -> list[Suspect]:
    """Every candidate correction with a segmentation gain of at least GEN_GAIN, scored (one per character)."""
    m = model()
    out: list[Suspect] = []
    guarded = _guarded(text)
    # A run judged once is not judged again (40,000 copies of one sentence cost one): its result
    # depends only on its text and which of its characters are guarded.
    seen: dict[tuple, list[Suspect]] = {}
    for run in HAN_RUN.finditer(text):
        s = run.group()
        for k in range(0, len(s), MAX_RUN):
            lo = max(0, k - RUN_PAD)
            piece = s[lo : k + MAX_RUN + RUN_PAD]
            base = run.start() + lo
            mine = tuple(i for i in range(len(piece)) if base + i in guarded) if guarded else ()
            key = (piece, mine)
            found = seen.get(key)
            if found is None:
                found = seen[key] = _detect_run(m, piece, 0, words, GEN_GAIN, frozenset(mine))
            first, last = k - lo, k - lo + MAX_RUN  # this window's own characters
            out.extend(
                dataclasses.replace(f, start=f.start + base, end=f.end + base, pos=f.pos + base)
                if base
                else f
                for f in found
                if first <= f.pos < last
            )
    return out


def features(m: Model, sus: Suspect) -> tuple[float, ...]:
    """The inputs of the confidence score (see WEIGHTS and tools/fit_typo_weights.py)."""
    oc = sus.wrong[sus.pos - sus.start]
    rc = sus.right[sus.pos - sus.start]
    freq = m.freq
    po, pfo = m.charstats.get(oc, (0, 0))
    pr, pfr = m.charstats.get(rc, (0, 0))
    n = len(sus.wrong)
    return (
        1.0,
        sus.gain,
        float(sus.kind == 1),
        float(sus.kind >= 2),
        float(n == 3),
        float(n == 4),
        math.log(freq.get(sus.wrong, 0) + 1),
        math.log(freq.get(sus.right, 0) + 1),
        math.log(freq.get(oc, 0) + 1),
        math.log(freq.get(rc, 0) + 1),
        math.log(po + 1),
        math.log(pr + 1),
        math.log(pfo + 1),
        math.log(pfr + 1),
        *sus.context,
    )


def score(m: Model, sus: Suspect) -> float:
    return sum(w * x for w, x in zip(WEIGHTS, features(m, sus)))


def _detect_run(
    m: Model,
    s: str,
    base: int,
    words: frozenset[str],
    threshold: float,
    guarded: frozenset[int] = frozenset(),
) -> list[Suspect]:
    n = len(s)
    if n < 2:
        return []
    freq = m.freq
    segs = m.segment(s)
    suspect_pos: list[int] = []
    single = {a for a, b in segs if b - a == 1}
    for a, b in segs:
        w = s[a:b]
        if freq.get(w, 0) <= SUSPECT_MAX_FREQ or b - a == 1:
            suspect_pos.extend(range(a, b))
    found: list[Suspect] = []
    index = m.index
    confusion = m.confusion
    attested = m.attested
    fb_cache: dict[str, tuple[list[float], list[float]]] = {}

    protected = None
    margin = math.exp(threshold - PREFILTER_SLACK)
    for i in suspect_pos:
        c = s[i]
        if c in FUNCTION_CHARS:
            continue
        conf = confusion.get(c)
        if not conf:
            continue
        best: Suspect | None = None
        for L in range(2, MAX_WORD + 1):
            for a in range(max(0, i - L + 1), min(i, n - L) + 1):
                key = s[a:i] + "?" + s[i + 1 : a + L]
                hits = index.get(key)
                if not hits:
                    continue
                word = s[a : a + L]
                if word in attested:
                    continue
                f_orig = freq.get(word, 0)
                if L >= 3 and f_orig >= TARGET_MIN_FREQ:
                    continue  # an idiom or word as written (以点带面) is not rewritten into another one
                if len(hits) > len(conf):  # walk the shorter of the two (masked keys like 中? have hundreds)
                    pairs = [(ch, kind) for ch, kind in conf.items() if ch in hits]
                else:
                    pairs = [(ch, conf[ch]) for ch in hits if ch in conf]
                for ch, kind in pairs:
                    if ch in FUNCTION_CHARS:
                        continue
                    right = word[: i - a] + ch + word[i - a + 1 :]
                    if freq[right] < f_orig * margin:
                        continue
                    lo = max(0, a - SPAN)
                    hi = min(n, a + L + SPAN)
                    orig = s[lo:hi]
                    fb = fb_cache.get(orig)
                    if fb is None:
                        fb = fb_cache[orig] = m.forward_backward(orig)
                    gain = m.best_replaced(orig, i - lo, ch, fb) - fb[0][-1] - COST[kind]
                    if gain >= threshold and (best is None or gain > best.gain):
                        best = Suspect(base + a, base + a + L, base + i, word, right, gain, kind)
        if best is not None:
            if protected is None:
                protected = _protected(s, words | m.vocab)
            if (
                base + i in guarded
                or protected[i]
                or _in_place_name(m, s, i)
                or _foreign_abbrev(s, i)
                or _name_like(s, i, single)
            ):
                continue
            best = dataclasses.replace(
                best,
                context=_context(m, s, i, single, best.start - base, best.end - base),
                doubtful=best.wrong in m.weak,
            )
            found.append(dataclasses.replace(best, score=score(m, best)))
    alive = [True] * len(found)
    by_start: dict[int, list[int]] = {}
    for j, f in enumerate(found):
        by_start.setdefault(f.start, []).append(j)
    last = -1
    for i in range(n - 1):
        if i <= last:
            continue
        sus = _swapped(m, s, i)
        if sus is None:
            continue
        if protected is None:
            protected = _protected(s, words | m.vocab)
        if any(
            base + k in guarded or _in_place_name(m, s, k) or _name_like(s, k, single) for k in (i, i + 1)
        ):
            continue
        if protected[i] or protected[i + 1]:
            continue
        sus = dataclasses.replace(sus, start=base + i, end=base + i + 2, pos=base + i)
        # the findings overlapping the pair start at most MAX_WORD - 1 characters before it
        near = [j for p in range(sus.start - MAX_WORD + 1, sus.end) for j in by_start.get(p, ())]
        rivals = [
            j for j in sorted(near) if alive[j] and found[j].start < sus.end and sus.start < found[j].end
        ]
        if any(found[j].gain >= sus.gain for j in rivals):
            continue  # a one-character slip explains the text better
        for j in rivals:
            alive[j] = False
        found.append(sus)
        alive.append(True)
        by_start.setdefault(sus.start, []).append(len(found) - 1)
        last = i + 1
    return [f for f, keep in zip(found, alive) if keep]


# Characters that end a place name (塘屿, 金井湾): a pair starting with one is the seam after a name
# (塘屿岛, 金井湾台湾小镇), not a swapped word.
PLACE_END = frozenset("湾屿岛山江河湖海港澳村镇乡县市区州省街路桥溪峰岭洲坑塘礁岙坪洋厝垵")
SWAP_KIND = 4
SWAP_MIN_FREQ = 1000  # the word the two characters make in the other order must be this common (部署)
SWAP_GAIN = 10.0  # and the text around must segment this much (natural log) more probably with it
SWAP_SCORE = 1.0  # a swap is reported as a warning at the default thresholds, never as certain


def _swapped(m: Model, s: str, i: int) -> Suspect | None:
    """Two characters of a common word written the other way round (署部 for 部署): the pair is no
    word and no attested string, the reversed pair is a common word, and the text around it segments
    far more probably with the reversed pair."""
    pair = s[i : i + 2]
    a, b = pair
    if (
        a == b
        or a in FUNCTION_CHARS
        or b in FUNCTION_CHARS
        or a in PLACE_END
        or pair in m.freq
        or pair in m.attested
        or pair in m.weak
    ):
        return None
    right = b + a
    if m.freq.get(right, 0) < SWAP_MIN_FREQ:
        return None
    lo, hi = max(0, i - SPAN), min(len(s), i + 2 + SPAN)
    window = s[lo:hi]
    k = i - lo
    gain = m.best(window[:k] + right + window[k + 2 :]) - m.best(window)
    if gain < SWAP_GAIN:
        return None
    return Suspect(i, i + 2, i, pair, right, gain, SWAP_KIND, SWAP_SCORE)


# Function characters whose mutual confusions (的/地/得, 在/再 ...) need grammar, not word statistics.
FUNCTION_CHARS = frozenset("的地得第在再是了着和与及或之其所以已于为被把从向对")
# One-character country names as used in 中美关系, 愿同智方, 中柬两国: never a typo there.
COUNTRY_ABBREV = frozenset(
    "美俄日韩朝英法德意西葡希柬老越泰缅印巴孟斯尼菲马新澳加墨古智秘阿埃蒙哈乌吉塔土伊叙黎以约沙卡科也苏南非欧荷比瑞丹挪芬波捷匈罗保塞克黑"
)


def _foreign_abbrev(s: str, i: int) -> bool:
    if s[i] not in COUNTRY_ABBREV:
        return False
    before = s[i - 1] if i > 0 else ""
    after = s[i + 1 : i + 3]
    return before in "中同与对和跟" and (
        after[:1] in "方两双" or after in ("关系", "合作", "友好", "建交", "人民")
    )


# Common surnames (《百家姓》 and the 2020 census ranking), without characters that are mostly
# function words (于 何 和 常 ...): a single-character token of these starts a probable name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
    "向易乔赖文庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍韦申尤毕聂焦向柴邢柳岳齐祝"
)
# Characters typical of transliterated foreign names (凯莉, 杰佛逊, 哈瓦娜): two of them in a row are a name.
TRANSLIT = frozenset("娜莉丽妮佛顿伊斯尔特拉德塞森基尼诺罗卡克雷奥蒂夫姆兹瓦洛莱利琳茨索贝迪恩")


def _name_like(s: str, i: int, single: set[int]) -> bool:
    for p in range(max(0, i - 3), i + 1):
        if (
            s[p : p + 2] in COMPOUND_SURNAMES
        ):  # 欧阳晓波, 司马光: the surname and up to two given-name characters
            return True
    for p in (i - 2, i - 1, i):
        if p >= 0 and s[p] in SURNAMES and p in single and (p + 1 in single or p + 1 == i):
            return True
    c = s[i]
    return bool(
        c in TRANSLIT and ((i > 0 and s[i - 1] in TRANSLIT) or (i + 1 < len(s) and s[i + 1] in TRANSLIT))
    )


# Compound surnames of 《百家姓》 still in use (欧阳 司马 上官 ...).
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "司空",
        "夏侯",
        "令狐",
        "独孤",
        "南宫",
        "西门",
        "端木",
        "轩辕",
        "呼延",
        "百里",
        "东郭",
        "闻人",
        "澹台",
        "公冶",
        "太史",
        "申屠",
        "钟离",
        "万俟",
        "拓跋",
        "赫连",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "仲孙",
        "乐正",
        "锺离",
    ]
)
MAX_NAME = 12  # longest division name or stem looked up around a suspect character
# 发文字号: the issuing code right before 〔2021〕/[2021]/（2021） and the number with 号 (包府办发〔2021〕3号)
DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,10})\s*[〔\[［（(【]\s*(?:19|20)\d\d\s*[〕\]］）)】]\s*第?\s*\d+\s*号"
)
# A personal name: the two or three characters before 同志 (凌敏同志), or a name standing alone after a
# role in a list (副局长 高诚良, 副主任：欧阳晓波).
COMRADE = re.compile(r"([\u4e00-\u9fff]{2,3})同志")
LISTED_NAME = re.compile(
    r"(?:长|主任|委员|书记|成员|主席|经理|干事|科员|调研员|秘书|助理|专员|联络员|组员|主管|院士|教授|代表)"
    r"(?:\s*[：:]\s*|\s+)([\u4e00-\u9fff]{2,4})(?=\s|$|[、，,；;）)])"
)

# A trade name (字号) of a registered business: the characters right before 家庭农场, 合作社, 有限公司
# (丰景家庭农场) are chosen, not words.
TRADE_NAME = re.compile(
    r"([\u4e00-\u9fff]{2,4}?)(?=(?:家庭农场|专业合作社|合作社|有限责任公司|股份有限公司|有限公司))"
)


def _guarded(text: str) -> frozenset[int]:
    """Positions that are no words of running text: 发文字号 codes, personal names and trade names (see above)."""
    out: set[int] = set()
    for pattern in (DOC_NUMBER, COMRADE, LISTED_NAME, TRADE_NAME):
        for mo in pattern.finditer(text):
            out.update(range(mo.start(1), mo.end(1)))
    return frozenset(out)


def _in_place_name(m: Model, s: str, i: int) -> bool:
    """``s[i]`` is inside a division name or stem (长顺县代化镇, 包头): never a typo there."""
    names = m.names
    n = len(s)
    for L in range(2, MAX_NAME + 1):
        for k in range(max(0, i - L + 1), min(i, n - L) + 1):
            if s[k : k + L] in names:
                return True
    return False


def _context(m: Model, s: str, i: int, single: set[int], a: int, b: int) -> tuple[float, ...]:
    """How well the written character fits where it stands: the most frequent dictionary word of the
    written text that covers it, whether it stands alone in the best segmentation, whether a surname
    or a transliteration character is next to the span."""
    freq = m.freq
    best = 0
    for L in range(2, MAX_WORD + 1):
        for k in range(max(0, i - L + 1), min(i, len(s) - L) + 1):
            f = freq.get(s[k : k + L], 0)
            if f > best:
                best = f
    near = s[max(0, a - 1) : b + 1]
    return (
        math.log(best + 1),
        float(i in single),
        float(any(c in SURNAMES for c in near)),
        float(sum(c in TRANSLIT for c in near) >= 2),
    )


def _protected(s: str, words: Iterable[str]) -> bytearray:
    """Which characters of ``s`` lie inside an occurrence of one of ``words`` (1) or not (0): a mask,
    so that asking costs the same however many occurrences there are."""
    reach = [0] * (len(s) + 1)  # reach[k]: the farthest end of an occurrence starting at k
    for w in words:
        if len(w) < 2:
            continue
        start = s.find(w)
        while start >= 0:
            if start + len(w) > reach[start]:
                reach[start] = start + len(w)
            start = s.find(w, start + 1)
    out = bytearray(len(s))
    end = 0
    for k in range(len(s)):
        if reach[k] > end:
            end = reach[k]
        if k < end:
            out[k] = 1
    return out


@lru_cache(maxsize=1)
def traditional() -> dict[str, str]:
    """Traditional or variant character -> its one simplified form (OpenCC data, see the build script)."""
    out = {}
    for line in _data("typo_traditional.txt").read_text(encoding="utf-8").splitlines():
        t, _, s = line.partition("\t")
        if t and s:
            out[t] = s
    return out
