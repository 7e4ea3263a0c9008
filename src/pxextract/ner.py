"""A character-level CRF for PERSON / place / ORG names (issue #13), trained on MSRA-style BIO.

Each character is described by its neighbours (character n-grams in a ±2 window), its position
in the pipeline's own jieba word (B/M/E/S) and that word's jieba dictionary tag; the CRF
(python-crfsuite, Viterbi decode) tags it B-/I-PER, LOC, ORG or O. Characters are width-folded
exactly as :mod:`pxextract.normalize` folds the pipeline's input (MSRA writes ２０２３ full-width;
the pipeline sees 2023), so the model is run over the normalized view and its spans are mapped
back to the raw text like every other component's. The CRF runs over numpy arrays
(:mod:`pxextract.ner_arrays`: crfsuite's Viterbi path and marginals, without its string
interface); crfsuite's own tagging remains the fallback.

``scripts/train_ner.py`` rebuilds the model; ``docs/model.md`` is its model card.

Example:
    >>> bio_spans(["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-LOC"])
    [(0, 2, 'PER'), (3, 6, 'LOC')]
    >>> fold("２０２３年ＡＢ，")
    '2023年AB,'
"""

from __future__ import annotations

import os
import re
from functools import cached_property, lru_cache, partial
from operator import add
from pathlib import Path
from collections.abc import Sequence

import numpy as np
from threadpoolctl import ThreadpoolController

from .ner_arrays import ArrayCRF
from .ner_cache import cached_arrays
from .ner_combine import Combiner
from .ner_features import (LABELS, _attribute_tables, _kind, bio_spans, features, file_hash, fold,
                           model_attributes, word_positions)
from .ner_train import (DEFAULT_LABEL_MAP, parse_label_map, read_bio, score, score_conll, split_dev, train)

__all__ = ["MODEL_PATH", "LABELS", "ModelError", "NerModel", "Combiner", "fold", "word_positions", "features",
           "bio_spans", "file_hash", "model_attributes", "model_path", "default_model", "version_suffix",
           "load_model", "combiner_for", "read_bio", "split_dev", "train", "score", "parse_label_map",
           "score_conll", "DEFAULT_LABEL_MAP", "ENV", "MIN_PROB", "UNSURE_PROB", "DEFAULT_ON", "split_spans"]

MODEL_PATH = Path(__file__).parent / "models" / "ner.crfsuite"


class ModelError(Exception):
    """The model file is missing, truncated or not a CRF model: one line says what to do."""


_SPACE = re.compile(r"\s").search  # (text, a, b): a white-space character in text[a:b] (the characters str.isspace() holds)
_known = partial(filter, None)  # a row's attributes the model holds (unknown ones are None)


class _Kinds(dict):
    """``str.translate`` table: a character → its kind letter (:func:`_kind`), filled on use;
    held by one :class:`NerModel` and emptied when it outgrows ``_KINDS_MAX`` characters."""

    def __missing__(self, code: int) -> str:
        if len(self) >= _KINDS_MAX:
            self.clear()
        kind = self[code] = _kind(chr(code))
        return kind


_KINDS_MAX = 65536


def _header_problem(path: Path) -> str | None:
    """What is wrong with a crfsuite model file's header (magic, type, size, section offsets)."""
    import struct

    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(48)
    if len(head) < 48 or head[:4] != b"lCRF" or head[8:12] != b"FOMC":
        return "no crfsuite header"
    if struct.unpack("<I", head[4:8])[0] != size:
        return f"truncated: {size} bytes of {struct.unpack('<I', head[4:8])[0]}"
    offsets = struct.unpack("<5I", head[28:48])
    if any(not 48 <= o < size for o in offsets):
        return "section offsets outside the file"
    return None


