"""Canonical metrics, places, organisations and units (issue #15): specs, data validation, errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pxextract.resolve import Resolver, loader
from pxextract.rules import RulesError, default_rules_dir

# not tests/specs/*.jsonl: test_specs.py reads every jsonl there as extraction cases
SPECS = Path(__file__).parent / "specs" / "canon"


@pytest.fixture(scope="module")
def r():
    return Resolver()


def _spec(name):
    with open(SPECS / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.mark.parametrize("case", _spec("metrics.jsonl"), ids=lambda c: c["input"])
def test_metric_spec(r, case):
    got = r.metric(case["input"])
    assert (got.metric, got.metric_id, got.change) == (case["metric"], case["metric_id"], case["change"]), case["note"]


@pytest.mark.parametrize("case", _spec("places.jsonl"), ids=lambda c: f"{c['input']}@{c['context']}")
def test_place_spec(r, case):
    p = r.place(case["input"], case["context"])
    got = None if p is None else {"code": p.code, "name": p.name, "level": p.level, "parents": [x.name for x in p.parents]}
    want = None if case["code"] is None else {k: case[k] for k in ("code", "name", "level", "parents")}
    assert got == want, case["note"]


def test_county_name_in_two_provinces_needs_the_articles_province(r):
    # 通州区: Beijing (110112) and Nantong, Jiangsu (320612)
    assert r.place("通州区") is None  # never guessed
    assert r.place("通州区", context_province_code="110000").code == "110112"
    assert r.place("通州区", context_province_code="320000").code == "320612"
    assert r.place("通州区", context_province_code="360000") is None  # in neither: still unlinked


def test_short_and_full_forms_are_one_place(r):
    assert r.places.same("海拉尔", "海拉尔区")
    assert r.places.same("萍乡经开区", "萍乡经济开发区")
    assert not r.places.same("萍乡经开区", "萍乡")  # a zone is not its city
    assert r.place("萍乡经开区").parents[0].name == "萍乡市"


def test_metric_never_confuses_related_indicators(r):
    ids = {w: r.metric(w).metric_id for w in ("人均地区生产总值", "地区生产总值", "第一产业增加值", "规模以上工业增加值", "工业增加值")}
    assert len(set(ids.values())) == len(ids), ids


def test_cleaned_metrics_hold_no_debris(r):
    for case in _spec("metrics.jsonl"):
        m = r.metric(case["input"]).metric
        assert not re.search(r"[①-⑳\[\]［］]|（注|\s{2}|^[，、：]|[，、：]$", m), (case["input"], m)


def test_orgs_keys_and_groups(r):
    assert r.org_key("国家发改委") == r.org_key("国家发展改革委") == r.org_key("国家发展和改革委员会") == "国家发展和改革委员会"
    assert r.org_key("中华人民共和国工业和信息化部") == r.org_key("工信部")
    assert r.org_key("一汽-大众 (长春)") == "一汽-大众（长春）"
    g = r.group_orgs(["湖南利钢金属制品有限公司", "湖南", "利钢", "国家发改委", "国家发展和改革委员会"])
    assert g["利钢"] == "湖南利钢金属制品有限公司"
    assert g["国家发展和改革委员会"] == "国家发改委"  # one body, whichever came first
    assert g["湖南"] == "湖南"  # a place is nobody's short name
    # a short name mentioned before the full name, or fitting two full names, stays alone
    assert r.group_orgs(["利钢", "湖南利钢金属制品有限公司"])["利钢"] == "利钢"
    two = r.group_orgs(["江西利钢实业有限公司", "湖南利钢金属制品有限公司", "利钢"])
    assert two["利钢"] == "利钢"
    assert r.group_orgs(["湖南利钢金属制品有限公司", "公司"])["公司"] == "公司"


def test_units_convert_only_between_synonyms(r):
    assert r.units.same("公里", "千米") and r.units.same("公斤", "千克")
    assert r.units.same("平方公里", "平方千米") and r.units.same("平米", "平方米")
    assert not r.units.same("亩", "公顷") and not r.units.same("米", "公里")
    assert r.units.convert(2.0, "平米", "平方米") == 2.0
    assert r.units.convert(2.0, "亩", "公顷") is None
    assert r.unit("元").canonical == "元" and r.unit("千米").canonical == "公里" and r.unit("不存在") is None


# -- validation of the data files ------------------------------------------------------------

def test_every_metric_alias_maps_to_one_id(r):
    seen = {}
    for m in r.metrics.metrics.values():
        for a in m.aliases:
            assert seen.setdefault(a, m.id) == m.id, f"{a} in {seen[a]} and {m.id}"
            assert r.metrics.identify(a) == m.id, a  # every alias resolves to its own row


def test_divisions_codes_and_parents():
    path, rows = loader.table(default_rules_dir(), loader.DIVISIONS)
    codes = {row["code"] for _, row in rows}
    assert len(codes) == len(rows) > 3000
    for n, row in rows:
        assert re.fullmatch(r"\d{6}", row["code"]), f"{path}:{n}"
        assert row["level"] in ("province", "prefecture", "county"), f"{path}:{n}"
        assert (row["level"] == "province") == (row["parent"] == ""), f"{path}:{n}"
        assert not row["parent"] or row["parent"] in codes, f"{path}:{n}: parent {row['parent']}"
        assert not row["parent"] or row["code"][:2] == row["parent"][:2], f"{path}:{n}: outside its province"


def test_zones_and_countries(r):
    _, zones = loader.table(default_rules_dir(), loader.ZONES)
    for n, z in zones:
        if z["kind"] != "suffix":
            assert r.places.division(z["parent"]) is not None, n
            assert r.place(z["name"]).name == z["canonical"], z["name"]
    _, countries = loader.table(default_rules_dir(), loader.COUNTRIES)
    assert all(re.fullmatch(r"[A-Z]{2}", c["code"]) for _, c in countries)
    assert r.place("中国").code == "CN"


def test_every_foreign_region_and_city_has_a_country():
    """Each region/city row of gpe_world.tsv is a country-like territory of countries.tsv (波多黎各, 香港) or a
    row of world_places.tsv whose country is a code of countries.tsv (莫斯科 → RU, 加州 → US)."""
    rules = default_rules_dir()
    _, countries = loader.table(rules, loader.COUNTRIES)
    coded = {c["name"] for _, c in countries} | {a for _, c in countries for a in loader.split_list(c["aliases"])}
    isos = {c["code"] for _, c in countries}
    path, world = loader.table(rules, loader.WORLD_PLACES)
    country = {w["name"]: w["country"] for _, w in world}
    assert len(country) == len(world), "a name twice"
    for n, w in world:
        assert w["kind"] in ("region", "city") and w["country"] in isos, f"{path}:{n}"
    gpe = [ln.split("\t") for ln in (rules / "gazetteers" / "gpe_world.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    for name, _label, kind, full in gpe:
        if kind in ("region", "city") and name not in coded and full not in coded:
            assert name in country, name
    assert (country["莫斯科"], country["加州"], country["东京都"], country["喜马偕尔邦"] if "喜马偕尔邦" in country else "IN") == (
        "RU", "US", "JP", "IN")


def test_org_and_place_words_are_read_from_their_files(r):
    """rules/org_words.tsv and gazetteers/codes/place_words.tsv (issue #14): every kind present,
    and the resolvers use exactly the words of the files."""
    org = loader.words(default_rules_dir(), loader.ORG_WORDS, ("suffix", "generic", "prefix", "company", "expert"))
    place = loader.words(default_rules_dir(), loader.PLACE_WORDS, ("generic", "suffix", "local", "street", "water", "glued", "city"))
    assert all(org.values()) and all(place.values())
    assert r.orgs.generic == frozenset(org["generic"]) and set(r.orgs._suffixes) == set(org["suffix"])
    assert r.places.generic_names == frozenset(place["generic"]) and r.places.local_suffixes == tuple(place["local"]) and r.places.street_words == tuple(place["street"])
    assert "有限公司" in org["suffix"] and "公司" in org["generic"] and "城区" in place["generic"]
    assert r.orgs.distinctive("湖南利钢金属制品有限公司") == "利钢金属制品"
    assert r.place("城区") is None  # a generic division name alone is no place


def test_words_files_change_the_answers(tmp_path):
    """The words come from the files: a generic word removed, a prefix added."""
    d = _copy(tmp_path)
    p = d / "org_words.tsv"
    p.write_text(p.read_text(encoding="utf-8").replace("prefix\t中华人民共和国", "prefix\t中国"), encoding="utf-8")
    res = Resolver(d)
    assert res.org_key("中国工业和信息化部") == res.org_key("工信部")
    assert res.org_key("中华人民共和国工业和信息化部") != res.org_key("工信部")
    p = d / "gazetteers" / "codes" / "place_words.tsv"
    p.write_text(p.read_text(encoding="utf-8").replace("suffix\t市\n", ""), encoding="utf-8")
    assert Resolver().place("成都高新区").name == "成都高新技术产业开发区"
    assert Resolver(d).place("成都高新区").name == "成都市高新技术产业开发区"  # 市 no longer cut


def test_org_aliases_are_unique(r):
    _, rows = loader.table(default_rules_dir(), loader.ORG_ALIASES)
    seen = {}
    for n, row in rows:
        for a in [row["key"]] + loader.split_list(row["aliases"]):
            assert seen.setdefault(a, row["key"]) == row["key"], f"line {n}: {a}"


# -- errors name file and line ---------------------------------------------------------------

def _copy(tmp_path):
    d = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), d)
    return d


@pytest.mark.parametrize(
    "name, edit, message",
    [
        ("metrics.tsv", lambda s: s.replace("id\tzh\ten\tfamily\taliases\tpatterns", "id\tzh\ten\tfamily\taliases\tpatterns\textra"), "unknown: extra"),
        ("metrics.tsv", lambda s: s.replace("id\tzh\ten\tfamily\taliases\tpatterns", "id\tzh\ten\tfamily\taliases"), "missing: patterns"),
        ("metrics.tsv", lambda s: s + "gdp2\t生产总值\tx\tmoney\t\t\n", "already 'gdp'"),
        ("metrics.tsv", lambda s: s + "x1\t某\tx\tweight\t\t\n", "family 'weight'"),
        ("metrics.tsv", lambda s: s + "x2\t某某\tx\tmoney\t\t(unclosed\n", "bad pattern"),
        ("metric_cleaning.tsv", lambda s: s + "change\t猛增\tsideways\t\n", "value up or down"),
        ("unit_canon.tsv", lambda s: s + "市斤\tmass\tkg\t0.5\t\n", "needs a note"),
        ("org_aliases.tsv", lambda s: s + "某委员会\t国家发改委\tgov\t\n", "already an alias"),
        ("gazetteers/codes/zones.tsv", lambda s: s + "某开发区\tzone\t999999\t某开发区\t\n", "not a division code"),
        ("org_words.tsv", lambda s: s.replace("kind\tword\tnote", "kind\tword"), "missing: note"),
        ("org_words.tsv", lambda s: s.replace("kind\tword\tnote", "kind\tnote\tword"), "wrong order"),
        ("org_words.tsv", lambda s: s + "ending\t有限公司\t\n", "kind 'ending'"),
        ("org_words.tsv", lambda s: s + "suffix\t有限公司\t\n", "repeats line"),
        ("org_words.tsv", lambda s: s + "generic\t\tno word\n", "empty word"),
        ("gazetteers/codes/place_words.tsv", lambda s: s.replace("kind\tword\tnote", "kind\tword\tnote\textra"), "unknown: extra"),
        ("gazetteers/codes/place_words.tsv", lambda s: s + "prefix\t大\t\n", "kind 'prefix'"),
        ("gazetteers/codes/place_words.tsv", lambda s: s + "generic\t城区\t\n", "repeats line"),
    ],
)
def test_bad_file_names_file_and_line(tmp_path, name, edit, message):
    d = _copy(tmp_path)
    p = d / name
    p.write_text(edit(p.read_text(encoding="utf-8")), encoding="utf-8")
    res = Resolver(d)
    with pytest.raises(RulesError) as exc:
        res.metric("地区生产总值"), res.place("萍乡"), res.org_key("x"), res.unit("元")
    assert name.split("/")[-1] in str(exc.value) and message in str(exc.value)
    assert re.search(r"\.tsv:\d+:", str(exc.value))


def test_no_imports_from_the_back_half():
    src = Path(__file__).parents[1] / "src" / "pxextract" / "resolve"
    for f in src.glob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"pxextract\.(store|link|pipeline|cli|batch)|from \.\.(store|link|pipeline|cli|batch)", text), f.name
        assert len(text.splitlines()) <= 300, f.name
