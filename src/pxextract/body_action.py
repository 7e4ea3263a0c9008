"""Whether a public body acts in its own clause (issue #15 S1): a body whose name ends in a source_end or
idle_body_end word (局, 厅, 委, 总队, 法院 …) normally goes on as no topic — it publishes, tries or checks
others' figures — but one followed by an action verb of ``rules/link_cues.tsv`` (body_action: 组织, 开展,
调集, 出动, 投入 …; dates and topic_opener words at most between) does the work itself, and the figures
of its sentence's later clauses are its own:

    >>> acts_publicly("江苏省消防救援总队近日组织演练，调集【14支】队伍", 9, ("组织", "调集"), ("近日",))
    True
    >>> acts_publicly("国家统计局发布数据，CPI上涨【0.1%】", 5, ("组织",), ())
    False
"""

from __future__ import annotations

_REACH = 8  # characters of dates and opener words at most between the name and its verb


def acts_publicly(text: str, end: int, verbs: tuple[str, ...], openers: tuple[str, ...],
                  dates: tuple[tuple[int, int], ...] = ()) -> bool:
    """Whether an action verb (``verbs``) follows the name ending at ``end``, past white space, DATE spans
    (``dates``: start, end) and ``openers`` at most :data:`_REACH` characters on."""
    at = end
    while at < len(text) and at <= end + _REACH:
        if text.startswith(verbs, at):
            return True
        if text[at].isspace():
            at += 1
            continue
        nxt = next((e for s, e in dates if s == at), None) or next((at + len(w) for w in openers if text.startswith(w, at)), None)
        if nxt is None:
            return False
        at = nxt
    return False