class NerModel:
    """The CRF loaded once; :meth:`spans` tags a (folded) text given its words.

    Raises :class:`ModelError` with one line naming the path and what to do when the file is
    missing or is not a model.
    """

    def __init__(self, path: str | Path | None = None):
        import pycrfsuite

        self.path = Path(path) if path else MODEL_PATH
        if not self.path.is_file():
            raise ModelError(f"NER model file {self.path} is missing: run scripts/train_ner.py to rebuild it, or use --no-model")
        self.hash = file_hash(self.path)
        problem = _header_problem(self.path)  # crfsuite reads a damaged file without checks (it may crash)
        if problem:
            raise ModelError(f"NER model file {self.path} is damaged or not a CRF model ({problem}): run scripts/train_ner.py to rebuild it, or use --no-model")
        self.tagger = pycrfsuite.Tagger()
        try:
            self.tagger.open(str(self.path))
        except Exception as e:  # crfsuite says only "invalid model"
            raise ModelError(f"NER model file {self.path} is damaged or not a CRF model ({e}): run scripts/train_ner.py to rebuild it, or use --no-model") from None
        labels = set(self.tagger.labels())
        if not labels or not labels <= {"O"} | {f"{h}-{lab}" for h in "BI" for lab in LABELS}:
            raise ModelError(f"NER model file {self.path} has foreign labels {sorted(labels)[:6]}: run scripts/train_ner.py to rebuild it, or use --no-model")
        self._arrays: ArrayCRF | None = cached_arrays(self.path, self.hash, self.tagger.labels())  # ner_cache
        # the arrays' products are small (characters × 13 labels): OpenBLAS's threads spin more than
        # they give (long documents 1.8x slower) and fight worker processes for the cores
        self._blas = ThreadpoolController()
        self._word_tags: dict[str, str] | None = None
        self._words: dict = {}  # word (or (word, its text)) → its characters' word attributes
        self._kinds = _Kinds()  # character → kind letter (bounded)
        # a Viterbi label → one letter (O; B- lower case, I- upper case), for _bio_spans
        heads = {lab: "pqr"[i] for i, lab in enumerate(LABELS)}
        self._letters = {"O": "O"} | {f"B-{lab}": heads[lab] for lab in LABELS} | {f"I-{lab}": heads[lab].upper() for lab in LABELS}
        self._label_of = {heads[lab]: lab for lab in LABELS} | {heads[lab].upper(): lab for lab in LABELS}
        self._labels = self.tagger.labels()
        self._letter_codes = np.frombuffer("".join(self._letters[lab] for lab in self._labels).encode("ascii"), np.uint8)
        self._span_re = re.compile("|".join(f"[{h}{h.upper()}]{h.upper()}*" for h in heads.values())).finditer

    @cached_property
    def _tables(self) -> dict[str, dict[str, bytes]] | None:
        """The attribute table of :meth:`items` (read on first use: the array path needs none)."""
        return _attribute_tables(self.path)

    def tag(self, text: str, words: Sequence[str], tags: dict[str, str]) -> list[str]:
        """crfsuite's Viterbi labels of ``text`` (by the arrays when they can, else crfsuite)."""
        with self._blas.limit(limits=1, user_api="blas"):
            found = self._array_path(text, words, tags)
        if found is not None:
            return [self._labels[i] for i in found[1].tolist()]
        return self.tagger.tag(self.items(text, words, tags))

    def _array_path(self, text: str, words: Sequence[str], tags: dict[str, str]):
        """(state scores, Viterbi label ids) by :class:`ArrayCRF`, or None when it cannot say
        what crfsuite would (no arrays, words that are not the text's, a near tie)."""
        arrays = self._arrays
        if arrays is None:
            return None
        S = arrays.scores(text, words, tags)
        y = None if S is None else arrays.viterbi(S)
        return None if y is None else (S, y)

    def items(self, text: str, words: Sequence[str], tags: dict[str, str]) -> list[tuple[bytes, ...]]:
        """The features of :func:`features`, in the same order, as UTF-8 bytes (pycrfsuite skips
        the encoding) and only those the model holds (crfsuite drops the others itself, so the
        state scores, the Viterbi path and the marginals are the same, bit for bit). Built from
        the padded text's characters, bigrams and trigrams with one dictionary look-up each, and
        per word from a cache (word position, tag, position × tag, position × character)."""
        n = len(text)
        if n == 0:
            return []
        T = self._tables
        if T is None:  # a model of other features: the strings, as :func:`features` builds them
            pos, tag = word_positions(words, tags)
            return [tuple(a.encode("utf-8") for a in row) for row in features(text, pos, tag)]
        p = "^^" + text + "$$"
        bg = list(map(add, p, p[1:]))  # bg[k] = p[k:k+2]
        tg = list(map(add, bg, p[2:]))  # tg[k] = p[k:k+3]
        kp = "P" + text.translate(self._kinds) + "P"  # the padding (^ $) is of kind "other"
        cols = (
            map(T["c"].get, text), map(T["l"].get, p[1 : n + 1]), map(T["r"].get, p[3 : n + 3]),
            map(T["ll"].get, p[:n]), map(T["rr"].get, p[4 : n + 4]),
            map(T["lc"].get, bg[1 : n + 1]), map(T["cr"].get, bg[2 : n + 2]),
            map(T["llc"].get, bg[:n]), map(T["crr"].get, bg[3 : n + 3]),
            map(T["lcr"].get, tg[1 : n + 1]),
            map(T["k"].get, map(add, map(add, kp, kp[1:]), kp[2:])),
        )
        if tags is not self._word_tags or len(self._words) > 200_000:
            self._word_tags, self._words = tags, {}
        cache = self._words
        w1: list = []  # per character: its word's known attributes, column by column
        w2: list = []
        w3: list = []
        w4: list = []
        o = 0
        for w in words:
            k = len(w)
            seen = text[o : o + k]  # the word's characters in the text (a token may be unfolded: ，)
            o += k
            key = w if seen == w else (w, seen)
            got = cache.get(key)
            if got is None:
                got = cache[key] = self._word_items(w, seen, tags)
            w1 += got[0]
            w2 += got[1]
            w3 += got[2]
            w4 += got[3]
        if len(w1) != n:  # words that are not the text's: the column-wise features do as before
            pos, tag = word_positions(words, tags)
            return [tuple(a.encode("utf-8") for a in row) for row in features(text, pos, tag)]
        return list(map(tuple, map(_known, zip(*cols, w1, w2, w3, w4))))

    def _word_items(self, w: str, seen: str, tags: dict[str, str]) -> tuple[list, list, list, list]:
        """Per character of word ``w`` (``seen`` in the text): the attributes (bytes, or None
        when the model lacks them) of its position, the word's tag, position × tag and
        position × character."""
        T = self._tables
        t = tags.get(w, "-")
        pos = "S" if len(w) == 1 else "B" + "M" * (len(w) - 2) + "E"
        return ([T["w"].get(x) for x in pos], [T["t"].get(t)] * len(w), [T["wt"].get(x + t) for x in pos],
                [T["wc"].get(x + c) for x, c in zip(pos, seen)])

    def _bio_spans(self, y: list[str]) -> list[tuple[int, int, str]]:
        """:func:`bio_spans` of a Viterbi path of this model (labels O, B-X, I-X only), found by one
        regular expression over a letter a label instead of a Python step a character (the same
        spans: a span starts at a B- or at an I- of another label than the current span's, and
        runs over the I- of its label)."""
        letters = "".join(map(self._letters.__getitem__, y))
        return [(m.start(), m.end(), self._label_of[m.group()[-1]]) for m in self._span_re(letters)]

    def spans(self, text: str, words: Sequence[str], tags: dict[str, str], min_prob: float = 0.0) -> list[tuple[int, int, str]]:
        """Names in ``text`` (its words from the segmenter, concatenating to it); a span that
        crosses a line break or space is dropped (training sentences hold none), and so is one
        whose least sure character has a marginal probability under ``min_prob``."""
        return [s for s, p in self.scored_spans(text, words, tags, min_prob is not None and min_prob > 0) if p >= min_prob]

    def scored_spans(self, text: str, words: Sequence[str], tags: dict[str, str], marginals: bool = True) -> list[tuple[tuple[int, int, str], float]]:
        """Each name of the Viterbi path (none across a space) with the marginal probability of its
        least sure character (1.0 for all when ``marginals`` is false): the pipeline keeps the
        sure ones and lets the combiner judge a less sure person by its context (总统 + 普京)."""
        with self._blas.limit(limits=1, user_api="blas"):  # (see __init__)
            found = self._array_path(text, words, tags)
            if found is not None:
                return self._array_spans(text, *found, marginals)
        y = self.tagger.tag(self.items(text, words, tags))
        marginal = self.tagger.marginal
        return [((a, b, lab), min(marginal(y[i], i) for i in range(a, b)) if marginals else 1.0)
                for a, b, lab in self._bio_spans(y) if not _SPACE(text, a, b)]

    def _array_spans(self, text: str, S, y, marginals: bool) -> list[tuple[tuple[int, int, str], float]]:
        """:meth:`scored_spans` from the arrays' path ``y`` and scores ``S`` (the marginals of all
        spans' characters at once, by :meth:`ArrayCRF.marginals`)."""
        letters = self._letter_codes[y].tobytes().decode("ascii")
        found = [(m.start(), m.end(), self._label_of[m.group()[-1]]) for m in self._span_re(letters)]
        out = [s for s in found if not _SPACE(text, s[0], s[1])]
        if not marginals or not out:
            return [(s, 1.0) for s in out]
        start, end = np.array([(a, b) for a, b, _ in out]).T
        lens = end - start
        at = np.arange(lens.sum()) + np.repeat(start - (np.cumsum(lens) - lens), lens)  # the spans' characters
        low = np.minimum.reduceat(self._arrays.marginals(S, y, at), np.cumsum(lens) - lens)
        return list(zip(out, low.tolist()))

