"""Transliterated foreign places no list holds, taken on their context (issue #13, h291).

The combiner drops a model place that no list holds and no suffix types (宜居, 比达: too often a
common word; :meth:`pxextract.ner_forms.NameForms.label`). One of three or more transliteration
characters only (ner_filters.tsv TRANSLIT) is a GPE when a place word leads it (name_grammar.tsv
``translit_lead``: 在, 从, 位于 …, as a word of its own: not 现在, 正在; or a rules' place right before:
犹他州 + 普罗沃) and a mark or a place word follows it (``translit_follow``: ，, 。, 警方, 附近, 的 …):
人们在蒙彼利埃的喜剧广场 → GPE 蒙彼利埃, 南都记者从坎特伯雷警方获悉 → GPE 坎特伯雷. Never a person's
name: not one the article writes with a dot (贾斯廷·特鲁多 … 在特鲁多的) or as a person, nor one
before a speech verb or after a title, nor a piece of a longer run of such characters.
"""

from __future__ import annotations

from bisect import bisect_left

_MIN_CHARS = 3  # two-character ones are too often words or short names (安安, 奥莱, 波波: h291)


def translit_places(spans: list, model: list[tuple[int, int, str]], text: str, c) -> list:
    """``spans`` (the combined names, sorted) plus the model places of ``model`` (``(a, b, label)``) that
    overlap none and that the context makes places (see the module); ``c``: the :class:`~pxextract.ner_combine.Combiner`
    (its ``translit_lead`` and ``translit_follow``: name_grammar.tsv).

    >>> from types import SimpleNamespace as N
    >>> c = N(translit=frozenset("蒙彼利埃特鲁多"), person_before=("总理",), person_after=("表示",), facility_ends=("路",), stop=frozenset(), tags={"现在": "t"},
    ...       translit_lead=("在",), translit_follow=("的",))
    >>> t = "人们在蒙彼利埃的广场，现在特鲁多的"
    >>> [(s.text, s.label) for s in translit_places([], [(3, 7, "LOC"), (13, 16, "LOC")], t, c)]
    [('蒙彼利埃', 'GPE')]
    """
    from .spans import Span

    found = [(a, b) for a, b, lab in model if lab == "LOC" and b - a >= _MIN_CHARS and all(ch in c.translit for ch in text[a:b])]
    lead, follow = c.translit_lead, c.translit_follow
    if not found or not lead:
        return spans
    taken = sorted((s.start, s.end) for s in spans)
    persons = [s.text for s in spans if s.label == "PERSON"] + [text[a:b] for a, b, lab in model if lab == "PER"]
    places = {s.end for s in spans if s.label in ("GPE", "LOC")}
    out = list(spans)
    for a, b in found:
        name = text[a:b]
        i = bisect_left(taken, (b,))
        if i and taken[i - 1][1] > a:
            continue  # overlaps a name
        if (text[a - 1 : a] in c.translit or text[b : b + 1] in c.translit or "·" + name in text or name + "·" in text
                or any(name in p for p in persons) or text.startswith(c.person_after, b) or text.endswith(c.person_before, 0, a)
                or name in c.stop or name.endswith(c.facility_ends) or c.tags.get(name) == "nr"):
            continue  # a piece of a longer name, a person's (特鲁多 of 贾斯廷·特鲁多; 马斯克, nr in jieba's dictionary), a facility (玛希隆路)
        led = a in places or any(text.endswith(w, 0, a) and text[a - len(w) - 1 : a] not in c.tags for w in lead)
        if led and text.startswith(follow, b):
            out.append(Span(a, b, "GPE", name))
            taken.insert(i, (a, b))
    return sorted(out, key=lambda s: s.start) if len(out) > len(spans) else spans
