"""tools/fit_typo_weights.py: the logistic fit and the false-alarm budget match (``--match``), on
made-up candidates (no evaluation data read)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "fit_typo_weights.py"


@pytest.fixture(scope="module")
def fitter():
    spec = importlib.util.spec_from_file_location("fit_typo_weights", TOOL)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# sentences 0-3 correct, 4-5 erroneous; one candidate each: (bias, gain)
XS = [(1.0, 0.5), (1.0, 1.0), (1.0, 2.0), (1.0, 3.0), (1.0, 4.0), (1.0, 5.0)]
YS = [0.0, 0.0, 0.0, 0.0, 1.0, 1.0]
SENT = [0, 1, 2, 3, 4, 5]
CLEAN = {0, 1, 2, 3}


def test_flag_rate_counts_correct_sentences_only(fitter):
    # score = gain - 2.5: sentences 3, 4, 5 reach 0; of the correct ones only sentence 3
    assert fitter.flag_rate([-2.5, 1.0], XS, SENT, CLEAN, 0.0) == 0.25
    assert fitter.flag_rate([-10.0, 1.0], XS, SENT, CLEAN, 0.0) == 0.0


def test_match_bias_keeps_the_budget_of_the_old_weights(fitter):
    old = [-2.5, 1.0]  # flags 1 of the 4 correct sentences at threshold 0
    new = [0.0, 2.0]  # would flag all of them
    matched = fitter.match_bias(new, old, XS, SENT, CLEAN, 0.0)
    assert matched[1:] == new[1:]  # only the bias moves
    assert fitter.flag_rate(matched, XS, SENT, CLEAN, 0.0) == 0.25
    assert fitter.flag_rate([matched[0] + 0.1, *matched[1:]], XS, SENT, CLEAN, 0.0) > 0.25


def test_fit_separates_the_positives(fitter):
    w = fitter.fit([list(x) for x in XS], YS)
    scores = [sum(a * b for a, b in zip(w, x)) for x in XS]
    assert min(scores[4:]) > max(scores[:4])
