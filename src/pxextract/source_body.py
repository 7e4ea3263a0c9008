"""A public body cited as the source of data is no owner of the data (issue #15 S4b, h252).

Two gaps of :meth:`pxextract.subjects.Subjects.mark_sources`, which gives a cited public body
(source_end of ``rules/link_cues.tsv``) the place it is named after as ``_source``:

* a national body named for no place: ``national_prefix`` + a source_end (国家金融监督管理总局,
  国家体育总局, 国家文物局) is the country's, 中国, as the issuing bodies of ``rules/issuers.tsv`` are;
  one that names a place inside (国家金融监督管理总局北京监管局) is that place's, the place its branch
  serves (据…北京监管局消息，北京地区各财险机构收到保险报案6786件 → 北京; h309);
* a body whose clause ends in a data_verb with words between (美国商务部最新数据显示，…) is
  cited as a report verb right after it would make it: its data are the place it is named after.

Example:
    >>> national_place("国家金融监督管理总局", ("国家",), ("局",), lambda n: None, "中国")
    '中国'
    >>> national_place("国家金融监督管理总局北京监管局", ("国家",), ("局",), lambda n: "北京", "中国")
    '北京'
"""

from __future__ import annotations

from typing import Callable


def national_place(name: str, prefixes: tuple[str, ...], ends: tuple[str, ...], place_in: Callable[[str], str | None],
                   country: str) -> str | None:
    """``country`` (the place of the issuing bodies: 中国) for a national body's name (a national_prefix, a
    source_end), or the place written inside it (its branch's: 北京监管局 → 北京), else None."""
    if len(name) > 2 and name.startswith(prefixes) and name.endswith(ends):
        return place_in(name) or country
    return None
