"""Army units (issue #13 names → #15 subjects, h362): the kinds ``army_*`` of rules/name_grammar.tsv.

* a numbered group army (第 + numeral + ``army_numbered`` 集团军), a theatre command (``army_theatre`` 北部战区) and a
  service written between or before them (``army_service`` 陆军, 空军) are one ORG: 第72集团军, 北部战区空军,
  北部战区陆军第78集团军 (annotation §6: a unit numbered inside its name, 陆军第78集团军);
* an unnamed unit of such a body (``army_anon`` 某, at most two Han characters, an ``army_unit`` word: 某旅, 某部,
  某合成旅, 某部队) belongs to it, the name of the unit the news may give (第72集团军某旅, 武警湖南总队某部): after
  the bodies above, an organisation ending in an ``army_body_end`` word (武警湖南总队) or an ``army_head`` word that
  names a unit only with such a tail (武警某部, 北京 + 卫戍区某部, 海军陆战队某部; 武警官兵 and 海军陆战队员 stay no
  names). A unit word opening an ``army_unit_not`` word is none (某部门, 某旅行社, 某团伙);
* the place or organisation written straight before the unit heads its name (北京 + 卫戍区某部, 乌克兰武装部队 + 东部战区;
  annotation §3, the longest name); only one: a place before it is where the unit is (清水镇 + 北京卫戍区某部).

Example:
    >>> from pxextract.spans import Span
    >>> g = dict(numbered=("集团军",), theatre=("北部战区",), service=("陆军", "空军"), head=("武警",), body_end=("总队",),
    ...          anon=("某",), unit=("部队", "部", "旅"), unit_not=("部门",), ordinal="第", numerals="七")
    >>> t = "第72集团军某旅组织训练。北部战区空军某旅，武警湖南总队某部，武警某部门，武警官兵"
    >>> [s.text for s in army_units([Span(22, 28, "ORG", "武警湖南总队")], t, **g)]
    ['第72集团军某旅', '北部战区空军某旅', '武警湖南总队某部']
"""

from __future__ import annotations

import regex

from ..spans import Span


def _alt(words) -> str:
    return "|".join(map(regex.escape, sorted(words, key=len, reverse=True)))


def army_units(names: list[Span], text: str, numbered=(), theatre=(), service=(), head=(), body_end=(), anon=(), unit=(), unit_not=(), ordinal="", numerals="") -> list[Span]:
    """``names`` (sorted, flat) plus the army units of the module docstring; ``ordinal``: the ordinal prefix (第,
    rules/number_stops.tsv), ``numerals``: the Chinese numeral characters (rules/numerals.tsv)."""
    if not (any(w in text for w in numbered) or any(w in text for w in theatre) or any(w in text for w in anon)):
        return names
    army = f"(?:{_alt(service)})?{regex.escape(ordinal)}[0-9{regex.escape(numerals)}]{{1,3}}(?:{_alt(numbered)})"
    strong = regex.compile(f"(?:{_alt(theatre)})(?:{_alt(service)})?(?:{army})?|{army}")
    weak = regex.compile(f"(?:{_alt(head)})")
    units, not_words = sorted(unit, key=len, reverse=True), tuple(unit_not)
    tail = regex.compile(f"(?:{_alt(anon)})\\p{{Han}}{{0,2}}?(?:{_alt(unit)})")

    def tail_end(at: int) -> int:
        """Where the unnamed unit's tail starting at ``at`` ends (``at``: none there)."""
        m = tail.match(text, at)
        if not m:
            return at
        u = next(u for u in units if text.endswith(u, 0, m.end()))
        return at if text.startswith(not_words, m.end() - len(u)) else m.end()  # 某部门, 某旅行社

    found: list[tuple[int, int]] = []
    for m in strong.finditer(text):
        found.append((m.start(), tail_end(m.end())))
    for m in weak.finditer(text):
        e = tail_end(m.end())
        if e > m.end():
            found.append((m.start(), e))
    for s in names:  # 武警湖南总队 + 某部
        if s.label == "ORG" and s.text.endswith(tuple(body_end)) and (e := tail_end(s.end)) > s.end:
            found.append((s.start, e))
    if not found:
        return names
    out = list(names)
    drop: set[int] = set()
    taken: list[tuple[int, int]] = []
    for a, e in sorted(found, key=lambda x: (x[0], -x[1])):
        if any(a < y and x < e for x, y in taken):
            continue
        inside = [k for k, s in enumerate(names) if s.start < e and a < s.end]
        if any(names[k].start < a or names[k].end > e for k in inside):
            continue  # a longer name there already (解放军北部战区总医院)
        k = next((j for j, s in enumerate(names) if s.end == a), None)
        if k is not None and names[k].label in ("GPE", "ORG") and "furniture" not in names[k].attrs:
            inside.append(k)  # 北京 + 卫戍区某部; one name only: 清水镇 + 北京卫戍区某部 are two
            a = names[k].start
        drop.update(inside)
        taken.append((a, e))
        out.append(Span(a, e, "ORG", text[a:e]))
    return sorted((s for j, s in enumerate(out) if j not in drop), key=lambda s: s.start)
