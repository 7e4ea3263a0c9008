"""Two forms of a model organisation the generic filters of :class:`pxextract.ner_forms.NameForms`
would drop (MSRA training portion, issue #13; h310):

* a national body: the generic head 国家 (国家级, 国家队, 国家A级旅游景区 are no names; ``rules/link_cues.tsv``
  national_prefix) + a name + a body word (``rules/ner_filters.tsv`` NATIONAL_END) is a named body — 国家气象局,
  国家邮电部, and 国家杜马, an entry of its own;
* a numbered unit: a run of digits (ASCII or full-width) between Chinese characters, right before an
  organisation word, the name ending in one too, is part of the name — 北京军区２９２医院护理部, 第二炮兵205医院;
  not a count, a year or an edition (１２２交通事故报警服务台 opens with digits, 2000年 + 基金会, 第19届 + 亚运会组委会).

>>> h, e = ("国家",), ("局", "国家杜马")
>>> national_body("国家气象局", h, e), national_body("国家杜马", h, e), national_body("国家局", h, e), national_body("国家队", h, e)
(True, True, False, False)
>>> numbered_org("北京军区２９２医院护理部", ("部", "医院")), numbered_org("２９２医院", ("医院",)), numbered_org("亚洲2000年基金会", ("基金会",))
(True, False, False)
"""

from __future__ import annotations

import regex

_DIGITS = regex.compile(r"(?<=\p{Han})[0-9０-９]+(?=\p{Han})")


def national_body(text: str, heads: tuple[str, ...], ends: tuple[str, ...]) -> bool:
    """Whether ``text`` is a national prefix of ``heads`` (国家) + a body's name ending in one of ``ends``, with
    words between (国家 + 粮食储备 + 局; 国家局, 国家委员会 alone are generic), or is an entry of ``ends`` itself (国家杜马)."""
    if text in ends:
        return True
    return any(text.startswith(h) and text.endswith(e) and len(text) > len(h) + len(e) for h in heads for e in ends)


def numbered_org(text: str, org_ends: tuple[str, ...]) -> bool:
    """Whether ``text`` is an organisation's name whose only non-letters are digit runs inside it, each right
    before a word of ``org_ends`` (２９２ + 医院; not 2000 + 年)."""
    if not text.endswith(org_ends) or not _DIGITS.search(text):
        return False
    if not all(text.startswith(org_ends, m.end()) for m in _DIGITS.finditer(text)):
        return False
    return all(ch.isalpha() for ch in _DIGITS.sub("", text))
