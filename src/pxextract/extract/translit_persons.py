"""Transliterated persons before a player's action (issue #13 kind F): in a match report a foreign
player is named by a run of transliteration characters and what he does follows right after it —
塔利斯卡直塞, 之后阿姆里补射破门, 哈纳姆右路传中 (rules/person_cues.tsv ``translit_act``; the characters are
ner_filters.tsv ``TRANSLIT``). jieba cuts such names anywhere (塔利 + 斯卡, 哈纳姆右 + 路传中) and the model
runs them on into the action (塔利斯卡打破僵局 as one ORG), so the name is read off the characters:

* three to six transliteration characters, right before an action word, and not after another
  transliteration character (the run is the whole name: 巴西 + 前锋 + 内马尔 gives 内马尔);
* none that is, or holds, a known name of the gazetteers (切尔西, 阿森纳 are clubs; 沙特阿拉伯 a country);
* a name found so once is found at its other mentions by the combiner's propagation (with the model)
  or stays where its action is (rules only).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("第87分钟，塔利斯卡直塞，阿利瓦禁区内右脚抽射破门。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] == "PERSON"]
    [('塔利斯卡', 'PERSON'), ('阿利瓦', 'PERSON')]
"""

from __future__ import annotations

import regex

from ..spans import Span


_ACTS: dict[regex.Pattern, regex.Pattern] = {}  # a pattern → its actions alone


def translit_person_pattern(translit: frozenset[str], acts: tuple[str, ...]) -> regex.Pattern | None:
    """The run of 3–6 ``translit`` characters right before one of ``acts`` (None without either)."""
    if not translit or not acts:
        return None
    chars = "".join(sorted(regex.escape(c) for c in translit))
    alt = "|".join(map(regex.escape, sorted(set(acts), key=len, reverse=True)))
    pattern = regex.compile(rf"(?<![{chars}])(?P<name>[{chars}]{{3,6}})(?={alt})")
    _ACTS[pattern] = regex.compile(alt)  # every match has an action after it: most texts have none (speed)
    return pattern


def translit_persons(pattern: regex.Pattern | None, text: str, known) -> list[Span]:
    """PERSON spans of the transliterated names before a player's action in ``text``; none that is or
    holds a ``known`` name of two or more characters."""
    acts = _ACTS.get(pattern)
    if pattern is None or (acts is not None and acts.search(text) is None):
        return []
    out = []
    for m in pattern.finditer(text):
        name = m.group("name")
        if any(name[i:j] in known for i in range(len(name) - 1) for j in range(i + 2, len(name) + 1)):
            continue
        out.append(Span(m.start("name"), m.end("name"), "PERSON", name))
    return out
