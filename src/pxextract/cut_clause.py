"""A figure's clause cut at an earlier figure (issue #15, h338): the linker starts a figure's clause after the figure
before it in the same comma clause (for its metric words), so a place or body named before that earlier figure is out
of reach, and the figure fell to the article's subject (此次降雨中北京市降雨量在1000毫米以上的有【3个】点位 → 昌平区,
the place of the sentence before). When the cut clause names no one and the figure would take the article's subject,
the subject is looked for in the whole comma clause, from its real start: a place or body found there
(:meth:`pxextract.link_subject.ClauseSubjects._subject`, with its list and preposition tests) is the figure's when it
is the earlier figure's subject too (that figure's clause named it: 北京市…【1000毫米】).

Not when 分别 (respectively) stands in the clause before the figure (its items are matched one by one by
:mod:`pxextract.link_respectively`), nor when a person is named between the name and the figure (和她【18岁】女儿: the
person's), nor across a list mark right before the figure (a list of items each with its own figure), nor after a
duration (连续44天…), nor for the last of several parties joined by 和 / 及 / 与 (list_joint), nor for a body right after a verb
(派出巡回医疗队…: its object), nor as the other end of a change or range (从500人增至【1500人】: range_sep 至, 到 between), where
the earlier figure's name was seen to be wrong as often as right (驻叙利亚的美军人数…, 日本央行关注的…CPI).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("他说，此次降雨中北京市降雨量在1000毫米以上的有3个点位。", date="2023")
    >>> [(s["text"], s["subject"]) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('3个', '北京市')]
"""

from __future__ import annotations

from .clauses import LAST_CLAUSE_MARK
from .rules import LABELS_NUMERIC
from .spans import Span


def reopened(cs, text: str, span: Span, sent: list[Span], clause_start: int, sentence_start: int | None,
             article_subject: str | None, found: tuple, pair: Span | None, total: bool) -> tuple:
    """``found`` (the clause's names that may own the figure, and its subject), or the same taken over the comma clause
    from its real start when the clause ``cs`` (a :class:`pxextract.link_subject.ClauseSubjects`) read was cut at an
    earlier figure ending at ``clause_start`` and gave no name, only the article's subject; kept only when it is that
    earlier figure's subject too."""
    near, subject = found
    if near or total or subject != article_subject or sentence_start is None or clause_start <= sentence_start:
        return found
    before = next((f for f in sent if f.label in LABELS_NUMERIC and f.end == clause_start), None)
    if before is None:
        return found  # not cut at a figure
    m = LAST_CLAUSE_MARK.search(text, sentence_start, clause_start)
    start = m.end() if m else sentence_start
    respectively, to_words, time_units, joints = cs.cut_cues
    if start >= clause_start or any(w in text[start : span.start] for w in respectively) or text.endswith(cs.list_marks, 0, span.start):
        return found
    if before.attrs.get("unit") in time_units or any(w in text[clause_start : span.start] for w in to_words):
        return found  # 连续44天…, 从500人增至【1500人】, 1500万元至人民币【2500万元】: a duration, or the other end of a change or range
    wider = cs._subject(text, span, sent, start, article_subject, sentence_start, pair, total)
    if not wider[0] or wider[1] != before.attrs.get("subject") or any(p.label == "PERSON" and wider[0][-1].end <= p.start < span.start for p in sent):
        return found
    name = wider[0][-1]
    if text.endswith(joints, 0, name.start):
        return found  # 美联储、…和美国货币监理署（OCC）公布的措施要求…【16%】: the last of several parties joined (name_grammar list_joint)
    if name.label == "ORG" and _after_verb(cs.word_tags, text, name.start):
        return found  # 派出巡回医疗队547支【2800余人】, 操纵凤形股份的115个账户组…【3.04亿元】: a body as a verb's object
    return wider


def _after_verb(tags: dict[str, str], text: str, at: int) -> bool:
    """Whether the longest jieba dictionary word ending at ``at`` is a verb (派出巡回医疗队 → 派出)."""
    tag = next((t for k in range(4, 0, -1) if at >= k and (t := tags.get(text[at - k : at]))), "")
    return tag.startswith("v")
