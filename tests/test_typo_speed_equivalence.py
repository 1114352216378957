"""GOV102's fast paths agree with the plain ones they replace (issue 11, speed).

The detector reads a block of ordinary length at once (``_Grams``: its pairs looked up once and
shared by options, swaps and lattices), segments with written-out dynamic programmes and asks the
protected vocabulary position by position. Each is checked here against the slower form it stands for, on
crafted and random strings: a fast path that drifts changes findings without any test of findings
noticing on its few sentences.
"""

from __future__ import annotations

import random

import pytest

from textlint_gov.typo import detector, guards, model
from textlint_gov.typo.segment import MAX_WORD, NEG

SENTENCES = (
    "发挥好上情下达、下请上传的作用。提高群众的获得感和幸扶感，进一步优化营商环镜。"
    "认真署部安全生产工作，再接再励，业内人事称。凌敏同志、副局长 高诚良出席。"
    "包府办发〔2021〕3号：丰景家庭农场、长顺县代化镇、中美关系、欧阳晓波、凯莉。"
    "以点带面，贯切落实，布署工作，形式与形势，不够不过。"
)
POOL = [*sorted({c for c in SENTENCES if "\u4e00" <= c <= "\u9fff"}), "龘", "，", "A", "3"]


def _random_texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        k = rnd.randrange(0, 60)
        if rnd.random() < 0.5:  # a slice of real text with one character changed
            a = rnd.randrange(len(SENTENCES))
            s = list(SENTENCES[a : a + k])
            if s:
                s[rnd.randrange(len(s))] = rnd.choice(POOL)
            out.append("".join(s))
        else:
            out.append("".join(rnd.choice(POOL) for _ in range(k)))
    return out


def _reference_dp(m, s: str) -> tuple[list[float], list[int], list[float]]:
    """Forward scores, back pointers and backward scores, with the loops over word lengths as the
    docstrings of Model.forward/backward state them."""
    n = len(s)

    def lp(w: str) -> float | None:
        f = m.freq.get(w)
        if len(w) == 1:
            return m.unknown if f is None else m.logp(w)
        return None if f is None else m.logp(w)

    fwd, back = [0.0] + [NEG] * n, [0] * (n + 1)
    for j in range(1, n + 1):
        best, arg = fwd[j - 1] + lp(s[j - 1]), j - 1
        for L in range(2, MAX_WORD + 1):
            if j - L >= 0 and (v := lp(s[j - L : j])) is not None and v + fwd[j - L] > best:
                best, arg = v + fwd[j - L], j - L
        fwd[j], back[j] = best, arg
    bwd = [NEG] * n + [0.0]
    for k in range(n - 1, -1, -1):
        best = bwd[k + 1] + lp(s[k])
        for L in range(2, MAX_WORD + 1):
            if k + L <= n and (v := lp(s[k : k + L])) is not None and v + bwd[k + L] > best:
                best = v + bwd[k + L]
        bwd[k] = best
    return fwd, back, bwd


def test_written_out_segmentation_matches_the_reference_programme():
    m = model()
    for s in [*_random_texts(300, 1), "", "下", "下情", "上情下达", "安全生产工作"]:
        back = [0] * (len(s) + 1)
        fwd = m.forward(s, back)
        ref_fwd, ref_back, ref_bwd = _reference_dp(m, s)
        assert fwd == pytest.approx(ref_fwd, abs=1e-9) and back[1:] == ref_back[1:], s
        assert m.backward(s) == pytest.approx(ref_bwd, abs=1e-9), s


def test_a_block_read_at_once_gives_what_the_chunked_reading_gives(monkeypatch):
    m = model()
    texts = [*_random_texts(300, 2), SENTENCES, SENTENCES * 3]
    whole = [detector.candidates(t) for t in texts]
    for t in texts:  # the options themselves, with and without the shared n-grams
        grams = detector._Grams(m, t)
        assert detector._options(m, t, detector.GEN_GAIN, grams=grams) == detector._options(
            m, t, detector.GEN_GAIN
        )
    monkeypatch.setattr(detector, "WHOLE_MAX", -1)  # every block by chunks, each run's lattice of its own
    monkeypatch.setattr(detector, "_run_memos", {})  # judged again, not remembered
    assert [detector.candidates(t) for t in texts] == whole
    assert any(whole)  # the texts do hold slips and swaps


def test_protected_asked_by_position_equals_the_mask():
    m = model()
    words = frozenset({"下情上传", "安全生产", "生产安全", "布署工作", "再接再励"})
    for s in [*_random_texts(200, 4), "安全生产安全生产工作", SENTENCES]:
        mask = guards._protected(s, words | m.vocab)
        at = guards.protected_at(s, words, m.vocab)
        assert [at[i] for i in range(len(s))] == [bool(x) for x in mask], s


