"""Model organisations that jieba's dictionary holds as common words (issue #13, h299): the model's ORG is
dropped when jieba tags it a common word (卫生院 n), but some such words are names — a ministry of the
State Council named alone (文化部, 人事部: ``rules/ner_filters.tsv`` COMMON_ORG) and a country's or a
club's team (古巴队, 智利队, 申花队: a team word of TEAM_END after a listed place or a proper word).
A team word after a common word stays no name (球队, 国家队, 主队); so do the bare bodies of annotation §6
(市委, 国会, 议会: they are not listed).

>>> common_org("古巴队", {"古巴": "GPE"}, {"古巴": "ns"}, frozenset(), ("队",))
True
>>> common_org("文化部", {}, {}, frozenset({"文化部"}), ("队",)), common_org("国家队", {}, {"国家": "n"}, frozenset(), ("队",))
(True, False)

Such a name is a piece of a longer one where a team's last character makes a word with the next (匈牙利队 + 员:
队员; not 贸易部 + 长, a head's title after the body) or where a joined list ends in it (旅游、艺术和 + 文化部: 马来西亚旅游、艺术和文化部;
:func:`cut_common`).
"""

from __future__ import annotations

_PROPER_HEAD = frozenset(("nr", "nrt", "nrfg", "ns", "nt", "nz"))  # jieba's tags of a team's name: 古巴 ns, 申花 nz, 太阳神 nr


def common_org(name: str, known: dict[str, str], tags: dict[str, str], listed: frozenset[str], team_ends: tuple[str, ...]) -> bool:
    """Whether the model's ORG ``name``, a common word of jieba's dictionary, is a name all the same: listed
    (``listed``: 文化部) or a team word (``team_ends``: 队) after a head of two or more characters that the
    gazetteer holds as a place (古巴 + 队) or jieba tags a proper name (申花 nz + 队)."""
    if name in listed:
        return True
    end = next((e for e in team_ends if name.endswith(e)), None)
    if end is None or len(name) - len(end) < 2:
        return False
    head = name[: -len(end)]
    return known.get(head) in ("GPE", "LOC") or tags.get(head) in _PROPER_HEAD



def cut_common(text: str, a: int, b: int, org, tags: dict[str, str], team_ends: tuple[str, ...], joins: tuple[str, ...]) -> bool:
    """Whether the model's ORG ``text[a:b]``, kept by ``org(name)`` (:func:`common_org`), is a piece of a longer
    word or name: a team whose last character makes a dictionary word with the next (队 + 员), or a name that a joining
    word or mark (``joins``, ner_filters.tsv LIST_JOIN) precedes after a word that is no body of the same kind
    (艺术和 + 文化部; not 文化部和 + 人事部). A head's title keeps the body, as 外交部 + 长 does (贸易部 + 长).

    >>> t = "匈牙利队员们、艺术和文化部长，文化部和人事部说，贸易部长"
    >>> [cut_common(t, a, b, lambda n: True, {"队员": "n", "部长": "n"}, ("队",), ("、", "和"))
    ...  for a, b in ((0, 4), (10, 13), (15, 18), (19, 22), (25, 28))]
    [True, True, False, False, False]
    """
    if not org(text[a:b]):
        return False
    return ((text[a:b].endswith(team_ends) and text[b - 1 : b + 1] in tags)
            or (a > 1 and text.startswith(joins, a - 1) and text[a - 2] != text[b - 1]))
