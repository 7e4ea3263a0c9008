"""Places and organisations that the name rules cut out of a longer name (issue #13, precision): the
words of rules/name_grammar.tsv ``org_head``, ``place_head``, ``not_place_before``,
``resident_cue`` and ``resident_body``. Run on the flat, sorted names before the organisation chains
(:class:`pxextract.extract.org_chains.OrgChains`).

* a place, common words and an organisation's head are one ORG (annotation §3, the longest name):
  安徽 + 理工大学, 法国 + 能源 + 转型 + 部, 中国 + 经济 + 周刊, 长城 + 爱心 + 大本营; the head alone
  right after the place is no name (德国 + 大学: German universities);
* a place right before a ``place_head`` is one ORG with it even alone: an outlet (永州 + 新闻网 of
  永州新闻网讯), the office of the place's official (加州 + 总检察长办公室); a ``club_head`` in a sentence
  with a ``sport_cue`` the same (迈阿密 + 国际 of 美职联球队迈阿密国际迎来首秀);
* a place in brackets inside a company's name belongs to it: 长城超云（北京）科技有限公司 is one ORG
  (the name words before the bracket, the ORG after it);
* a body stationed at another (resident_cue 驻) is one ORG with its host: 中央纪委国家监委 + 驻 +
  国家卫生健康委 + 纪检监察组; without a name before 驻 the host alone is no name of its own;
* a place followed by a ``not_place_before`` word is no place mention: 北京 + 时间 (a time zone), 美国 +
  通用会计准则 (an accounting standard, though jieba cuts 美国通用 + 会计准则).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("北京时间周二晚，合肥工业大学与安徽理工大学签约。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] in ("GPE", "ORG")]
    [('合肥工业大学', 'ORG'), ('安徽理工大学', 'ORG')]
"""

from __future__ import annotations

import regex

from ..rule_types import NameGrammar
from ..spans import Span
from .affixes import Affixes

