"""The one loader of the rules folder: units, numerals, qualifiers, dates, cues, gazetteers.

Rules are data (TSV with a header comment, JSONL for entity patterns); nothing in them is
executed. Every loader validates what it reads and raises :class:`RulesError` naming the file
and the line of a bad entry.

Example:
    >>> rules = load_rules()
    >>> rules.units["万元"] if "万元" in rules.units else rules.units["元"].unit
    '元'
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import regex

from .labels import LABELS, LABELS_NAMES, LABELS_NUMERIC
from .normalize import is_han
from .rule_checks import check_consistency
from .rule_tsv import _choice, _decimal, _unique, read_tsv
from .rule_types import (CompanyWords, JapaneseNames, DateWords, DocumentWords, GazetteerEntry, NameGrammar, NerFilters, NumberWords, Qualifier,
                         RelativeYear, RulesError, Unit)

__all__ = ["Rules", "RulesError", "Unit", "Qualifier", "RelativeYear", "GazetteerEntry", "NerFilters", "DateWords",
           "NumberWords", "NameGrammar", "DocumentWords", "load_rules", "default_rules_dir", "rules_hash",
           "load_news_furniture", "load_document_words", "load_jsonl_patterns", "LABELS", "LABELS_NAMES", "LABELS_NUMERIC",
           "QUALIFIERS", "CUE_KINDS", "FURNITURE_KINDS", "SUFFIX_LABELS", "NER_FILTER_KINDS"]

QUALIFIERS = ("exact", "approx", "over", "under")


@dataclass(frozen=True)
class Rules:
    """Everything read from ``rules/``; immutable, built once by :func:`load_rules`."""

    path: Path
    units: dict[str, Unit]
    magnitudes: dict[str, Decimal]
    numerals: dict[str, tuple[int, str]]  # char -> (value, digit|scale)
    qualifiers: dict[str, Qualifier]
    relative_years: dict[str, RelativeYear]
    plan_periods: dict[str, tuple[int, int]]
    period_suffixes: dict[str, str]
    cues: dict[str, tuple[str, ...]]
    gazetteer: tuple[GazetteerEntry, ...]
    entity_suffixes: dict[str, tuple[str, ...]]  # name_suffixes.tsv: label → suffixes, longest first
    entity_stop: frozenset[str]  # name_stopwords.tsv + the suffixes marked alone=stop
    surnames: frozenset[str]  # surnames.tsv
    number_stops: dict[str, tuple[tuple[str, str], ...]]
    userdict: Path | None
    person_cues: dict[str, tuple[str, ...]]  # person_cues.tsv: side (before | after | not_after | period | not_before | said | anonymous | ordinal | latin_before | latin_said | latin_lead | latin_not_last | translit_act | honorific | role_before | copula | title_next | title_after | not_person | not_given_end | thing_end) → cues
    dates: DateWords
    numbers: NumberWords
    names: NameGrammar
    ner: NerFilters
    version: str = field(default="")
    furniture: dict[str, tuple[str, ...]] = field(default_factory=dict)  # news_furniture.tsv: kind → surfaces, longest first
    companies: CompanyWords | None = None  # company_words.tsv: short names without a suffix (pxextract.extract.company_names)
    durations: dict[str, Unit] = field(default_factory=dict)  # durations.tsv: the parts of a compound duration (二年六个月)
    japanese: JapaneseNames | None = None  # japanese_names.tsv: 岸田 + 文雄 (pxextract.extract.japanese_persons)

    def cue(self, kind: str) -> tuple[str, ...]:
        return self.cues.get(kind, ())


def default_rules_dir() -> Path:
    """The rules folder: inside the installed package (wheel) or the repository's ``rules/``."""
    packaged = importlib.resources.files("pxextract") / "rules"
    if packaged.is_dir():  # type: ignore[union-attr]
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[2] / "rules"
    if repo.is_dir():
        return repo
    raise RulesError(f"rules folder not found (looked in {packaged} and {repo})")


