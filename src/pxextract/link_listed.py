"""The measured noun of a figure whose metric is only a list of names or places (issue #15 M1/M2, h256).

* **A count of listed persons** (link_cues person_classifier) whose metric holds a person's name measures the person
  noun after the figure (link_cues person_end ends it), else nothing: 柴保军、解丽萍【2名】在逃命案嫌疑人 → 在逃命案嫌疑人,
  李某坤等【5人】已被… → '' (not 李某坤); a metric after the figure that runs on past its person noun into a name or a
  verb is cut there (【9名】医务人员联名举报科主任孟婕 → 医务人员, 【两名】犯罪嫌疑人朱某 → 犯罪嫌疑人); a name owning the
  noun stays (数千名博索纳罗的支持者).
* **A measure of a place list** (not a count right by its place) whose metric is only a place (a GPE or LOC of the sentence, or one and a
  region word: link_cues region_word 地区, 南部, 一带) takes the list head of its unit's dimension before it in its
  sentence (:meth:`ListMetrics.head`: 最低气温湘西、湘南【22～24℃】 → 最低气温), else the noun after the figure, else the
  measure of the list's figure before without its place (上海地区发送旅客超1340万人次，浙江地区超【2420万人次】 → 发送旅客),
  else nothing; a count of places (京津冀【三地】) keeps its places, a place owning a noun (广东省GDP) its metric.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("警方抓获柴保军、解丽萍2名在逃命案嫌疑人。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('2名', '在逃命案嫌疑人')]
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .link_words import NOUN_TAGS, ends_with, starts_with

_PLACES = ("GPE", "LOC")
_NOUNS = NOUN_TAGS | {"vn", "ng"}
_NAME_TAGS = (None, "nr", "nrt", "nrfg")  # a PERSON that is a common noun (顾问: n) is no name
_WORD = regex.compile(r"[\p{Han}A-Za-z]+")
_LATIN = regex.compile(r"[A-Za-z]+")


@lru_cache(maxsize=8)
def _nameless_re(marks: tuple[str, ...], joints: tuple[str, ...]):
    """A surname and a link_cues nameless_mark (某) once or twice, before a name_joint or the end: 李某坤等, 周某、, 黄某某
    (not 武警某部)."""
    mark = "|".join(regex.escape(m) for m in marks) or "(?!)"
    joint = "|".join(regex.escape(j) for j in joints)
    return regex.compile(rf"\p{{Han}}(?:{mark}){{1,2}}(?={joint + '|' if joint else ''}$)")


def _nameless(linker):
    return _nameless_re(linker.rules.cue("nameless_mark"), linker.rules.cue("name_joint"))


def _names(linker, sent, a: int, b: int):
    return [s for s in sent if s.label == "PERSON" and a <= s.start < b and linker.word_tags.get(s.text) in _NAME_TAGS]


def _named(linker, text: str, at: int, metric: str, sent) -> bool:
    """Whether ``metric`` (written at ``at``) holds a person's name: a PERSON or a surname and 某 (黄某某等)."""
    return at >= 0 and (bool(_names(linker, sent, at, at + len(metric))) or bool(_nameless(linker).search(metric)))


def _listed(linker, text: str, at: int, metric: str, sent) -> bool:
    """Whether ``metric`` (written at ``at``) ends in the names of a list, a list end of two characters at most after
    the last (李某坤等, 游客张某某一行; not 刘某驾驶核定载人数: the noun after the name measures)."""
    if at < 0:
        return False
    last = max([s.end - at for s in _names(linker, sent, at, at + len(metric))] + [m.end() for m in _nameless(linker).finditer(metric)] + [-9])
    return len(metric) - last <= 2


def listed_metric(linker, text: str, span, sent, metric: str, s1: int, token_starts) -> str:
    """``metric`` mended when it is only the names or the places of a list (module doc), else as it is."""
    if not metric or not text or token_starts is None:
        return metric
    unit = span.attrs.get("unit")
    gap = text[span.end : span.end + 1] == " "
    if unit in linker.rules.cue("person_classifier"):
        if text.startswith(metric, span.end + gap):  # 【9名】医务人员联名举报科主任孟婕
            if not _named(linker, text, span.end + gap, metric, sent):
                return metric
            return _cut(linker, text, span.end + gap, metric, sent, token_starts) or metric
        at = text.rfind(metric, max(0, span.start - len(metric) - 8), span.start)
        if not _listed(linker, text, at, metric, sent):
            return metric
        after = linker._after_noun(text, span, s1, sent)  # 李某坤等【5人】: the names before the figure
        noun = _cut(linker, text, text.find(after, span.end), after, sent, token_starts) if after else ""
        return noun or _title(linker, text, at, metric, sent, token_starts)
    adjacent = text[: span.start].endswith(metric) or text.startswith(metric, span.end + gap)  # 京津冀【三省】, 【241个】附属村
    if not (adjacent and span.label == "CARDINAL") and unit not in linker.place_units and _placed(linker, metric, sent):
        after = linker._after_noun(text, span, s1, sent)
        after = after and linker._noun_words(text, text.find(after, span.end), len(after), token_starts)
        return linker.lists.head(text, span) or after or _carried(linker, span, sent) or ""
    return metric


