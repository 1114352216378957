"""The confidence score of a candidate correction: a logistic regression over the segmentation
gain and word/character statistics (weights fitted by ``tools/fit_typo_scorer.py``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from textlint_gov.typo.guards import SURNAMES, TRANSLIT
from textlint_gov.typo.segment import MAX_WORD, Model

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


THRESHOLD = -0.2  # default score to report (rule option ``threshold``)
# Weights of the score, in the order of features(): fitted by tools/fit_typo_scorer.py (logistic
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


def features(m: Model, sus: Suspect) -> tuple[float, ...]:
    """The inputs of the confidence score (see WEIGHTS and tools/fit_typo_scorer.py)."""
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