def _load_units(d: Path, name: str = "units.tsv") -> dict[str, Unit]:
    path = d / name
    rows = read_tsv(path, ("surface", "unit", "label", "factor", "note"), required=4)
    _unique(path, rows)
    for n, p in rows:
        # the number grammar reads an Arabic number as one block (no backtracking into it)
        if p[0][:1] in "0123456789.,-":
            raise RulesError(f"{path}:{n}: a unit cannot start with a digit, '.', ',' or '-': {p[0]!r}")
    return {p[0]: Unit(p[0], p[1], _choice(path, n, p[2], LABELS_NUMERIC), _decimal(path, n, p[3])) for n, p in rows}


def _load_magnitudes(d: Path) -> dict[str, Decimal]:
    path = d / "magnitudes.tsv"
    rows = read_tsv(path, ("surface", "multiplier"))
    _unique(path, rows)
    return {p[0]: _decimal(path, n, p[1]) for n, p in rows}


def _load_numerals(d: Path) -> dict[str, tuple[int, str]]:
    path = d / "numerals.tsv"
    rows = read_tsv(path, ("char", "value", "kind"))
    _unique(path, rows)
    out = {}
    for n, p in rows:
        if len(p[0]) != 1:
            raise RulesError(f"{path}:{n}: numeral must be one character: {p[0]!r}")
        kind = _choice(path, n, p[2], ("digit", "scale"))
        try:
            value = int(p[1])
        except ValueError:
            raise RulesError(f"{path}:{n}: value must be an integer: {p[1]!r}") from None
        out[p[0]] = (value, kind)
    return out


def _load_qualifiers(d: Path) -> dict[str, Qualifier]:
    path = d / "qualifiers.tsv"
    rows = read_tsv(path, ("surface", "qualifier", "position", "note"), required=3)
    _unique(path, rows)
    return {
        p[0]: Qualifier(p[0], _choice(path, n, p[1], QUALIFIERS), _choice(path, n, p[2], ("before", "after", "inside")))
        for n, p in rows
    }


def _load_relative_years(d: Path) -> dict[str, RelativeYear]:
    path = d / "relative_years.tsv"
    rows = read_tsv(path, ("surface", "offset", "anchor", "note"), required=3)
    _unique(path, rows)
    out = {}
    for n, p in rows:
        try:
            offset = int(p[1])
        except ValueError:
            raise RulesError(f"{path}:{n}: offset must be an integer: {p[1]!r}") from None
        out[p[0]] = RelativeYear(p[0], offset, _choice(path, n, p[2], ("pub", "reviewed")))
    return out


def _load_plan_periods(d: Path) -> dict[str, tuple[int, int]]:
    path = d / "plan_periods.tsv"
    rows = read_tsv(path, ("name", "start", "end"))
    _unique(path, rows)
    out = {}
    for n, p in rows:
        try:
            start, end = int(p[1]), int(p[2])
        except ValueError:
            raise RulesError(f"{path}:{n}: years must be integers") from None
        if end - start != 4:
            raise RulesError(f"{path}:{n}: a five-year plan spans five years, got {start}–{end}")
        out[p[0]] = (start, end)
    return out


def _load_period_suffixes(d: Path) -> dict[str, str]:
    path = d / "period_suffixes.tsv"
    rows = read_tsv(path, ("surface", "part"))
    _unique(path, rows)
    return {p[0]: _choice(path, n, p[1], ("all", "start", "end")) for n, p in rows}


