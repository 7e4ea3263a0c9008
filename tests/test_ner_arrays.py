"""The NER model's CRF over arrays (:mod:`pxextract.ner_arrays`) gives crfsuite's answers: the
Viterbi path of ``Tagger.tag``, the marginals of ``Tagger.marginal`` and the spans of the string
path, on random and real texts, with the bundled model and with a tiny one trained here; the
trees match brute force; a model the arrays cannot read, words that are not the text's and near
ties fall back to crfsuite (docs/model.md, "Speed: the CRF over arrays")."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pytest

pycrfsuite = pytest.importorskip("pycrfsuite")

from pxextract import ner  # noqa: E402
from pxextract.ner_arrays import CuckooTable, forward_backward_tree, rescale_levels, viterbi_tree  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
POOL = "萍乡市在江西省西部张伟李娜王建国新华社国家统计局的了和是年月日人民政府公司有限集团" "0123456789ABCxyz,.。，、：（）“”《》·-% \n\u3000𠀀😀"


def _brute(S: np.ndarray, T: np.ndarray):
    """The best path and the marginals of a small chain, by enumerating every path."""
    n, L = S.shape
    paths = np.array(list(itertools.product(range(L), repeat=n)))
    score = S[np.arange(n), paths].sum(axis=1) + T[paths[:, :-1], paths[:, 1:]].sum(axis=1)
    w = np.exp(score - score.max())
    marg = np.stack([np.bincount(paths[:, t], weights=w, minlength=L) for t in range(n)])
    return tuple(paths[score.argmax()].tolist()), marg / w.sum()


def test_trees_match_brute_force():
    rng = np.random.default_rng(13)
    for _ in range(300):
        L, n = int(rng.integers(2, 5)), int(rng.integers(1, 9))
        T, S = rng.normal(size=(L, L)) * 3, rng.normal(size=(n, L)) * 3
        path, marg = _brute(S, T)
        y, margin = viterbi_tree(S, T)
        assert tuple(y.tolist()) == path and margin > 0
        alpha, beta = forward_backward_tree(S, np.exp(T), np.arange(n))
        assert np.abs(alpha * beta / (alpha * beta).sum(axis=1, keepdims=True) - marg).max() < 1e-12


def test_long_texts_keep_their_marginals_finite():
    """Vectors passed down the marginals' tree unscaled for rescale_levels(T) levels: on a long
    text with wide scores, the same marginals as scaling every level, no overflow, no NaN."""
    rng = np.random.default_rng(13)
    T = rng.normal(size=(7, 7)) * 6
    S = rng.normal(size=(70_000, 7)) * 15
    at = np.sort(rng.choice(len(S), 500, replace=False))
    got = [forward_backward_tree(S, np.exp(T), at, rescale) for rescale in (1, rescale_levels(T))]
    (a1, b1), (a2, b2) = got
    m1, m2 = a1 * b1 / (a1 * b1).sum(axis=1, keepdims=True), a2 * b2 / (a2 * b2).sum(axis=1, keepdims=True)
    assert np.isfinite(m2).all() and np.abs(m1 - m2).max() < 1e-12


def test_cuckoo_table_finds_every_key_and_no_other():
    rng = np.random.default_rng(13)
    keys = np.unique(rng.integers(0, 1 << 45, 50_000))
    values = rng.integers(0, 1 << 17, len(keys))
    table = CuckooTable(keys, values, -1)
    assert np.array_equal(table.get(keys), values)
    others = np.setdiff1d(rng.integers(0, 1 << 45, 20_000), keys)
    assert (table.get(others) == -1).all()


def _random_text(rng: random.Random) -> tuple[str, list[str]]:
    text = "".join(rng.choice(POOL) for _ in range(rng.randint(1, 120)))
    words, i = [], 0
    while i < len(text):
        k = rng.randint(1, 4)
        words.append(text[i : i + k])
        i += k
    return text, words


def _texts(rng: random.Random, n_random: int):
    """Random texts with random words, then the corpus articles cut by the pipeline's segmenter."""
    from pxextract.segment import Segmenter

    for _ in range(n_random):
        yield _random_text(rng)
    seg = Segmenter.from_rules()
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = ner.fold(path.read_text(encoding="utf-8"))
        yield text, seg.cut(text)


def _assert_same_as_crfsuite(model: ner.NerModel, tags: dict[str, str], texts) -> int:
    """Arrays and crfsuite agree on each text: path, marginals of the path, spans; returns the
    number of characters compared."""
    arrays, compared = model._arrays, 0
    assert arrays is not None
    for text, words in texts:
        ref = model.tagger.tag(model.items(text, words, tags))
        assert model.tag(text, words, tags) == ref
        S = arrays.scores(text, words, tags)
        y = arrays.viterbi(S)
        assert [model._labels[i] for i in y.tolist()] == ref
        at = np.arange(len(text))
        got = arrays.marginals(S, y, at)
        want = np.array([model.tagger.marginal(ref[i], i) for i in range(len(text))])
        assert np.abs(got - want).max() < 1e-9
        fast = model.spans(text, words, tags, ner.MIN_PROB)
        model._arrays = None
        try:
            assert fast == model.spans(text, words, tags, ner.MIN_PROB)
        finally:
            model._arrays = arrays
        compared += len(text)
    return compared


