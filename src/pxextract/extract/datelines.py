"""News datelines and publication dates in the text (docs/annotation.md §6 News), from
rules/news_furniture.tsv and the calendar words of rules/date_words.tsv.

:class:`Datelines` reads the furniture's vocabulary and finds datelines (新华社北京8月17日电,
本报讯, X月X日，记者从…获悉) and a publication date written in the first lines;
:class:`pxextract.extract.furniture.NewsFurniture` adds the names of bylines and credits.
Their spans carry the private attribute ``furniture`` (dateline, byline, source, outlet) so that
the linker never takes them as a figure's or the article's subject; the pipeline drops it on
output.

Example:
    >>> from pxextract.rules import load_rules
    >>> [(d["kind"], d["month"], d["day"]) for d in Datelines(load_rules()).datelines("新华社北京8月17日电 全市…")]
    [('dateline', 8, 17)]
"""

from __future__ import annotations

import datetime
import re

import regex

from ..rules import Rules
from ..spans import Span


_SPACES = " \t\u3000\xa0\u2002\u2003\u2009\u202f"
_GAP = f"[{_SPACES}]*"  # spaces a dateline may hold between its parts (IT之家 8 月 16 日消息)
# what ends a name in a credit, besides the role separators of news_furniture.tsv (责任编辑：X, 监制丨X)
_NAME_ENDS = _SPACES + "、，,。；;：:）)】]」』|｜/／“”\"'‘’《》!！?？\r\n（(【[·•-—－"
_BOUNDARY_BEFORE = frozenset(_SPACES + "。！？!?；;，,、：:）)】]」』”\"（(【[\r\n")
_HAN_CHAR = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"^\p{Han}+\Z")  # \Z: not before a final newline (撰文：李明\n摄影 → 李明)
_OUTLET_CHARS = regex.compile(r"^[\p{Han}A-Za-z0-9·]+\Z")
_HEAD = 300  # datelines are looked for in the article's first characters
_FIRST_LINES, _FIRST_CHARS = 3, 300  # where a publication date in the text may stand
_BRACKET_ITEM = re.compile(f"[^{_SPACES}、，,]+")  # an item of a dateline's credit bracket
_TIME = rf"{_GAP}\d{{1,2}}[:：]\d\d"
_RELAY_SEPARATORS = ("：", ":", "，", ",")  # end a relayed place's verb (雅典消息：)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in words)


def _date_patterns(year: str, month: str, day: str) -> tuple[str, str, str]:
    """(month and day, an optional year before them, a full date) as regex sources; ``year``,
    ``month``, ``day``: alternations of the calendar words (rules/date_words.tsv)."""
    month_day = rf"(?P<month>\d{{1,2}}){_GAP}(?:{month}){_GAP}(?P<day>\d{{1,2}}){_GAP}(?:{day})"
    year_opt = rf"(?:(?P<year>(?:19|20)\d\d){_GAP}(?:{year}){_GAP})?"
    full = (
        rf"(?P<y>(?:19|20)\d\d){_GAP}(?:(?P<s>[-/.]){_GAP}(?P<m>\d{{1,2}}){_GAP}(?P=s){_GAP}(?P<d>\d{{1,2}})(?!\d)"
        rf"|(?:{year}){_GAP}(?P<m2>\d{{1,2}}){_GAP}(?:{month}){_GAP}(?P<d2>\d{{1,2}}){_GAP}(?:{day})?)"
    )
    return month_day, year_opt, full


def _longest_before(text: str, pos: int, words, max_len: int) -> str | None:
    """The longest word of the set ``words`` that ends at ``pos``."""
    for n in range(min(max_len, pos), 0, -1):
        if text[pos - n : pos] in words:
            return text[pos - n : pos]
    return None


def _calendar_date(y: int, m: int, d: int | None) -> bool:
    try:
        datetime.date(y, m, d or 1)
    except ValueError:
        return False
    return True


