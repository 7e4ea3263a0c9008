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
        ("units.tsv", "斛\t斛\tWEIGHT\t1\n", "'WEIGHT' is not one of"),
        ("units.tsv", "5G\t个\tCARDINAL\t1\n", "cannot start with a digit"),
        ("magnitudes.tsv", "兆\tabc\n", "not a number"),
        ("numerals.tsv", "十一\t11\tdigit\n", "one character"),
        ("qualifiers.tsv", "大概\tmaybe\tbefore\n", "'maybe' is not one of"),
        ("plan_periods.tsv", "十七五\t2036\t2041\n", "five years"),
        ("link_cues.tsv", "guess\t也许\n", "'guess' is not one of"),
        # unknown or missing columns (once silently dropped or filled)
        ("units.tsv", "斛\t斛\tQUANTITY\t1\tdry measure\textra\n", "unknown extra column"),
        ("numerals.tsv", "卄\t20\n", "missing: kind"),
        ("name_suffixes.tsv", "ORG\t商行\tstop\tnote\n", "unknown extra column"),
        ("date_words.tsv", "season\t春季\n", "'season' is not one of"),
        # cross-file consistency
        ("name_stopwords.tsv", "有限公司\n", "is a suffix in"),
        ("link_cues.tsv", "strip_tail\t大约\t\n", "is a qualifier (qualifiers.tsv)"),
        ("link_cues.tsv", "strip_qualifier\t大概\t\n", "no `before` qualifier of qualifiers.tsv"),
        ("link_cues.tsv", "to_end\t成为\t\n", "is no strip_tail word"),
        ("link_cues.tsv", "level_end\t了\t\n", "is no to_end word"),
        ("link_cues.tsv", "ratio_tail\t率\t\n", "is no strip_tail word"),
        ("magnitudes.tsv", "十千\t100\n", "its numerals (numerals.tsv) read 10000"),
        ("number_words.tsv", "scale_start\t两\n", "is no scale in"),
        ("number_words.tsv", "bare_qualifier\t左右\n", "must be a `before` qualifier"),
        ("number_words.tsv", "firm_unit\t公司\n", "is no unit surface of units.tsv"),
        ("date_words.tsv", "forward\t以后\n", "is no count_before word"),
        ("person_cues.tsv", "书记\tbefore\n", "duplicate entry"),
        ("ner_filters.tsv", "CONTAINS\t碳达峰\n", "duplicate entry"),
        ("ner_filters.tsv", "TRIM_HEAD\t第[一二\n", "bad regular expression"),
        ("name_grammar.tsv", "not_org_body\t苹果\n", "ends in no org_body or org_body_end"),
        ("name_grammar.tsv", "org_body_end\t局长\n", "an org_body_end is one character"),
        ("company_words.tsv", "industry\t集团\n", "no ORG suffix of name_suffixes.tsv"),
        ("company_words.tsv", "industry\t证券\n", "nor listed as firm too"),
        ("company_words.tsv", "banana\t科技\n", "is not one of industry"),
        ("durations.tsv", "天\t小时数\tQUANTITY\t24\n", "is no QUANTITY unit of units.tsv"),
        ("durations.tsv", "周\t天\tQUANTITY\t7\n", "with a second part (factor 1)"),
        ("durations.tsv", "年\t个月\tQUANTITY\t12\n", "duplicate entry '年'"),
    ],
)
def test_bad_rules_file_names_file_and_line(tmp_path, name, line, message):
    d = _broken_copy(tmp_path, name, line)
    with pytest.raises(RulesError) as exc:
        load_rules(d)
    assert name in str(exc.value) and message in str(exc.value)
    assert str(exc.value).split(":")[1].isdigit()  # file:line:


def _rewritten_copy(tmp_path, name, old, new):
    d = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), d)
    path = d / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    load_rules.cache_clear()
    return d


@pytest.mark.parametrize(
    "name, old, new, message",
    [
        # the first line names the columns: a file whose columns changed is not read as before
        ("qualifiers.tsv", "# surface\tqualifier\tposition\tnote", "# surface\tqualifier", "names the columns surface, qualifier"),
        ("gazetteers/person.tsv", "name\tlabel\tkind\tfull", "name\tlabel\tfull", "the header row names the columns"),
        ("number_words.tsv", "article_one\t一\n", "", "no row of kind article_one"),
    ],
)
def test_bad_columns_or_kinds_name_the_file(tmp_path, name, old, new, message):
    d = _rewritten_copy(tmp_path, name, old, new)
    try:
        with pytest.raises(RulesError) as exc:
            load_rules(d)
        assert name.split("/")[-1] in str(exc.value) and message in str(exc.value)
    finally:
        load_rules.cache_clear()


def test_no_word_is_both_a_stop_word_and_a_suffix(rules):
    suffixes = {s for ws in rules.entity_suffixes.values() for s in ws}
    stop_file = default_rules_dir() / "name_stopwords.tsv"
    listed = {line.split("\t")[0] for line in stop_file.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}
    assert not listed & suffixes
    assert "公司" in rules.entity_stop  # a suffix marked alone=stop is a stop word too