# On by default since session 6 (docs/model.md "Why it is on"): on unseen news it finds more
# names and more right ones than the rules alone, and the subjects of news figures follow. The model is a pipeline
# option (Extractor(model=…), build_pipeline(model=…)); only when it is not given does
# default_model() read PXEXTRACT_NER=on|off|PATH (set by --model / --no-model of the CLI,
# inherited by worker processes) — the one place the environment chooses the model.
DEFAULT_ON = True
# A model name is kept when every character's tag has at least this marginal probability
# (crfsuite's forward-backward; docs/model.md says how it was chosen).
MIN_PROB = 0.8
# A person under MIN_PROB but at least this sure, or one starting inside a jieba word, is kept on
# its context only (a title before it, a speech verb after it: Combiner.cued_person); an organisation
# so sure, on its form only (a rule's place and a body word: Combiner.placed_bodies).
UNSURE_PROB = 0.5
ENV = "PXEXTRACT_NER"


def split_spans(scored, bounds) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The model's names (:meth:`NerModel.scored_spans`) as (sure names starting at a word boundary
    in ``bounds``, less sure persons or persons starting inside a word, ending at a boundary, and less sure
    places and organisations of whole words), the second kept by the combiner on their context only (总统 + 普京;
    果洛州长 + 叶万彬, where jieba cuts 长叶|万彬) or on their form (七里店村: :meth:`Combiner.admin_place`;
    山东省 + 生态环境厅: :meth:`Combiner.placed_bodies`).

    >>> split_spans([((0, 2, "PER"), 0.9), ((3, 5, "PER"), 0.6), ((6, 8, "LOC"), 0.6), ((9, 12, "PER"), 0.99), ((12, 14, "ORG"), 0.6)], {0, 3, 5, 6, 8, 12, 14})
    ([(0, 2, 'PER')], [(3, 5, 'PER'), (6, 8, 'LOC'), (9, 12, 'PER'), (12, 14, 'ORG')])
    """
    sure, unsure = [], []
    for (a, b, lab), p in scored:
        if p >= MIN_PROB and a in bounds:
            sure.append((a, b, lab))
        elif p >= UNSURE_PROB and b in bounds and (lab == "PER" or lab in ("LOC", "ORG") and a in bounds):  # (龙宗 + 明说: no)
            unsure.append((a, b, lab))
    return sure, unsure


def model_path(model: str | Path | bool | None = None) -> Path | None:
    """The model file to use, or None for rules only: ``model`` False → None, True → the bundled
    file, a path → it; None → ``$PXEXTRACT_NER`` (``on``, ``off`` or a path), else the default.

    >>> model_path(False) is None, model_path(True) == MODEL_PATH
    (True, True)
    """
    if model is None:
        return default_model()
    if model is False:
        return None
    if model is True:
        return MODEL_PATH
    return Path(model)


def default_model() -> Path | None:
    """The model when none is given: ``$PXEXTRACT_NER`` (``on``, ``off`` or a path), else the
    project default. The only read of the environment variable (it is a default, never state:
    a pipeline given ``model=`` ignores it)."""
    env = os.environ.get(ENV, "").strip()
    if env.lower() in ("off", "0", "no", "false"):
        return None
    if env.lower() in ("on", "1", "yes", "true"):
        return MODEL_PATH
    if env:
        return Path(env)
    return MODEL_PATH if DEFAULT_ON else None


def version_suffix(path: Path | None) -> str:
    """What the model adds to the pipeline version: ``+ner.<file hash>`` (a new model
    re-processes the database), nothing without a model."""
    if path is None:
        return ""
    try:
        return f"+ner.{file_hash(path)}"
    except OSError:
        return "+ner.missing"


@lru_cache(maxsize=4)
def load_model(path: str | Path) -> NerModel:
    """The model at ``path``, loaded once per process."""
    return NerModel(path)


def combiner_for(rules, tags: dict[str, str] | None = None) -> Combiner:
    """The :class:`Combiner` of a :class:`pxextract.rules.Rules` (``tags``: jieba's dictionary tags)."""
    from .extract.city_forms import city_forms
    from .generic_firms import GenericFirms
    from .extract.glued_heads import glued_pattern, model_no_name
    from .extract.team_bodies import with_teams
    from .person_evidence import PersonEvidence
    from .body_runs import body_runs

    cues = rules.person_cues
    evidence = PersonEvidence(cues.get("not_after", ()), cues.get("period", ()), cues.get("not_before", ()))
    combiner = Combiner({e.name: e.label for e in rules.gazetteer}, rules.entity_suffixes, rules.ner, rules.surnames, tags, evidence)
    combiner.not_place_before = tuple(rules.names.not_place_before)
    combiner.translit_lead, combiner.translit_follow = rules.names.translit_lead, rules.names.translit_follow  # 在 + 蒙彼利埃 + 的 (h291)
    combiner.known = {**{n: "GPE" for n in rules.names.model_gpe}, **{n: "LOC" for n in rules.names.model_loc}, **combiner.known}  # 苏联, 美洲: no list's, a place where the model finds it (h300)
    combiner.national_heads = tuple(rules.cue("national_prefix"))  # 国家 + 气象局: a national body (ner_org_forms; h310)
    combiner.body_verbs = tuple(rules.names.body_verb)  # 渝北区总工会 + 联合 + 渝北职工帮扶基金会: two names (h279)
    combiner.foreign_cities = frozenset(e.name for e in city_forms(rules.gazetteer, rules.names.city_suffix))  # 塔什干市 + 阿尔马扎尔区 (h204)
    listed = {e.name for e in rules.gazetteer}  # a model name that is a stopword is none (河湖, 公立医院: name_stopwords.tsv; h200)
    combiner.stop = frozenset(combiner.stop | {w for w in rules.entity_stop if w not in listed and not any(w + e in listed for e in rules.entity_suffixes.get("GPE", ()))})  # unless a listed place's short form (金山 of 金山区)
    combiner.anonymous = tuple(cues.get("anonymous", ()))  # 刘某 + 娴: the model's whole anonymised person wins
    combiner.person_before = tuple(sorted({*cues.get("before", ()), *cues.get("role_before", ()), *cues.get("latin_before", ())}, key=len, reverse=True))
    combiner.person_after = tuple(sorted({*cues.get("said", ()), *cues.get("latin_said", ())}, key=len, reverse=True))
    combiner.place_middle, combiner.list_joints = rules.names.place_middle, rules.names.given_list_joint  # 郭家山; 、江 + 甘肃 + 和 (model_persons; h298)
    combiner.water_near, combiner.water_end = rules.names.water_near, "".join(rules.names.water_end)  # 支流 + 袁溪河: a river, no person (model_persons; h319)
    combiner.title_after = tuple(sorted({*cues.get("honorific", ()), *cues.get("title_after", ()), *combiner.person_before}, key=len, reverse=True))  # 巴金 + 先生 (model_persons; h298)
    combiner.credit_marks = "".join(c for c in cues.get("after", ()) if len(c) == 1)
    combiner.cue_surnames = frozenset(rules.furniture.get("surname", ()))
    combiner.title_next, combiner.honorifics = tuple(cues.get("title_next", ())), tuple(cues.get("honorific", ()))  # 县委书记 + 石光源 + 走访 (pxextract.title_persons; h284)
    combiner.thing_ends = tuple(cues.get("thing_end", ()))  # 毛伊 + 岛: no recurring person (pxextract.recurring_persons; h349)
    combiner.name_close, combiner.not_given_end = tuple(cues.get("latin_lead", ())), tuple(cues.get("not_given_end", ()))  # 郭明 + 錤 + 称 (pxextract.whole_given; h329)
    combiner.mention_before, combiner.mention_after = rules.names.mention_before, rules.names.mention_after  # 由 + 周某, 周扬青 + 晒 (pxextract.person_mentions; h335)
    combiner.ordinals = frozenset(cues.get("ordinal", ()))  # 吴某 + 乙 (pxextract.withheld_given; h344)
    combiner.body_runs = partial(body_runs, verbs=rules.names.body_run_verb, joints=rules.names.body_run_joint, org_ends=combiner.org_ends, known=combiner.known)  # 国家防总 + 部署 (h344)
    combiner.firm_ends = tuple(sorted(rules.companies.model_end, key=len, reverse=True)) if rules.companies else ()
    combiner.generic_firm = GenericFirms(rules.companies.generic, rules.companies.generic_end, combiner.anonymous) if rules.companies else None  # 资产管理公司
    combiner.described = partial(model_no_name, glued_pattern(rules.names.latin_described), glued_pattern(rules.names.glued_head))  # 印度创业公司 + Indeda: a description (h273); 相关委员会 (h277)
    combiner.described = with_teams(combiner.described, rules.names, tags)  # 成立 + 联合调查组: a kind of body (h286)
    return combiner