_HAN = regex.compile(r"^\p{Han}+$")
_MAX_WORDS = 4  # words after the place, the head included
_MAX_CHARS = 20  # the whole name
# jieba tags of the common words between a place and an organisation's head (能源, 转型, 爱心, 经济, 理工大学)
_COMMON_TAGS = frozenset(("n", "vn", "nz", "b", "j", "an", "nt", "l"))  # l: 少年儿童 of 重庆市少年儿童图书馆
_HEAD_TAGS = frozenset(("n", "nt", "nz", "j"))  # a word ending in a head is a noun (理工大学 nt, not 上大学 v)
# tags of the name words before a bracketed place in a company's name (长城 ns + 超云, unknown)
_NAME_TAGS = frozenset(("ns", "nz", "nr", "nrt", "nt", "j", "eng", "g"))
# tags of the function words that end a company's name after its bracketed place (以及, 的, 在)
_FUNCTION_TAGS = frozenset(("p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "d", "m", "q", "y", "e", "o", "v", "vd", "f", "t"))
# dictionary nouns between a name and its bracketed place (奇瑞 + 商用车, 天帷 + 信息技术): part of it after a proper word (h192)
_FRONT_NOUNS = frozenset(("n", "vn"))
_PROPER_TAGS = frozenset(("nz", "nr", "nrt", "ns", "nt", "j", "i"))  # a proper name's word (奇瑞 nz, 中钧 nr, 汇丰银行 nt)
# tags of a character jieba cut off an unknown name, glued to the single character after it (中 f + 泰 ns of 中泰创业投资)
_GLUE_TAGS = frozenset(("f", "m", "q", "n", "ns", "nr", "a", "b", "ng", "g", "zg"))
_OPEN, _CLOSE = "（(", "）)"
_STOPS = "。！？\n"  # the ends of a sentence (a club's sport_cue)
_CLUB_NEXT = frozenset("xvpdc")  # the first letter of the tag of the word after a club's name (，, 迎来, 以, 也, 和)
_MAX_FRONT = 8  # characters of a company's name before its bracketed place


class InnerPlaces:
    """``fix(names, text, words, starts)``: the flat, sorted ``names`` with the places and bodies cut
    out of longer names made those names or dropped (module docstring)."""

    def __init__(self, grammar: NameGrammar, tags: dict[str, str], known: dict[str, str], stop=frozenset()):
        self.heads = tuple(sorted(grammar.org_head, key=len, reverse=True))
        self.not_before = tuple(grammar.not_place_before)
        self.resident_cue = tuple(grammar.resident_cue)
        self.resident_body = tuple(sorted(grammar.resident_body, key=len, reverse=True))
        self.company_ends = tuple(grammar.bracketed_place_end)
        self.place_heads = tuple(sorted(grammar.place_head, key=len, reverse=True))
        self.club_heads, self.sport_cues = tuple(grammar.club_head), tuple(grammar.sport_cue)
        self.club_words = tuple(grammar.club_word)
        self.club_ends = tuple(sorted(grammar.club_end, key=len, reverse=True))
        self.long_heads = Affixes(h for h in self.heads if len(h) > 1)  # a longer word ending in one: 理工大学
        self.place_heads_at, self.not_before_at, self.club_ends_at = Affixes(self.place_heads), Affixes(self.not_before), Affixes(self.club_ends)  # speed
        self.tags = tags
        self.known = known
        self.stop = stop

    def fix(self, names: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        if not words or not names:
            return names
        at = dict(zip(starts, range(len(starts))))  # (speed: {a: k for k, a in enumerate(starts)})
        by_start = {s.start: s for s in names}
        drop: set[int] = set()  # starts of names that are dropped or taken into a longer one
        new: list[Span] = []
        for s in names:
            if s.start in drop or "furniture" in s.attrs:
                continue
            if s.label in ("GPE", "LOC") and self._not_place(s, text, words, at):
                drop.add(s.start)  # 北京 + 时间
                continue
            whole = None
            if s.label in ("GPE", "LOC"):
                whole = (self._place_head(s, text, at, names) or self._club(s, text, words, starts, at, by_start)
                         or self._with_head(s, text, words, starts, at, by_start)
                         or self._bracketed(s, text, words, starts, at, by_start))
            if s.label in ("GPE", "ORG") and whole is None:
                whole = self._resident(s, text, at, by_start, drop)
            if whole is None:
                continue
            a, b = whole
            drop.update(n.start for n in names if a <= n.start and n.end <= b)
            new.append(Span(a, b, "ORG", text[a:b]))
        new += self._club_again(names, new, text, words, at, drop)
        if drop:
            names = sorted([n for n in names if n.start not in drop] + new, key=lambda n: n.start)
        return self._club_full(names, text, at)

    def _club_full(self, names: list[Span], text: str, at: dict[int, int]) -> list[Span]:
        """辽宁沈阳城市 + 足球俱乐部, 深圳市 + 足球俱乐部, 南通支云 + 足球俱乐部: a place or an organisation written right
        before a ``club_end`` (ending at a word's end) is the club's full name, one ORG (annotation §3, the longest)."""
        out = []
        for n in names:
            end = n.end + len(c) if (c := self.club_ends_at.first(text, n.end)) else None
            if n.label in ("GPE", "LOC", "ORG") and end is not None and (end in at or end == len(text)) and (n.end in at or n.start in at):
                n = Span(n.start, end, "ORG", text[n.start : end])
            out.append(n)
        return out

    def _not_place(self, s: Span, text: str, words: list[str], at: dict[int, int]) -> bool:
        """北京 + 时间, 美国 + 通用会计准则: a ``not_place_before`` word right after the place, the place
        ending at a word's end or starting a word that a not_place_before word of two or more characters
        ends (jieba's 美国通用 + 会计准则; not 亚洲杯, an event whose place stays a place)."""
        after = self.not_before_at.first(text, s.end)
        if after is None:
            return False
        k = at.get(s.start)
        return s.end in at or (k is not None and len(after) > 1 and s.end < s.start + len(words[k]) <= s.end + len(after))

    def _head_word(self, w: str) -> bool:
        """Is ``w`` an organisation's head (部), or a noun of two or more characters ending in one (理工大学)?"""
        if w in self.heads:
            return True
        return self.long_heads.ends(w[1:]) and self.tags.get(w, "n") in _HEAD_TAGS

    def _place_head(self, s: Span, text: str, at: dict[int, int], names: list[Span]):
        """永州 + 新闻网, 加州 + 总检察长办公室: (start, end) of the ORG, or None (the head must end at a
        word's end, the place end at one or be the start of one word with the head: 中国足协; no name
        may cross it)."""
        head = self.place_heads_at.first(text, s.end)
        end = s.end + len(head) if head else None
        if end is None or (end not in at and end != len(text)) or (s.end not in at and s.start not in at):
            return None
        if any(s.end <= n.start < end < n.end or (n.start < s.end < n.end) for n in names):
            return None
        return s.start, end

    def _club(self, s: Span, text: str, words: list[str], starts: list[int], at: dict[int, int], by_start: dict[int, Span]):
        """迈阿密 + 国际 of 美职联球队迈阿密国际迎来首秀, 辽宁 + 沈阳 + 城市 of 对阵辽宁沈阳城市的比赛: (start, end) of
        the club's ORG, or None. The places may be several (辽宁沈阳); the ``club_head`` must end at a word's end,
        followed by punctuation, a verb, a preposition, an adverb, a conjunction or a ``sport_cue`` (对阵), or, right
        after a ``sport_cue`` (战平利雅得青年人之后), by 的 or a locative; not by a noun (迈阿密国际机场, 北京国际马拉松);
        the sentence must hold a ``sport_cue`` (球队, 联赛)."""
        if s.end not in at and s.start not in at:
            return None
        e = self._places_end(s, words, starts, at, by_start)
        head = next((h for h in self.club_heads + self.club_words if text.startswith(h, e)), None)
        if head is None or not self._club_next(s.start, e + len(head), text, words, at, head in self.club_heads):
            return None  # 国际 + 机场, 国际 + 马拉松, 国际 + 的 (中国国际的影响), 城市 + 建设: no club
        end = e + len(head)
        a = max(text.rfind(c, 0, s.start) for c in _STOPS) + 1
        b = min((i for i in (text.find(c, end) for c in _STOPS) if i >= 0), default=len(text))
        return (s.start, end) if any(c in text[a:b] for c in self.sport_cues) else None

    def _places_end(self, s: Span, words: list[str], starts: list[int], at: dict[int, int], by_start: dict[int, Span]) -> int:
        """The end of the places written together from ``s``: 辽宁 + 沈阳 (jieba's one word 辽宁沈阳, ns, or two names)."""
        e, k = s.end, at.get(s.start)
        if e not in at and k is not None and self.tags.get(words[k]) == "ns" and starts[k] + len(words[k]) > e:
            e = starts[k] + len(words[k])
        while (n := by_start.get(e)) is not None and n.label == "GPE" and n.end in at:
            e = n.end
        return e

    def _club_next(self, start: int, end: int, text: str, words: list[str], at: dict[int, int], head: bool | None) -> bool:
        """Does a club's name end at ``end`` (a word's end)? Next to a ``sport_cue`` (南京城市 + 对阵, 对阵 + 辽宁沈阳城市
        + 的, 战平 + 利雅得青年人 + 之后); after a ``club_head`` (``head`` True) followed by no noun (迈阿密国际 +
        迎来); a club met before in the article (``head`` None) followed by no noun nor verbal noun (南京城市 + 建设);
        before a ``club_end`` (辽宁沈阳城市 + 足球俱乐部)."""
        k, b = at.get(end), at.get(start)
        if k is None:
            return end == len(text)
        tag = self.tags.get(words[k], "x")
        if words[k] in self.sport_cues or text.startswith(self.club_ends, end) or (head and tag[:1] in _CLUB_NEXT) or (head is None and tag[:1] in _CLUB_NEXT and tag != "vn"):
            return True
        return head is not None and b is not None and b > 0 and words[b - 1] in self.sport_cues and tag[:1] in "xvpdcuf"

    def _club_again(self, names: list[Span], new: list[Span], text: str, words: list[str], at: dict[int, int], drop: set[int]) -> list[Span]:
        """南京城市 once a club in a sports sentence (南京城市对阵…) is the club wherever the article writes it again
        (南京城市官方宣布), the places in it no names: the new ORGs."""
        clubs = {n.text for n in new if n.text.endswith(self.club_heads + self.club_words)}
        more = []
        for s in names:
            if s.start in drop or s.label not in ("GPE", "LOC"):
                continue
            c = next((c for c in clubs if text.startswith(c, s.start)), None)
            if c is None or not self._club_next(s.start, s.start + len(c), text, words, at, None):
                continue
            drop.update(n.start for n in names if s.start <= n.start and n.end <= s.start + len(c))
            more.append(Span(s.start, s.start + len(c), "ORG", c))
        return more

    def _with_head(self, s: Span, text: str, words: list[str], starts: list[int], at: dict[int, int], by_start: dict[int, Span]):
        """安徽 + 理工大学, 法国 + 能源 + 转型 + 部: (start, end) of the ORG, or None."""
        k = at.get(s.end)
        if k is None:
            return None
        for t in range(k, min(k + _MAX_WORDS, len(words))):
            w, a = words[t], starts[t]
            other = by_start.get(a)
            if other is not None and not (other.label == "ORG" and other.end == a + len(w) and w not in self.known):
                return None  # another name (a person, a listed organisation) stands between
            end = a + len(w)
            if end - s.start > _MAX_CHARS:
                return None
            if self._head_word(w):
                return (s.start, end) if end - s.end > len(next(h for h in self.heads if w.endswith(h))) else None
            if len(w) < 2 or w in self.stop or w in self.known or not _HAN.match(w) or self.tags.get(w) not in _COMMON_TAGS:
                return None
        return None

    def _bracketed(self, s: Span, text: str, words: list[str], starts: list[int], at: dict[int, int], by_start: dict[int, Span]):
        """长城超云（北京）科技有限公司: (start, end) of the ORG, or None."""
        if not (0 < s.start and text[s.start - 1] in _OPEN and text[s.end : s.end + 1] in _CLOSE):
            return None
        k, t = at.get(s.start - 1), at.get(s.end + 1)
        end = None
        while t is not None and t < len(words) and starts[t] - s.end <= _MAX_FRONT * 2 and _HAN.match(words[t]) and self.tags.get(words[t]) not in _FUNCTION_TAGS:
            if text.endswith(self.company_ends, 0, starts[t] + len(words[t])):
                end = starts[t] + len(words[t])  # 科技 + 有限公司; 控股集团 + 有限公司: the longest
            t += 1
        if end is None or k is None:
            return None
        front, t, proper = None, k - 1, None
        while t >= 0 and s.start - 1 - starts[t] <= _MAX_FRONT:
            w = words[t]
            if self.known.get(w) == "ORG" and proper is None and _HAN.match(w):
                front = proper = starts[t]  # 汇丰银行（中国）有限公司: a listed organisation right before (nouns at most) heads it (h192)
                break
            glued = len(w) == 1 and front is not None and len(words[t + 1]) == 1 and self.tags.get(w) in _GLUE_TAGS  # 中 + 泰 + 创业投资（深圳）
            if not glued and (not _HAN.match(w) or w in self.stop or self.known.get(w) == "ORG" or (self.tags.get(w) is not None and self.tags[w] not in _NAME_TAGS
                                                                                                   and w not in self.known and self.tags[w] not in _FRONT_NOUNS)):
                break  # 深交所 + 向龙达（北京）…: a listed organisation is a name of its own
            front, t = starts[t], t - 1
            if self.tags.get(w) not in _FRONT_NOUNS or w in self.known:
                proper = front  # the name opens with its first word that is no plain noun (奇瑞 + 商用车（安徽）)
        if proper is None or not any(self.tags.get(w) is None or w in self.known or self.tags[w] in _PROPER_TAGS for w in words[at[proper] : k]):
            return None  # a name needs a word no dictionary holds, a proper name's word or a listed name (长城 + 超云)
        front = proper
        w = words[at[front]]
        if len(w) >= 3 and self.tags.get(w) is None and self.tags.get(w[0]) in ("p", "c"):
            front += 1  # 向龙达: jieba glued a preposition to the name
        return front, end

    def _resident(self, s: Span, text: str, at: dict[int, int], by_start: dict[int, Span], drop: set[int]):
        """中央纪委国家监委 + 驻 + 国家卫生健康委 + 纪检监察组: (start, end) of the ORG, or None; a host
        body alone (驻 + 国家卫生健康委 + 纪检监察组, no name before 驻) is dropped, a host place kept
        (我驻 + 美国 + 大使馆)."""
        cue = next((c for c in self.resident_cue if text.startswith(c, s.end)), None)
        host = by_start.get(s.end + len(cue)) if cue else None
        if host is None:
            if s.label != "ORG" or not any(text.endswith(c, 0, s.start) for c in self.resident_cue):
                return None
            host, cue = s, None  # 驻 + this body: no stationing body's name before 驻
        if host.label not in ("GPE", "ORG"):
            return None
        body = next((b for b in self.resident_body if text.startswith(b, host.end)), None)
        if body is None or host.end + len(body) not in at and host.end + len(body) != len(text):
            return None
        if cue is None:
            drop.add(host.start)  # 驻 + 国家卫生健康委 + 纪检监察组 without the stationing body's name
            return None
        return s.start, host.end + len(body)

