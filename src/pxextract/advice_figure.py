"""Advice to readers, a study's finding and a penalty range are no one's figures (issue #15 S5; docs/annotation.md
§6, a general rule, advice or finding: ``null``), not the article's place, the hospital whose doctor speaks or the
researchers' country.

Narrow kinds, read on news lines 0–4999 (briefs h235, h255), each only when the figure's clause names no place, body or person:

- an advice cap: the figure right after a cap word (``rules/link_cues.tsv`` advice_cap: 不宜超过, 不要超过, 不得超过, 最好):
  熟食在室温下存放的时间不宜超过【2个小时】 → null (not 北京市疾病预防控制中心, the source); 连续驾车不得超过【4小时】 → null.
  Not a body's instruction (advice_order before the figure in its sentence: 要求各地…不得超过【8小时】 keeps the body).
- a study's finding: a finding word (study_finding: 研究显示，, 研究发现，) before the figure in its sentence: 一项最新研究显示，
  2022年夏季，极端高温在欧洲国家造成的死亡人数可能超过【6万人】 → null (not 希腊, the article's place). Not a report's
  own data (数据显示，全市… is no finding word here) nor a finding that names its population in the clause (中国成年人…),
  nor a part (study_part 其中) of a set the sentence counts before the finding word (美联储前副主席…对…的11次货币政策紧缩进行的研究发现，
  其中【四次】 → 美联储, the count's subject).
- a penalty range (h255): the figure after a penalty verb (penalty_range_verb: 处, 并处, 处以) in its clause, right before a
  bound (penalty_range_bound: 以上, 以下) and a penalty in the rest of the clause (penalty_range_noun: 罚款, 拘留, 有期徒刑):
  由保险监督管理机构责令改正，处【十万元】以上五十万元以下的罚款 → null (not 国家金融监督管理总局, the article's body), a law's
  range, quoted or not. Not a party's own (penalty_range_party 被 before the verb in the clause: 将被处【十五日】以下拘留), nor a clause
  naming a place, body or person before the figure; an actual sentence or fine has no bound (判处有期徒刑【3年】, 罚款【50万元】).

Example:
    >>> from pxextract.spans import Span
    >>> text = "专家提醒，熟食在室温下存放的时间不宜超过2个小时。"
    >>> fig = Span(text.index("2个"), text.index("2个") + 4, "QUANTITY", "2个小时")
    >>> advice_figure(text, fig, [fig], 0, ("不宜超过",), ("研究显示",), ("要求",))
    True
"""

from __future__ import annotations

import regex

from .clauses import CLAUSE_END
from .labels import LABELS_NUMERIC
from .sentence_firsts import any_in, first_at, last_before, within
from .spans import Span

_SENTENCE_MARK = regex.compile(r"[。；;！？!?\n]")
_NAMES = ("GPE", "ORG", "PERSON")
_VERB_REACH = 14  # 并处违法所得一倍以上【五倍】: the verb at most this far before the figure


def advice_figure(text: str, span: Span, sent: list[Span], sentence_start: int | None, caps: tuple[str, ...],
                  findings: tuple[str, ...], orders: tuple[str, ...], parts: tuple[str, ...] = ()) -> bool:
    """Whether ``span`` is an advice cap's or a study finding's figure (see the module)."""
    if sentence_start is None or not (caps and any_in(text, caps) or findings and any_in(text, findings)):
        return False  # (a cap ends before the figure or a finding stands before it: none in the text, no advice)
    at = last_before(text, CLAUSE_END, sentence_start, span.start)  # the clause's marks by a bisect (h288)
    start = at + 1 if at >= 0 else sentence_start
    at = first_at(text, span.end, CLAUSE_END)
    end = at if at >= 0 else len(text)
    if any(e.label in _NAMES and start <= e.start and e.end <= end for e in sent):
        return False  # the clause names its own place, body or person
    # words before the figure in its sentence: first occurrences from the sentence's start, found once per sentence
    if caps and text.endswith(caps, start, span.start):
        return not any(within(text, sentence_start, w, span.start) for w in orders)  # 要求…不得超过: a body's instruction keeps the body
    if not findings or 0 <= first_at(text, sentence_start, _SENTENCE_MARK) < span.start:
        return False
    at = next((first_at(text, sentence_start, w) for w in findings if within(text, sentence_start, w, span.start)), -1)
    if at < 0:
        return False
    return not (parts and text.startswith(parts, start) and any(  # 对…11次…的研究发现，其中【四次】: a part of the count
        e.label in LABELS_NUMERIC and sentence_start <= e.start < at for e in sent))


def penalty_range(text: str, span: Span, sent: list[Span], verbs: tuple[str, ...], bounds: tuple[str, ...],
                  nouns: tuple[str, ...], parties: tuple[str, ...]) -> bool:
    """Whether ``span`` is a bound of a penalty range (see the module).

    >>> text = "情节较轻的，处五日以下拘留或者五百元以下罚款。"
    >>> fig = Span(text.index("五日"), text.index("五日") + 2, "QUANTITY", "五日")
    >>> penalty_range(text, fig, [fig], ("处",), ("以上", "以下"), ("拘留", "罚款"), ("被",))
    True
    """
    if not (verbs and bounds and nouns) or not text.startswith(bounds, span.end):
        return False
    at = last_before(text, CLAUSE_END, 0, span.start)
    start = at + 1 if at >= 0 else 0
    at = first_at(text, span.end, CLAUSE_END)
    end = at if at >= 0 else len(text)
    if not any(w in text[span.end : end] for w in nouns):
        return False
    at = max((text.rfind(w, start, span.start) for w in verbs), default=-1)
    if at < 0 or span.start - at > _VERB_REACH or any(w in text[start:at] for w in parties):
        return False  # 将被处【十五日】以下拘留: a party's own
    return not any(e.label in _NAMES and start <= e.start and e.end <= span.start for e in sent)
