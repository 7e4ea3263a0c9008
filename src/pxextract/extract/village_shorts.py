"""A village's or town's name without its suffix (issue #13, the f1192e3 draw's kind e): when an article names a
GPE ending in a ``village_end`` word of rules/name_grammar.tsv (村, 镇, 乡), its head alone (two or three Han
characters) that the article gives as a person, a place or a body elsewhere is that village or town, a GPE:
土山村 … 土山有300户 (not LOC 土山), 洪合镇 … 如今的洪合 (not PERSON 洪合); written on with its suffix, the
whole town (妙峰山镇 … 妙峰山 + 镇水峪嘴村 → 妙峰山镇). A head the lists name (a known
organisation or place: 茅台 of 茅台镇) keeps its label. Run last on the model's names
(:func:`pxextract.extract.group_shorts.group_shorts`).

Example:
    >>> from pxextract.spans import Span
    >>> t = "土山村位于镇东部。土山有300户人家。"
    >>> [(s.text, s.label) for s in village_shorts([Span(0, 3, "GPE", "土山村"), Span(9, 11, "LOC", "土山")], t, ("村",), {})]
    [('土山村', 'GPE'), ('土山', 'GPE')]
"""

from __future__ import annotations

import regex

from ..spans import Span

_HEAD = regex.compile(r"\p{Han}{2,3}")
_RELABEL = ("PERSON", "LOC", "ORG")


def village_shorts(names: list[Span], text: str, ends: tuple[str, ...], known: dict[str, str]) -> list[Span]:
    """``names`` with the heads of the article's villages and towns (module docstring) made GPEs; a head the text
    goes on with its suffix is the whole village or town (妙峰山 + 镇水峪嘴村 → 妙峰山镇)."""
    full = {s.text for s in names if s.label == "GPE" and "furniture" not in s.attrs}
    heads: dict[str, list[str]] = {}
    for t, e in ((t, e) for t in full for e in ends if t.endswith(e) and _HEAD.fullmatch(t[: -len(e)]) and t[: -len(e)] not in known):
        heads.setdefault(t[: -len(e)], []).append(e)
    if not heads:
        return names
    out, starts = [], {s.start for s in names}
    for s in names:
        if s.label in _RELABEL and s.text in heads and "furniture" not in s.attrs:
            e = next((e for e in heads[s.text] if text.startswith(e, s.end)), "")
            end = s.end + len(e) if s.end not in starts else s.end
            s = Span(s.start, end, "GPE", text[s.start : end], {k: v for k, v in s.attrs.items() if k == "propagated"})
        out.append(s)
    return out