CUE_KINDS = ("target", "not_target", "target_after", "change_up", "change_down", "base", "base_period", "start_time", "measure_noun", "measure_link", "start", "now", "strip_head", "strip_tail",
             "strip_qualifier", "to_word", "to_suffix", "to_adverb", "object_marker", "forecast_clause", "forecast_sentence", "forecast_stop", "owner_marker", "owner_verb", "owner_topic", "owner_link", "owner_joint", "period_only", "not_clause_end", "estimate", "estimate_clause", "not_after_cue", "date_joiner", "de",
             "perfective", "conjunction", "list_end", "respectively", "respectively_object", "respectively_nest", "heading_numeral", "story_number_mark", "story_title", "communique", "work_report",
             "subject_preposition", "subject_locative", "subject_anaphor", "list_mark", "place_body_head", "facility_head", "name_place_head", "name_street_head", "glued_place_head", "glued_place_keep", "venue_head", "venue_before", "venue_after", "modifier_head", "event_head", "topic_clause_end", "opener_credit",
             "scope_country", "lead_country", "lead_country_not", "lead_country_open", "scope_province", "scope_prefecture", "scope_county", "scope_world", "scope_world_not", "scope_nation", "scope_nation_not", "scope_domestic", "scope_back", "scope_whole", "capital_link", "place_modifier", "event_unit", "provision_title_end", "provision_verb", "provision_nation", "provision_condition", "provision_local_end", "advice_cap", "advice_order", "condition_word", "condition_anaphor", "study_finding", "study_part", "penalty_range_verb", "penalty_range_bound", "penalty_range_noun", "penalty_range_party",
             "topic_opener", "glued_opener", "glued_source", "glued_credit", "glued_dateline", "speech_verb", "report_verb", "report_marker", "source_end", "national_prefix", "idle_body_end", "unit_body_end", "unit_form_end", "unit_word_end", "legal_tail", "firm_end", "firm_branch_end", "firm_passive", "firm_source_verb", "penalty_marker", "penalty_word", "penalty_anaphor", "exchange_body", "notice_cue", "notice_word", "firm_anaphor", "firm_anaphor_not", "object_measure", "serve_verb", "body_action", "body_metric", "topic_switch", "data_verb", "data_firm", "research_end", "estimate_verb", "market_measure", "market_target", "market_index", "market_index_tail", "sector_word", "sector_move", "lead_town_end", "lead_village_end", "village_not_after", "town_body_stem_end", "chain_town_not_start", "place_motion", "place_origin", "inner_place_stop", "inner_place_list", "inner_place_break", "inner_place_unit_not", "place_frame", "place_venue", "launch_verb", "launch_object", "sale_platform", "sale_store", "sale_place", "sale_before", "sale_price", "sale_own", "launch_site", "launch_vehicle", "make_verb", "anaphor_prefix", "place_anaphor", "place_anaphor_not", "since", "since_open", "period_gloss", "birth_after", "birth_before", "share_base", "item_suffix", "then", "forecast_continue", "keep_tail", "manner", "level_word", "rate_word", "count_measure",
             "in_force", "in_force_future", "object_verb", "object_past", "multiple", "relative_date", "share_continue",
             "object_intent", "forecast_announce", "no_metric", "period_word", "time_unit", "share", "not_share", "title_prefix", "place_unit", "age_unit", "task_after", "to_end", "imperative", "level_end", "ratio_tail", "age_metric", "age_person", "age_person_stop", "modal_tail", "part_only", "degree_lead", "span_lead", "count_lead", "exist_lead", "series_lead", "object_lead", "amount_lead", "sum_word", "count_attribute", "count_member", "person_classifier", "rate_joint", "length_head", "temperature_head", "region_word", "person_end", "nameless_mark", "name_joint", "adverb_tail", "lead_preposition", "lead_preposition_not", "place_measure", "place_end", "stem_measure", "extreme_word", "modifier_lead", "size_word", "position_end", "short_change_up", "short_change_down", "short_change_base", "compare_lead", "compare_up", "compare_down", "level_verb", "clause_copula", "gloss_lead", "clause_time", "reach_qualifier", "reach_length", "count_unit_word", "share_classifier", "noun_classifier", "noun_unit", "noun_verb", "age_noun_tail", "age_keep", "clause_subject_stop", "event_verb_lead", "event_verb_not", "event_verb_gap", "kind_lead", "kind_noun", "modal_lead")


