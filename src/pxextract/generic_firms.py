"""Company words after only generic business words are no name (issue #13, h173; annotation §6: generic references
are not entities): 资产管理公司, 房地产行业公司, 物业公司 describe a kind of firm, 东方资产管理公司 names one; so does
an anonymised one after its place (南昌某房地产公司: person_cues.tsv ``anonymous``; the place stays a GPE).

rules/company_words.tsv ``generic`` (business words, 资产, 管理, 行业) and ``generic_end`` (公司, 企业, 机构); read by
pxextract.ner_combine.Combiner (the model's names) and pxextract.extract.entities.EntityFinder (suffix names).

Example:
    >>> g = GenericFirms(("房地产", "资产", "管理", "行业"), ("公司",), ("某",))
    >>> g("房地产行业公司"), g("资产管理公司"), g("东方资产管理公司"), g("公司"), g("南昌某房地产公司")
    (True, True, False, False, True)
"""

from __future__ import annotations


class GenericFirms:
    """``firms(text)``: is ``text`` a company word (``ends``) after one or more of ``words`` only?"""

    def __init__(self, words, ends, anonymous=()):
        self.words = frozenset(words)
        self.ends = tuple(sorted(ends, key=len, reverse=True))
        self.longest = max(map(len, self.words), default=0)
        self.anonymous = tuple(anonymous)  # 某: what follows it is the description

    def __call__(self, text: str) -> bool:
        cut = max((text.rfind(a) + len(a) for a in self.anonymous if a in text), default=0)
        text = text[cut:]  # 南昌某 + 房地产公司
        end = next((e for e in self.ends if text.endswith(e)), None)
        if end is None or len(text) == len(end):
            return False
        body = text[: -len(end)]
        ok = [True] + [False] * len(body)  # ok[i]: body[:i] is a chain of generic words
        for i in range(1, len(body) + 1):
            ok[i] = any(ok[i - k] and body[i - k : i] in self.words for k in range(1, min(self.longest, i) + 1))
        return ok[-1]
