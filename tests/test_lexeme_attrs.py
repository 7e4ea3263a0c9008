"""pxextract.lexeme_attrs: the pipeline's lexical attribute getters give spaCy's answers (speed, issue #13)."""

from __future__ import annotations

import random
from pathlib import Path

import spacy

from pxextract.lexeme_attrs import fast_getters
from pxextract.pipeline import build_pipeline, like_num
from spacy.lang.zh import lex_attrs as zh_lex_attrs

ROOT = Path(__file__).resolve().parents[1]
_CHARS = "北京市中国ABCabcXyZ0123456789٣²①〇.,，。/:@-+~±_“”‘’'\"`«»()[]{}<>$€¥£ \t\n%#httpswww.com"


def _words() -> list[str]:
    nlp = build_pipeline(model=False)
    words = set()
    for p in sorted((ROOT / "corpus").glob("*.txt")):
        words.update(nlp.tokenizer.words(p.read_text(encoding="utf-8")))
    rng = random.Random(14)
    words.update("".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 12))) for _ in range(20000))
    words.update(chr(c) for c in range(1, 0x30000) if not 0xD800 <= c < 0xE000)  # every character alone
    words.update(("http://x", "https://", "www.a", "www.", "a.b.", ".com", "a@b.com", "x.com/", "gov.cn:80", "北京.中国", "''", "``", "A" * 120))
    return sorted(words)


def test_every_getter_answers_as_spacys():
    spacys = dict(spacy.blank("zh").vocab.lex_attr_getters)
    ours = build_pipeline(model=False).vocab.lex_attr_getters
    assert ours.keys() == spacys.keys()
    assert sum(ours[a] is not spacys[a] for a in spacys) >= 15  # the twins are in place
    words = _words()
    for attr, func in spacys.items():
        if func is zh_lex_attrs.like_num:
            func = like_num  # tested against spaCy's in tests/test_properties.py (the regex per call is slow)
        mine = ours[attr]
        bad = [w for w in words if mine(w) != func(w) or type(mine(w)) is not type(func(w))]
        assert not bad, (attr, bad[:5])


def test_other_getters_stay():
    g = {1: len, 2: zh_lex_attrs.like_num}
    fast_getters(g, {zh_lex_attrs.like_num: like_num})
    assert g == {1: len, 2: like_num}