def _load_cues(d: Path) -> dict[str, tuple[str, ...]]:
    path = d / "link_cues.tsv"
    rows = read_tsv(path, ("kind", "surface", "note"), required=2)
    _unique(path, rows, key=lambda p: (p[0], p[1]))
    out: dict[str, list[str]] = {}
    for n, p in rows:
        out.setdefault(_choice(path, n, p[0], CUE_KINDS), []).append(p[1])
    # longest first, so that alternations and prefix checks prefer the longest cue
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _load_gazetteer(d: Path) -> tuple[GazetteerEntry, ...]:
    folder = d / "gazetteers"
    entries: list[GazetteerEntry] = []
    seen: dict[str, tuple[str, Path, int]] = {}
    for path in sorted(folder.glob("*.tsv")):
        rows = read_tsv(path, ("name", "label", "kind", "full"), required=2, header_row=True)
        for n, p in rows:
            label = _choice(path, n, p[1], LABELS_NAMES)
            prev = seen.get(p[0])
            if prev and prev[0] != label:
                raise RulesError(f"{path}:{n}: {p[0]!r} is {label} here but {prev[0]} in {prev[1]}:{prev[2]}")
            if prev:
                continue
            seen[p[0]] = (label, path, n)
            entries.append(GazetteerEntry(p[0], label, p[2], p[3] or p[0]))
    return tuple(entries)


SUFFIX_LABELS = ("ORG", "GPE", "LOC", "LAW", "ORGEND")


def _load_names(d: Path) -> tuple[dict[str, tuple[str, ...]], frozenset[str], frozenset[str], dict[str, tuple[str, ...]]]:
    """(suffixes by label, stop words, surnames, person cues by side) from name_suffixes.tsv,
    name_stopwords.tsv, surnames.tsv and person_cues.tsv; a suffix marked ``alone=stop`` is a
    stop word too, and a word may not be listed in both name_suffixes.tsv and name_stopwords.tsv."""
    path = d / "name_suffixes.tsv"
    rows = read_tsv(path, ("label", "suffix", "alone"), required=2)
    _unique(path, rows, key=lambda p: (p[0], p[1]))
    suffixes: dict[str, list[str]] = {}
    stop: set[str] = set()
    suffix_line: dict[str, int] = {}
    for n, p in rows:
        suffixes.setdefault(_choice(path, n, p[0], SUFFIX_LABELS), []).append(p[1])
        suffix_line.setdefault(p[1], n)
        if p[2] and _choice(path, n, p[2], ("stop",)):
            stop.add(p[1])
    stop_path = d / "name_stopwords.tsv"
    rows = read_tsv(stop_path, ("word", "note"), required=1)
    _unique(stop_path, rows)
    for n, p in rows:
        if p[0] in suffix_line:
            raise RulesError(f"{stop_path}:{n}: {p[0]!r} is a suffix in {path}:{suffix_line[p[0]]}: "
                             "mark it `stop` in the alone column there instead")
        stop.add(p[0])
    sur_path = d / "surnames.tsv"
    rows = read_tsv(sur_path, ("surname", "note"), required=1)
    _unique(sur_path, rows)
    surnames = frozenset(p[0] for _, p in rows)
    cue_path = d / "person_cues.tsv"
    rows = read_tsv(cue_path, ("cue", "side", "note"), required=2)
    _unique(cue_path, rows)
    cues: dict[str, list[str]] = {"before": [], "after": [], "not_after": [], "period": [], "not_before": [], "said": [], "anonymous": [], "ordinal": [], "latin_before": [], "latin_said": [], "latin_lead": [], "latin_not_last": [], "translit_act": [], "honorific": [], "role_before": [], "copula": [], "title_next": [], "title_after": [], "not_person": [], "not_given_end": [], "thing_end": []}
    for n, p in rows:
        cues[_choice(cue_path, n, p[1], tuple(cues))].append(p[0])
    return (
        {k: tuple(sorted(v, key=len, reverse=True)) for k, v in suffixes.items()},
        frozenset(stop),
        surnames,
        {k: tuple(v) for k, v in cues.items()},
    )


