"""A character-level CRF for PERSON / place / ORG names (issue #13), trained on MSRA-style BIO.

Each character is described by its neighbours (character n-grams in a ±2 window), its position
in the pipeline's own jieba word (B/M/E/S) and that word's jieba dictionary tag; the CRF
(python-crfsuite, Viterbi decode) tags it B-/I-PER, LOC, ORG or O. Characters are width-folded
exactly as :mod:`pxextract.normalize` folds the pipeline's input (MSRA writes ２０２３ full-width;
the pipeline sees 2023), so the model is run over the normalized view and its spans are mapped
back to the raw text like every other component's.

``scripts/train_ner.py`` rebuilds the model; ``docs/model.md`` is its model card.

Example:
    >>> bio_spans(["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-LOC"])
    [(0, 2, 'PER'), (3, 6, 'LOC')]
    >>> fold("２０２３年ＡＢ，")
    '2023年AB,'
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache, partial
from itertools import accumulate
from operator import add
from pathlib import Path
from struct import error as struct_error

from .normalize import _FULLWIDTH
from .rules import RulesError

MODEL_PATH = Path(__file__).parent / "models" / "ner.crfsuite"
LABELS = ("PER", "LOC", "ORG")
_FOLD = str.maketrans(_FULLWIDTH)


class ModelError(Exception):
    """The model file is missing, truncated or not a CRF model: one line says what to do."""


def fold(text: str) -> str:
    """Width-fold as the pipeline's normalized view does (same table): ＡＢ１２，→ AB12,"""
    return text.translate(_FOLD)


def _kind(c: str) -> str:
    if c.isdigit():
        return "D"
    if "\u4e00" <= c <= "\u9fff":
        return "H"
    if c.isascii() and c.isalpha():
        return "L"
    if c.isspace():
        return "S"
    return "P"


_kind_of = lru_cache(maxsize=65536)(_kind)


def word_positions(words: Iterable[str], tags: dict[str, str]) -> tuple[list[str], list[str]]:
    """Per character: its position in its word (B/M/E/S) and the word's dictionary tag (``-``
    for unknown words).

    >>> word_positions(["萍乡市", "在"], {"在": "p"})
    (['B', 'M', 'E', 'S'], ['-', '-', '-', 'p'])
    """
    pos: list[str] = []
    tag: list[str] = []
    for w in words:
        n = len(w)
        t = tags.get(w, "-")
        if n == 1:
            pos.append("S")
        else:
            pos.append("B")
            pos.extend("M" * (n - 2))
            pos.append("E")
        tag.extend([t] * n)
    return pos, tag


