"""The NER model's CRF run over numpy arrays (issue #13, speed): its weights read once from the
model file, the state scores of a text summed from weight rows picked by attribute ids computed
with numpy, the Viterbi path and the marginals found by a balanced tree of 7 × 7 matrix products
instead of a Python step a character. Same features as :func:`pxextract.ner_features.features`
(the training path), same path as crfsuite's ``Tagger.tag`` (checked: a near tie falls back).

How the path stays crfsuite's:

- **State scores**: a text's attributes become integer ids (characters → ids by a table; each
  pair and centred triple of characters → one int64 key, looked up in a cuckoo hash table, a
  pair's one look-up giving its four bigram attributes) and the weight rows of the ids are added
  in the order :func:`features` lists them, as crfsuite adds them: the same floats.
- **Sure O**: a character that no run of non-O labels through it can pay for is O on the best
  path (replace the run by O: the path gains). The bound of a run's gain is a sum a character
  (its best non-O label with the best transition into it), so the best run through each
  character comes from two running maxima of prefix sums. Only the rest (≈ a quarter of news
  text) and its O neighbours, held to O, are decoded.
- **Viterbi**: max-plus products of the transition-plus-state matrices, pairwise up a tree
  (``log₂ n`` numpy steps); the path is read back down the tree. Where two choices on the path
  come within ``eps`` (a bound of the rounding of both sums) the caller falls back to crfsuite.
- **Marginals**: a tree of ordinary matrix products (exp of the scores, products scaled to a
  maximum of 1) whose leaves are blocks of 8 characters, built for all blocks at once with the
  labels outermost (one BLAS product with the shared ``exp(T)`` a character: numpy's loops run
  along the blocks, not along 7 labels); forward and backward vectors passed down it, then
  through each block: crfsuite's forward-backward in another order (within 1e-12 of it).

Example:
    >>> import numpy as np
    >>> T = np.array([[1.0, -1.0], [-1.0, 1.0]])  # transitions i → j, labels O and PER
    >>> S = np.array([[3.0, 0.0], [0.0, 2.5], [0.0, 2.0], [2.5, 0.0]])  # 说 赵 钱 了
    >>> path, margin = viterbi_tree(S, T)
    >>> path.tolist(), round(margin, 6)
    ([0, 1, 1, 0], 0.5)
"""

from __future__ import annotations

import struct
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from collections.abc import Sequence

import numpy as np

from .ner_features import _FEATURE_NAMES, _kind
from .ner_trees import _BIG, _viterbi_tree, forward_backward_tree, rescale_levels, viterbi_tree

__all__ = ["ArrayCRF", "CuckooTable", "read_weights", "viterbi_tree", "forward_backward_tree", "rescale_levels"]

_KINDS = "DHLSP"  # the letters of ner_features._kind, in the order of the kind ids here
_POS = "BMES"
_UNI = ("c", "l", "r", "ll", "rr")  # a character at offset 0, −1, +1, −2, +2
_BI = ("lc", "cr", "llc", "crr")  # two characters at offsets (−1, 0), (0, +1), (−2, −1), (+1, +2)
_WORD_LEN = 1 << 20  # (a word's length and tag id share an int64)


def _cqdb_names(data: bytes, off: int) -> list[str | None]:
    """The strings of a crfsuite CQDB chunk at ``off``, by id (None for an unused id)."""
    if data[off : off + 4] != b"CQDB":
        raise ValueError("no CQDB chunk")
    size, offset = struct.unpack("<2I", data[off + 16 : off + 24])
    names: list[str | None] = [None] * size
    for rec in struct.unpack(f"<{size}I", data[off + offset : off + offset + 4 * size]):
        if rec:
            i, k = struct.unpack("<iI", data[off + rec : off + rec + 8])
            names[i] = data[off + rec + 8 : off + rec + 7 + k].decode("utf-8")
    return names