@pytest.fixture(scope="module")
def tags():
    from pxextract.segment import Segmenter

    return Segmenter.from_rules().word_tags()


@pytest.mark.slow  # 150 texts through both paths (3 s); the tiny model's check below stays in the quick loop
def test_bundled_model_arrays_equal_crfsuite(tags):
    if not ner.MODEL_PATH.is_file():
        pytest.skip("no bundled model")
    model = ner.NerModel(ner.MODEL_PATH)
    assert _assert_same_as_crfsuite(model, tags, _texts(random.Random(13), 150)) > 5000


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    rng = random.Random(13)
    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(200):
        text, words = _random_text(rng)
        pos, tag = ner.word_positions(words, {})
        y = [rng.choice(labels[:1] * 4 + labels[1:]) for _ in text]
        y = [lab if lab == "O" or i == 0 or y[i - 1] == "O" else "I-" + y[i - 1][2:] for i, lab in enumerate(y)]
        trainer.append(ner.features(text, pos, tag), y)
    trainer.set_params({"max_iterations": 20, "feature.possible_transitions": True})
    path = tmp_path_factory.mktemp("arrays") / "tiny.crfsuite"
    trainer.train(str(path))
    return path


def test_tiny_model_arrays_equal_crfsuite(tiny_model):
    model = ner.NerModel(tiny_model)
    assert _assert_same_as_crfsuite(model, {}, _texts(random.Random(7), 300)) > 10_000


def test_foreign_attributes_and_foreign_words_fall_back(tmp_path):
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, y in (("张伟在萍乡", ["B-PER", "I-PER", "O", "B-LOC", "I-LOC"]), ("新华社电", ["B-ORG", "I-ORG", "I-ORG", "O"])):
        trainer.append([[f"x={c}"] for c in text], y)
    trainer.set_params({"max_iterations": 10})
    path = tmp_path / "foreign.crfsuite"
    trainer.train(str(path))
    model = ner.NerModel(path)
    assert model._arrays is None  # attributes that are not features()'s: crfsuite's string path
    assert isinstance(model.spans("张伟在萍乡", ["张伟", "在", "萍乡"], {}, ner.MIN_PROB), list)
    bundled = ner.NerModel(ner.MODEL_PATH) if ner.MODEL_PATH.is_file() else None
    if bundled is not None:  # words that do not make up the text: no arrays, crfsuite as before
        assert bundled._array_path("张伟在萍乡", ["张伟", "在"], {}) is None
        assert bundled.spans("张伟在萍乡", ["张伟", "在"], {}) == bundled.spans("张伟在萍乡", ["张伟", "在"], {})


def test_near_tie_falls_back(tiny_model):
    model = ner.NerModel(tiny_model)
    arrays = model._arrays
    S = np.zeros((6, len(arrays.labels)))
    saved = arrays.T
    arrays.T = np.zeros_like(saved)  # every path scores 0: a tie everywhere
    try:
        assert arrays.viterbi(S) is None
    finally:
        arrays.T = saved


def test_arrays_cache_round_trip_and_bad_cache_rebuilt(tmp_path, monkeypatch):
    """The model's arrays come back from the cache equal to the ones built from the file; a
    damaged cache file is rebuilt, never used, and a cache folder that cannot be written changes
    nothing (issue #13: start-up with a warm cache)."""
    import numpy as np

    from pxextract import ner, ner_cache
    from pxextract.ner_features import file_hash

    monkeypatch.setenv("PXEXTRACT_CACHE", str(tmp_path))
    labels = ner.NerModel(ner.MODEL_PATH).tagger.labels()
    digest = file_hash(ner.MODEL_PATH)
    built = ner_cache.cached_arrays(ner.MODEL_PATH, digest, labels)  # builds and writes the cache
    (cached,) = tmp_path.glob("ner-arrays-*.marshal")
    again = ner_cache.cached_arrays(ner.MODEL_PATH, digest, labels)  # read back
    for name, value in vars(built).items():
        other = vars(again)[name]
        if isinstance(value, np.ndarray):
            assert value.dtype == other.dtype and np.array_equal(value, other), name
        elif name == "ngrams":
            assert all(np.array_equal(getattr(value, k), getattr(other, k)) for k in ("mult", "table")), name
        else:
            assert value == other, name
    cached.write_bytes(b"\x00garbage")
    assert ner_cache.cached_arrays(ner.MODEL_PATH, digest, labels) is not None  # rebuilt
    assert cached.read_bytes() != b"\x00garbage"
    monkeypatch.setenv("PXEXTRACT_CACHE", str(tmp_path / "file"))
    (tmp_path / "file").write_text("not a folder")
    assert ner_cache.cached_arrays(ner.MODEL_PATH, digest, labels) is not None
