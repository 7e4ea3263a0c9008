"""A common word + a bare team or committee word is a kind of body, no name (issue #13, h286): the model reads
成立联合调查组, 成立验证委员会, 经专家委员会评审 as ORG, but 联合 + 调查组 names no one body (guide §3: generic references
are not entities; §6: a body word with no name part is no name). The model's ORG is dropped where it is wholly one
jieba dictionary word tagged as a common word (verb, verbal noun, noun, adjective) + a ``team_head`` of
rules/name_grammar.tsv; a ``team_scope`` word (国家, 中央, 国际) or a name word before the head keeps it: 中央巡视组,
国际捕鲸委员会, 上海市中小学教材审查委员会, 察南土改工作组 stay.

Example:
    >>> no = team_body(("调查组", "委员会"), ("国家",), {"联合": "v", "验证": "v", "国家": "n", "捕鲸": "n"})
    >>> [no(n) for n in ("联合调查组", "验证委员会", "国家委员会", "国际捕鲸委员会")]
    [True, True, False, False]
"""

from __future__ import annotations

_COMMON = frozenset({"v", "vn", "vd", "n", "a", "an", "ad", "b", "d", "l", "i"})


def team_body(heads, scope, tags):
    """A test ``no(name)``: is ``name`` a common dictionary word + a team word (联合 + 调查组), no name?"""
    heads = tuple(sorted(heads, key=len, reverse=True))
    scope = frozenset(scope)

    def no(name: str) -> bool:
        head = next((h for h in heads if name.endswith(h)), None)
        if head is None:
            return False
        word = name[: -len(head)]
        return len(word) >= 2 and word not in scope and (tags or {}).get(word) in _COMMON

    return no


def with_teams(described, names, tags):
    """The combiner's ``described(text, a, b)`` test widened by :func:`team_body` (the model's ORG 联合调查组)."""
    no = team_body(names.team_head, names.team_scope, tags)
    return lambda text, a, b: no(text[a:b]) or (described is not None and described(text, a, b))
