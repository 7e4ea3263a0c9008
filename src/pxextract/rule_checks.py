"""Checks across rules files (:func:`check_consistency`, run by :func:`pxextract.rules.load_rules`):
what one file says must not contradict or copy another. Each error names the file and the line."""

from __future__ import annotations

from pathlib import Path

from .rule_types import RulesError


def _line_of(path: Path, kind: str, surface: str) -> int:
    """The line of ``kind<TAB>surface`` (or of a row starting with ``surface``) in ``path``, for errors."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = [p.strip() for p in line.split("\t")]
        if parts[:2] == [kind, surface] or (not kind and parts[:1] == [surface]):
            return n
    return 0


def check_consistency(r) -> None:
    """Checks across the files of ``r`` (a :class:`pxextract.rules.Rules`)."""
    d = r.path
    cues = d / "link_cues.tsv"
    # the qualifiers the linker strips come from qualifiers.tsv: a cue names them, never copies one
    for w in r.cue("strip_tail"):
        if w in r.qualifiers:
            raise RulesError(f"{cues}:{_line_of(cues, 'strip_tail', w)}: {w!r} is a qualifier (qualifiers.tsv): "
                             "list it as strip_qualifier")
    for w in r.cue("strip_qualifier"):
        q = r.qualifiers.get(w)
        if q is None or q.position != "before":
            raise RulesError(f"{cues}:{_line_of(cues, 'strip_qualifier', w)}: {w!r} is no `before` qualifier "
                             "of qualifiers.tsv (the linker takes qualifiers from there only)")
    # a change to a value ends in a to_end word that the metric's cleaning strips (link_metric._verb_to_tail)
    for kind in ("to_end", "level_end", "ratio_tail"):
        for w in r.cue(kind):
            if w not in r.cue("strip_tail"):
                raise RulesError(f"{cues}:{_line_of(cues, kind, w)}: {w!r} is no strip_tail word: a {kind} word is "
                                 "removed from the end of a metric, the verb before it is read after that")
    for w in r.cue("level_end"):
        if w not in r.cue("to_end"):
            raise RulesError(f"{cues}:{_line_of(cues, 'level_end', w)}: {w!r} is no to_end word")
    stops = d / "number_stops.tsv"
    for w, _ in r.number_stops.get("in_quote", ()):
        if w not in r.units:
            raise RulesError(f"{stops}:{_line_of(stops, 'in_quote', w)}: {w!r} is no unit surface of units.tsv")
    words = d / "number_words.tsv"
    for w in r.numbers.bare_qualifier:
        q = r.qualifiers.get(w)
        if q is None or q.position != "before":
            raise RulesError(f"{words}:{_line_of(words, 'bare_qualifier', w)}: {w!r} must be a `before` qualifier of qualifiers.tsv")
    for w in r.numbers.unsigned_unit:
        if not any(u.unit == w for u in r.units.values()):
            raise RulesError(f"{words}:{_line_of(words, 'unsigned_unit', w)}: {w!r} is no unit of units.tsv")
    for w in r.numbers.firm_unit:
        if w not in r.units:
            raise RulesError(f"{words}:{_line_of(words, 'firm_unit', w)}: {w!r} is no unit surface of units.tsv")
    # a magnitude word written with numeral scales has their value (十万 = 10 × 10000)
    mags = d / "magnitudes.tsv"
    for w, mult in r.magnitudes.items():
        if all(ch in r.numerals for ch in w):
            kinds = [r.numerals[ch] for ch in w]
            value = 1
            for v, kind in kinds:
                value *= v
            if any(kind != "scale" for _, kind in kinds) or value != mult:
                raise RulesError(f"{mags}:{_line_of(mags, '', w)}: {w!r} is {mult} here, but its numerals "
                                 f"(numerals.tsv) read {value}{'' if all(k == 'scale' for _, k in kinds) else ' with digits in it'}")
    nums = d / "numerals.tsv"
    for kind, ws in (("scale_start", r.numbers.scale_start), ("large_scale", r.numbers.large_scale),
                     ("bare_magnitude", r.numbers.bare_magnitude), ("mixed_scale", r.numbers.mixed_scale),
                     ("mixed_inner", r.numbers.mixed_inner)):
        for w in ws:
            if r.numerals.get(w, (0, ""))[1] != "scale":
                raise RulesError(f"{words}:{_line_of(words, kind, w)}: {w!r} is no scale in {nums}")
    for w in r.numbers.article_one:
        if r.numerals.get(w, (0, ""))[1] != "digit":
            raise RulesError(f"{words}:{_line_of(words, 'article_one', w)}: {w!r} is no digit in {nums}")
    dw = d / "date_words.tsv"
    for w in r.dates.count_scale:
        if r.numerals.get(w, (0, ""))[1] != "scale":
            raise RulesError(f"{dw}:{_line_of(dw, 'count_scale', w)}: {w!r} is no scale in {nums}")
    for w in r.dates.forward:
        if w not in r.dates.count_before:
            raise RulesError(f"{dw}:{_line_of(dw, 'forward', w)}: {w!r} is no count_before word")
    for w in r.dates.guarded_relative:
        if w not in r.relative_years:
            raise RulesError(f"{dw}:{_line_of(dw, 'guarded_relative', w)}: {w!r} is not in relative_years.tsv")
    durs, units = d / "durations.tsv", {u.unit: u.label for u in r.units.values()}
    for w, u in r.durations.items():  # a compound duration is stored in a unit of units.tsv, with its label
        if units.get(u.unit) != u.label or not any(v.unit == u.unit and v.factor == 1 for v in r.durations.values()):
            raise RulesError(f"{durs}:{_line_of(durs, '', w)}: {u.unit!r} is no {u.label} unit of units.tsv "
                             "with a second part (factor 1) in durations.tsv")
    grammar = d / "name_grammar.tsv"
    for w in r.names.org_body_end:
        if len(w) != 1:
            raise RulesError(f"{grammar}:{_line_of(grammar, 'org_body_end', w)}: an org_body_end is one character: {w!r}")
    for w in r.names.not_org_body:
        if not (w.endswith(r.names.org_body) or w[-1] in r.names.org_body_end):
            raise RulesError(f"{grammar}:{_line_of(grammar, 'not_org_body', w)}: {w!r} ends in no org_body or org_body_end")
    cw = d / "company_words.tsv"
    if r.companies is not None:
        org_suffixes = set(r.entity_suffixes.get("ORG", ()))
        for kind in ("industry", "firm"):
            for w in getattr(r.companies, kind):
                if len(w) < 2 or w in org_suffixes or (kind == "industry" and w in r.companies.firm):
                    raise RulesError(f"{cw}:{_line_of(cw, kind, w)}: an {kind} word has two or more characters and is "
                                     f"no ORG suffix of name_suffixes.tsv nor listed as firm too: {w!r}")
