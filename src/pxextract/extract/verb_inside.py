"""A verb inside a body's name between a known place and the suffix (issue #13, recall): jieba tags 联合, 发展 as
verbs, so the suffix rule of :class:`pxextract.extract.entities.EntityFinder` stopped at them and kept the place
alone (江西 + 农商 + 联合 + 银行 → GPE 江西). With one noun between the place and the verb the whole is one name:
江西农商联合银行, 上海集成电路设计产业园 (a verbal noun, jieba's vn, or a name_verb of rules/name_grammar.tsv: 联合, 结合);
not another verb (延吉机场 + 位于 + 吉林省…, 楚雄小组 + 慰问 + 学校), nor without the noun (支持江西发展银行业务: the place's
development), nor a place name's single-character suffix (村, 乡), nor a stop word.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("江西农商联合银行挂牌开业。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] in ("GPE", "ORG")]
    [('江西农商联合银行', 'ORG')]
"""

from __future__ import annotations

_VERB_TAGS = ("v", "vn")


def place_before_verb(finder, words: list[str], starts: list[int], j: int, k: int, end: int, max_tokens: int, max_chars: int) -> int:
    """The index of the known place that starts the name when ``words[j - 1]`` is a verb (江西 of 江西 + 农商 +
    联合 + 银行, ``k`` the suffix's token), else -1."""
    v, m, p = j - 1, j - 2, j - 3
    if p < 0 or k - p > max_tokens or end - starts[p] > max_chars:
        return -1
    verb, noun = words[v], words[m]
    tag = finder._tag(verb)
    if len(verb) != 2 or verb in finder.stop or not (tag == "vn" or tag == "v" and verb in finder.rules.names.name_verb):
        return -1
    if noun in finder.known or not finder._name_part(noun) or finder._tag(noun) in _VERB_TAGS:
        return -1
    return p if finder.known.get(words[p]) in ("GPE", "LOC") else -1
