"""The NER model's arrays kept between runs (issue #13: start-up with a warm cache): building
:class:`pxextract.ner_arrays.ArrayCRF` from the model file takes about half a second, loading
its arrays back a few milliseconds. The cache is written with :mod:`marshal` (plain values and
raw array bytes, never pickle: a cache file cannot run code) by
:func:`pxextract.startup_cache.stored`, keyed by the model file's hash, and checked on load;
anything unreadable is rebuilt, a folder that cannot be written is left alone. Where:
:func:`pxextract.startup_cache.cache_folder` (``$PXEXTRACT_CACHE``,
``$XDG_CACHE_HOME/pxextract`` or ``~/.cache/pxextract``), beside the segmentation table.

Example:
    >>> import numpy as np
    >>> class Box: pass
    >>> b = Box(); b.a, b.n, b.d = np.arange(3), 2, {"萍乡": 1}
    >>> c = _thaw(_freeze(b), {"Box": Box})
    >>> c.a.tolist(), c.n, c.d
    ([0, 1, 2], 2, {'萍乡': 1})
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .ner_arrays import ArrayCRF, CuckooTable
from .startup_cache import cache_folder, stored

_FORMAT = 1
_CLASSES = {"ArrayCRF": ArrayCRF, "CuckooTable": CuckooTable}


def cached_arrays(path: Path, digest: str, labels) -> ArrayCRF | None:
    """The CRF over arrays of the model file at ``path`` (hash ``digest``; None when the model
    does not fit it: crfsuite's string path then), from the cache when a run made it before."""
    labels = list(labels)

    def read(state) -> ArrayCRF | None:
        arrays = _thaw(state[1], _CLASSES) if state[0] == _FORMAT else None
        return arrays if isinstance(arrays, ArrayCRF) and arrays.labels == labels else None

    def build() -> ArrayCRF | None:
        try:
            return ArrayCRF(path, labels)
        except ValueError:
            return None

    return stored(cache_folder() / f"ner-arrays-{digest}.marshal", build, read, lambda a: (_FORMAT, _freeze(a)))


def _freeze(value):
    """``value`` as plain marshal-able data: arrays as (dtype, shape, bytes), objects as their
    class name and attributes."""
    if isinstance(value, np.ndarray):
        return ("nd", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, np.generic):
        return ("np", value.item())
    if isinstance(value, (list, tuple)):
        return ("seq", type(value) is tuple, [_freeze(v) for v in value])
    if isinstance(value, dict):
        return ("dict", [(k, _freeze(v)) for k, v in value.items()])
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return ("v", value)
    return ("obj", type(value).__name__, {k: _freeze(v) for k, v in vars(value).items()})


def _thaw(state, classes: dict):
    kind = state[0]
    if kind == "nd":
        return np.frombuffer(state[3], dtype=np.dtype(state[1])).reshape(state[2]).copy()
    if kind == "np":
        return np.float64(state[1]) if isinstance(state[1], float) else state[1]
    if kind == "seq":
        items = [_thaw(v, classes) for v in state[2]]
        return tuple(items) if state[1] else items
    if kind == "dict":
        return {k: _thaw(v, classes) for k, v in state[1]}
    if kind == "v":
        return state[1]
    obj = object.__new__(classes[state[1]])  # only the classes named here: a foreign name is an error
    obj.__dict__.update({k: _thaw(v, classes) for k, v in state[2].items()})
    return obj