def test_magnitudes_agree_with_numerals(rules):
    for word, mult in rules.magnitudes.items():
        if all(ch in rules.numerals for ch in word):
            value = 1
            for ch in word:
                value *= rules.numerals[ch][0]
            assert value == mult, word


def test_linker_qualifiers_come_from_qualifiers_tsv(rules):
    from pxextract.link import Linker

    linker = Linker(rules)
    before = {q for q, v in rules.qualifiers.items() if v.position == "before"}
    assert set(rules.cue("strip_qualifier")) <= before and not set(rules.cue("strip_tail")) & set(rules.qualifiers)
    # the qualifiers read only before a scale (上, 数) are stripped only right before such a figure
    assert before <= set(linker.strip_tail) | set(linker.bare_qualifiers)
    assert set(linker.bare_qualifiers) == set(rules.numbers.bare_qualifier) and not set(linker.bare_qualifiers) & set(linker.strip_tail)
    assert set(linker.after_qualifiers) == {q for q, v in rules.qualifiers.items() if v.position in ("after", "inside")}


def test_every_rules_tsv_names_its_columns_and_readers():
    """Each rules file says what it is, who reads it and its columns (its first line)."""
    names = ("units", "magnitudes", "numerals", "qualifiers", "relative_years", "plan_periods", "period_suffixes",
             "link_cues", "name_suffixes", "name_stopwords", "surnames", "person_cues", "name_grammar", "date_words",
             "number_words", "number_stops", "news_furniture", "ner_filters", "document_words", "company_words",
             "durations")
    for path in (default_rules_dir() / f"{n}.tsv" for n in names):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# "), path.name
        assert "pxextract" in "\n".join(lines[:12]), f"{path.name}: name the module that reads it"


def _chinese_literals() -> list[tuple[str, int]]:
    """(file, line) of every str constant of src/ holding a Han character (U+4E00–U+9FFF) that
    is not a module, class or function docstring."""
    import ast
    import pathlib
    import re

    han = re.compile(r"[\u4e00-\u9fff]")
    src = pathlib.Path(__file__).resolve().parents[1] / "src" / "pxextract"
    out = []
    for p in sorted(src.rglob("*.py")):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        doc = set()
        for n in ast.walk(tree):
            if (isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and n.body
                    and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)):
                doc.add(id(n.body[0].value))
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in doc and han.search(n.value):
                out.append((str(p), n.lineno))
    return out


def test_few_chinese_literals_in_code():
    """Language data lives in rules/ (issue #14): at most 15 Chinese literals in src/, each
    with a comment on its line or the line above saying why it stays in code."""
    found = _chinese_literals()
    uncommented = []
    for path, line in found:
        lines = open(path, encoding="utf-8").read().splitlines()
        if not any("#" in lines[i] for i in (line - 1, line - 2) if 0 <= i < len(lines)):
            uncommented.append(f"{path}:{line}")
    assert len(found) <= 15 and not uncommented, (len(found), uncommented)


def test_extraction_modules_keep_language_data_in_rules():
    """The extraction modules (issue #14's part that is done) hold at most one Chinese literal each
    with its comment."""
    import pathlib

    mine = ("extract/", "link", "ner", "segment.py", "numerals.py", "normalize.py", "spans.py", "rules.py",
            "pipeline.py", "formats.py", "duplicates.py")
    found = [(p, n) for p, n in _chinese_literals() if pathlib.Path(p).as_posix().split("src/pxextract/")[1].startswith(mine)]
    assert len(found) <= 6, found
    for path, line in found:
        lines = open(path, encoding="utf-8").read().splitlines()
        assert any("#" in lines[i] for i in (line - 1, line - 2) if 0 <= i < len(lines)), f"{path}:{line}"


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


def test_after_name_rows_name_org_and_a_unit(tmp_path):
    """number_stops.tsv after_name: a count glued to an organisation's name (中国电科48所) needs
    the surface ORG and its unit; anything else is an error naming the file and line."""
    import shutil

    from pxextract.rules import RulesError, default_rules_dir, load_rules

    d = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), d)
    with open(d / "number_stops.tsv", "a", encoding="utf-8") as f:
        f.write("after_name\tGPE\t所\t\n")
    with pytest.raises(RulesError, match=r"number_stops.tsv:\d+: an after_name row is ORG with its unit"):
        load_rules(d)


def test_in_word_rows_start_with_their_unit(rules):
    """number_stops.tsv in_word (两部分 = two parts, no 两部): each word is longer than its unit, starts
    with it, and the unit is a surface of units.tsv; a word that is a unit itself (克朗) is not listed."""
    rows = rules.number_stops["in_word"]
    assert rows
    for word, unit in rows:
        assert unit in rules.units, (word, unit)
        assert len(word) > len(unit) and word.startswith(unit), (word, unit)
        assert word not in rules.units, word


@pytest.mark.parametrize("line, message", [("surname\t岸\t\n", "a surname is two or three Han characters"),
                                           ("given_end\t文雄\t\n", "a given_end is one Han character")])
def test_japanese_names_rows(tmp_path, line, message):
    """japanese_names.tsv (h342): a surname is two or three Han characters, a given name's end one."""
    d = _broken_copy(tmp_path, "japanese_names.tsv", line)
    with pytest.raises(RulesError, match=message):
        load_rules(d)
