"""A body's unit is not its fuller name (issue #15, h283): of the longer names an article writes that start with a
body's name, those that add a unit (人民银行 → 人民银行营业管理部, 清华大学 → 清华大学保卫部, 某某集团 → 某某集团财务公司)
are another body, not the body's fullest form; a legal form or a descriptor (利钢 → 利钢金属制品有限公司, 海港企业 →
海港企业集团) is the same body. Words: ``rules/link_cues.tsv`` unit_form_end, unit_word_end, legal_tail, and the ORG
suffixes of ``name_suffixes.tsv``."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .rules import load_rules


@lru_cache(maxsize=4)
def _words(rules_dir: Path | None) -> tuple[tuple[str, ...], ...]:
    r = load_rules(rules_dir)
    return r.cue("unit_form_end"), r.cue("unit_word_end"), r.cue("legal_tail"), tuple(r.entity_suffixes.get("ORG", ()))


def unit_of(name: str, longer: str, rules_dir: Path | None = None) -> bool:
    """Whether ``longer`` (which starts with ``name``) names a unit of ``name`` or another body, not its fuller name.

    >>> unit_of("人民银行", "人民银行营业管理部"), unit_of("利钢", "利钢金属制品有限公司"), unit_of("协和", "协和医院")
    (True, False, False)
    >>> unit_of("某某集团", "某某集团财务公司"), unit_of("某某集团", "某某集团股份有限公司"), unit_of("陕汽", "陕汽汽车总装配厂")
    (True, False, True)
    >>> unit_of("申花", "申花足球俱乐部")  # a club's full name, not a 部
    False
    """
    forms, words, legal, org_ends = _words(rules_dir)
    ext = longer[len(name):]
    if not ext or ext.endswith(forms):
        return bool(ext)  # 分行, 党委, 营业部
    rest = ext
    while (w := next((x for x in legal if rest.endswith(x)), None)) is not None and rest:
        rest = rest[: -len(w)]
    if name.endswith(org_ends):
        return bool(rest)  # a full body's name adds only a legal form: 中国光大银行股份有限公司
    if rest != ext:
        return False  # ends in a legal form: 利钢金属制品有限公司, 海港企业集团
    word = next((w for w in words if ext.endswith(w)), ext)  # the longest: 医院, not 院
    return len(ext) > len(word)  # 陕汽汽车总装配厂; 协和医院 stays
