"""The prebuilt typo model data (``dictionaries/typo_model.bin``, ``textlint_gov.typo.packed``) and the
lazily loaded segmenter: the same model as built from the text files, never a stale or broken one."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from textlint_gov.typo import data, packed
from textlint_gov.typo.segment import Model


def _same_model(a: Model, b: Model) -> None:
    assert list(a.freq.items()) == list(b.freq.items())
    assert a.logtotal == b.logtotal
    assert a.index.keys() == b.index.keys()
    for at, part in a.index.items():
        assert part.keys() == b.index[at].keys()
        assert [sorted(v) for v in part.values()] == [sorted(b.index[at][k]) for k in part]
    assert a.confusion == b.confusion
    assert [list(r.items()) for r in a.confusion.values()] == [list(r.items()) for r in b.confusion.values()]
    assert a.attested == b.attested and a.vocab == b.vocab


def test_shipped_pack_is_built_from_the_shipped_text_files():
    raw = resources.files("textlint_gov.dictionaries").joinpath(packed.PACK_NAME).read_bytes()
    assert packed.parse(raw, packed.fingerprint(data.RECIPE)) is not None, (
        "typo_model.bin is stale: python tools/build_typo_data.py --pack-only"
    )


def test_model_from_the_pack_is_the_model_built_from_the_text_files():
    p = data._parts_from_sources()
    built = Model(dict(p.freq), p.confusion, data.vocabulary(), p.attested)  # indexes every word itself
    m = data.model()
    _same_model(m, built)
    assert m.weak == p.weak and m.names == p.names == data.place_names() and m.charstats == p.charstats
    assert m.confusable == frozenset(c for c, row in p.confusion.items() if row) - data.FUNCTION_CHARS


def test_prebuilt_index_gets_the_vocabulary_words():
    freq = {"下": 50, "情": 40, "下情": 10, "上传": 3, "上": 60, "传": 30, "施策": 4, "精准": 900}
    base = Model(dict(freq), {}, ()).index
    vocab = ("施策", "精准施策", "上传", "下情")  # raised from 4 and 3, new, already indexed
    with_index = Model(dict(freq), {}, vocab, index={at: dict(part) for at, part in base.items()})
    built = Model(dict(freq), {}, vocab)
    _same_model(with_index, built)
    assert with_index.completions("施?") == "策" and with_index.completions("?准施策") == "精"
    assert with_index.completions("精准?策") == "施" and set(with_index.completions("?传")) == {"上"}
    assert with_index.completions("下?") == "情" and with_index.completions("?署") == ""
    assert with_index.index[2, 0] == {"准": "精", "情": "下", "策": "施", "传": "上"}
    assert base[2, 0] == {"准": "精", "情": "下"}  # the words of freq: 上传 and 施策 are too rare
    assert with_index.freq["施策"] == with_index.freq["精准施策"] == 2000


PARTS = packed.Parts(
    freq={"部署": 1200, "布": 30, "署": 40},
    masked={(2, 0): {"署": "部"}, (2, 1): {"部": "署"}},
    confusion={"布": {"部": 0, "步": 1}, "甲": {}},
    attested=frozenset({"施策"}),
    weak=frozenset({"设区", "视情"}),
    names=frozenset({"偃师", "平潭"}),
    charstats={"部": (10, 5000), "署": (3, 70000)},
)
FP = {"format": packed.FORMAT, "recipe": "test", "files": {"a.txt": [3, 123]}}


def test_dump_and_parse_round_trip():
    raw = packed.dump(PARTS, FP)
    assert packed.parse(raw, FP) == PARTS
    assert packed.dump(PARTS, FP) == raw  # the same data gives the same bytes


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw: raw[:-1],  # truncated
        lambda raw: raw + b"x",  # trailing bytes
        lambda raw: b"not ours\n" + raw,
        lambda raw: raw.replace(b'"recipe": "test"', b'"recipe": "else"'),  # another build
        lambda raw: raw.replace(b"[3, 123]", b"[3, 124]"),  # other source files
        lambda raw: raw.replace(b'["freq.keys", 3,', b'["freq.keys", 4,'),  # counts that do not add up
        lambda raw: raw[: raw.index(b"\n", 20) + 1] + b"\xff" * (len(raw) - raw.index(b"\n", 20) - 1),
        lambda raw: b"",
    ],
    ids=["truncated", "trailing", "foreign", "recipe", "sources", "count", "garbage", "empty"],
)
def test_stale_or_broken_pack_is_not_used(mangle):
    assert packed.parse(mangle(packed.dump(PARTS, FP)), FP) is None


def test_line_breaks_cannot_be_packed():
    with pytest.raises(ValueError):
        packed.dump(PARTS._replace(attested=frozenset({"a\nb"})), FP)


def test_without_a_usable_pack_the_model_is_built_and_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(packed, "PACK_NAME", "no_such_pack.bin")
    assert packed.load(data.RECIPE) is None
    built = data.model.__wrapped__()  # from the text files, then kept in the user's cache
    [cached] = (tmp_path / "govlint").glob("typo-model-*.bin")
    assert not list((tmp_path / "govlint").glob("*.tmp"))
    again = data.model.__wrapped__()  # read from that cache
    _same_model(again, built)
    assert packed.load(data.RECIPE) is not None
    cached.write_bytes(b"garbage")  # an unreadable cache is rebuilt, never an error
    assert packed.load(data.RECIPE) is None
    _same_model(data.model.__wrapped__(), built)
    assert packed.load(data.RECIPE) is not None


def test_unwritable_cache_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder would be
    assert packed.save_cache(PARTS, "test") is None


def test_rjieba_is_imported_only_when_a_rule_segments():
    code = (
        "import sys\n"
        "import textlint_gov.cli\n"
        "from textlint_gov.config import Config\n"
        "Config().rules()\n"
        "assert 'rjieba' not in sys.modules, 'imported at start-up'\n"
        "from textlint_gov.tokens import segmenter\n"
        "assert segmenter().tokenize('部署工作')[0] == ('部署', 0, 2)\n"
        "assert 'rjieba' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_segmenter_without_user_words_is_jiebas_default_dictionary_unchanged_by_user_words():
    import rjieba

    from textlint_gov.tokens import Segmenter, segmenter

    text = "为深入学习贯彻习近平总书记重要讲话精神，进一步做好秋冬季安全生产工作"
    assert segmenter().tokenize(text) == rjieba.Jieba().tokenize(text, "default", True)
    assert segmenter().tag("部署工作") == rjieba.Jieba().tag("部署工作")
    own = Segmenter(["秋冬季安全"])
    assert own.has_word("秋冬季安全")
    assert not segmenter().has_word("秋冬季安全") and not rjieba.has_word("秋冬季安全")
