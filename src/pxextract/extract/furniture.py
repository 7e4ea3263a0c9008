"""News furniture: the names of datelines, bylines and credits (docs/annotation.md §6 News).

ORG for outlets (新华社, IT之家), GPE for dateline places, PERSON for the names of bylines and
credits, all flagged with the private attribute ``furniture``; the datelines themselves are
found by :class:`pxextract.extract.datelines.Datelines`.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from ..spans import Span, remove_overlaps
from .datelines import _BOUNDARY_BEFORE, _BRACKET_ITEM, _HAN_CHAR, _HAN_RUN, _OUTLET_CHARS, _SPACES, Datelines, _longest_before

_PHOTO_BEFORE = frozenset("。！？!?（(\n\r" + _SPACES)  # what stands before a photo credit's name (游玩。喇小飞摄)
_DIGIT_HAN = regex.compile(r"\d\p{Han}")  # 来源：湖南高院7月31日，… : a date runs on after the outlet


class NewsFurniture(Datelines):
    """Datelines, bylines and credits of news articles (rules/news_furniture.tsv).

    ``spans(text, words, starts)`` gives the furniture's names: ORG for outlets (新华社, IT之家), GPE
    for dateline places, PERSON for the names of bylines and credits; ``datelines(text)`` the
    datelines with their dates; ``text_date(text)`` a full publication date written in the first
    lines (a dateline with a year, ``2023-08-16 10:32``, ``发布时间：2023-08-16``).

    Example:
        >>> from pxextract.rules import load_rules
        >>> f = NewsFurniture(load_rules())
        >>> [(s.text, s.label) for s in f.spans("新华社北京8月17日电（记者 王小军 陈文军）全市…")]
        [('新华社', 'ORG'), ('北京', 'GPE'), ('王小军', 'PERSON'), ('陈文军', 'PERSON')]
    """

    # -- names -----------------------------------------------------------------------------------
    def scan(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Where the furniture's words stand, in one pass over the text: ``role`` (role words, and
        role_sep words before their separator), ``after`` (credit words), ``source`` (source words
        with their separator: the outlet starts at the range's end)."""
        out: dict[str, list[tuple[int, int]]] = {"role": [], "after": [], "source": []}
        if not self.enabled:
            return out
        kinds_of = self.word_kinds
        for m in self.scan_words.finditer(text):
            a, e = m.span()
            kinds = kinds_of.get(m.group())
            if kinds is None:  # a separator: after a role_sep word (文/, 图：)?
                w = _longest_before(text, a, self.role_sep_set, self.max_role_sep) if a and text[a - 1] in self.role_sep_last else None
                if w is not None:
                    out["role"].append((a - len(w), a))
                continue
            for kind in kinds:
                if kind == "source":
                    sep = self.source_sep.match(text, e)
                    if sep is not None:
                        out["source"].append((a, sep.end()))
                else:
                    out[kind].append((a, e))
        out["role"].sort()
        return out

    def spans(self, text: str, words: list[str] | None = None, starts: list[int] | None = None,
              datelines: list[dict] | None = None, found: dict | None = None) -> list[Span]:
        """Names of the furniture: dateline outlets and places, byline and credit persons, source
        outlets (flagged ``furniture``), longest first, nothing overlapping. ``words``/``starts``:
        the article's tokens and their offsets, when known; ``datelines`` and ``found`` (the
        :meth:`scan`) of ``text`` when already computed."""
        if not self.enabled:
            return []
        found = self.scan(text) if found is None else found
        datelines = self.datelines(text) if datelines is None else datelines
        debris = self._debris_outlets(text) + self._cited_outlets(text, starts) + self._titled_outlets(text) + self._latin_outlets(text)
        if not (datelines or found["role"] or found["after"] or found["source"]):
            return debris
        out: list[Span] = debris
        for d in datelines:
            out.extend(d["spans"])
            if d["kind"] != "heard":
                out.extend(self._bracket_after(text, d["end"]))
        out.extend(self._role_runs(text, words, starts, found["role"]))
        out.extend(self._names_before_credit(text, found["after"]))
        out.extend(self._source_outlets(text, found["source"]))
        return remove_overlaps(out) if len(out) > 1 else out

    def _debris_outlets(self, text: str) -> list[Span]:
        """The outlet named by page debris (credit_end words ending in an outlet: 返回搜狐，查看更多 → ORG
        搜狐), each time the debris appears (layout debris is annotated where it stands)."""
        out = []
        for words, outlet in self.debris_outlets:
            i = text.find(words)
            while i >= 0:
                e = i + len(words)
                out.append(Span(e - len(outlet), e, "ORG", outlet, {"furniture": "source"}))
                i = text.find(words, e)
        return out

    def _cited_outlets(self, text: str, starts: list[int] | None = None) -> list[Span]:
        """An outlet cited without a date, missing from the list: 据生命时报消息 → ORG 生命时报 (three or more
        characters before an outlet suffix; the cite word a word of its own — not 据 of 数据 — where the
        tokens' ``starts`` are known). None that is generic (据该网报道), ends in a verb or a website
        (统计局通报, 联合国官网), joins two outlets (美联社和彭博社) or ends in a listed outlet (日本共同社: the
        place and the listed outlet are found apart). One opening with a country, or cited before its website or
        a date, only when it ends as only an outlet does (outlet_end, title_end): 据德国新闻电视频道网站8月13日报道
        → ORG 德国新闻电视频道, 据美国福克斯新闻网报道 → ORG 美国福克斯新闻网; not 据中央气象台网站消息 (h190)."""
        if self.cited_outlet is None:
            return []
        out, at = [], set(starts) if starts else None
        for m in self.cited_outlet.finditer(text):
            name = m.group("name")
            if (len(name) < 3 or name in self.not_names or self.tags.get(name) not in (None, "nt", "nz", "nrt")
                    or name.endswith(self.cite_not_end) or not self.cite_join.isdisjoint(name)
                    or name.endswith(self.outlets_longest)
                    or ((m.group("gap") or name.startswith(self.countries)) and not name.endswith(self.outlet_ends))
                    or (at is not None and m.start() not in at)):
                continue
            out.append(Span(m.start("name"), m.end("name"), "ORG", name, {"furniture": "source"}))
        return out

    def _titled_outlets(self, text: str) -> list[Span]:
        """A newspaper or magazine cited in its 《》 title: 据新加坡《联合早报》网站7月23日报道 → ORG 联合早报, 《卫报》记者,
        《纽约时报》报道称 (the whole title: 纽约 inside is no place of its own). Not a document's title
        (title_document: 据《统计公报》显示); only a paper's (title_end, outlet_suffix), or one after a country (据韩国
        《亚洲经济》报道), not a programme's (据《焦点访谈》报道, 接受《焦点访谈》采访)."""
        if self.titled_outlet is None:
            return []
        out = []
        for m in self.titled_outlet.finditer(text):
            key = "name" if m.group("name") else "paper"
            name = m.group(key)
            paper = name.endswith(self.title_ends + self.outlet_suffixes)
            if name.endswith(self.title_documents) or not (paper or m.group("pre") in self.countries and key == "name"):
                continue
            out.append(Span(m.start(key), m.end(key), "ORG", name, {"furniture": "source"}))
        return out

    def _latin_outlets(self, text: str) -> list[Span]:
        """A Latin outlet cited between a cite word (and a press word: 外媒, 韩媒) and a cite verb: 据外媒 Decrypt 报道 →
        ORG Decrypt, 据 ABC 7月3日报道 → ORG ABC; the whole Latin name (据日媒ORICON NEWS报道)."""
        if self.latin_outlet is None:
            return []
        return [Span(m.start("name"), m.end("name"), "ORG", m.group("name"), {"furniture": "source"})
                for m in self.latin_outlet.finditer(text)]

    def _bracket_after(self, text: str, pos: int) -> list[Span]:
        """The credit in brackets right after a dateline: （记者 王小军 陈文军）, (巴特尔达拉 刘雨珊)."""
        i = pos
        while i < len(text) and text[i] in _SPACES:
            i += 1
        if i >= len(text) or text[i] not in "（(【":
            return []
        close = {"（": "）", "(": ")", "【": "】"}[text[i]]
        j = text.find(close, i + 1, i + 80)
        if j < 0 or "\n" in text[i:j]:
            return []
        out = []
        # items split by spaces and 、; an item is role words and/or one name
        for m in _BRACKET_ITEM.finditer(text[i + 1 : j]):
            a, item = i + 1 + m.start(), m.group()
            cut = 0
            for r in self.role_words.finditer(item):  # 记者周勉 → 周勉; 中青报·中青网记者 → nothing
                cut = r.end()
            a, item = a + cut, item[cut:]
            if item.startswith(tuple(self.role_separators)):
                a, item = a + 1, item[1:]
            if item in self.outlets or (len(item) >= 3 and item.endswith(self.long_suffixes) and _OUTLET_CHARS.match(item)):
                out.append(Span(a, a + len(item), "ORG", item, {"furniture": "source"}))  # (沈阳日报、…记者 X)
            elif item and self._plausible(item, lenient=True, longest=5):
                out.append(Span(a, a + len(item), "PERSON", item, {"furniture": "byline"}))
        return out

    def _role_runs(self, text: str, words, starts, roles: list[tuple[int, int]]) -> list[Span]:
        """Names after role words: 记者 王小军 陈文军, 责任编辑：X, 文/X, 编辑 陈静 校对 陈荻雁.

        A role word counts where it starts a word: after a non-Han character, an outlet (本报记者,
        新京报记者) or, with the article's tokens, at a token start (not 作者 in 工作者, 文 in 黄博文/)."""
        out: list[Span] = []
        done = 0
        for a, end in roles:
            if a < done:
                continue
            if a > 0 and text[a - 1] not in _BOUNDARY_BEFORE and not text[a - 1].isascii() and text[a:end] not in self.spaced_roles:
                # after a Han character: a word start (token start; not for 文/, 图/) or after an outlet
                word_start = False
                if starts and text[a:end] not in self.role_sep_set:
                    k = bisect_right(starts, a) - 1
                    word_start = k >= 0 and starts[k] == a
                if not word_start and not self._outlet_before(text, a):
                    continue
            names, done = self._run(text, end, words, starts)
            out.extend(names)
        return out

    def _skip_sep(self, text: str, i: int) -> tuple[int, bool]:
        """Spaces and one separator after a role word; True when there was any."""
        j = i
        while j < len(text) and text[j] in _SPACES:
            j += 1
        if j < len(text) and text[j] in self.role_separators:
            j += 1
            while j < len(text) and text[j] in _SPACES:
                j += 1
        return j, j > i

    def _run(self, text: str, i: int, words, starts) -> tuple[list[Span], int]:
        """The names of a byline run from ``i`` (right after a role word), and where it ends."""
        out: list[Span] = []
        i, lenient = self._skip_sep(text, i)
        limit = min(len(text), i + 80)
        while i < limit:
            if not lenient and text[i] not in self.run_chars:
                break  # no role, credit word or surname: the run is over
            r = self.role_words.match(text, i)
            if r is not None:
                i, lenient = self._skip_sep(text, r.end())
                limit = min(len(text), i + 80)  # each role word opens its own names (a long credit line)
                continue
            a = self.after_words.match(text, i)
            if a is not None and self._name_end(text, a.end(), words_only=False):
                i = a.end()
                lenient = False
                continue
            end = self._name_at(text, i, lenient)
            fallback = end is None
            if fallback:
                end = self._token_name(text, i, words, starts)
            if end is None:
                break
            out.append(Span(i, end, "PERSON", text[i:end], {"furniture": "byline"}))
            i = end
            if fallback:
                break
            j = i
            while j < limit and (text[j] in _SPACES or text[j] == "、"):
                j += 1
            if j == i and self.role_words.match(text, i) is None and self.after_words.match(text, i) is None:
                break
            i, lenient = j, False
        return out, i

    def _name_end(self, text: str, i: int, words_only: bool = False) -> bool:
        """Does a name end before position ``i``: the text's end, a delimiter, a digit (林珏瑶7月29日),
        or a role or credit word (编辑 王琼流程编辑…, 李昌乾摄 )?"""
        if i >= len(text):
            return True
        ch = text[i]
        if ch in self.name_ends or ch.isdigit():
            return True
        if self.role_words.match(text, i) is not None or self.end_words.match(text, i) is not None:
            return True
        a = self.after_words.match(text, i)
        return a is not None and not words_only and self._name_end(text, a.end(), words_only=True)

    def _name_at(self, text: str, i: int, lenient: bool) -> int | None:
        """End of a 2–4 character name at ``i`` that a delimiter ends (the shortest such); or of a
        name written with a space (林 君)."""
        for n in (2, 3, 4):
            s = text[i : i + n]
            if len(s) < n or not _HAN_CHAR.match(s[-1]):
                break
            if n == 4 and s[:2] not in self.surnames:
                # four characters after a one-character surname: a name only before a delimiter,
                # and not one that ends in a word (田思近日，)
                if not (i + 4 == len(text) or text[i + 4] in self.name_ends) or s[2:] in self.tags:
                    break
            if self._name_end(text, i + n) and self._plausible(s, lenient):
                return i + n
        s = text[i : i + 3]
        if (len(s) == 3 and s[1] in " \u3000\xa0" and _HAN_CHAR.match(s[0]) and _HAN_CHAR.match(s[2])
                and s[0] in self.surnames and self._name_end(text, i + 3)):
            return i + 3
        return None

    def _token_name(self, text: str, i: int, words, starts) -> int | None:
        """A name that no delimiter ends (记者李明了解到): the jieba token(s) at ``i`` when they
        are a surname and a given name, neither a dictionary word of another kind."""
        if not words or not starts:
            return None
        k = bisect_right(starts, i) - 1
        if k < 0 or starts[k] != i:
            return None
        t0 = words[k]
        name = None
        if 2 <= len(t0) <= 3 and self._plausible(t0, lenient=False):
            name, k = t0, k + 1
        elif len(t0) == 1 and t0 in self.surnames and k + 1 < len(words):
            t1 = words[k + 1]
            tag = self.tags.get(t1)
            if 1 <= len(t1) <= 2 and _HAN_RUN.match(t1) and (tag is None or tag.startswith("nr")) and t1 not in self.not_names:
                name, k = t0 + t1, k + 2
        if name is None:
            return None
        nxt = words[k] if k < len(words) else ""
        if len(nxt) == 1 and _HAN_CHAR.match(nxt) and nxt not in self.after_name:
            return None  # 姚凯 + 红 …: the name goes on
        return i + len(name)

    def _plausible(self, s: str, lenient: bool, longest: int = 4) -> bool:
        """Is ``s`` a person's name in a credit? 2–``longest`` Han characters (·-joined parts in
        brackets), not a role, outlet, stop word or known place; a known surname first unless
        ``lenient`` (right after a role word and its separator: 审校/小北)."""
        if not 2 <= len(s) <= (longest + 2 if "·" in s else longest):
            return False
        if not _HAN_RUN.match(s.replace("·", "")) or s.startswith("·") or s.endswith("·") or s in self.not_names:
            return False
        if len(s) >= 3 and s.endswith(self.long_suffixes):
            return False  # 沈阳日报: an outlet
        if self.known.get(s) not in (None, "PERSON"):
            return False
        tag = self.tags.get(s)
        if tag is not None and not tag.startswith("nr"):
            return False
        if s[0] in self.surnames or s[:2] in self.surnames:
            return True
        if not lenient:
            return False
        head = self.tags.get(s[:2])
        return head is None or head.startswith("nr")

    def _names_before_credit(self, text: str, afters: list[tuple[int, int]]) -> list[Span]:
        """Caption credits: 李昌乾摄, （谢尚誓 摄）, 易伟刚摄 at a line's end."""
        out = []
        for q0, e in afters:
            if not self._name_end(text, e, words_only=True):
                continue
            q = q0
            while q > 0 and text[q - 1] in " \u3000\xa0":
                q -= 1
            for n in (3, 2, 4):
                s = text[q - n : q] if q >= n else ""
                if s and _HAN_RUN.match(s) and (q - n == 0 or text[q - n - 1] in _BOUNDARY_BEFORE or text[q - n - 1] in "“”")\
                        and self._plausible(s, lenient=False):
                    out.append(Span(q - n, q, "PERSON", s, {"furniture": "byline"}))
                    break
            else:
                s = text[q - 3 : q] if q >= 3 else ""
                if (len(s) == 3 and s[1] in " \u3000\xa0" and s[0] in self.surnames and _HAN_CHAR.match(s[2])
                        and (q - 3 == 0 or text[q - 4] in _BOUNDARY_BEFORE)):
                    out.append(Span(q - 3, q, "PERSON", s, {"furniture": "byline"}))  # 林 君摄
                elif text[q0:e] in self.photo_credits:
                    out.extend(self._photo_credit(text, q, q0))
        return out

    def _photo_credit(self, text: str, q: int, q0: int) -> list[Span]:
        """A photographer's name without a listed surname before 摄 / 摄影 (``photo_credit``), 2–3 characters
        alone after a caption's end, an opening bracket or a line's start: 游玩。喇小飞摄, （泱波 摄）; not a known
        place or word (北京摄), nor a verb (拍摄: its last character and 摄 a dictionary word)."""
        if q == q0 and text[q - 1 : q + 1] in self.tags:
            return []  # 现场拍摄
        for n in (3, 2):
            s = text[q - n : q] if q >= n else ""
            if not (s and _HAN_RUN.match(s)) or (q - n > 0 and text[q - n - 1] not in _PHOTO_BEFORE):
                continue
            if self._plausible(s, lenient=True, longest=3):
                return [Span(q - n, q, "PERSON", s, {"furniture": "byline"})]
        return []

    def _source_outlets(self, text: str, sources: list[tuple[int, int]]) -> list[Span]:
        """The outlets after 来源：/ 本文转自【…】 when they are names: a listed outlet, a name ending in an
        outlet suffix, or one holding a known place without being one (an account named after its place:
        （来源：上海宝山）, 本文转自【安徽发布】, 平安内蒙古 → ORG; not 来源：香港《文汇报》; h196; one ending as a body
        does, 图片来源：宁波市台办, is a plain ORG, no furniture: it may be a subject), each delimited; a
        role word run on is cut (北京房山流程编辑：X → 北京房山), and a list goes on after 、 (央视新闻、中国气象局、安徽气象)."""
        out = []
        for _, i in sources:
            for _item in range(6):
                while i < len(text) and text[i] in _SPACES:
                    i += 1
                i += text.startswith("@", i)
                known = self.outlet_at.match(text, i)
                known = known.group() if known else None
                if known is not None:
                    out.append(Span(i, i + len(known), "ORG", known, {"furniture": "source"}))
                    j = i + len(known)
                else:
                    j = i
                    while j < len(text) and j - i < 12 and not (text[j] in self.name_ends or self.end_words.match(text, j)):
                        j += 1
                    if not (j >= len(text) or text[j] in self.name_ends or self.end_words.match(text, j)):
                        break
                    name = text[i:j]
                    role = next((r for r in self.roles if name.endswith(r) and len(name) - len(r) >= 2), None)
                    if role and j < len(text) and text[j] in self.role_separators + "：:":
                        name = name[: -len(role)]
                    while channel := next((c for c in self.source_channels if name.endswith(c) and len(name) - len(c) >= 2), ""):
                        name = name[: len(name) - len(channel)]  # 景德镇市人民政府 + 官网 + 等
                    if not (2 <= len(name) <= 12 and _OUTLET_CHARS.match(name)
                            and (name.endswith(self.outlet_suffixes) or self._holds_place(name))):
                        break
                    body = not name.endswith(self.outlet_suffixes) and name.endswith(self.body_ends)  # 宁波市台办: a body, no outlet
                    out.append(Span(i, i + len(name), "ORG", name, {} if body else {"furniture": "source"}))
                    if len(name) < j - i:
                        break
                if j >= len(text) or text[j] != "、":
                    break
                i = j + 1
        return out

    @staticmethod
    def absorb(outer: Span, inner: Span) -> bool:
        """Record a place that a furniture span ``outer`` overlaps and wins over (GPE 长宁 of ORG 上海长宁 after 来源：)
        in its private ``_inner`` attribute, so that the article's other mentions of it are still found
        (pxextract.ner_combine.Combiner.propagate); always True."""
        if inner.label in ("GPE", "LOC") and outer.start <= inner.start and inner.end <= outer.end:
            outer.attrs.setdefault("_inner", []).append((inner.text, inner.label))
        return True

    def _holds_place(self, name: str) -> bool:
        """A source name of 3–10 characters holding a known place and more (上海宝山, 安徽发布, 平安内蒙古), not a
        place itself (香港, 佛子岭镇) nor a generic word; a known body is one (中国气象局)."""
        if name in self.known:
            return self.known[name] == "ORG"
        if not 3 <= len(name) <= 10 or name in self.places or name in self.not_names or _DIGIT_HAN.search(name) or any(
                x in name[:-1] for x in self.source_not_inside):  # 哈尔滨新闻网 + 姜文鑫: an outlet and more
            return False
        return any(name[a:b] in self.places for a in range(len(name)) for b in range(a + 2, min(len(name), a + 8) + 1))