def read_weights(path: str | Path) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Labels, attribute names (by id), state weights (attributes + 1 rows × labels; the last row,
    all zero, stands for an unknown attribute) and transitions (labels × labels, from → to) of a
    crfsuite CRF1d model file. Raises ValueError when the file is not one."""
    data = Path(path).read_bytes()
    magic, _, kind, _, _, n_labels, n_attrs, off_f, off_l, off_a = struct.unpack("<4sI4s7I", data[:40])
    if magic != b"lCRF" or kind != b"FOMC" or data[off_f : off_f + 4] != b"FEAT":
        raise ValueError("not a crfsuite CRF1d model")
    labels = _cqdb_names(data, off_l)
    attrs = _cqdb_names(data, off_a)
    num = struct.unpack("<I", data[off_f + 8 : off_f + 12])[0]
    f = np.frombuffer(data, np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]), num, off_f + 12)
    state, trans = f[f["type"] == 0], f[f["type"] == 1]
    if (len(labels) != n_labels or len(attrs) != n_attrs or None in labels or len(state) + len(trans) != num
            or (len(state) and (state["src"].max() >= n_attrs or state["dst"].max() >= n_labels))
            or (len(trans) and max(trans["src"].max(), trans["dst"].max()) >= n_labels)):
        raise ValueError("inconsistent crfsuite model")
    W = np.zeros((n_attrs + 1, n_labels))
    W[state["src"], state["dst"]] = state["w"]
    T = np.zeros((n_labels, n_labels))
    T[trans["src"], trans["dst"]] = trans["w"]
    if np.count_nonzero(W) != np.count_nonzero(state["w"]) or np.count_nonzero(T) != np.count_nonzero(trans["w"]):
        raise ValueError("a feature twice")  # crfsuite would add both
    return labels, attrs, W, T


def _bmp_kinds() -> np.ndarray:
    """Kind id (index in ``_KINDS``) of every character of the Basic Multilingual Plane."""
    return np.array([_KINDS.index(_kind(chr(c))) for c in range(65536)], np.int64)


class CuckooTable:
    """Non-negative int64 keys (< 2**46) → values in [0, 2**17), looked up many at a time: two
    hashed slots a key (cuckoo hashing, ≤ 1/2 full), one of which holds it with its value packed
    in one int64; ``missing`` for a key it lacks.

    >>> CuckooTable(np.array([3, 10**12]), np.array([7, 8]), -1).get(np.array([10**12, 4, 3])).tolist()
    [8, -1, 7]
    """

    VALUE_BITS = 17

    def __init__(self, keys: np.ndarray, values: np.ndarray, missing: int):
        if len(keys) and (keys.min() < 0 or keys.max() >= 1 << 46 or values.min() < 0 or values.max() >= 1 << self.VALUE_BITS):
            raise ValueError("keys or values out of range")
        self.missing = missing
        self.bits = max(4, int(len(keys)).bit_length())
        packed = keys << self.VALUE_BITS | values
        for seed in range(1, 64):
            self.mult = np.array([0x9E3779B97F4A7C15 * seed | 1, 0xC2B2AE3D27D4EB4F * seed | 1], np.uint64)
            if self._build(keys, packed):
                return
        raise ValueError("no cuckoo table")  # (never seen)

    def _slots(self, keys: np.ndarray, side: int) -> np.ndarray:
        return ((keys.view(np.uint64) * self.mult[side]) >> np.uint64(64 - self.bits)).astype(np.intp)

    def _both_slots(self, keys: np.ndarray) -> np.ndarray:
        """Each key's slot in the first table and in the second, as indices of the flat tables."""
        h = ((keys.view(np.uint64)[None, :] * self.mult[:, None]) >> np.uint64(64 - self.bits)).astype(np.intp)
        h[1] += 1 << self.bits
        return h

    def _build(self, keys: np.ndarray, packed: np.ndarray) -> bool:
        self.table = np.full((2, 1 << self.bits), -1, np.int64)
        left = np.arange(len(keys))
        for side in (0, 1):  # each slot's first key, then the second table likewise
            h = self._slots(keys[left], side)
            _, first = np.unique(h, return_index=True)
            self.table[side, h[first]] = packed[left[first]]
            left = np.delete(left, first)
        mask, shift, mult = (1 << 64) - 1, 64 - self.bits, [int(m) for m in self.mult]
        for i in left.tolist():  # the few left: kick keys between their two slots
            item, side = int(packed[i]), 0
            for _ in range(500):
                j = (((item >> self.VALUE_BITS) * mult[side]) & mask) >> shift
                item, self.table[side, j] = int(self.table[side, j]), item
                if item < 0:
                    break
                side = 1 - side
            else:
                return False
        return True

    def get(self, q: np.ndarray) -> np.ndarray:
        """The values of keys ``q`` (non-negative int64)."""
        e = self.table.reshape(-1)[self._both_slots(q)]
        hit = e >> self.VALUE_BITS == q
        e &= (1 << self.VALUE_BITS) - 1
        return np.where(hit[0], e[0], np.where(hit[1], e[1], self.missing))


