"""Property tests (hypothesis): no exception on any input, offsets always valid, values finite,
and numeral round trips exact. CI runs the default profile; a long run:
``HYPOTHESIS_PROFILE=long pytest tests/test_properties.py`` (see docs/testing in the README).
"""

from __future__ import annotations

import math
import os
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pxextract.normalize import normalize
from pxextract.numerals import parse_number
from pxextract.rules import load_rules

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=100_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

RULES = load_rules()
DIGITS = "零一二三四五六七八九"
# a grammar-ish generator: pieces of Chinese numerals, units, dates and punctuation glued together
PIECES = list("萍乡市投资亿元万亩增长约近超以上年度今年去年十五四三二一两〇０１２３４５６７８９.%％，。\n\r “”《》-—至到个家人名项倍成") + [
    "个百分点", "平方公里", "“十四五”", "末期", "2021年", "3.5", "1.2万余元", "以下", "左右", "\n\n", "比上年增长",
]
CJK_TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def to_chinese(n: int) -> str:
    """A Chinese numeral for 0 ≤ n < 10^12 (the reference writer the parser must invert)."""
    if n == 0:
        return "零"

    def below_10000(x: int) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, x = divmod(x, value)
            if d:
                if zero:
                    out += "零"
                out += DIGITS[d] + unit
                zero = False
            elif out:
                zero = True
        return out

    parts = []
    for value, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        d, n = divmod(n, value)
        if d:
            parts.append(below_10000(d) + unit)
        elif parts and n:
            parts.append("零")
    text = "".join(parts)
    return text.replace("零零", "零")


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numeral_round_trip(n):
    assert parse_number(to_chinese(n), RULES) == n


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_arabic_round_trip_is_exact(d):
    text = format(d, "f")
    assert parse_number(text, RULES) == Decimal(text)


@given(st.text(max_size=200))
def test_normalize_any_unicode_maps_back(raw):
    view = normalize(raw)
    assert len(view.text) <= len(raw)
    for i in range(len(view.text)):
        a, b = view.to_raw(i, i + 1)
        assert 0 <= a < b <= len(raw)
        assert b - a == 1 and normalize(raw[a]).text == view.text[i]


@given(st.one_of(st.text(max_size=120), CJK_TEXT))
@settings(max_examples=int(os.environ.get("PXEXTRACT_FUZZ_PIPELINE", "60")))
def test_pipeline_never_fails_and_offsets_hold(extractor_session, text):
    rec = extractor_session.record("fuzz", text, {"date": "2022"})
    prev_end = 0
    for s in rec["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(text)
        assert text[s["start"] : s["end"]] == s["text"]
        assert s["start"] >= prev_end
        prev_end = s["end"]
        for key in ("value", "low", "high"):
            if s.get(key) is not None:
                assert math.isfinite(s[key])


@given(st.integers(min_value=1, max_value=10**8), st.sampled_from(["亿元", "万元", "元", "万亩", "家", "个"]))
def test_number_then_unit_always_found(n, unit):
    from pxextract.extract.numbers import NumberGrammar, find_numbers

    g = _grammar()
    for written in (str(n), to_chinese(n)):
        text = f"全市共有{written}{unit}。"
        spans = find_numbers(text, g)
        if written == "一" and len(unit) == 1:
            assert spans == []  # 一 + classifier is an article (guide §3)
            continue
        assert len(spans) == 1 and spans[0].text == f"{written}{unit}"
        mult = {"亿元": 10**8, "万元": 10**4, "万亩": 10**4}.get(unit, 1)
        assert spans[0].attrs["value"] == n * mult


_G = {}


def _grammar():
    from pxextract.extract.numbers import NumberGrammar

    if "g" not in _G:
        _G["g"] = NumberGrammar(RULES)
    return _G["g"]


DATE_PIECES = PIECES + ["年", "十三五", "“十三五”", "时期以来", "过去的", "五个", "周年", "2024-01-05", "二〇二一", "上年", "近年来", "几年", "以来", "12月31日", "前三季度"]
DATE_TEXT = st.lists(st.sampled_from(DATE_PIECES), max_size=60).map("".join)


@given(DATE_TEXT)
def test_windowed_date_matching_equals_a_full_scan(text):
    """find_dates runs its pattern only around anchors (年, plan names, ISO dashes): it must
    find exactly what one scan of the whole text finds."""
    from pxextract.extract.dates import DateGrammar, _windows

    g = _G.setdefault("dates", DateGrammar(RULES))
    full = [m.span() for m in g.pattern.finditer(text)]
    windowed = [m.span() for a, b in _windows(text, g) for m in g.pattern.finditer(text, a, b)]
    assert windowed == full


@given(st.one_of(st.text(max_size=12), st.text(alphabet="0123456789+-±~,.，。/一二三四五六七八九十百千万亿兆拾佰仟零两", max_size=10)))
def test_fast_like_num_answers_as_spacy_does(text):
    """The pipeline's LIKE_NUM getter (compiled once) must agree with spaCy's zh getter."""
    from spacy.lang.zh.lex_attrs import like_num as spacy_like_num

    from pxextract.pipeline import like_num

    assert like_num(text) == spacy_like_num(text)


FOLD_PIECES = list("萍乡市投资亿元增长年月日一二三十百千万12345.%-+_#&abcXYZ，。：；！？（）“”《》、　 \n") + ["“十四五”", "（２０２１年）", "ＧＤＰ", "５０％", "１２．５", "２０２６－０２－０５", "PM2.5", "5G"]


@given(st.lists(st.sampled_from(FOLD_PIECES), max_size=40).map("".join))
def test_tokens_do_not_depend_on_which_text_is_segmented(segmenters, text):
    """The tokenizer segments the raw characters when folding touched only characters jieba never
    joins into words; its tokens must be the ones the folded view gives, for jieba and rjieba."""
    from pxextract.normalize import normalize
    from pxextract.segment import _WIDE_WORD_CHAR, raw_words

    view = normalize(text)
    for seg in segmenters:
        via_view = raw_words(view, seg.cut(view.text))
        if view.folded and _WIDE_WORD_CHAR.search(text) is None:
            assert raw_words(view, seg.cut(view.unfolded()), unfolded=True) == via_view
        assert "".join(via_view) == text