NER_FILTER_KINDS = ("EXACT", "CONTAINS", "FACILITY_END", "GENERIC_HEAD", "GENERIC_PREFIX", "GPE_END", "TRIM_HEAD", "TRANSLIT", "NOT_PERSON_BESIDE", "ORG_END", "UNSURE_ORG_END", "UNSURE_GPE_END", "COMMON_ORG", "TEAM_END", "LIST_JOIN", "NATIONAL_END")


def _load_ner_filters(d: Path) -> NerFilters:
    """rules/ner_filters.tsv (empty filters when the folder has none: a rules folder for rules only)."""
    path = d / "ner_filters.tsv"
    if not path.is_file():
        return NerFilters(frozenset(), (), (), (), frozenset(), ())
    rows = read_tsv(path, ("kind", "surface", "note"), required=2)
    out: dict[str, list[str]] = {k: [] for k in NER_FILTER_KINDS}
    seen: dict[tuple[str, str], int] = {}
    for n, p in rows:
        kind = _choice(path, n, p[0], NER_FILTER_KINDS)
        group = "stop" if kind in ("EXACT", "CONTAINS") else kind  # a text is dropped one way only
        if (group, p[1]) in seen:
            raise RulesError(f"{path}:{n}: duplicate entry {p[1]!r} (first on line {seen[group, p[1]]})")
        seen[group, p[1]] = n
        if kind == "TRIM_HEAD":
            try:
                regex.compile(p[1])
            except regex.error as exc:
                raise RulesError(f"{path}:{n}: bad regular expression {p[1]!r} ({exc})") from None
        out[kind].append(p[1])
    return NerFilters(frozenset(out["EXACT"]), tuple(out["CONTAINS"]), tuple(out["FACILITY_END"]),
                      tuple(out["GENERIC_HEAD"]), frozenset(out["GENERIC_PREFIX"]), tuple(out["GPE_END"]), tuple(out["TRIM_HEAD"]),
                      tuple(out["TRANSLIT"]), tuple(out["NOT_PERSON_BESIDE"]), tuple(out["ORG_END"]), tuple(out["UNSURE_ORG_END"]), tuple(out["UNSURE_GPE_END"]),
                      frozenset(out["COMMON_ORG"]), tuple(out["TEAM_END"]), tuple(out["LIST_JOIN"]), tuple(out["NATIONAL_END"]))


def _load_words(d: Path, name: str, cls):
    """A word-list file (``kind<TAB>surface<TAB>note``) as the frozen dataclass ``cls``, whose
    fields are the kinds: each a tuple of its surfaces in the order written. Every kind needs
    at least one row (the grammars build alternations of them)."""
    path = d / name
    kinds = tuple(f.name for f in fields(cls))
    rows = read_tsv(path, ("kind", "surface", "note"), required=2)
    _unique(path, rows, key=lambda p: (p[0], p[1]))
    out: dict[str, list[str]] = {k: [] for k in kinds}
    for n, p in rows:
        out[_choice(path, n, p[0], kinds)].append(p[1])
    missing = [k for k in kinds if not out[k]]
    if missing:
        raise RulesError(f"{path}: no row of kind {', '.join(missing)} (every kind needs one)")
    return cls(**{k: tuple(v) for k, v in out.items()})


