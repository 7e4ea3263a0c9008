"""A body's name that runs on into the clause after it (issue #13 precision, h344).

The model sometimes reads a body and the verb after it as one ORG: 国家防总 + 部署 (a title), 中国气象局 + 联合会商,
永茂泰 + 预计公司, 华勤技术 + 开盘报, 中国五矿 + 与 + 中冶集团. :mod:`pxextract.body_verbs` cuts such a span only
after an organisation's end and with a body after the verb; this module, run once after the names are merged
(:func:`pxextract.pipeline.make_entities`), cuts any ORG whose opening is an organisation the article names on
its own elsewhere (or the gazetteer lists as an ORG) and whose next words are a ``body_run_verb`` of
``rules/name_grammar.tsv`` (部署, 会商, 预计, 尝试 …; not 组织 of …党委组织部, 开发 of 联合国开发计划署, 发布 of 上海发布,
控股 of 腾讯控股): the ORG is the body alone. After a ``body_run_joint`` (与, 和) the words to the span's end are
a second ORG when they end as one (…集团, …部). A listed name is never cut.

Example:
    >>> from pxextract.spans import Span
    >>> text = "国家防总部署防汛。国家防总要求，中国五矿与中冶集团重组"
    >>> spans = [Span(0, 6, "ORG", "国家防总部署"), Span(9, 13, "ORG", "国家防总"), Span(16, 25, "ORG", "中国五矿与中冶集团")]
    >>> [s.text for s in body_runs(spans, text, ("部署",), ("与",), ("集团",), {"中国五矿": "ORG"})]
    ['国家防总', '国家防总', '中国五矿', '中冶集团']
"""

from __future__ import annotations

from .spans import Span


def body_runs(spans: list, text: str, verbs: tuple[str, ...], joints: tuple[str, ...], org_ends: tuple[str, ...],
              known: dict[str, str]) -> list:
    """``spans`` (flat, sorted) with each ORG running from a named body into a verb cut to the body."""
    if not verbs and not joints:
        return spans
    orgs = {s.text for s in spans if s.label == "ORG"}
    runs = (*verbs, *joints)
    out, changed = [], False
    for s in spans:
        if s.label != "ORG" or len(s.text) < 4 or s.text in known:
            out.append(s)
            continue
        cut = next((n for n in range(len(s.text) - 1, 1, -1)
                    if (s.text[:n] in orgs or known.get(s.text[:n]) == "ORG") and text.startswith(runs, s.start + n)), 0)
        if not cut:
            out.append(s)
            continue
        changed = True
        out.append(Span(s.start, s.start + cut, "ORG", s.text[:cut], s.attrs))
        joint = next((j for j in joints if text.startswith(j, s.start + cut)), None)
        rest = s.start + cut + len(joint or "")
        if joint and s.end - rest >= 3 and (text[rest : s.end].endswith(org_ends) or text[rest : s.end] in orgs):
            out.append(Span(rest, s.end, "ORG", text[rest : s.end]))  # 中国五矿 + 与 + 中冶集团
    return out if changed else spans
