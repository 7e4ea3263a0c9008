"""Every rules file loads and validates; numerals agree with Unicode; bad files are named."""

from __future__ import annotations

import shutil
import unicodedata

import pytest

from pxextract.rules import LABELS_NAMES, LABELS_NUMERIC, RulesError, default_rules_dir, load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_every_rules_file_loads(rules):
    assert rules.units and rules.magnitudes and rules.numerals and rules.qualifiers
    assert rules.relative_years and rules.plan_periods and rules.cues
    assert all(u.label in LABELS_NUMERIC for u in rules.units.values())
    assert all(e.label in LABELS_NAMES for e in rules.gazetteer)


def test_numeral_digits_agree_with_unicode(rules):
    # JIONLP once mapped full-width １ to 0; a check against unicodedata catches such typos
    for ch, (value, kind) in rules.numerals.items():
        uni = unicodedata.numeric(ch, None)
        if uni is not None:
            assert uni == value, f"{ch}: rules say {value}, Unicode says {uni}"


def test_magnitudes_are_powers_of_ten(rules):
    for word, mult in rules.magnitudes.items():
        assert mult == 10 ** (len(str(int(mult))) - 1), word


def test_plan_periods_are_consecutive(rules):
    years = sorted(rules.plan_periods.values())
    for (a0, a1), (b0, b1) in zip(years[5:], years[6:]):  # from the 6th plan on they follow each other
        assert b0 == a1 + 1


def test_units_have_base_units_without_magnitude(rules):
    for surface, unit in rules.units.items():
        assert not unit.unit.startswith(("万", "亿")), surface


def test_gazetteer_has_no_generic_words(rules):
    names = {e.name for e in rules.gazetteer}
    for generic in ("全国", "全省", "全市", "我国", "市委", "省委", "园区", "政府"):
        assert generic not in names


def _broken_copy(tmp_path, name, line):
    d = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), d)
    with open(d / name, "a", encoding="utf-8") as f:
        f.write(line)
    load_rules.cache_clear()
    return d


@pytest.mark.parametrize(
    "name, line, message",
    [
        ("units.tsv", "元\t元\tMONEY\t1\n", "duplicate entry '元'"),
        ("units.tsv", "磅\t磅\tWEIGHT\t1\n", "'WEIGHT' is not one of"),
        ("units.tsv", "5G\t个\tCARDINAL\t1\n", "cannot start with a digit"),
        ("magnitudes.tsv", "兆\tabc\n", "not a number"),
        ("numerals.tsv", "十一\t11\tdigit\n", "one character"),
        ("qualifiers.tsv", "大概\tmaybe\tbefore\n", "'maybe' is not one of"),
        ("plan_periods.tsv", "十七五\t2036\t2041\n", "five years"),
        ("link_cues.tsv", "guess\t也许\n", "'guess' is not one of"),
    ],
)
def test_bad_rules_file_names_file_and_line(tmp_path, name, line, message):
    d = _broken_copy(tmp_path, name, line)
    with pytest.raises(RulesError) as exc:
        load_rules(d)
    assert name in str(exc.value) and message in str(exc.value)
    assert str(exc.value).split(":")[1].isdigit()  # file:line:


def test_rules_are_data_not_code(tmp_path):
    d = _broken_copy(tmp_path, "units.tsv", "__import__('os').system('false')\t元\tMONEY\t1\n")
    rules = load_rules(d)  # loads as a harmless (odd) surface string; nothing is executed
    assert "__import__('os').system('false')" in rules.units


def test_entity_patterns_file_is_valid():
    from pxextract.rules import load_jsonl_patterns

    patterns = load_jsonl_patterns(default_rules_dir() / "entity_patterns.jsonl")
    assert patterns and all(p["label"] in LABELS_NAMES for p in patterns)


def test_bad_entity_pattern_names_file_and_line(tmp_path):
    from pxextract.pipeline import Extractor

    d = _broken_copy(tmp_path, "entity_patterns.jsonl", '{"label": "ORG", "pattern": [{"TEXT": {"REGEX": "("}}]}\n')
    with pytest.raises(RulesError) as exc:
        Extractor(d)
    assert "entity_patterns.jsonl:" in str(exc.value) and "bad pattern" in str(exc.value)
