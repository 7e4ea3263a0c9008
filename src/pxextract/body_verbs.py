"""A model ORG taken across a verb phrase to the next body is cut at the verb (issue #13, precision): the model
read 渝北区总工会 + 联合 + 渝北职工帮扶基金会 or 建昌县人民医院 + 告上 + 法院 as one name. Where a clause verb
(``rules/name_grammar.tsv`` body_verb: 联合, 提起公诉, 授予, 督促 …) follows an organisation's end (…会, …院, …局) inside
the model's span, the span is cut into the body before the verb and the words after it, each then judged as any
model name (市通信管理局, 法院: no name); words that start with such a verb again are none (组成 + 联合检查组). Not where the verb and the next character are one jieba word (联合会,
联合体: 山东建筑大学青年志愿者联合会), nor where only a body word follows (玻利维亚国有银行联合银行).

Example:
    >>> cut_at_verbs([(0, 17, "ORG")], "渝北区总工会联合渝北职工帮扶基金会举办", ("会",), ("联合",), {})
    [(0, 6, 'ORG'), (8, 17, 'ORG')]
"""

from __future__ import annotations


def cut_at_verbs(spans: list[tuple[int, int, str]], text: str, org_ends: tuple[str, ...], verbs: tuple[str, ...],
                 tags: dict[str, str]) -> list[tuple[int, int, str]]:
    """``spans`` (the model's, sorted) with each ORG holding a clause verb after an organisation's end cut there."""
    if not verbs:
        return spans
    out = []
    for a, b, lab in spans:
        cut = _cut(text, a, b, org_ends, verbs, tags) if lab == "ORG" else None
        if cut is None:
            out.append((a, b, lab))
        else:
            p, q = cut
            out += [(a, p, lab)] + ([] if text.startswith(verbs, q) else [(q, b, lab)])  # not 组成 + 联合检查组
    return out


def _cut(text: str, a: int, b: int, org_ends: tuple[str, ...], verbs: tuple[str, ...], tags: dict[str, str]) -> tuple[int, int] | None:
    """(end of the body, start of the words after the verb) of the first clause verb in ``text[a:b]``, else None."""
    for p in range(a + 3, b - 2):
        for v in verbs:
            q = p + len(v)
            if not text.startswith(v, p) or b - q < 2 or text[q:b] in org_ends or not text[a:p].endswith(org_ends):
                continue
            if text[p - 1 : p + 1] in tags or text[p : q + 1] in tags:
                continue  # 联合会, 联合体: the verb is part of a word
            return p, q
    return None
