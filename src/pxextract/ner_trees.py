"""The balanced trees of :mod:`pxextract.ner_arrays` (issue #13, speed): the Viterbi path of
a CRF's state scores by max-plus products of the characters' label × label matrices, and its
forward and backward vectors (for the marginals) by ordinary products, each up a tree and back
down it, a numpy step a level instead of a Python step a character.

Example (labels O and PER; 说 赵 钱 了):
    >>> import numpy as np
    >>> T = np.array([[1.0, -1.0], [-1.0, 1.0]])
    >>> S = np.array([[3.0, 0.0], [0.0, 2.5], [0.0, 2.0], [2.5, 0.0]])
    >>> viterbi_tree(S, T)[0].tolist()
    [0, 1, 1, 0]
    >>> alpha, beta = forward_backward_tree(S, np.exp(T), np.arange(4))
    >>> (alpha * beta / (alpha * beta).sum(axis=1, keepdims=True)).argmax(axis=1).tolist()
    [0, 1, 1, 0]
"""

from __future__ import annotations

import numpy as np

_BIG = 1e30  # minus a forbidden label's score (finite: no inf − inf)


def _maxplus(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Max-plus products of matrix pairs stored label × label × pair (the pairs innermost, so
    each numpy step runs over all of them): ``out[i, j, p] = max_k A[i, k, p] + B[k, j, p]``."""
    if A.shape[2] <= 128:  # (up to a hundred pairs, one step is faster)
        return np.maximum.reduce(A[:, :, None, :] + B[None, :, :, :], axis=1)
    out = A[:, 0, None, :] + B[None, 0, :, :]
    for k in range(1, A.shape[1]):
        np.maximum(out, A[:, k, None, :] + B[None, k, :, :], out=out)
    return out


def viterbi_tree(S: np.ndarray, T: np.ndarray) -> tuple[np.ndarray, float]:
    """The best label path of state scores ``S`` (n × L) and transitions ``T`` (L × L, from →
    to; none into the first character), and the smallest margin by which a choice on it won
    (the last label, and the split label of each node of the tree down to each character): a
    margin near 0 is a near tie. Up the tree: max-plus products of the characters' matrices
    ``T[i, j] + S[t, j]``, two characters at a time first; down it: the best split label of each
    node on the path, its ends known."""
    return _viterbi_tree(S, T, T[:, :, None] + T[None, :, :])


def _constant(name: str, L: int) -> np.ndarray:
    """A read-only constant array of the trees for L labels, made once: ``pad`` (the max-plus
    identity, L × L × 1) or ``eye`` (the identity, 1 × L × L)."""
    got = _CONSTANTS.get((name, L))
    if got is None:
        got = np.eye(L)[None] if name == "eye" else np.where(np.eye(L, dtype=bool), 0.0, -_BIG)[:, :, None]
        got.flags.writeable = False
        _CONSTANTS[name, L] = got
    return got


_CONSTANTS: dict[tuple[str, int], np.ndarray] = {}


def _rowmax(X: np.ndarray) -> np.ndarray:
    """The maximum of each row of ``X`` (rows × a few columns): numpy reduces a short inner axis
    a row at a time (7 labels: 19 µs for 500 rows), the outer axis of the transposed copy a column
    at a time, vectorized (2.6 µs); the same values, as a maximum is exact.

    >>> _rowmax(np.array([[1.0, 3.0], [-2.0, -5.0]])).tolist()  # 赵 钱: their best label scores (O, PER)
    [3.0, -2.0]
    """
    return np.maximum.reduce(X.T.copy(), axis=0)


def _viterbi_tree(S: np.ndarray, T: np.ndarray, TT: np.ndarray) -> tuple[np.ndarray, float]:
    """:func:`viterbi_tree` given ``TT[i, k, j] = T[i, k] + T[k, j]`` (an :class:`ArrayCRF` holds it)."""
    n, L = S.shape
    m = n // 2  # leaves: pairs of characters (2p, 2p + 1), and an odd last character alone
    Se = S[0 : 2 * m : 2].T
    if m <= 128:  # A[i, j, p] = max_k T[i, k] + S[2p, k] + T[k, j] …
        A = np.maximum.reduce(TT[:, :, :, None] + Se[None, :, None, :], axis=1)
    else:
        A = TT[:, 0, :, None] + Se[0]
        for k in range(1, L):
            np.maximum(A, TT[:, k, :, None] + Se[k], out=A)
    A += S[1 : 2 * m : 2].T[None]  # … + S[2p + 1, j]
    if m:
        A[:, :, 0] = (S[0][:, None] + T).max(axis=0) + S[1]  # (no transition into the first)
    if n % 2:
        A = np.concatenate((A, (T + S[-1] if n > 1 else np.repeat(S[:1], L, axis=0))[:, :, None]), axis=2)
    pad = _constant("pad", L)
    levels = [A]
    while A.shape[2] > 1:
        if A.shape[2] % 2:
            A = levels[-1] = np.concatenate((A, pad), axis=2)
        A = _maxplus(A[:, :, 0::2], A[:, :, 1::2])
        levels.append(A)
    root = A[0, :, 0]
    # IJ[p], IJ[p + 1]: the path's labels before and at the end of node p of a level (the label
    # before the first node: 0, as its rows are all the same)
    IJ = np.zeros(2, np.intp)
    IJ[1] = root.argmax()
    margins = [root[None, :]]  # every choice made on the path, to find the smallest margin
    even = np.arange(0, levels[0].shape[2] + 1, 2)
    odd = even + 1
    for A in reversed(levels[:-1]):
        half = A.shape[2] // 2  # (a padding node's end: dropped)
        v = A[IJ[:half], :, even[:half]] + A[:, IJ[1 : half + 1], odd[:half]].T  # v[p, k]: node p split at label k
        margins.append(v)
        nxt = np.zeros(2 * half + 1, np.intp)
        nxt[1::2] = v.argmax(axis=1)
        nxt[2::2] = IJ[1 : half + 1]
        IJ = nxt
    y = np.empty(n, np.intp)  # the labels before each leaf pair and at its second character
    if m:
        v = T[IJ[:m], :] + Se.T + T[:, IJ[1 : m + 1]].T
        v[0] = S[0] + T[:, IJ[1]]
        margins.append(v)
        y[0 : 2 * m : 2] = v.argmax(axis=1)
        y[1 : 2 * m : 2] = IJ[1 : m + 1]
    if n % 2:
        y[-1] = IJ[m + 1]
    v = np.concatenate(margins)
    v.partition(L - 2, axis=1)
    return y, float((v[:, L - 1] - v[:, L - 2]).min()) if L > 1 else np.inf


_BLOCK = 8  # characters a leaf of the marginals' tree


def forward_backward_tree(S: np.ndarray, expT: np.ndarray, at: np.ndarray, rescale: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward vectors (each scaled) at the characters ``at`` of state scores
    ``S`` (transitions ``expT``, exponentiated): their products, normalized per character, are
    the marginals. Leaves: the products of the matrices ``expT[i, j] * exp(S[t, j])`` of blocks
    of ``_BLOCK`` characters, all blocks at once (labels × labels × blocks, the blocks innermost:
    one BLAS product with the shared ``expT`` a character); up a tree: products of the leaves,
    two at a time; down it: the vectors before and after each block, scaled every ``rescale``
    levels (:func:`rescale_levels`); then through the block to each character, all blocks at
    once again."""
    n, L = S.shape
    k = _BLOCK
    B = -(-n // k)  # blocks; the last holds r characters (the rest of it: padding, skipped)
    r = n - (B - 1) * k
    ST = S.T
    s = np.ones((L, B * k))  # exp of the scores less each character's best (a constant changes no marginal): ≤ 1
    np.exp(ST - _rowmax(S), out=s[:, :n])
    s = s.reshape(L, B, k).transpose(2, 0, 1).copy()  # s[j, l, b]: character b·k + j
    Y = expT.T[:, :, None] * s[0][:, None, :]  # Y[l, i, b]: block b's product from label i to l
    Y[:, :, 0] = s[0][:, :1]  # (no transition into the first character)
    eTT = expT.T.copy()
    part = np.empty((k, L, L, B))  # part[j]: Y up to character j of each block
    part[0] = Y
    for j in range(1, k):
        Y = np.matmul(eTT, Y.reshape(L, -1), out=part[j].reshape(L, -1)).reshape(L, L, B)
        Y *= s[j][:, None, :]
        if j >= r:
            Y[:, :, -1] = part[j - 1, :, :, -1]  # (the padding of the last block)
    A = Y.transpose(2, 1, 0).copy()  # the leaves, block × from × to
    A /= _rowmax(A.reshape(B, -1))[:, None, None]
    levels, eye = [A], _constant("eye", L)  # (products of scaled matrices: ≤ L a level; every other level scaled)
    while len(A) > 1:
        if len(A) % 2:
            A = levels[-1] = np.concatenate((A, eye))
        A = np.matmul(A[0::2], A[1::2])
        if len(levels) % 2 == 0 or len(A) == 1:
            A /= _rowmax(A.reshape(len(A), -1))[:, None, None]
        levels.append(A)
    fwd = np.zeros((1, L))
    fwd[0, 0] = 1.0  # (the first matrix's rows are all the same)
    bwd = np.ones((1, L))
    for depth, A in enumerate(reversed(levels[:-1])):
        half = len(A) // 2  # a node's vectors: the left child's as the parent's, the right child's through the left
        f, b = np.empty((2 * half, L)), np.empty((2 * half, L))
        f[0::2] = fwd[:half]
        f[1::2] = np.matmul(fwd[:half, None, :], A[0::2])[:, 0]
        b[1::2] = bwd[:half]
        b[0::2] = np.matmul(A[1::2], bwd[:half, :, None])[:, :, 0]
        if depth % rescale == rescale - 1:
            f /= _rowmax(f)[:, None]
            b /= _rowmax(b)[:, None]
        fwd, bwd = f, b
    fwd = fwd[:B].T / _rowmax(fwd[:B])  # labels × blocks
    bwd = bwd[:B].T / _rowmax(bwd[:B])
    pos, c = at % k, at // k
    alpha = np.matmul(part[pos, :, :, c], fwd.T[c, :, None])[:, :, 0]  # through the block to the character
    beta = np.empty((k, L, B))
    b = bwd
    for j in range(k - 1, 0, -1):
        beta[j] = b
        b = expT @ (b * s[j])
        if j >= r:
            b[:, -1] = bwd[:, -1]
    beta[0] = b
    return alpha, beta[pos, :, c]


def rescale_levels(T: np.ndarray) -> int:
    """How many levels the vectors may go down the marginals' tree unscaled: the rows of a
    product of the characters' matrices differ entry by entry by at most e^spread (the largest
    spread of a column of ``T``) and a level's largest entry is ≥ e^-spread (scaled, or a product
    of two scaled), so a vector's largest entry shrinks by at most e^(2 spread) a level and grows
    by at most L² (L labels); stay within e^±600.

    >>> rescale_levels(np.array([[3.0, -11.0], [-2.6, 2.2]]))
    20
    """
    spread = float((T.max(axis=0) - T.min(axis=0)).max())
    return max(1, int(600 // (2 * spread + 2 * np.log(len(T)) + 1)))