def _load_japanese(d: Path) -> JapaneseNames | None:
    """rules/japanese_names.tsv (None when the folder has none): a surname is two or three Han characters, a
    given name's end one (岸田 + 文雄)."""
    if not (d / "japanese_names.tsv").is_file():
        return None
    j = _load_words(d, "japanese_names.tsv", JapaneseNames)
    for s in j.surname:
        if not (2 <= len(s) <= 3 and all(map(is_han, s))):
            raise RulesError(f"{d / 'japanese_names.tsv'}: a surname is two or three Han characters: {s!r}")
    for s in j.given_end:
        if len(s) != 1 or not is_han(s):
            raise RulesError(f"{d / 'japanese_names.tsv'}: a given_end is one Han character: {s!r}")
    return j


def load_document_words(path: str | Path | None = None) -> DocumentWords:
    """rules/document_words.tsv of the rules folder ``path`` (default: the bundled one)."""
    return _load_words(Path(path) if path is not None else default_rules_dir(), "document_words.tsv", DocumentWords)


def _load_number_stops(d: Path) -> dict[str, tuple[tuple[str, str], ...]]:
    """position → ((surface, unit or ""), …), longest surface first. ``before``/``after``: words
    that make a number a name, class or ordinal; ``needs_before``/``needs_after``: the words
    one of which a number with that unit needs beside it to be a figure (a duration 连续7日
    rather than a day of the month 23日); ``after_name``: units that, glued to an organisation's
    name, number a part of it (中国电科48所); ``in_quote``: units (the surface, unit column empty)
    of measures that stay figures inside a short quoted name (“8英寸集成电路成套装备”), where
    other numbers are part of a name or slogan (“365天不打烊”); ``in_name``: set phrases (the unit
    column empty) whose number is part of the name, no figure, quoted or not (八项规定, 三个联合公报); ``enclosed``: a bracket pair (（）) and a unit: a number with that unit alone inside such brackets is no figure (上汽集团（84位）: a rank);
    ``quoted_word``: a slogan word (unit column empty) that, quoted right after a count, makes it a slogan count (四个“注重”); ``name_tail``: PERSON and a unit (雷三根)."""
    path = d / "number_stops.tsv"
    rows = read_tsv(path, ("position", "surface", "unit", "note"), required=2)
    _unique(path, rows, key=lambda p: (p[0], p[1], p[2]))
    out: dict[str, list[tuple[str, str]]] = {"before": [], "after": [], "needs_before": [], "needs_after": [], "after_name": [],
                                             "in_quote": [], "in_name": [], "enclosed": [], "quoted_word": [], "in_word": [], "name_tail": []}
    for n, p in rows:
        pos = _choice(path, n, p[0], tuple(out))
        if pos == "after_name" and (p[1] != "ORG" or not p[2]):
            raise RulesError(f"{path}:{n}: an after_name row is ORG with its unit")
        if pos.startswith("needs_") and not p[2]:
            raise RulesError(f"{path}:{n}: a {pos} row names its unit")
        if pos in ("in_name", "quoted_word") and p[2]:
            raise RulesError(f"{path}:{n}: an {pos} row is a whole word or phrase, its unit column empty")
        out[pos].append((p[1], p[2]))
    return {k: tuple(sorted(v, key=lambda x: len(x[0]), reverse=True)) for k, v in out.items()}


FURNITURE_KINDS = ("outlet", "local", "verb", "cite", "place_tail", "outlet_suffix", "role", "role_sep",
                   "credit_after", "source", "credit_end", "date_label", "surname", "separator", "source_sep",
                   "undated_verb", "not_after_verb", "after_name", "heard_role", "heard_verb", "weekday_word", "weekday_day",
                   "caption_credit", "photo_credit", "title_end", "cite_verb", "cite_not_end", "cite_join", "title_document", "outlet_end", "title_cite_gap", "title_cite_after", "interview_before", "interview_after", "media_word", "source_channel", "source_not_inside", "notice")
OUTLET_SCOPES = ("any", "furniture")