def features(text: str, pos: Sequence[str], tag: Sequence[str]) -> list[list[str]]:
    """CRF features of each character of ``text`` (already folded): the characters at −2…+2,
    the bigrams and the centred trigram among them, the kinds of the three middle characters
    (Han, digit, Latin, space, other), the word position (B/M/E/S) and dictionary tag.

    Built column by column (one comprehension per feature), which is several times faster
    than one list per character.

    >>> features("萍乡", ["B", "E"], ["ns", "ns"])[0][:4]
    ['c=萍', 'l=^', 'r=乡', 'll=^']
    """
    n = len(text)
    if n == 0:
        return []
    l1 = "^" + text[:-1]
    l2 = "^^" + text[:-2] if n >= 2 else "^^"[:n]
    r1 = text[1:] + "$"
    r2 = text[2:] + "$$" if n >= 2 else "$$"[:n]
    kinds = "".join(map(_kind_of, text))
    kl, kr = "P" + kinds[:-1], kinds[1:] + "P"  # the padding (^ $) is of kind "other"
    cols = (
        ["c=" + x for x in text], ["l=" + x for x in l1], ["r=" + x for x in r1],
        ["ll=" + x for x in l2], ["rr=" + x for x in r2],
        ["lc=" + x + y for x, y in zip(l1, text)], ["cr=" + x + y for x, y in zip(text, r1)],
        ["llc=" + x + y for x, y in zip(l2, l1)], ["crr=" + x + y for x, y in zip(r1, r2)],
        ["lcr=" + x + y + z for x, y, z in zip(l1, text, r1)],
        ["k=" + x + y + z for x, y, z in zip(kl, kinds, kr)],
        ["w=" + x for x in pos], ["t=" + x for x in tag], ["wt=" + x + y for x, y in zip(pos, tag)],
        ["wc=" + x + y for x, y in zip(pos, text)],
    )
    return list(map(list, zip(*cols)))


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Half-open ``(start, end, label)`` spans of a BIO (or BIOES) tag sequence; an I- without
    its B- starts a span (as conlleval reads it)."""
    spans = []
    start, label = None, None
    for i, t in enumerate(tags):
        head, _, lab = t.partition("-")
        if head in ("B", "S") or (head in ("I", "M", "E") and lab != label) or head == "O":
            if start is not None:
                spans.append((start, i, label))
                start, label = None, None
            if head != "O":
                start, label = i, lab
        if head in ("E", "S") and start is not None:
            spans.append((start, i + 1, label))
            start, label = None, None
    if start is not None:
        spans.append((start, len(tags), label))
    return spans


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


_FEATURE_NAMES = ("c", "l", "r", "ll", "rr", "lc", "cr", "llc", "crr", "lcr", "k", "w", "t", "wt", "wc")


def model_attributes(path: str | Path) -> list[str]:
    """The attribute (feature) names a crfsuite model holds, read from its CQDB section (what
    ``Tagger.info()`` lists, without its second of parsing)."""
    import struct

    data = Path(path).read_bytes()
    off = struct.unpack("<I", data[36:40])[0]  # header: …, off_features, off_labels, off_attrs
    if data[off : off + 4] != b"CQDB":
        raise ValueError("no CQDB chunk at the attribute offset")
    bwd_size, bwd_offset = struct.unpack("<2I", data[off + 16 : off + 24])
    names = []
    for rec in struct.unpack(f"<{bwd_size}I", data[off + bwd_offset : off + bwd_offset + 4 * bwd_size]):
        if rec == 0:
            continue  # an unused id
        ksize = struct.unpack("<I", data[off + rec + 4 : off + rec + 8])[0]
        names.append(data[off + rec + 8 : off + rec + 7 + ksize].decode("utf-8"))  # the key ends in NUL
    return names


def _attribute_tables(path: Path) -> dict[str, dict[str, bytes]] | None:
    """Per feature name (``lc``), the values the model knows → the attribute's UTF-8 bytes
    (``'萍乡'`` → ``b'lc=萍乡'``); None when the model's features are not :func:`features`'s."""
    try:
        names = model_attributes(path)
    except (ValueError, struct_error, UnicodeDecodeError):
        return None
    tables: dict[str, dict[str, bytes]] = {f: {} for f in _FEATURE_NAMES}
    for name in names:
        head, eq, value = name.partition("=")
        if not eq or head not in tables:
            return None
        tables[head][value] = name.encode("utf-8")
    return tables


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
        self._tables = _attribute_tables(self.path)
        self._word_tags: dict[str, str] | None = None
        self._words: dict = {}  # word (or (word, its text)) → its characters' word attributes
        self._kinds = _Kinds()  # character → kind letter (bounded)

    def tag(self, text: str, words: Sequence[str], tags: dict[str, str]) -> list[str]:
        return self.tagger.tag(self.items(text, words, tags))

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

    def spans(self, text: str, words: Sequence[str], tags: dict[str, str], min_prob: float = 0.0) -> list[tuple[int, int, str]]:
        """Names in ``text`` (its words from the segmenter, concatenating to it); a span that
        crosses a line break or space is dropped (training sentences hold none), and so is one
        whose least sure character has a marginal probability under ``min_prob``."""
        y = self.tag(text, words, tags)
        out = []
        marginal = self.tagger.marginal
        for a, b, lab in bio_spans(y):
            if any(ch.isspace() for ch in text[a:b]):
                continue
            if min_prob and not all(marginal(y[i], i) >= min_prob for i in range(a, b)):
                continue  # (stops at the first unsure character)
            out.append((a, b, lab))
        return out


# On by default only once the gates of issue #13 pass (docs/model.md). The model is a pipeline
# option (Extractor(model=…), build_pipeline(model=…)); only when it is not given does
# default_model() read PXEXTRACT_NER=on|off|PATH (set by --model / --no-model of the CLI,
# inherited by worker processes) — the one place the environment chooses the model.
DEFAULT_ON = False
# A model name is kept when every character's tag has at least this marginal probability
# (crfsuite's forward-backward; docs/model.md says how it was chosen).
MIN_PROB = 0.8
ENV = "PXEXTRACT_NER"


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


def combiner_for(rules, tags: dict[str, str] | None = None) -> "Combiner":
    """The :class:`Combiner` of a :class:`pxextract.rules.Rules` (``tags``: jieba's dictionary tags)."""
    stop, contains = load_stop(rules.path)
    return Combiner({e.name: e.label for e in rules.gazetteer}, rules.entity_suffixes, stop, contains, rules.surnames, tags)


_PLACE_GPE_ENDS = ("省", "市", "县", "区", "州", "镇", "乡", "村", "旗", "盟", "国", "街道", "社区", "自治区", "特区")
_GENERIC_PREFIX = frozenset("市省县区镇乡本该全我")
# facilities are no names (a place inside them is: 谢尔塔拉公路 → GPE 谢尔塔拉; annotation §6)
_FACILITY_ENDS = ("路", "街", "大街", "大道", "桥", "公路", "广场", "市场", "站", "机场", "港", "剧院", "综合体", "组团")
_GENERIC_HEADS = ("经开区", "开发区", "高新区", "园区", "新区", "国家")
_PROPER_TAGS = frozenset(("nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "eng"))
_MAX_CHARS = {"PER": 4, "LOC": 12, "ORG": 30}
_FOREIGN_PERSON = 12  # 约翰·史密斯: a transliterated name with its dot may be longer


def load_stop(rules_path: Path) -> tuple[frozenset[str], tuple[str, ...]]:
    """``rules/ner_stop.tsv``: (exact texts, contained texts) the model's spans must not be."""
    exact: set[str] = set()
    contains: list[str] = []
    path = Path(rules_path) / "ner_stop.tsv"
    if not path.is_file():
        return frozenset(), ()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, rest = line.partition("\t")
        surface = rest.split("\t")[0].strip()
        if kind not in ("EXACT", "CONTAINS") or not surface:
            raise RulesError(f"{path}:{n}: expected EXACT or CONTAINS and a surface: {line!r}")
        if surface in exact or surface in contains:
            raise RulesError(f"{path}:{n}: duplicate entry {surface!r}")
        (exact.add(surface) if kind == "EXACT" else contains.append(surface))
    return frozenset(exact), tuple(contains)


class Combiner:
    """Turn the model's spans into pipeline names and merge them with the rules' names.

    The rules win on overlap (gazetteer names, LAW, suffix grammar, news furniture); the model
    adds names no rule found. A place (MSRA ``LOC``) gets its gazetteer label, else GPE when it
    ends in an administrative suffix (…省, …县, …村) or LOC when in a natural or regional one
    (entity_suffixes.tsv LOC: …山, …湖, …工业园), else it is dropped (too often a common word:
    宜居, 比达), as are facilities (…路, …桥) and names with a generic prefix (市财政局). A
    two-character person starts with a surname. Slogans and generic words
    (``rules/ner_stop.tsv``), single characters, over-long names and names with digits,
    brackets or quotes are dropped.

    >>> c = Combiner({"萍乡市": "GPE"}, {"LOC": ("山",)}, frozenset({"碳达峰"}), ())
    >>> c.label("武功山", "LOC"), c.label("萍乡市", "LOC"), c.label("碳达峰", "PER")
    ('LOC', 'GPE', None)
    """

    def __init__(self, known: dict[str, str], suffixes: dict[str, tuple[str, ...]],
                 stop: frozenset[str], stop_contains: tuple[str, ...], surnames: frozenset[str] = frozenset(),
                 tags: dict[str, str] | None = None):
        self.known = known
        self.tags = tags or {}
        self.surnames = surnames
        self.org_ends = tuple(sorted(set(suffixes.get("ORG", ())) | set(suffixes.get("ORGEND", ())), key=len, reverse=True))
        self.gpe_ends = tuple(sorted(set(_PLACE_GPE_ENDS) | set(suffixes.get("GPE", ())), key=len, reverse=True))
        self.loc_ends = tuple(sorted(suffixes.get("LOC", ()), key=len, reverse=True))
        self.stop = stop
        self.stop_contains = stop_contains

    def label(self, text: str, model_label: str) -> str | None:
        """The pipeline label of a model span, or None when it is dropped."""
        if text in self.stop or any(s in text for s in self.stop_contains):
            return None
        n = len(text)
        if n < 2 or n > (_FOREIGN_PERSON if model_label == "PER" and "·" in text else _MAX_CHARS[model_label]):
            return None
        if any(not (ch.isalpha() or ch == "·") for ch in text):
            return None  # digits, brackets, quotes, spaces: no name the model should cut alone
        tag = self.tags.get(text)
        if model_label == "PER":
            return "PERSON" if self._person(text, tag) else None
        if tag is not None and tag not in _PROPER_TAGS:
            return None  # a common word of jieba's dictionary (卫生院 n)
        if text.endswith(_FACILITY_ENDS) or text.startswith(_GENERIC_HEADS):
            return None  # 白桦东路, 呼伦贝尔大剧院: facilities; 经开区人民医院: a generic head
        if text[0] in _GENERIC_PREFIX:
            return None  # 市财政局, 省科技厅, 区人民医院: bodies named with a generic prefix (annotation §6)
        if model_label == "ORG":
            return "ORG"
        known = self.known.get(text)
        if known is not None:
            return known if known in ("GPE", "LOC") else None
        if text.endswith(self.gpe_ends):
            return "GPE"
        if text.endswith(self.loc_ends):
            return "LOC"
        return None  # a place no list holds and no suffix types: too often a common word (宜居, 比达)

    def _person(self, text: str, tag: str | None) -> bool:
        """A person name: a dictionary name (nr, nrt, nrfg), one with ·, an unknown word of three
        or more characters (苗鸿玲, 克林顿), or of two starting with a surname (李强); never a
        common word of the dictionary (白菜 n)."""
        if tag in ("nr", "nrt", "nrfg") or "·" in text:
            return True
        if tag is not None:
            return False
        return len(text) >= 3 or text[0] in self.surnames

    def merge(self, rule_spans: list, model_spans: list[tuple[int, int, str]], text: str) -> list:
        """The rules' spans plus the model's that overlap none of them, sorted by start.

        One exception, the longest name winning (annotation §3): a model ORG that ends in an
        organisation suffix (…公司, …局, …团) and wholly holds only the rules' places replaces
        them (上海 + 康健进出口有限公司 → 上海康健进出口有限公司, 长沙市 + 科技局), unless a
        place is news furniture (a dateline).
        """
        from bisect import bisect_left

        from .spans import Span

        rules = sorted(rule_spans, key=lambda s: s.start)
        starts = [s.start for s in rules]
        reach = list(accumulate((s.end for s in rules), max))  # the furthest end of the first k spans
        dropped: set[int] = set()
        added = []
        for a, b, lab in model_spans:
            i = bisect_left(starts, b)  # rule spans that start before the model span ends
            if i and reach[i - 1] > a:
                j = bisect_left(starts, a)
                inside = range(j, i)
                if (lab != "ORG" or (j and reach[j - 1] > a) or not text[a:b].endswith(self.org_ends)
                        or any(rules[k].end > b or rules[k].label not in ("GPE", "LOC") or "furniture" in rules[k].attrs for k in inside)
                        or all(rules[k].start == a and rules[k].end == b for k in inside)):
                    continue  # overlaps a rule's name: the rule wins
                label = self.label(text[a:b], lab)
                if label is None:
                    continue
                dropped.update(inside)
                added.append(Span(a, b, label, text[a:b]))
                continue
            if lab == "LOC" and ((i and reach[i - 1] == a) or (i < len(rules) and rules[i].start == b)):
                continue  # a place touching a rule's name is a piece of a longer one (北京 + 中关村)
            label = self.label(text[a:b], lab)
            if label is not None:
                added.append(Span(a, b, label, text[a:b]))
        out = [s for k, s in enumerate(rules) if k not in dropped] + added
        out.sort(key=lambda s: s.start)
        return out


# --- training and scoring (scripts/train_ner.py; tests/test_ner_model.py) -----------------------


def read_bio(path: str | Path, folded: bool = True) -> list[tuple[str, list[str]]]:
    """Sentences of a character BIO file (``char TAG`` a line, blank line between sentences) as
    ``(text, tags)``, the text width-folded unless ``folded=False``."""
    sents: list[tuple[str, list[str]]] = []
    chars: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if chars:
                    sents.append((fold("".join(chars)) if folded else "".join(chars), tags))
                chars, tags = [], []
                continue
            ch, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
            chars.append(ch[:1] or " ")
            tags.append(tag.strip() or "O")
    if chars:
        sents.append((fold("".join(chars)) if folded else "".join(chars), tags))
    return sents


def split_dev(sents: list, dev_fraction: float = 0.1, seed: int = 13) -> tuple[list, list]:
    """(train, dev): the last ``dev_fraction`` of the sentences after a shuffle with ``seed``."""
    import random

    order = list(range(len(sents)))
    random.Random(seed).shuffle(order)
    cut = len(order) - int(round(len(order) * dev_fraction))
    return [sents[i] for i in order[:cut]], [sents[i] for i in order[cut:]]


def train(sents: Iterable[tuple[str, list[str]]], out: str | Path, segmenter=None, *,
          c1: float = 0.05, c2: float = 0.01, iterations: int = 120, verbose: bool = False) -> Path:
    """Train the CRF on ``(text, tags)`` sentences and write it to ``out``."""
    import pycrfsuite

    seg, tags = _segmenter(segmenter)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for text, y in sents:
        pos, tag = word_positions(seg.cut(text), tags)
        trainer.append(features(text, pos, tag), y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def _segmenter(segmenter=None):
    from .segment import Segmenter

    seg = segmenter or Segmenter.from_rules()
    return seg, seg.word_tags()


def score(model: NerModel, sents: Iterable[tuple[str, list[str]]], segmenter=None) -> dict[str, dict[str, float]]:
    """Exact-match P/R/F1 per label and overall (``ALL``) of the model on ``(text, tags)``."""
    seg, tags = _segmenter(segmenter)
    counts: dict[str, list[int]] = {}
    for text, y in sents:
        _count(counts, set(bio_spans(y)), set(bio_spans(model.tag(text, seg.cut(text), tags))))
    return _prf_table(counts)


def _count(counts: dict[str, list[int]], gold: set, pred: set) -> None:
    """Add the true positives, false positives and false negatives of ``(start, end, label)``
    spans to ``counts`` per label and for ``ALL``."""
    for lab in {s[2] for s in gold | pred} | {"ALL"}:
        g = {s for s in gold if lab in ("ALL", s[2])}
        p = {s for s in pred if lab in ("ALL", s[2])}
        c = counts.setdefault(lab, [0, 0, 0])
        c[0] += len(g & p)
        c[1] += len(p - g)
        c[2] += len(g - p)


DEFAULT_LABEL_MAP = "PER=PERSON,LOC=GPE+LOC,ORG=ORG"


def parse_label_map(spec: str) -> dict[str, str]:
    """``PER=PERSON,LOC=GPE+LOC`` → pipeline label → file label (``{'PERSON': 'PER', 'GPE':
    'LOC', 'LOC': 'LOC'}``); pipeline labels not named are not scored.

    >>> parse_label_map("PER=PERSON,LOC=GPE+LOC")
    {'PERSON': 'PER', 'GPE': 'LOC', 'LOC': 'LOC'}
    """
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        file_label, eq, ours = part.partition("=")
        if not eq or not file_label.strip() or not ours.strip():
            raise ValueError(f"label map {part!r}: expected FILE_LABEL=OUR_LABEL[+OUR_LABEL…]")
        for lab in ours.split("+"):
            out[lab.strip()] = file_label.strip()
    return out


def score_conll(path: str | Path, extractor, label_map: str = DEFAULT_LABEL_MAP, chunk: int = 100) -> dict[str, dict[str, float]]:
    """Exact-match P/R/F1 per file label (and ``ALL``) of the pipeline's names on a character
    BIO/BIOES file; sentences are run ``chunk`` at a time, one a line."""
    mapping = parse_label_map(label_map)
    sents = read_bio(path, folded=False)
    counts: dict[str, list[int]] = {}
    for k in range(0, len(sents), chunk):
        part = sents[k : k + chunk]
        text = "\n".join(t for t, _ in part)
        gold: set[tuple[int, int, str]] = set()
        off = 0
        for t, y in part:
            gold.update((off + a, off + b, lab) for a, b, lab in bio_spans(y))
            off += len(t) + 1
        rec = extractor.record(f"conll-{k}", text, {})
        _count(counts, gold, {(s["start"], s["end"], mapping[s["label"]]) for s in rec["spans"] if s["label"] in mapping})
    return _prf_table(counts)


def _prf_table(counts: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    out = {}
    for lab, (tp, fp, fn) in sorted(counts.items()):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[lab] = {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "support": tp + fn}
    return out
