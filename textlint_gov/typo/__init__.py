"""Statistical typo detection over same-sound and similar-shape confusion sets (rule GOV102).

The idea (pycorrector's ConfusionCorrector/ProperCorrector, jieba's unigram model): a character is
suspect when replacing it with a character that sounds or looks the same turns the text around it
into a much more probable segmentation into dictionary words. Everything is offline and loaded once,
lazily, on the first call of :func:`model`. The package is split by concern:

* :mod:`.data`: the shipped data files and :func:`model`;
* :mod:`.segment`: the unigram word model, segmentation forward and backward, one-character rescoring;
* :mod:`.detector`: candidate generation (confusable replacements, swapped pairs) over runs of Han text;
* :mod:`.scoring`: the confidence score (a logistic regression, ``WEIGHTS``) and its features;
* :mod:`.guards`: what is taken as written right (names, places, document numbers, vocabulary).

The gain of a candidate is the gain in log probability of the best segmentation of its run with the
character replaced, minus a cost for the kind of confusion. Candidates with a gain of at least
GEN_GAIN get a confidence score; those scoring at least the threshold are reported.
"""

from __future__ import annotations

from textlint_gov.typo.data import (
    CORPUS_RIVAL_RATIO,
    CORPUS_STRONG_DOCS,
    FUNCTION_CHARS,
    MAX_NAME,
    corpus_strings,
    model,
    place_names,
    traditional,
    vocabulary,
)
from textlint_gov.typo.detector import (
    COST,
    GEN_GAIN,
    HAN_RUN,
    MAX_RUN,
    PREFILTER_SLACK,
    RUN_PAD,
    SPAN,
    SUSPECT_MAX_FREQ,
    SWAP_GAIN,
    SWAP_KIND,
    SWAP_MIN_FREQ,
    SWAP_SCORE,
    _detect_run,
    _swapped,
    candidates,
    detect,
)
from textlint_gov.typo.guards import (
    COMPOUND_SURNAMES,
    COUNTRY_ABBREV,
    PLACE_END,
    SURNAMES,
    TRANSLIT,
    _guarded,
    _in_place_name,
    _name_like,
    _protected,
)
from textlint_gov.typo.scoring import KIND_NAMES, THRESHOLD, WEIGHTS, Suspect, features, score
from textlint_gov.typo.segment import MAX_WORD, TARGET_MIN_FREQ, VOCAB_FREQ, Model

__all__ = [
    "COMPOUND_SURNAMES",
    "CORPUS_RIVAL_RATIO",
    "CORPUS_STRONG_DOCS",
    "COST",
    "COUNTRY_ABBREV",
    "FUNCTION_CHARS",
    "GEN_GAIN",
    "HAN_RUN",
    "KIND_NAMES",
    "MAX_NAME",
    "MAX_RUN",
    "MAX_WORD",
    "PLACE_END",
    "PREFILTER_SLACK",
    "RUN_PAD",
    "SPAN",
    "SURNAMES",
    "SUSPECT_MAX_FREQ",
    "SWAP_GAIN",
    "SWAP_KIND",
    "SWAP_MIN_FREQ",
    "SWAP_SCORE",
    "TARGET_MIN_FREQ",
    "THRESHOLD",
    "TRANSLIT",
    "VOCAB_FREQ",
    "WEIGHTS",
    "Model",
    "Suspect",
    "_detect_run",
    "_guarded",
    "_in_place_name",
    "_name_like",
    "_protected",
    "_swapped",
    "candidates",
    "corpus_strings",
    "detect",
    "features",
    "model",
    "place_names",
    "score",
    "traditional",
    "vocabulary",
]