def _cut(linker, text: str, at: int, words: str, sent, token_starts) -> str:
    """The noun naming persons that ``text[at:]`` opens (its last word ends in a link_cues person_end character, or it
    is Latin: CEO), up to a name, a break or a word that is no noun after it, no noun going on from it: 医务人员联名举报…
    → 医务人员, 成员王大贵奶奶和… → 成员, 在逃命案嫌疑人进行… → 在逃命案嫌疑人; '' where none comes before a name or a
    break (博索纳罗的支持者, 因钱某…, 已被公安机关…)."""
    if at < 0:
        return ""
    end = at + len(words)
    end = min([end] + [s.start for s in _names(linker, sent, at, end)])
    m = _nameless(linker).search(text, at, end) if end > at else None
    end = m.start() if m else end
    ends = linker.rules.cue("person_end")
    prev, found = at, at
    for b in [k for k in range(at + 1, end) if k in token_starts] + [end]:
        word = text[prev:b]
        tag = linker.word_tags.get(word)
        if b <= prev or not _WORD.fullmatch(word) or (_LATIN.fullmatch(word) and prev > at):
            break  # 资管经理Todd: a Latin name after the noun
        if found == prev and tag in _NOUNS and not _LATIN.fullmatch(word):
            found = at  # 公民个人|信息: a noun goes on from it
        if _LATIN.fullmatch(word) or ends_with(word, ends):
            found = b
        elif found > at and tag not in _NOUNS | {None}:
            break  # 检察官|与, 选手|参与
        prev = b
    return text[at:found]


def _title(linker, text: str, at: int, metric: str, sent, token_starts) -> str:
    """The person noun right before the names the count ends (joined by 、 only): 犯罪嫌疑人周某等【4人】 → 犯罪嫌疑人,
    游客张某某一行【三人】 → 游客; '' after any other word (被害人李某与周某等: 与), or none ending in person_end."""
    names = sorted({(s.start, s.end) for s in _names(linker, sent, at, at + len(metric))}
                   | {(at + m.start(), at + m.end()) for m in _nameless(linker).finditer(metric)})
    if not names:
        return ""
    k = len(names) - 1
    while k > 0 and names[k - 1][1] == names[k][0] - 1 and text[names[k][0] - 1] in linker.rules.cue("list_mark"):
        k -= 1  # 孙某三、张某飞、梅某: back to the run's first name
    first = start = names[k][0]
    for b in (j for j in range(first - 1, at - 1, -1) if j in token_starts):
        if linker.word_tags.get(text[b:start]) not in _NOUNS | {None} or not _WORD.fullmatch(text[b:start]):
            break
        start = b
    noun = text[start:first]
    return noun if len(noun) >= 2 and ends_with(noun, linker.rules.cue("person_end")) else ""


def _place(linker, metric: str, sent) -> str:
    """The place ``metric`` opens with, a region word after it included (江苏地区, 湘南, 浙江北部), else ''."""
    for s in sent:
        if s.label in _PLACES and metric.startswith(s.text):
            return s.text + (starts_with(metric[len(s.text) :], linker.rules.cue("region_word")) or "")
    return ""


def _placed(linker, metric: str, sent) -> bool:
    """Whether ``metric`` is only a place of the sentence, or one and a region word."""
    return _place(linker, metric, sent) == metric


def _carried(linker, span, sent) -> str:
    """The measure of the list's figure of the same unit before it in the sentence, its place dropped: 上海地区发送旅客超
    1340万人次，浙江地区超【2420万人次】 → 发送旅客 (a noun of 2–8 characters; the figures between carried it), else ''."""
    before = [n for n in sent if n.end <= span.start and n.label == span.label and n.attrs.get("unit") == span.attrs.get("unit")]
    carried = None
    for n in reversed(before):
        metric = n.attrs.get("metric") or ""
        place = _place(linker, metric, sent)
        rest = metric[len(place) :]
        if place:
            return rest if 2 <= len(rest) <= 8 and carried in (None, rest) else ""
        if carried not in (None, metric):
            return ""
        carried = metric
    return ""
