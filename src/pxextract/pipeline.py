"""The one place that writes the order of work: read → normalize → segment → extract → link.

The pipeline is a spaCy ``Language`` (blank ``zh`` with the pxextract jieba tokenizer) with
four components registered by name, so that a user can add them to a pipeline of their own:

* ``pxextract_dates``    – DATE spans (regex over the normalized text)
* ``pxextract_numbers``  – MONEY / PERCENT / QUANTITY / CARDINAL (regex over the normalized text)
* ``pxextract_entities`` – PERSON / GPE / LOC / ORG / LAW (PhraseMatcher + suffix grammar)
* ``pxextract_linker``   – flattens, resolves years, metrics, modality; writes ``doc.ents``,
  ``doc.spans["pxextract"]`` and ``span._.px`` (the attributes)

Example:
    >>> ex = Extractor()
    >>> rec = ex.extract_text("全市设立规模近3亿元的工业发展资金池。", date="2022")
    >>> rec["spans"][0]["text"], rec["spans"][0]["value"], rec["spans"][0]["qualifier"]
    ('3亿元', 300000000, 'approx')
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import re
from itertools import accumulate
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.lang.zh import lex_attrs as zh_lex_attrs
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from . import modifier_names, ner, person_mentions, title_persons, whole_given
from ._version import __version__
from .docdata import found as found_spans
from .extract.dates import DateGrammar, find_dates
from .extract.entities import EntityFinder, NewsFurniture
from .extract import group_shorts, village_shorts  # modules: 瓦格纳集团 … 瓦格纳; 土山村 … 土山
from .extract.body_titles import titled_bodies  # 瑞典外交部 + 长: a title, no body (h347)
from .extract.numbers import NumberGrammar, find_numbers
from .extract.unit_words import cut_words, name_tails
from .lexeme_attrs import fast_getters
from .ner_features import fold_dots
from .alias_mentions import alias_mentions
from .recurring_persons import recurring_persons
from .withheld_given import withheld_given
from .link import Linker, link
from .subjects import Subjects
from .glued_place import unglue_subjects
from .story_subjects import story_subjects
from .venue_body import mark_venues
from .records import ArticleRecord
from .rules import Rules, load_jsonl_patterns, load_rules
from .normalize import is_han
from .publication_date import parse_date, publication_meta  # noqa: F401 parse_date: docs/news-judged-sample.md imports it from here
from .segment import Segmenter, dictionary_tags, get_view, tokens, view_token_starts
from .spans import Span, remove_overlaps

if not SpacySpan.has_extension("px"):
    SpacySpan.set_extension("px", default=None)


def _to_raw(doc: Doc, spans: list[Span]) -> list[Span]:
    view = get_view(doc)
    raw = view.raw
    out = []
    for s in spans:
        a, b = view.to_raw(s.start, s.end)
        if "duplicate_of" in s.attrs:  # an offset too: the first occurrence's raw start
            s.attrs["duplicate_of"] = view.raw_pos(s.attrs["duplicate_of"])
        out.append(Span(a, b, s.label, raw[a:b], s.attrs))
    return out


@Language.factory("pxextract_dates", default_config={"rules_path": ""})
def make_dates(nlp: Language, name: str, rules_path: str):
    grammar = DateGrammar(load_rules(rules_path or None))

    def component(doc: Doc) -> Doc:
        found_spans(doc)["dates"] = find_dates(get_view(doc).text, grammar)
        return doc

    return component


@Language.factory("pxextract_numbers", default_config={"rules_path": ""})
def make_numbers(nlp: Language, name: str, rules_path: str):
    grammar = NumberGrammar(load_rules(rules_path or None))

    def component(doc: Doc) -> Doc:
        found_spans(doc)["numbers"] = find_numbers(get_view(doc).text, grammar)
        return doc

    return component


@Language.factory("pxextract_entities", default_config={"rules_path": "", "ner_model": ""})
def make_entities(nlp: Language, name: str, rules_path: str, ner_model: str):
    """``ner_model``: the CRF model file that proposes names the rules miss (issue #13,
    :mod:`pxextract.ner`), or empty for rules only."""
    segmenter = getattr(nlp.tokenizer, "segmenter", None)  # ours; spaCy's zh tokenizer has a string there
    rules = load_rules(rules_path or None)
    patterns_file = rules.path / "entity_patterns.jsonl"
    patterns = load_jsonl_patterns(patterns_file) if patterns_file.is_file() else None
    tags = segmenter.word_tags() if isinstance(segmenter, Segmenter) else dictionary_tags()
    finder = EntityFinder(nlp, rules, tags=tags, patterns=patterns)
    model = ner.load_model(ner_model) if ner_model else None
    combiner = ner.combiner_for(rules, tags) if model is not None else None

    def component(doc: Doc) -> Doc:
        # entity spans are found on tokens (raw offsets); store them in view offsets
        view = get_view(doc)
        lines = doc._.px_datelines = finder.news.datelines(view.raw)
        raw = finder(doc, view.raw, datelines=lines)
        if model is not None:  # the model tags the view; its names in raw offsets join the rules'
            cut = doc._.px_view_tokens
            if cut is None or sum(map(len, cut)) != len(view.text):
                cut = segmenter.cut(view.text) if isinstance(segmenter, Segmenter) else list(view.text)
            bounds = set(accumulate(map(len, cut), initial=0))  # a name starts at a word boundary (占比|达 → no 比达)
            seen = fold_dots(view.text)  # 大卫・哈伯 read as the model learned it, 大卫·哈伯
            if seen is not view.text:
                cut = [fold_dots(w) for w in cut]
            found, unsure = ([(*view.to_raw(a, b), lab) for a, b, lab in part] for part in ner.split_spans(model.scored_spans(seen, cut, tags), bounds))
            text = view.raw

            def whole(a: int, b: int) -> bool:  # a span on the model's word edges
                return view.view_pos(a) in bounds and (view.view_pos(b - 1) or -2) + 1 in bounds

            raw = finder.finish(doc, combiner.merge(raw, found, text), text)
            raw = combiner.add_cued(raw, unsure, text)  # less sure model names on their context (总统 + 普京)
            raw = recurring_persons(raw, unsure, text, combiner, whole)  # 张豆豆 … 张豆豆: a less sure person written again (h349)
            raw = title_persons.after_titles(raw, text, combiner)  # 县委书记石光源
            raw = whole_given.whole_given(raw, text, combiner)  # 郭明 + 錤, 申 + 胡说: a person cut one character short (h329)
            raw = combiner.body_runs(raw, text)  # 国家防总 + 部署 → 国家防总 (h344)
            raw = withheld_given(raw, text, combiner.anonymous, {*combiner.mention_after, *combiner.mention_before, *combiner.not_given_end}, combiner.ordinals, combiner.tags)  # 罗某 + 平等 → 罗某平 (h344)
            raw, aliases = alias_mentions(raw)  # （简称“麦士德福”）: its mentions ORG, the model's PERSON too (h334)
            persons = {s.text for s in raw if s.label == "PERSON"}  # 由 + 周某, 周扬青 + 晒: a person glued to one character (h335)
            loose = person_mentions.loose_whole(whole, text, persons, combiner.mention_before, combiner.mention_after)
            raw = combiner.propagate(raw, text, (lambda a, b: loose(a, b) or text[a:b] in aliases) if aliases else loose, combiner.not_place_before)  # a found name's other mentions
            raw = finder.brands.common(raw, text)
            raw = group_shorts.group_shorts(raw, text, finder.rules.names.short_end, finder.tags, finder.known, whole)  # 瓦格纳集团 … 瓦格纳
            raw = village_shorts.village_shorts(raw, text, finder.rules.names.village_end, finder.known)  # 土山村 … 土山
        else:
            raw = finder.finish(doc, raw, view.raw)  # 武汉市 + 气象台; （以下简称“海底捞”）
        raw = titled_bodies(raw, view.raw, finder.known, finder.rules.names.body_title, finder.rules.names.body_title_not, finder.tags)
        if view.identity:
            found_spans(doc)["entities"] = raw
        else:
            ents = []
            for s in raw:
                a, b = view.view_pos(s.start), view.view_pos(s.end - 1)
                if a is not None and b is not None:
                    ents.append(Span(a, b + 1, s.label, view.text[a : b + 1], s.attrs))
            found_spans(doc)["entities"] = ents
        return doc

    return component


@Language.factory("pxextract_linker", default_config={"rules_path": ""})
def make_linker(nlp: Language, name: str, rules_path: str):
    rules = load_rules(rules_path or None)
    segmenter = getattr(nlp.tokenizer, "segmenter", None)
    tags = segmenter.word_tags() if isinstance(segmenter, Segmenter) else dictionary_tags()
    subjects = Subjects(rules.path)  # the article's subject; canonical subjects, metrics, units
    linker = Linker(rules, tags, subjects.resolver)  # built once: its cue patterns are compiled here; one place gazetteer
    furniture = NewsFurniture(rules)  # datelines and date stamps give a publication date

    def component(doc: Doc) -> Doc:
        view = get_view(doc)
        found = found_spans(doc)
        entities = found.get("entities", [])
        laws = [e for e in entities if e.label == "LAW"]  # a 《》 title is one span: nothing inside it
        dates = remove_overlaps(found.get("dates", []), keep=laws)
        numbers = remove_overlaps(cut_words(name_tails(found.get("numbers", []), entities, rules), view.text, view_token_starts(doc), tags, rules), keep=laws + dates)  # 两部|分, 雷三根
        numbers, entities = _glued_to_names(numbers, entities, view.text, rules, tags)
        names = laws + remove_overlaps([e for e in entities if e.label != "LAW"], keep=laws + dates + numbers)
        spans = sorted(dates + numbers + names, key=lambda s: s.start)
        doc._.px_meta = meta = publication_meta(doc._.px_meta or {}, view.raw, furniture, doc._.px_datelines)  # what was used: Extractor.record reports it
        token_starts = view_token_starts(doc)
        subjects.mark_sources(view.text, names, rules), subjects.mark_captions(view.text, names, rules), subjects.mark_titles(view.text, names, rules), mark_venues(view.text, names, rules, subjects.resolver.place), modifier_names.mark_modifiers(view.text, names, rules, subjects.resolver.place, tags)  # not subjects
        subject = subjects.article_subject(meta, view.text, names, rules)
        sents = link(view.text, spans, meta, rules, token_starts, subject=subject, linker=linker, stories=story_subjects(view.text, names, subject, rules, lambda t, n: subjects.article_subject({}, t, n, rules)))  # a digest's stories (#15 S6)
        # the sentences the figures were read in, in raw offsets: the store's contexts
        doc._.px_sentences = sents if view.identity else [view.to_raw(a, b) for a, b in sents]  # = raw_sentences(raw)
        unglue_subjects(view.text, spans, names, subject, rules.cue("glued_place_head"), subjects.resolver.place, rules.cue("glued_place_keep"))  # 上海's 漠河路: no 漠河市 (h378)
        subjects.annotate(spans, names, subject)
        for s in names:  # private: kept datelines, bylines and cited sources (mark_sources) from being subjects
            s.attrs.pop("furniture", None), s.attrs.pop("_source", None), s.attrs.pop("_place", None), s.attrs.pop("_cited", None), s.attrs.pop("_data", None), s.attrs.pop("_inner", None)
        raw_spans = _to_raw(doc, spans)
        found["final"] = raw_spans
        if doc._.px_records_only:
            return doc
        return _write_spacy_spans(doc, raw_spans)

    return component


def _aligned_doc(doc: Doc, spans: list[Span]) -> Doc:
    """A Doc whose token boundaries include every span boundary.

    Tokens that a span boundary cuts are split by building one new Doc (linear), not with
    ``doc.retokenize()``, whose every split shifts the whole token array.
    """
    cuts = sorted({c for s in spans for c in (s.start, s.end)})
    toks = tokens(doc)
    starts = [t[1] for t in toks]
    inner_by_token: dict[int, list[int]] = {}
    for c in cuts:
        i = bisect.bisect_right(starts, c) - 1
        if i >= 0 and starts[i] < c < starts[i] + len(toks[i][0]):
            inner_by_token.setdefault(i, []).append(c)
    if not inner_by_token:
        return doc
    raw = get_view(doc).raw
    words: list[str] = []
    for i, (text, start) in enumerate(toks):
        inner = inner_by_token.get(i)
        if inner is None:
            words.append(text)
            continue
        bounds = [start, *inner, start + len(text)]
        words.extend(raw[a:b] for a, b in zip(bounds, bounds[1:]))
    new = Doc(doc.vocab, words=words, spaces=[False] * len(words))
    new.user_data.update(doc.user_data)  # the extensions' values (spaCy keeps them there)
    new._.px_toks = None  # the tokens changed
    new._.px_words = words
    return new


def _write_spacy_spans(doc: Doc, spans: list[Span]) -> Doc:
    """Put the final spans on ``doc.ents`` / ``doc.spans["pxextract"]`` (attributes in ``span._.px``)."""
    doc = _aligned_doc(doc, spans)
    out = []
    for s in spans:
        sp = doc.char_span(s.start, s.end, label=s.label, alignment_mode="strict")
        if sp is None:  # cannot happen after alignment; kept as a guard for foreign tokenizers
            continue
        sp._.px = dict(s.attrs)
        out.append(sp)
    doc.spans["pxextract"] = out
    doc.ents = out
    return doc


# spaCy computes every lexical attribute of a word when the word first enters the vocabulary
# (and again in each memory zone). The zh LIKE_NUM getter rebuilds and looks up a regex on each
# call and costs as much as the other 22 getters together; this one gives the same answers
# (tests/test_segment.py) with the regex compiled once.
_ZH_SINGLE_NUM = frozenset(zh_lex_attrs._single_num_words)
_ZH_COUNTED_NUM = re.compile(
    "^((" + "|".join(zh_lex_attrs._count_num_words) + "){1}(" + "|".join(zh_lex_attrs._base_num_words) + "){1})+"
    "(" + "|".join(zh_lex_attrs._count_num_words) + ")?$"
)


def like_num(text: str) -> bool:
    """spaCy's Chinese LIKE_NUM (spacy.lang.zh.lex_attrs.like_num), compiled once: 三十 → True."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "").replace("，", "").replace("。", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return text in _ZH_SINGLE_NUM or _ZH_COUNTED_NUM.match(text) is not None