def test_a_full_window_cache_keeps_its_newer_half_and_the_same_results(monkeypatch):
    """Past its bound, a window cache drops its older half (not everything), and what is found does
    not depend on what the cache holds."""
    from textlint_gov.typo import detector

    text = "各单位要认真布署安全生产工作，切实贯切落实责任，确保全年任务圆满完成。" * 3
    expected = [(s.start, s.right) for s in detector.candidates(text)]
    monkeypatch.setattr(detector, "BIGRAM_CACHE_MAX", 8)
    monkeypatch.setattr(detector, "LONGER_CACHE_MAX", 4)
    monkeypatch.setattr(detector, "_bigrams", {})
    monkeypatch.setattr(detector, "_longer", {})
    monkeypatch.setattr(detector, "_run_memos", {})
    for _ in range(3):
        detector._run_memos.clear()  # judged again each time, through the small caches
        assert [(s.start, s.right) for s in detector.candidates(text)] == expected
    cache = next(iter(detector._bigrams.values()))
    assert 0 < len(cache) <= 8 + len(text)
    newest = list(cache)[-1]
    detector._forget_older_half(cache)
    assert list(cache)[-1] == newest


def _judged_runs(monkeypatch) -> list[str]:
    runs: list[str] = []
    real = detector._detect_run

    def counting(m, s, *args, **kw):
        runs.append(s)
        return real(m, s, *args, **kw)

    monkeypatch.setattr(detector, "_detect_run", counting)
    return runs


def test_a_run_judged_in_one_text_is_remembered_for_the_next(monkeypatch):
    monkeypatch.setattr(detector, "_run_memos", {})
    runs = _judged_runs(monkeypatch)
    first = detector.candidates("各单位要认真布署安全生产工作。")
    assert runs == ["各单位要认真布署安全生产工作"]
    again = detector.candidates("通知：各单位要认真布署安全生产工作。")  # the same run, elsewhere
    assert runs == ["各单位要认真布署安全生产工作"]
    assert [(s.start - 3, s.wrong, s.right, s.score) for s in again] == [
        (s.start, s.wrong, s.right, s.score) for s in first
    ]
    assert "部署" in [s.right for s in first]


def test_what_is_remembered_depends_on_the_guards_and_the_users_words(monkeypatch):
    """The same run is judged again when other characters of it are guarded (a 发文字号 code here)
    or with other user words, and each gives what it gives without the memory."""
    texts = [
        ("包府办发〔2021〕3号。", frozenset()),
        ("包府办发。", frozenset()),
        ("发挥好上情下达、下请上传的作用。", frozenset()),
        ("发挥好上情下达、下请上传的作用。", frozenset({"下请上传"})),
    ]
    monkeypatch.setattr(detector, "_run_memos", {})
    remembered = [[(s.start, s.right) for s in detector.candidates(t, w)] for t, w in texts * 2]
    plain = []
    for t, w in texts * 2:
        monkeypatch.setattr(detector, "_run_memos", {})
        plain.append([(s.start, s.right) for s in detector.candidates(t, w)])
    assert remembered == plain
    assert plain[0] == [] and plain[1]  # 包府 is a code before a year only
    assert plain[2] and plain[3] == []


def test_the_run_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(detector, "_run_memos", {})
    monkeypatch.setattr(detector, "RUN_MEMO_MAX", 10)
    monkeypatch.setattr(detector, "RUN_MEMO_CHARS", 100)
    texts = _random_texts(200, 7)
    found = [detector.candidates(t) for t in texts]
    (memo,) = detector._run_memos.values()
    assert len(memo) <= 10 and memo.chars <= 100 + max(map(len, texts))
    assert memo.chars == sum(len(piece) for piece, _ in memo)
    plain = []
    for t in texts:
        monkeypatch.setattr(detector, "_run_memos", {})
        plain.append(detector.candidates(t))
    assert plain == found


def test_threads_sharing_full_caches_find_what_one_thread_finds(monkeypatch):
    """``govlint serve`` lints in a thread pool: the shared caches, kept small here so that they
    are trimmed all the time, neither fail nor change what is found."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    texts = _random_texts(120, 11)
    monkeypatch.setattr(detector, "_run_memos", {})
    expected = []
    for t in texts:
        detector._run_memos.clear()
        expected.append(detector.candidates(t))
    for name, size in (
        ("RUN_MEMO_MAX", 6),
        ("RUN_MEMO_CHARS", 40),
        ("BIGRAM_CACHE_MAX", 10),
        ("LONGER_CACHE_MAX", 4),
    ):
        monkeypatch.setattr(detector, name, size)
    monkeypatch.setattr(detector, "_bigrams", {})
    monkeypatch.setattr(detector, "_longer", {})
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        with ThreadPoolExecutor(4) as pool:
            for _ in range(3):
                assert list(pool.map(detector.candidates, texts)) == expected
    finally:
        sys.setswitchinterval(interval)
