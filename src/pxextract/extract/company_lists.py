"""Companies named in a list closed by 等…企业 / 公司 / 商场 / 项目 (issue #13, kind A: ORG without
a suffix; rules/name_grammar.tsv ``list_end``, ``list_count``, ``list_batch``, ``list_kind``,
``list_not_between``).

* The list is items joined by 、 (the last one may follow a ``list_joint`` word: 诺基亚、摩托罗拉以及富士通等公司) and closed by 等, an optional count (3家, 一批) and a few words
  ending in a ``list_kind`` (等3家直供燃气公司, 等大型专业商场). The kind ends a word (等几十位企业家 is
  no list of companies) and no ``list_not_between`` word stands before it (等地的企业: firms of the
  places; 等非电行业工业企业: industries).
* An item counts when all its tokens may be part of a name (a noun, a proper noun, a word no
  dictionary holds) and one is a proper name (a person, place or organisation tag, or an unknown
  word): not 污水处理厂、自来水厂等项目. The list's first item may start after a verb or function
  word (引进 + 北京中关村). Where at least half of a list's items count, the others need no proper
  name (阳光产险 makes 紫金财险 count).
* Exams, sports and works are listed as 项目 as often as companies (血常规检测、B超、心电图等项目): in a
  list of a ``list_project`` kind, at least half of the items must end as companies do (an ORG
  suffix, an industry or firm word: 天铭电子, 福田卫生院), and every name needs its proper name.
* A place or person of the gazetteers as a whole item is no company (LOC, PERSON); a GPE is kept
  as the rules decide elsewhere (a place used for a company is ORG).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("国任财险、阳光产险、紫金财险等7家财险公司参与。")
    >>> [s["text"] for s in rec["spans"] if s["label"] == "ORG"]
    ['国任财险', '阳光产险', '紫金财险']
    >>> [s["label"] for s in Extractor(model=False).extract_text("北京、上海等地的企业")["spans"]]
    ['GPE', 'GPE']
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

import regex

from ..spans import Span

_MAX_COMPANY_LIST = 300  # characters a company list may span before its list end (等)
_LEADING_TAGS = ("v", "p", "c", "d", "u", "r")  # a one-character word before a list's first name: 向 + …


def _item_bounds(m) -> list[tuple[int, int]]:
    """(start, end) of each item of a list match: split at 、, the last item after the ``joint``
    (、 or a joint word: 摩托罗拉以及 + 富士通)."""
    out, pos = [], m.start("items")
    for item in m.string[pos : m.start("joint")].split("\u3001"):
        out.append((pos, pos + len(item)))
        pos += len(item) + 1
    return out + [(m.end("joint"), m.end("items"))]


class CompanyLists:
    """``names(words, starts, text)``: the companies of the lists of the module docstring."""

    def __init__(self, items: regex.Pattern, end: regex.Pattern, known: dict[str, str], stop,
                 tag: Callable[[str], str | None], name_part: Callable[[str], bool], proper: Callable[[str], bool],
                 projects: tuple[str, ...] = (), company_ends: tuple[str, ...] = ()):
        self.items, self.end, self.projects, self.company_ends = items, end, projects, company_ends
        self.known, self.stop = known, stop
        self.tag, self.name_part, self.proper = tag, name_part, proper

    def lists(self, text: str, starts: list[int]):
        """``items`` matches of ``text``, in order, looked for only before each list end (found first:
        cheap), whose kind ends a word."""
        done = 0
        for end in self.end.finditer(text):
            if end.end() <= done:
                continue
            j = bisect_right(starts, end.end()) - 1
            if end.end() < len(text) and (j < 0 or starts[j] != end.end()):
                continue  # the kind is no whole word (企业 + 家)
            m = self.items.search(text, max(done, end.start() - _MAX_COMPANY_LIST), end.end())
            if m is not None:
                done = m.end()
                yield m

    def _item(self, n: int, start: int, end: int, words: list[str], starts: list[int], text: str) -> tuple[Span, bool] | None:
        """The ORG of the ``n``-th item text[start:end] and whether it holds a proper name; None when it is no name."""
        item = text[start:end]
        if not 2 <= len(item) <= 10 or item in self.stop or self.known.get(item) in ("LOC", "PERSON"):
            return None
        i = bisect_right(starts, start) - 1
        if i < 0 or starts[i] != start:
            return None
        seq = []
        while i < len(words) and starts[i] < end:
            seq.append((words[i], starts[i]))
            i += 1
        if not seq or seq[-1][1] + len(seq[-1][0]) != end:
            return None
        while n == 0 and seq and not self.proper(seq[0][0]) and (len(seq[0][0]) > 1 or self.tag(seq[0][0]) in _LEADING_TAGS):
            seq.pop(0)  # 引进 / 助力 before the first name; not 中 + 材锂电
        if not seq or len(seq[0][0]) + end - seq[0][1] < 2 or not all(self.name_part(w) for w, _ in seq):
            return None
        return Span(seq[0][1], end, "ORG", text[seq[0][1]:end]), any(self.proper(w) for w, _ in seq)

    def names(self, words: list[str], starts: list[int], text: str) -> list[Span]:
        out = []
        for m in self.lists(text, starts):
            found, loose = [], []
            project = m.group(0).endswith(self.projects)
            bounds = _item_bounds(m)
            if project:  # 项目: most items must end as companies do (天铭电子, 福田卫生院; not 强度弹模、外形尺寸)
                texts = [text[a:b] for a, b in bounds]
                if 2 * sum(it.endswith(self.company_ends) or self.known.get(it) == "ORG" for it in texts) < len(texts):
                    continue
            items = [self._item(n, a, b, words, starts, text) for n, (a, b) in enumerate(bounds)]
            if m.group("joint") != "\u3001" and None in items:
                continue  # a joint word inside a word (必和必拓 cut 必 / 和 / 必拓): no list
            for item in filter(None, items):
                (found if item[1] else loose).append(item[0])
            out.extend(found)
            if len(found) >= len(loose) and not project:
                out.extend(loose)  # most of the list names companies: the rest are companies too
        return out
