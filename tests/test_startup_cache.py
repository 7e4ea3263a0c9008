"""Start-up tables cached between runs (issue #13): a stale key or a corrupt file is rebuilt
silently, and the cached tables equal the ones built without a cache."""

import marshal

from pxextract.extract.entities import EntityFinder
from pxextract.extract.entity_tables import _sequences, dictionary_names, gazetteer_sequences
from pxextract.startup_cache import _FORMAT, cached, stored


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_cached_is_built_once_per_key(tmp_path):
    build, calls = _counting({"中国海关": "ORG"})
    ok = lambda v: isinstance(v, dict)  # noqa: E731
    assert cached("t", ["a"], build, ok, tmp_path) == {"中国海关": "ORG"}
    assert cached("t", ["a"], build, ok, tmp_path) == {"中国海关": "ORG"} and len(calls) == 1
    # a stale key (another input: another rules hash, another file's bytes): built again
    f = tmp_path / "input.tsv"
    f.write_text("萍乡\n", encoding="utf-8")
    cached("t", ["a", f], build, ok, tmp_path)
    assert len(calls) == 2
    f.write_text("萍乡市\n", encoding="utf-8")
    from pxextract.startup_cache import file_digest

    file_digest.cache_clear()  # a new process reads the file again
    cached("t", ["a", f], build, ok, tmp_path)
    assert len(calls) == 3 and len(list(tmp_path.glob("t-*.marshal"))) == 3


def test_corrupt_or_invalid_cache_is_rebuilt(tmp_path):
    build, calls = _counting({"中国海关": "ORG"})
    ok = lambda v: isinstance(v, dict) and all(x in ("ORG", "PERSON") for x in v.values())  # noqa: E731
    cached("t", ["a"], build, ok, tmp_path)
    (path,) = tmp_path.glob("t-*.marshal")
    for damage in (b"", b"\x00garbage", path.read_bytes()[:20], marshal.dumps((_FORMAT, {"x": "GPE"})),
                   marshal.dumps((_FORMAT + 1, {"中国海关": "ORG"})), marshal.dumps([1, 2])):
        path.write_bytes(damage)
        n = len(calls)
        assert cached("t", ["a"], build, ok, tmp_path) == {"中国海关": "ORG"}
        assert len(calls) == n + 1  # rebuilt, no traceback
    assert marshal.loads(path.read_bytes()) == (_FORMAT, {"中国海关": "ORG"})  # and stored whole again


def test_unwritable_folder_builds_without_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    build, calls = _counting({"a": "ORG"})
    assert cached("t", ["a"], build, lambda v: True, blocker / "sub") == {"a": "ORG"} and len(calls) == 1


def test_stored_keeps_the_file_format_and_skips_none(tmp_path):
    """The primitive under every start-up cache (segmentation table, NER arrays, entity tables):
    the file holds ``write(value)`` as it is, ``read`` turns it back (None: rebuilt), a None value
    is not stored, and no temporary file is left behind."""
    path = tmp_path / "segmenter-x.marshal"
    read = lambda v: v if isinstance(v, dict) and v.get("format") == 2 else None  # noqa: E731
    assert stored(path, lambda: {"format": 2, "萍乡": "ns"}, read) == {"format": 2, "萍乡": "ns"}
    assert marshal.loads(path.read_bytes()) == {"format": 2, "萍乡": "ns"}
    assert stored(path, lambda: {}, read) == {"format": 2, "萍乡": "ns"}  # from the file
    none = tmp_path / "ner-arrays-x.marshal"
    assert stored(none, lambda: None, lambda v: v) is None and not none.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["segmenter-x.marshal"]


def test_entity_tables_equal_no_cache(extractor, tmp_path, monkeypatch):
    monkeypatch.setenv("PXEXTRACT_CACHE", str(tmp_path))
    nlp, rules = extractor.nlp, extractor.rules
    finder = next(p for n, p in nlp.pipeline if n == "pxextract_entities")
    tags = nlp.tokenizer.segmenter.word_tags()
    plain = _sequences(nlp.tokenizer.words, rules)
    for _ in range(2):  # built and stored, then read back
        assert gazetteer_sequences(nlp, rules) == plain
    built = EntityFinder._dictionary_candidates.__get__(_Finder(rules, tags))()
    assert len(built) > 1000
    for _ in range(2):
        assert dictionary_names(nlp, tags, rules, lambda: dict(built)) == built
    assert len(list(tmp_path.glob("entity-*.marshal"))) == 2
    assert finder is not None
    # another tag table than the segmenter's: built, not cached
    assert dictionary_names(nlp, dict(tags), rules, lambda: {"x": "ORG"}) == {"x": "ORG"}


class _Finder:
    """The attributes ``_dictionary_candidates`` reads."""

    def __init__(self, rules, tags):
        self.tags, self.stop, self.known = tags, rules.entity_stop, {e.name: e.label for e in rules.gazetteer}
        self.org_ends, self.surnames = rules.entity_suffixes.get("ORGEND", ()), rules.surnames
        self.rules = rules  # feature_end, not_feature (h347)