def build_pipeline(rules_path: str | Path | None = None, entities: bool = True, model: str | bool | None = None) -> Language:
    """A blank ``zh`` pipeline with the pxextract tokenizer and components.

    ``entities=False`` leaves out the entity component (for benchmarks and number-only use).
    ``model``: the NER model, an option of this pipeline (False rules only, True the bundled
    model, a path that model; None: :func:`pxextract.ner.default_model`, the one place that
    reads ``$PXEXTRACT_NER``), passed down to the entity component as its ``ner_model``.
    """
    rp = str(rules_path or "")
    nlp = spacy.blank(
        "zh",
        config={"nlp": {"tokenizer": {"@tokenizers": "pxextract.JiebaTokenizer.v1", "rules_path": rp}}},
    )
    nlp.max_length = 10**9  # no parser or NER model here: the length limit guards their memory only
    fast_getters(nlp.vocab.lex_attr_getters, {zh_lex_attrs.like_num: like_num})  # the same attributes, cheaper
    nlp.add_pipe("pxextract_dates", config={"rules_path": rp})
    nlp.add_pipe("pxextract_numbers", config={"rules_path": rp})
    if entities:
        path = ner.model_path(model)
        nlp.add_pipe("pxextract_entities", config={"rules_path": rp, "ner_model": str(path) if path else ""})
    nlp.add_pipe("pxextract_linker", config={"rules_path": rp})
    return nlp


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _glued_to_names(numbers: list[Span], entities: list[Span], text: str, rules: Rules,
                    tags: dict[str, str]) -> tuple[list[Span], list[Span]]:
    """A count glued to an organisation's name with a unit of ``number_stops.tsv`` after_name
    numbers a part of it: 中国电科 + 48所 → one ORG 中国电科48所, no CARDINAL."""
    units = {u for _, u in rules.number_stops.get("after_name", ())}
    if not units:
        return numbers, entities
    org_at = {e.end: e for e in entities if e.label == "ORG"}
    keep, grown = [], {}
    for n in numbers:
        org = org_at.get(n.start)
        unit = n.attrs.get("unit") or ""
        # 3部门 after a list of bodies is a count: the unit goes on into a word (jieba's dictionary)
        glued = n.end >= len(text) or not is_han(text[n.end]) or (unit + text[n.end]) not in tags
        if org is not None and glued and n.label == "CARDINAL" and n.attrs.get("unit") in units and text.endswith(n.attrs["unit"], n.start, n.end):
            grown[id(org)] = Span(org.start, n.end, "ORG", text[org.start : n.end], dict(org.attrs))
        else:
            keep.append(n)
    return keep, [grown.get(id(e), e) for e in entities]


