"""The GOV102 scorer experiment of issue 11: tools/build_typo_ngrams.py (n-gram tables) and
tools/fit_typo_scorer.py (offline measure, fit, extra n-gram features), on made-up data only (no
evaluation set or corpus read)."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np  # the tools use numpy (training only: the test extra, never at run time)
import pytest

from textlint_gov.typo.scoring import Suspect

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def build():
    return _load("build_typo_ngrams")


@pytest.fixture(scope="module")
def fitter():
    return _load("fit_typo_scorer")


LAW = "---\ntitle: 条例\n---\n# 第一章 总则\n部署工作，认真部署。\n部署到位。\n"


@pytest.fixture
def tables(tmp_path, build):
    laws = tmp_path / "laws"
    laws.mkdir()
    (laws / "a.md").write_text(LAW, encoding="utf-8")
    data = tmp_path / "p2h"
    data.mkdir()
    trans = {"部": {"default": 1e-6, "署": 0.5}, "布": {"default": 1e-6, "置": 0.4}}
    (data / "hmm_transition.json").write_text(json.dumps({"data": trans}), encoding="utf-8")
    (data / "hmm_start.json").write_text(json.dumps({"data": {"部": 0.01, "布": 0.001}}), encoding="utf-8")
    out = tmp_path / "tables"
    out.mkdir()
    build.ngrams(build.codes(laws), out / "typo_scorer_ngrams.bin", min2=2, min3=2)
    build.pinyin2hanzi(data, out / "typo_scorer_bigrams.bin")
    return out


def _key(*chars: str) -> int:
    k = 0
    for c in chars:
        k = (k << 15) | (ord(c) - 0x4DFF)
    return k


def test_ngram_table_counts_the_laws_text_without_headings(tables, fitter):
    m = SimpleNamespace(freq={}, attested=frozenset(), weak=frozenset())
    f = fitter.NgramFeatures(m, tables)
    assert f.count(_key("部", "署")) == pytest.approx(3, rel=0.05)  # three times in the body
    assert f.count(_key("部")) == pytest.approx(3, rel=0.05)
    assert f.count(_key("章")) == 0  # the heading is left out
    assert f.count(_key("题")) == 0  # and the front matter
    assert f.count(_key("部", "署", "工")) == 0  # a trigram seen once: pruned at min3=2
    assert f.count(_key("认", "真")) == 0  # a bigram seen once: pruned at min2=2
    assert f.ln1(_key("部", "署")) == round(16 * math.log(4)) / 16


def test_general_bigrams_keep_probabilities_and_row_defaults(tables, fitter):
    m = SimpleNamespace(freq={}, attested=frozenset(), weak=frozenset())
    f = fitter.NgramFeatures(m, tables)
    assert f.p2h(_key("部", "署"), 0.0) == round(-8 * math.log(0.5)) / -8
    assert f.p2h(_key("部") << 15, 0.0) == round(-8 * math.log(1e-6)) / -8  # the row's default
    assert f.p2h(_key("部"), 0.0) == round(-8 * math.log(0.01)) / -8  # P(first character)
    assert f.p2h(_key("署", "部"), 7.0) == 7.0  # absent


def test_ngram_features_favour_the_correction_the_laws_use(tables, fitter):
    m = SimpleNamespace(freq={"部署": 100}, attested=frozenset({"部署"}), weak=frozenset())
    f = fitter.NgramFeatures(m, tables)
    src = "认真布署工作"
    sus = Suspect(2, 4, 2, "布署", "部署", 5.0, 0)
    values = dict(zip(f.NAMES, f(src, sus)))
    assert values["dR"] > 0  # 部署 is in the laws, 布署 is not
    assert values["lm"] > 0
    assert values["p2hR"] > 0  # P(署 | 部) against the unseen P(署 | 布)
    assert values["isword"] == 0.0 and values["attested"] == 1.0
    assert values["start"] == 0.0 and values["end"] == 0.0
    edge = dict(zip(f.NAMES, f("布署", Suspect(0, 2, 0, "布署", "部署", 5.0, 0))))
    assert edge["start"] == 1.0 and edge["end"] == 1.0


def _rows():
    """(src, changed, other rule flagged, other rule hit, candidates) as the dump keeps them."""
    return [
        ("甲乙丙", frozenset(), False, False, [Suspect(0, 2, 0, "甲乙", "甲已", 4.0, 0)]),  # clean
        ("丁戊己", frozenset(), True, False, []),  # clean, flagged by another rule
        ("庚辛壬", frozenset({1}), False, False, [Suspect(0, 2, 1, "庚辛", "庚新", 6.0, 0)]),  # found
        ("癸子丑", frozenset({2}), False, False, [Suspect(0, 2, 0, "癸子", "葵子", 6.0, 0)]),  # wrong place
        ("寅卯辰", frozenset({0}), True, True, []),  # found by another rule
        ("巳午未", frozenset({0}), False, False, [Suspect(0, 2, 0, "巳午", "午巳", 10.0, 4, 1.0)]),  # swap
    ]


def test_measure_counts_as_the_bench_does(fitter):
    rows = _rows()
    x = np.array([[1.0, 4.0], [1.0, 6.0], [1.0, 6.0]])  # the three scored candidates, in order
    sent = np.array([0, 2, 3])
    r = fitter.measure(rows, x, sent, np.array([-5.0, 1.0]), 0.0)  # score = gain - 5
    # flagged: 1 (other rule), 2, 3, 4 (other rule), 5 (swap at its fixed score 1.0); found: 2, 4, 5
    assert r["flagged"] == 5 and r["tp"] == 3
    assert r["P"] == pytest.approx(3 / 5) and r["R"] == pytest.approx(3 / 4)
    assert r["fp"] == pytest.approx(1 / 2)
    r = fitter.measure(rows, x, sent, np.array([-3.0, 1.0]), 0.0)  # now sentence 0 too
    assert r["fp"] == 1.0


def test_matrix_leaves_swaps_out_and_labels_by_overlap(fitter):
    m = SimpleNamespace()
    x, y, sent = fitter.matrix(_rows(), m, lambda m, s: (1.0, s.gain), lambda src, s: (float(len(src)),))
    assert x.tolist() == [[1.0, 4.0, 3.0], [1.0, 6.0, 3.0], [1.0, 6.0, 3.0]]
    assert y.tolist() == [0.0, 1.0, 0.0] and sent.tolist() == [0, 2, 3]


def test_fit_separates_and_auc_ranks(fitter):
    x = np.array([[1.0, g] for g in (0.5, 1.0, 2.0, 3.0, 4.0, 5.0)])
    y = np.array([0.0, 0.0, 0.0, 1.0, 0.0, 1.0])
    w = fitter.fit(x, y, l2=1.0)
    assert w[1] > 0
    assert fitter.auc(x @ w, y) == pytest.approx(fitter.auc(x[:, 1], y))
    assert fitter.auc(np.array([1.0, 2.0]), np.array([0.0, 1.0])) == 1.0
    assert fitter.auc(np.array([2.0, 1.0]), np.array([0.0, 1.0])) == 0.0
