"""Towns written right after their county (issue #13): a GPE ending in a ``town_after`` word of
rules/name_grammar.tsv (县, 区, 市, 旗; not 省: 河北省 + 住房城乡建设厅) followed straight by 2–3 Han characters and a ``town_end`` word (镇, 乡)
is that county's town, a GPE of its own: 临城县 + 黑城镇, 房山区 + 周口店镇, 惠民县 + 大年陈镇. jieba often cuts
such a town across words (黑 + 城镇 + 南), so the suffix grammar misses it. No town when the head is a common
word or starts with one (部分 + 乡镇, 统筹 + 城乡), holds a pronoun or particle (各街 + 镇), or the end makes a
common word with the next character (乡镇, 乡村, 镇长) or with the head's last (同乡 + 会). Names cut inside the
town give way: a place starting in it keeps its own part (乡叶青村 → 叶青村), an organisation starting in it
takes the county and the town (灰山港镇政府 → 桃江县灰山港镇政府, annotation §3, the longest name).
The same grammar names a residential community after its street, town or district (``community_after`` /
``community_end``: 曙光街道 + 新风社区, 黄花塘镇 + 芦沟社区, 历下区 + 林家社区; h344), not a common word there
(长征镇 + 深入社区, 铁西区 + 的街道社区, 西罗园街道 + 所辖社区), nor a community's head making a word with the
place's last character (自治区 + 级文明社区: 区级; a town's may: 七星关区 + 长春堡镇), nor after a community (牡丹社区 + 高品质社区).

Example:
    >>> from pxextract.spans import Span
    >>> t = "位于临城县黑城镇南白鸽井村，新乡县洪门乡西杨村，苍南县部分乡镇"
    >>> names = [Span(2, 5, "GPE", "临城县"), Span(14, 17, "GPE", "新乡县"), Span(19, 23, "GPE", "乡西杨村"), Span(25, 28, "GPE", "苍南县")]
    >>> tags = {"城镇": "n", "乡镇": "n", "部分": "m"}
    >>> [s.text for s in towns(names, t, ("县",), ("镇", "乡"), tags)]
    ['临城县', '黑城镇', '新乡县', '洪门乡', '西杨村', '苍南县']
"""

from __future__ import annotations

import regex

from ..spans import Span
from .name_patterns import COMMON_WORD_TAGS

_HEAD = regex.compile(r"\p{Han}{2,3}")
_COMMON = COMMON_WORD_TAGS  # 乡镇 n, 镇长 v, 同乡 n
_NOT_HEAD = ("v", "vn", "ad", "d", "m", "f", "s", "t", "l", "i", "r", "c", "p", "q", "u")  # 统筹 v, 下辖 v; not 周口店 n
_NOT_OPENING = ("v", "vn", "ad", "d", "r", "c", "p", "u")  # 统筹 + 城; not 大年 m of 大年陈镇, 一面 m of 一面坡镇
_FUNCTION = ("r", "u", "uj", "ul", "p", "c")  # 各 r, 的 uj: no character of a town's head (口 q of 周口店 is)


def _tag(tags: dict[str, str], word: str) -> str:
    return tags.get(word) or "nz"


def towns(names: list[Span], text: str, after: tuple[str, ...], ends: tuple[str, ...], tags: dict[str, str]) -> list[Span]:
    """``names`` (sorted, flat) with the towns of the module docstring."""
    out = list(names)
    changed = False
    for k, s in enumerate(names):
        if s.label != "GPE" or not s.text.endswith(after) or s.text.endswith(ends) or "furniture" in s.attrs:
            continue  # (a community holds none: 牡丹社区 + 高品质社区)
        b0 = s.end
        for n in (2, 3):
            head, end = text[b0 : b0 + n], next((e for e in ends if text.startswith(e, b0 + n)), "")
            if not end or not _HEAD.fullmatch(head):
                continue
            b = b0 + n + len(end)
            nxt = text[b : b + 1]
            if (len(end) > 1 and s.text[-1] + head[0] in tags or _tag(tags, head) in _NOT_HEAD or _tag(tags, head[:2]) in _NOT_OPENING or any(_tag(tags, c) in _FUNCTION for c in head)
                    or _tag(tags, end + nxt) in _COMMON or _tag(tags, head[-1] + end) in _COMMON and (head[-1] + end + nxt) in tags):
                break
            inside = [j for j, x in enumerate(out) if x.start < b and x.end > b0]
            if any(x.start < b0 or x.start == b0 and x.end >= b for x in (out[j] for j in inside)):
                break  # a name reaches back over the county's end, or starts with the town (景德镇市)
            new = []
            town = Span(b0, b, "GPE", text[b0:b])
            for j in inside:
                x = out[j]
                if x.end <= b:
                    continue  # cut inside the town (龙镇 of 新龙镇): the town replaces it
                if x.label == "ORG":
                    town = None
                    new.append(Span(s.start, x.end, "ORG", text[s.start : x.end]))  # 桃江县灰山港镇政府
                elif x.end - b >= 2:
                    new.append(Span(b, x.end, x.label, text[b : x.end], dict(x.attrs)))  # 乡叶青村 → 叶青村
            drop = set(inside) | ({out.index(s)} if town is None else set())
            out = [x for j, x in enumerate(out) if j not in drop] + new + ([town] if town else [])
            out.sort(key=lambda x: x.start)
            changed = True
            break
    return out if changed else names