def load_news_furniture(d: Path) -> dict[str, tuple[str, ...]]:
    """``kind → surfaces`` (longest first) from ``rules/news_furniture.tsv``; ``{}`` when the
    folder has no such file (a rules folder made before news furniture existed).

    Outlets are listed under ``outlet``; those whose third column is ``any`` also under
    ``outlet_any`` (an ORG wherever they stand, not only in datelines and credits).

    Example: ``load_news_furniture(default_rules_dir())["verb"][:2]`` → ``('综合报道', '专电')``.
    """
    path = d / "news_furniture.tsv"
    if not path.is_file():
        return {}
    rows = read_tsv(path, ("kind", "surface", "scope (outlet) or note"), required=2)
    _unique(path, rows, key=lambda p: (p[0], p[1]))
    out: dict[str, list[str]] = {}
    for n, p in rows:
        kind = _choice(path, n, p[0], FURNITURE_KINDS)
        surface = p[1]
        if any(ch.isspace() for ch in surface):
            raise RulesError(f"{path}:{n}: a surface has no spaces: {surface!r}")
        if kind == "outlet":
            if _choice(path, n, p[2], OUTLET_SCOPES) == "any":
                out.setdefault("outlet_any", []).append(surface)
        elif kind == "surname" and not (1 <= len(surface) <= 2 and all(is_han(ch) for ch in surface)):
            raise RulesError(f"{path}:{n}: a surname is one or two Han characters: {surface!r}")
        out.setdefault(kind, []).append(surface)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def rules_hash(d: Path) -> str:
    """A short hash of every rules file, stored with results so that a rules change is visible."""
    h = hashlib.sha256()
    for path in sorted(p for p in d.rglob("*") if p.is_file() and p.suffix in {".tsv", ".txt", ".jsonl", ".json"}):
        h.update(str(path.relative_to(d)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def load_rules(path: str | Path | None = None) -> Rules:
    """Every rules file under ``path`` (default: the bundled rules), loaded and validated once per folder (None and the default folder's Path alike): the result is immutable, so sharing it shares no mutable state."""
    return _load_rules(Path(path) if path is not None else default_rules_dir())


@lru_cache(maxsize=4)
def _load_rules(d: Path) -> Rules:
    if not d.is_dir():
        raise RulesError(f"{d}: rules folder not found")
    suffixes, stop, surnames, person_cues = _load_names(d)
    userdict = d / "userdict.txt"
    rules = Rules(
        path=d,
        units=_load_units(d),
        magnitudes=_load_magnitudes(d),
        numerals=_load_numerals(d),
        qualifiers=_load_qualifiers(d),
        relative_years=_load_relative_years(d),
        plan_periods=_load_plan_periods(d),
        period_suffixes=_load_period_suffixes(d),
        cues=_load_cues(d),
        gazetteer=_load_gazetteer(d),
        entity_suffixes=suffixes,
        entity_stop=stop,
        surnames=surnames,
        number_stops=_load_number_stops(d),
        userdict=userdict if userdict.is_file() else None,
        person_cues=person_cues,
        dates=_load_words(d, "date_words.tsv", DateWords),
        numbers=_load_words(d, "number_words.tsv", NumberWords),
        names=_load_words(d, "name_grammar.tsv", NameGrammar),
        ner=_load_ner_filters(d),
        version=rules_hash(d),
        furniture=load_news_furniture(d),
        companies=_load_words(d, "company_words.tsv", CompanyWords),
        durations=_load_units(d, "durations.tsv"),
        japanese=_load_japanese(d),
    )
    check_consistency(rules)
    return rules
load_rules.cache_clear = _load_rules.cache_clear  # type: ignore[attr-defined]  # what the tests call


def load_jsonl_patterns(path: Path) -> list[dict]:
    """EntityRuler-style patterns (``{"label", "pattern"}``) from a JSONL rules file."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RulesError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
        if set(obj) - {"label", "pattern", "id"} or "label" not in obj or "pattern" not in obj:
            raise RulesError(f"{path}:{n}: a pattern needs exactly 'label', 'pattern' and optional 'id'")
        out.append(obj)
    return out