class PipelineCache:
    """The last ``maxsize`` pipelines built, by rules folder and content hash, entity component
    and model: building one takes about a second (segmentation tables, gazetteer matchers,
    grammars), and a process that makes several Extractors of the same rules (a notebook, a
    test run, an ``eval`` after a ``build``) gets the same pipeline again. Bounded; the
    pipelines hold no per-article state (their Docs do), so sequential reuse is safe.

    >>> cache = PipelineCache(maxsize=1)
    >>> cache.get("a", lambda: 1), cache.get("a", lambda: 2), cache.get("b", lambda: 3), cache.get("a", lambda: 4)
    (1, 1, 3, 4)
    """

    def __init__(self, maxsize: int = 2):
        from collections import OrderedDict

        self.maxsize = maxsize
        self._items: OrderedDict = OrderedDict()

    def get(self, key, build):
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = build()
        self._items[key] = value
        while len(self._items) > self.maxsize:
            self._items.popitem(last=False)
        return value


PIPELINES = PipelineCache(maxsize=2)  # bounded: two pipelines are about 300 MB


@dataclass
class Extractor:
    """Build once, call per article: returns ANNOTATION.md §1 records."""

    rules_path: str | Path | None = None
    entities: bool = True
    # the NER model: False rules only, True or a path a model, None ner.default_model() (the
    # environment's default, read once here and passed down; never set in the environment)
    model: str | bool | None = None

    def __post_init__(self):
        # Building allocates the pipeline's long-lived tables: the cyclic collector, left on, would
        # rescan them while they grow (three full passes, about 0.1 s of start-up); back as it was after.
        enabled = gc.isenabled()
        gc.disable()
        try:
            self.rules: Rules = load_rules(self.rules_path)
            self.model_path = ner.model_path(self.model) if self.entities else None
            key = (str(self.rules.path.resolve()), self.rules.version, self.entities, str(self.model_path or ""))
            self.nlp = PIPELINES.get(key, lambda: build_pipeline(self.rules_path, entities=self.entities, model=self.model_path or False))
        finally:
            if enabled:
                gc.enable()
        # No process-wide garbage-collector tuning here (gc.freeze() once was): building an
        # Extractor must not change the process; the batch loops tune the collector themselves.

    @property
    def version(self) -> str:
        return f"{__version__}+rules.{self.rules.version}" + ner.version_suffix(self.model_path)

    def doc(self, text: str, meta: dict | None = None, *, records_only: bool = False) -> Doc:
        """The processed Doc: spans on ``doc.ents`` / ``doc.spans["pxextract"]`` (``span._.px``
        holds the attributes), unless ``records_only``, which leaves them in the records only."""
        # The cyclic garbage collector would rescan the pipeline's millions of long-lived objects
        # again and again while one article allocates; the article's own objects are freed by
        # reference counting, so collection waits until the article is done.
        enabled = gc.isenabled()
        gc.disable()
        try:
            doc = self.nlp.make_doc(text)
            doc._.px_meta = dict(meta or {})
            if records_only:
                doc._.px_records_only = True
            for _, proc in self.nlp.pipeline:
                doc = proc(doc)
            return doc
        finally:
            if enabled:
                gc.enable()

    def spans(self, text: str, meta: dict | None = None) -> list[Span]:
        return self.doc(text, meta, records_only=True)._.px_found["final"]

    def extract_text(self, text: str, id: str = "text", date: str | None = None, **meta) -> dict:
        m = {"date": date, **meta} if date else dict(meta)
        return self.record(id, text, m)

    def record(self, id: str, text: str, meta: dict) -> ArticleRecord:
        """The article's record; its ``meta`` is the metadata that was used: ``date`` the
        publication date (from the metadata, else from the text, else absent) and
        ``date_source`` ``metadata`` or ``text`` (see :func:`publication_meta`)."""
        return self._record(id, text, self.doc(text, meta, records_only=True), meta)

    def record_and_sentences(self, id: str, text: str, meta: dict) -> tuple[ArticleRecord, list[tuple[int, int]]]:
        """The record and the sentence ranges (raw offsets) the linker read the text in: what a
        build stores (each fact's ``context`` is its sentence), split once.

        >>> Extractor().record_and_sentences("a", "全市投资3亿元。增长5%。", {"date": "2022"})[1]
        [(0, 8), (8, 13)]
        """
        doc = self.doc(text, meta, records_only=True)
        return self._record(id, text, doc, meta), list(doc._.px_sentences or ())

    @staticmethod
    def _record(id: str, text: str, doc: Doc, meta: dict) -> ArticleRecord:
        used = doc._.px_meta or meta
        return {
            "id": id,
            "meta": {k: v for k, v in used.items() if v not in (None, "")},
            "text_sha256": text_sha256(text),
            "spans": [s.to_json() for s in doc._.px_found["final"]],
        }