class ArrayCRF:
    """A crfsuite model of :func:`features`'s attributes as arrays; raises ValueError when the
    model holds other attributes (the caller keeps crfsuite's string path then)."""

    def __init__(self, path: str | Path, labels: Sequence[str]):
        self.labels, attrs, self.W, self.T = read_weights(path)
        if list(labels) != self.labels or "O" not in self.labels:
            raise ValueError("labels differ from the tagger's")
        self.O = self.labels.index("O")
        Z = self.Z = len(attrs)  # the zero row: an attribute the model lacks
        by: dict[str, dict[str, int]] = {h: {} for h in _FEATURE_NAMES}
        for i, name in enumerate(attrs):
            head, eq, value = (name or "").partition("=")
            if not eq or head not in by:
                raise ValueError(f"attribute {name!r}")
            by[head][value] = i
        chars = sorted({c for h in _UNI + _BI + ("lcr",) for v in by[h] for c in v} | {v[1:] for v in by["wc"]})
        if any(len(c) != 1 for c in chars):
            raise ValueError("a character attribute of several characters")
        cid = {c: i + 1 for i, c in enumerate(chars)}  # 0: a character the model has no attribute of
        V = self.V = len(chars) + 1
        # a character of the BMP → its id × 8 + its kind (the others, rare, one at a time)
        self.chars = _bmp_kinds()
        bmp = [(ord(c), i) for c, i in cid.items() if ord(c) < 65536]
        if bmp:
            self.chars[[o for o, _ in bmp]] += 8 * np.array([i for _, i in bmp], np.int64)
        self.astral = {ord(c): i for c, i in cid.items() if ord(c) >= 65536}
        self.uni = np.full((len(_UNI), V), Z, np.int64)
        for j, h in enumerate(_UNI):
            for v, i in by[h].items():
                self.uni[j, cid[v]] = i
        # two adjacent characters: one look-up gives a row of pair_ids, the ids of the four
        # bigram attributes of the pair (lc cr llc crr: the same pairs, shifted); three: lcr
        rows: dict[int, int] = {}
        pair_ids = []
        for j, h in enumerate(_BI):
            for v, i in by[h].items():
                if len(v) != 2:
                    raise ValueError(f"attribute {h}={v}")
                row = rows.setdefault(cid[v[0]] * V + cid[v[1]], len(rows))
                if row == len(pair_ids):
                    pair_ids.append([Z] * len(_BI))
                pair_ids[row][j] = i
        self.pair_ids = np.array(pair_ids + [[Z] * len(_BI)], np.int64).T.copy()  # (the last: a pair the model lacks)
        keys, values = list(rows), list(rows.values())
        for v, i in by["lcr"].items():
            if len(v) != 3:
                raise ValueError(f"attribute lcr={v}")
            keys.append(((V + cid[v[0]]) * V + cid[v[1]]) * V + cid[v[2]])  # (above every pair's key)
            values.append(i)
        self.ngrams = CuckooTable(np.array(keys, np.int64), np.array(values, np.int64), -1)
        self.kind3 = np.full(len(_KINDS) ** 3, Z, np.int64)
        for v, i in by["k"].items():
            if len(v) != 3 or not set(v) <= set(_KINDS):
                raise ValueError(f"attribute k={v}")
            self.kind3[(_KINDS.index(v[0]) * 5 + _KINDS.index(v[1])) * 5 + _KINDS.index(v[2])] = i
        tagset = sorted(set(by["t"]) | {v[1:] for v in by["wt"]})
        self.tag_id = {t: i + 1 for i, t in enumerate(tagset)}  # 0: a tag the model has no attribute of
        self.pos = np.full(4, Z, np.int64)
        self.tag = np.full(len(tagset) + 1, Z, np.int64)
        self.pos_tag = np.full((4, len(tagset) + 1), Z, np.int64)
        self.pos_char = np.full((4, V), Z, np.int64)
        for head, table in (("w", self.pos), ("t", self.tag), ("wt", self.pos_tag), ("wc", self.pos_char)):
            for v, i in by[head].items():
                if head == "t":
                    table[self.tag_id[v]] = i
                elif not v or v[0] not in _POS or (head == "w" and len(v) != 1):
                    raise ValueError(f"attribute {head}={v}")
                elif head == "w":
                    table[_POS.index(v)] = i
                else:
                    table[_POS.index(v[0]), self.tag_id[v[1:]] if head == "wt" else cid[v[1:]]] = i
        # run bounds (sure O): the best transition into each non-O label from a non-O label and from O
        O, T = self.O, self.T
        other = [i for i in range(len(self.labels)) if i != O]
        self._other = np.array(other)
        self._kappa = T[np.ix_(other, other)].max(axis=0) - T[O, O]
        self._enter = T[O, other] - T[O, O]
        self._leave = (T[other, O] - T[O, O]).max() if other else 0.0
        self._expT = np.exp(T)
        self._Tmax = float(np.abs(T).max())
        self._rescale = rescale_levels(T)
        self._tag_cache: tuple[object, dict[str, int]] = (None, {})

    def scores(self, text: str, words: Sequence[str], tags: dict[str, str]) -> np.ndarray | None:
        """State scores (characters × labels) of ``text`` whose words are ``words`` (None when
        they do not make up the text): the weights of :func:`features`'s attributes, added in
        its order."""
        n = len(text)
        word = self._word_ids(words, tags)
        lens = word & (_WORD_LEN - 1)
        if n == 0 or lens.sum() != n or (lens == 0).any() or (lens == _WORD_LEN - 1).any():
            return None
        p = np.frombuffer(("^^" + text + "$$").encode("utf-32-le", "surrogatepass"), np.uint32).astype(np.intp)
        ck = self.chars[np.minimum(p, 65535)]
        if p.max() > 65535:  # characters beyond the BMP (rare)
            for i in np.flatnonzero(p > 65535).tolist():
                ck[i] = 8 * self.astral.get(int(p[i]), 0) + _KINDS.index(_kind(chr(p[i])))
        ci, k = ck >> 3, ck[1 : n + 3] & 7  # character ids; kinds of the text with one padding each side
        ll, l, c, r, rr = ci[:n], ci[1 : n + 1], ci[2 : n + 2], ci[3 : n + 3], ci[4:]
        ids = np.empty((15, n), np.int64)  # crfsuite's order: c l r ll rr lc cr llc crr lcr k w t wt wc
        for j, x in enumerate((c, l, r, ll, rr)):
            self.uni[j].take(x, out=ids[j])
        V = self.V
        q = ci[:-1] * V  # the n + 3 adjacent pairs of the padded text, then the n centred trigrams
        q += ci[1:]
        got = self.ngrams.get(np.concatenate((q, (((V + l) * V + c) * V + r))))
        pair = got[: n + 3]
        pair[pair < 0] = self.pair_ids.shape[1] - 1
        for j, at in enumerate((1, 2, 0, 3)):  # lc cr llc crr: the pairs at t + 1, t + 2, t, t + 3
            self.pair_ids[j].take(pair[at : at + n], out=ids[5 + j])
        ids[9] = got[n + 3 :]
        ids[9][ids[9] < 0] = self.Z
        self.kind3.take((k[:n] * 5 + k[1 : n + 1]) * 5 + k[2:], out=ids[10])
        pos = np.ones(n, np.int64)  # B M E S = 0 1 2 3
        ends = np.cumsum(lens)
        pos[ends - lens] = 0
        pos[ends - 1] = 2
        pos[(ends - 1)[lens == 1]] = 3
        tg = np.repeat(word // _WORD_LEN, lens)
        self.pos.take(pos, out=ids[11])
        self.tag.take(tg, out=ids[12])
        self.pos_tag.take(pos * self.pos_tag.shape[1] + tg, out=ids[13])
        self.pos_char.take(pos * V + c, out=ids[14])
        return np.add.reduce(self.W.take(ids, axis=0), axis=0)  # one row after the other, as crfsuite adds

    def _word_ids(self, words: Sequence[str], tags: dict[str, str]) -> np.ndarray:
        """Per word: its length + 2**20 × the id of its dictionary tag (``-`` when ``tags`` lacks
        it; 0 when the model has no attribute of it), from a cache held for one ``tags``."""
        held, table = self._tag_cache
        if held is not tags or len(table) > 400_000:
            table = {}
            self._tag_cache = (tags, table)
        if len(words) > 1:  # (one C call for all the words when the cache holds them all: most texts)
            try:
                return np.fromiter(itemgetter(*words)(table), np.int64, len(words))
            except KeyError:
                pass
        got = np.fromiter(map(table.get, words, repeat(-1)), np.int64, len(words))
        if (got < 0).any():
            miss = (got < 0).nonzero()[0]
            tag_id, longest = self.tag_id, _WORD_LEN - 1
            got[miss] = [table.setdefault(w, min(len(w), longest) + _WORD_LEN * tag_id.get(tags.get(w, "-"), 0))
                         for w in map(words.__getitem__, miss.tolist())]
        return got

    def sure_o(self, S: np.ndarray, eps: float) -> np.ndarray:
        """Characters that are O on every best path: no run of non-O labels through them gains
        (bound: each character's best non-O state score with the best transition into it)."""
        ST = S.T  # (labels × characters: each step runs along the text, not along 7 labels)
        d = ST[self._other] - ST[self.O]
        v = np.maximum.reduce(d + self._kappa[:, None], axis=0)  # a character inside a run
        e = np.maximum.reduce(d + self._enter[:, None], axis=0)  # the first character of a run
        e[0] = d[:, 0].max()  # (no transition before the text)
        P = np.concatenate(([0.0], np.cumsum(v)))
        start = np.maximum.accumulate(e - v - P[:-1])  # best run start a ≤ t
        end = P[1:] + self._leave
        end[-1] -= self._leave  # (no transition after the text)
        end = np.maximum.accumulate(end[::-1])[::-1]  # best run end b ≥ t
        return start + end < -eps

    def viterbi(self, S: np.ndarray) -> np.ndarray | None:
        """crfsuite's Viterbi path (label ids) of state scores ``S``, or None when a near tie
        on it could make crfsuite choose otherwise."""
        n = len(S)
        # rounding: ≤ 4n additions (ours and crfsuite's) on a path, each of sums ≤ n (max|S| + max|T|)
        eps = 1e-9 + 4 * n * n * (np.abs(S).max() + self._Tmax) * 2.0**-53
        sure = self.sure_o(S, eps)
        y = np.full(n, self.O, np.int64)
        unsure = ~sure
        if not unsure.any():
            return y
        keep = unsure.copy()  # the unsure characters and their sure neighbours, held to O
        keep[1:] |= unsure[:-1]
        keep[:-1] |= unsure[1:]
        at = np.flatnonzero(keep)
        sub = S[at]
        held = sure[at]
        sub[held] = -_BIG
        sub[held, self.O] = 0.0
        TT = self.__dict__.get("_TT")  # (made on first use: the arrays' cache holds what __init__ made)
        if TT is None:
            TT = self._TT = self.T[:, :, None] + self.T[None, :, :]
        path, gap = _viterbi_tree(sub, self.T, TT)
        if gap <= eps:
            return None
        y[at] = path
        return y

    def marginals(self, S: np.ndarray, y: np.ndarray, at: np.ndarray) -> np.ndarray:
        """The marginal probability of label ``y[t]`` at each character ``t`` of ``at``."""
        alpha, beta = forward_backward_tree(S, self._expT, at, self._rescale)
        lab = y[at]
        rows = np.arange(len(at))
        return alpha[rows, lab] * beta[rows, lab] / np.einsum("ij,ij->i", alpha, beta)