class Datelines:
    """The vocabulary of news furniture (rules/news_furniture.tsv) and the datelines it finds:
    ``datelines(text)``, ``text_date(text)``, ``month_day(datelines)``."""

    def __init__(self, rules: Rules, tags: dict[str, str] | None = None):
        w = rules.furniture
        self.enabled = bool(w)
        self.outlets = frozenset(w.get("outlet", ()))
        self.outlets_any = w.get("outlet_any", ())
        self.outlets_any_set = frozenset(self.outlets_any)
        self.locals = frozenset(w.get("local", ()))
        self.cites = w.get("cite", ())
        self.place_tails = w.get("place_tail", ())
        self.outlet_suffixes = w.get("outlet_suffix", ())
        self.long_suffixes = tuple(x for x in self.outlet_suffixes if len(x) >= 2)
        self.roles = w.get("role", ())
        # a role word of two characters written with a space (统 筹：, 记 者：) counts before a separator
        spaced = tuple(f"{r[0]}{sp}{r[1]}" for r in w.get("role", ()) + w.get("role_sep", ()) if len(r) == 2 for sp in " \u3000")
        self.role_seps = w.get("role_sep", ()) + spaced
        self.spaced_roles = frozenset(spaced)  # also right after a name (许基仁策 划：常爱玲)
        self.after = w.get("credit_after", ())
        self.photo_credits = frozenset(w.get("photo_credit", ()))  # 喇小飞摄, （泱波 摄）: no listed surname needed
        self.sources = w.get("source", ())
        self.source_channels = tuple(sorted(w.get("source_channel", ()), key=len, reverse=True))  # 上海宝山 + 官方微信
        self.source_not_inside = self.long_suffixes + w.get("source_not_inside", ())  # 哈尔滨新闻网 + 姜文鑫
        self.body_ends = tuple(rules.entity_suffixes.get("ORGEND", ()))  # 宁波市台办: a body cited as a source
        self.credit_ends = w.get("credit_end", ())
        self.surnames = rules.surnames | frozenset(w.get("surname", ()))
        self.places = frozenset(e.name for e in rules.gazetteer if e.label == "GPE")
        self.known = {e.name: e.label for e in rules.gazetteer}
        self.tags = tags or {}
        self.outlet_set = self.outlets | self.locals
        self.outlets_longest = tuple(sorted(self.outlets, key=len, reverse=True))
        # page debris that ends in an outlet's name (返回搜狐): the outlet, ORG each time the debris repeats
        self.debris_outlets = tuple((c, o) for c in self.credit_ends
                                    for o in [next((o for o in self.outlets_longest if c.endswith(o) and c != o), None)] if o)
        self.cite_set = frozenset(self.cites)
        # 据生命时报消息: a cited outlet missing from the list, ended by an outlet suffix and a cite verb
        self.cite_not_end = tuple(w.get("cite_not_end", ()))  # 统计局 + 通报: a verb, no outlet
        self.cite_join = frozenset("".join(w.get("cite_join", ())))  # 美联社 + 和 + 彭博社: two outlets
        self.countries = tuple(e.name for e in rules.gazetteer if e.kind == "country")  # 日本 + 共同社: GPE + outlet
        self.cited_outlet = None  # compiled below with the dates (据生命时报消息, 据德国新闻电视频道网站8月13日报道)
        # …电视台, …通讯社, …日报: only an outlet ends so, even before a website or a date, or after a country
        self.outlet_ends = tuple(w.get("outlet_end", ())) + tuple(w.get("title_end", ()))
        self.title_ends, self.title_documents = tuple(w.get("title_end", ())), tuple(w.get("title_document", ()))
        self.tail_set = frozenset(self.place_tails)
        self.max_outlet = max(map(len, self.outlet_set), default=1)
        self.outlet_last = frozenset(o[-1] for o in self.outlet_set)
        self.not_names = rules.entity_stop | self.outlets | self.locals | frozenset(
            self.roles + self.role_seps + self.after + self.sources + self.credit_ends + w.get("verb", ())
        )
        # the role separators (责任编辑：X, 文/X): also end a name
        self.role_separators = "".join(w.get("separator", ()))
        self.name_ends = frozenset(_NAME_ENDS + self.role_separators)
        self.after_name = frozenset(w.get("after_name", ()))  # a one-character word that may follow a name
        dw = rules.dates
        self.month_words = dw.month
        self.heard_roles = w.get("heard_role", ())
        verbs = "|".join(regex.escape(v) for v in w.get("verb", ()))
        labels = "|".join(regex.escape(x) for x in w.get("date_label", ()))
        credits = "|".join(regex.escape(x) for x in self.roles + self.sources)
        if not self.enabled:
            return
        month_day, year_opt, date_full = _date_patterns(_alt(dw.year), _alt(dw.month), _alt(dw.day))
        # characters that 电 / 讯 start a word with after a date in running text (8月17日电视台…)
        not_after = re.escape("".join(w.get("not_after_verb", ())))
        not_after = f"(?![{not_after}])" if not_after else ""
        weekday = rf"{_GAP}(?:{_alt(w.get('weekday_word', ()))})[{re.escape(''.join(w.get('weekday_day', ())))}]"
        # a dateline's date and verb: 8月17日电, 2023年8月16日讯, 8 月 16 日消息
        # (literal alternations run on the standard library's re, which scans them far faster)
        cite_verbs, gap = w.get("cite_verb", ()), _alt(w.get("title_cite_gap", ()))
        self.cited_outlet = regex.compile(
            # 据8月16日大风新闻报道: a date before the outlet is no part of it (h266)
            rf"(?:{_alt(self.cites)})(?:\d{{1,2}}{_GAP}(?:{_alt(dw.month)}){_GAP}\d{{1,2}}{_GAP}(?:{_alt(dw.day)}){_GAP})?"
            rf"(?P<name>[\p{{Han}}A-Za-z0-9·]{{2,10}}?(?:{_alt(self.outlet_suffixes)}))"
            rf"(?P<gap>(?:{gap})?{_GAP}(?:{month_day})?{_GAP})(?:{_alt(cite_verbs)})"
        ) if cite_verbs and self.cites and self.outlet_suffixes else None
        # 据新加坡《联合早报》网站7月23日报道, 《卫报》记者, 接受《巴黎人报》采访: a 《》 title cited as the source
        title, gap = r"《(?P<name>[\p{Han}A-Za-z0-9·]{2,12})》", _alt(w.get("title_cite_gap", ()))
        self.titled_outlet = regex.compile(
            rf"(?:{_alt(self.cites)})(?P<pre>\p{{Han}}{{0,5}}?){title}(?=(?:{gap})?{_GAP}(?:{month_day})?{_GAP}(?:{_alt(w.get('cite_verb', ()))}))"
            rf"|{title}(?={_alt(w.get('title_cite_after', ()))})"
            rf"|(?:{_alt(w.get('interview_before', ()))}){title.replace('name', 'paper')}(?={_alt(w.get('interview_after', ()))})"
        ) if w.get("cite_verb") and self.cites and w.get("title_cite_after") and w.get("interview_before") else None
        # 据外媒 Decrypt 报道, 据 ABC 报道: a Latin outlet cited (the cite and its verb around it, spaces allowed)
        self.latin_outlet = regex.compile(
            rf"(?:{_alt(self.cites)})(?:{_alt(w.get('media_word', ()))})?{_GAP}(?P<name>[A-Za-z][A-Za-z0-9.&'\- ]{{0,30}}[A-Za-z0-9])"
            rf"{_GAP}(?:{gap})?{_GAP}(?:{month_day})?{_GAP}(?:{_alt(w.get('cite_verb', ()))})"
        ) if w.get("cite_verb") and self.cites else None
        self.date_verb = re.compile(rf"(?<!\d){year_opt}{month_day}{_GAP}(?P<verb>{verbs}){not_after}")
        # found first (a literal start), the date then looked for before it
        self.day_verb = re.compile(rf"(?:{_alt(dw.day)}){_GAP}(?:{verbs})")
        # a dateline without a date: 本报讯, 新京报讯, 央视网消息, 【环球网报道 (an outlet right before)
        self.undated_verb = re.compile(rf"(?P<verb>{_alt(w.get('undated_verb', ()))}){not_after}")
        # X月X日，记者从…获悉: the reporter's date, no outlet
        self.heard = re.compile(rf"(?<!\d){month_day}[^，。！？\n]{{0,8}}?[，,]?{_GAP}(?:{_alt(self.heard_roles)})"
                                rf"(?:{_alt(w.get('heard_verb', ()))})")
        # a publication date in the first lines: labelled, stamped with a time, alone on its line,
        # or followed by a credit (2023-08-15 13:40:22 作者：…)
        stamps = [rf"(?<!\d){date_full}(?:{weekday})?(?={_TIME})"]  # 2023-08-16 10:32
        if labels:
            stamps.append(rf"(?:{labels})[：:]{_GAP}{date_full}")  # 发布时间：2023-08-16
        if credits:
            stamps.append(rf"(?<!\d){date_full}(?:{weekday})?{_GAP}(?:{credits})")  # 2023年8月16日 来源：…
        self.stamps = [re.compile(s) for s in stamps]
        # a line that holds nothing but a date (and its weekday and time)
        self.date_line = re.compile(rf"[{_SPACES}]*{date_full}(?:{weekday})?(?:{_TIME}(?::\d\d)?)?[{_SPACES}]*")
        self.role_words = re.compile(
            "|".join(re.escape(r) for r in self.roles)
            + ("|(?:" + "|".join(re.escape(r) for r in self.role_seps) + f")(?=[{re.escape(self.role_separators)}])" if self.role_seps else "")
        )
        # role_sep words count before a separator (文/, 图：): found from the separator
        self.role_sep_set = frozenset(self.role_seps)
        self.max_role_sep = max(map(len, self.role_seps), default=0)
        self.role_sep_last = frozenset(x[-1] for x in self.role_seps)
        # one scan of the article finds every role, credit and source word and every separator
        kinds_of: dict[str, list[str]] = {}
        for kind, ws in (("role", self.roles), ("after", self.after), ("source", self.sources)):
            for x in ws:
                kinds_of.setdefault(x, []).append(kind)
        self.word_kinds = {x: tuple(k) for x, k in kinds_of.items()}
        # (literals only: a character class in the alternation would cost re its fast literal scan)
        self.scan_words = re.compile("|".join(re.escape(x) for x in sorted(kinds_of, key=len, reverse=True) + list(self.role_separators)))
        self.source_sep = re.compile(f"[{_SPACES}]*[{re.escape(''.join(w.get('source_sep', ())))}]")
        self.after_words = re.compile("|".join(re.escape(a) for a in self.after))  # longest first
        self.end_words = re.compile("|".join(re.escape(x) for x in self.credit_ends + self.sources))
        self.credit_end_words = re.compile("|".join(re.escape(x) for x in self.credit_ends) or "(?!)")
        self.outlet_at = re.compile("|".join(re.escape(o) for o in self.outlets_longest))
        # the first character of anything a byline run may go on with (a quick test per position)
        self.run_chars = frozenset(x[0] for x in self.roles + self.role_seps + self.after) | frozenset(s[0] for s in self.surnames)

    # -- datelines ---------------------------------------------------------------------------
    def datelines(self, text: str) -> list[dict]:
        """Datelines in the article's first characters, in order: ``{"start", "end", "kind"
        (dateline | cited | heard), "year", "month", "day", "spans"}`` (year None when not written)."""
        if not self.enabled:
            return []
        head = text[:_HEAD]
        out: list[dict] = []
        dated = any(m in head for m in self.month_words)
        for m in self._date_verbs(head) if dated else ():
            parsed = self._back(head, m.start())
            if parsed is None:
                continue
            start, kind, spans = parsed
            y = int(m.group("year")) if m.group("year") else None
            mo, d = int(m.group("month")), int(m.group("day"))
            if not _calendar_date(y or 2000, mo, d):
                continue
            out.append({"start": start, "end": m.end(), "kind": kind, "year": y, "month": mo, "day": d, "spans": spans})
        for m in self.undated_verb.finditer(head):
            k = m.start()
            while k > 0 and head[k - 1] in _SPACES:
                k -= 1
            o = self._outlet_before(head, k)
            if any(d["start"] <= m.start() < d["end"] for d in out):
                continue
            if o is None:
                # 中国消费者报沈阳讯, 本报长沙讯: an outlet and a place before the verb (h261)
                parsed = self._back(head, k) if _longest_before(head, k, self.places, 8) else None
                if parsed is not None:
                    out.append({"start": parsed[0], "end": m.end(), "kind": parsed[1],
                                "year": None, "month": None, "day": None, "spans": parsed[2]})
                continue
            a = k - len(o)
            cited = _longest_before(head, a, self.cite_set, 2)
            spans = [] if o in self.locals else [Span(a, k, "ORG", o, {"furniture": "dateline"})]
            out.append({"start": a, "end": m.end(), "kind": "cited" if cited else "dateline",
                        "year": None, "month": None, "day": None, "spans": spans})
        for m in self.heard.finditer(head) if dated and any(r in head for r in self.heard_roles) else ():
            if not _calendar_date(2000, int(m.group("month")), int(m.group("day"))):
                continue
            out.append({"start": m.start(), "end": m.end(), "kind": "heard", "year": None,
                        "month": int(m.group("month")), "day": int(m.group("day")), "spans": []})
        for at in [0] + [d["end"] for d in out if d["kind"] == "dateline"]:
            relay = self._relay(head, at)
            if relay is not None and not any(d["start"] <= relay["start"] < d["end"] for d in out):
                out.append(relay)
        return sorted(out, key=lambda d: d["start"])

    def _relay(self, text: str, i: int) -> dict | None:
        """The place a story is relayed from, opening the text or right after its dateline, before an
        undated verb and a separator: 中新社北京7月24日电 雅典消息：希腊东南部… → GPE 雅典 (furniture: the
        figures are not the dateline city's; h261)."""
        while i < len(text) and text[i] in _SPACES:
            i += 1
        k, spans = i, []
        while (n := next((n for n in range(8, 1, -1) if text[k : k + n] in self.places), 0)):
            spans.append(Span(k, k + n, "GPE", text[k : k + n], {"furniture": "dateline"}))
            k += n
        v = self.undated_verb.match(text, k) if spans else None
        if v is None or not text.startswith(_RELAY_SEPARATORS, v.end()):
            return None
        return {"start": i, "end": v.end(), "kind": "dateline", "year": None, "month": None, "day": None, "spans": spans}

    def _date_verbs(self, head: str):
        """``date_verb`` matches of ``head``, looked for only just before each 日 + verb."""
        done = 0
        for v in self.day_verb.finditer(head):
            m = self.date_verb.search(head, max(done, v.start() - 24), v.end() + 4)
            if m is not None and m.start() >= done:
                done = m.end()
                yield m

    def _outlet_before(self, text: str, k: int) -> str | None:
        if k <= 0 or text[k - 1] not in self.outlet_last:
            return None  # most positions: no outlet ends with this character
        return _longest_before(text, k, self.outlet_set, self.max_outlet)

    def _back(self, text: str, j: int) -> tuple[int, str, list[Span]] | None:
        """Outlet(s) and places that end where a dateline's date starts: (start, kind, spans), or
        None when no outlet stands there (新华社 + 北京 + 8月17日电, 中新网 + 广东 + 新闻 + 8月1日电)."""
        k = j
        while k > 0 and text[k - 1] in _SPACES:
            k -= 1
        places: list[tuple[int, int]] = []
        unknown = None  # a place missing from the gazetteer: skipped, but no span (half are not places)
        outlets: list[tuple[int, int]] = []
        while k > 0 and j - k <= 40:
            o = self._outlet_before(text, k)
            if o is not None:
                outlets.insert(0, (k - len(o), k))
                k -= len(o)
                if k > 1 and text[k - 1] in "-－—·" and self._outlet_before(text, k - 1):
                    k -= 1  # 四川新闻网-首屏新闻, 中青报·中青网
                continue
            if outlets:
                break
            tail = _longest_before(text, k, self.tail_set, 2)
            if tail and not places and _longest_before(text, k - len(tail), self.places, 8):
                k -= len(tail)  # 中新网广东新闻8月1日电: 新闻 is the channel
                continue
            p = _longest_before(text, k, self.places, 8)
            if p is not None:
                places.insert(0, (k - len(p), k))
                k -= len(p)
                continue
            if not places and unknown is None:  # 新华社 + 尼科西亚 + 8月1日电: skipped to find the outlet
                for n in range(6, 1, -1):
                    cand = text[k - n : k] if k >= n else ""
                    if _HAN_RUN.match(cand) and not self.role_words.search(cand) and self._outlet_before(text, k - n):
                        unknown = (k - n, k)
                        k -= n
                        break
                else:
                    break
                continue
            break
        if not outlets:
            generic = self._generic_outlet(text, places[0][0] if places else k) if unknown is None else None
            if generic is None:
                return None
            outlets = [generic]
        start = outlets[0][0]
        cited = _longest_before(text, start, self.cite_set, 2) is not None
        spans = [Span(a, b, "ORG", text[a:b], {"furniture": "dateline"}) for a, b in outlets if text[a:b] not in self.locals]
        spans += [Span(a, b, "GPE", text[a:b], {"furniture": "dateline"}) for a, b in places]
        return start, "cited" if cited else "dateline", spans

    def _generic_outlet(self, text: str, k: int) -> tuple[int, int] | None:
        """An outlet missing from the list: 2–12 characters from a clear boundary (the text's
        start, a space, 。】) to ``k``, ending in an outlet suffix (…网, …日报, …新闻)."""
        a = k
        while a > 0 and k - a < 12 and text[a - 1] not in _BOUNDARY_BEFORE:
            a -= 1
        if not (a == 0 or text[a - 1] in _BOUNDARY_BEFORE) or k - a < 2:
            return None
        name = text[a:k]
        if _OUTLET_CHARS.match(name) and name.endswith(self.outlet_suffixes) and (name in self.outlets or name not in self.not_names):
            return a, k
        return None

    # -- dates ---------------------------------------------------------------------------------
    def text_date(self, text: str, datelines: list[dict] | None = None) -> tuple[int, int, int] | None:
        """A full publication date written in the text: a dateline that names its year, or a
        date in the first lines that is labelled (发布时间：), stamped with a time
        (``2023-08-16 10:32``), alone on its line, or followed by a credit (… 作者：X).

        A date opening a sentence (2023年7月18日，英特尔宣布…) is an event's date, not taken."""
        if not self.enabled:
            return None
        for d in datelines if datelines is not None else self.datelines(text):
            if d["kind"] == "dateline" and d["year"] is not None:
                return d["year"], d["month"], d["day"]
        parts = text[:_FIRST_CHARS].split("\n")
        for n, line in enumerate(parts[:_FIRST_LINES]):
            found = []
            complete = n < len(parts) - 1 or len(text) <= _FIRST_CHARS  # not cut at _FIRST_CHARS
            m = self.date_line.fullmatch(line.rstrip("\r")) if complete else None
            if m is not None:
                found.append(m)
            found += [m for p in self.stamps if (m := p.search(line)) is not None]
            for m in sorted(found, key=lambda m: m.start()):
                y, mo, d = int(m.group("y")), int(m.group("m") or m.group("m2")), int(m.group("d") or m.group("d2"))
                if _calendar_date(y, mo, d):
                    return y, mo, d
        return None

    def month_day(self, datelines: list[dict]) -> tuple[int, int] | None:
        """The month and day of the article's own dateline (not a cited report's)."""
        for d in datelines:
            if d["kind"] != "cited" and d["month"] is not None:
                return d["month"], d["day"]
        return None
