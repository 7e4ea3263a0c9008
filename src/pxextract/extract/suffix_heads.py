"""A unit's suffix opening the next name (issue #13, h265 kind b): jieba glues a town's or county's one-character
suffix (乡, 镇, 村, 县, 区 … the one-character GPE suffixes of rules/name_suffixes.tsv) to the next word (立新 + 乡叶 +
青村, 刁窝 + 镇塔照 + 村, 我 + 县塘河 + 街道), and the suffix grammar then reads the suffix as the head of the next name:
乡叶青村. The suffix ends the word before it (立新乡, 刁窝镇, 我县), so the name starts after it: 叶青村, 塔照村,
塘河街道; the place before is a name of its own when a rule or the model finds it (§6: a chain of places is one
name per place, 立新乡 + 叶青村).

Not after a place the rules found (长春 + 镇斗米村 + 党支部 stays one ORG of the chain: org_chains links places
that start words), only a name the gazetteer does not hold (镇江, 市北区, 乡城县 stay), right after a Han character (、镇西镇 stays),
whose first two characters are no word (区长 + 沈山州, 镇域, 镇宁 + 村) and whose rest is three characters or more
(a village of one character and its suffix, 镇西 + 村 → 西村, is no name the grammar takes).

Example:
    >>> from pxextract.spans import Span
    >>> t = "治多县立新乡叶青村"
    >>> [s.text for s in suffix_heads([Span(5, 9, "GPE", "乡叶青村")], t, frozenset("乡镇村"), {}, {})]
    ['叶青村']
"""

from __future__ import annotations

from ..spans import Span
from ..normalize import is_han

_PLACES = ("GPE", "LOC")
_MIN_REST = 3  # 叶青村, 川岩乡, 紫琅公园


def suffix_heads(spans: list[Span], text: str, heads: frozenset[str], known: dict[str, str], tags: dict[str, str]) -> list[Span]:
    """``spans`` with each place that a unit's suffix opens (module docstring) started after that suffix."""
    ends = {s.end for s in spans if s.label in _PLACES}
    out = []
    for s in spans:
        t = s.text
        if (s.label in _PLACES and t[0] in heads and len(t) - 1 >= _MIN_REST and t not in known and s.start and s.start not in ends
                and is_han(text[s.start - 1]) and t[:2] not in tags and t[:2] not in known):
            s = Span(s.start + 1, s.end, s.label, text[s.start + 1 : s.end], s.attrs)
        out.append(s)
    return out
