"""rjieba's tokenizer class, and a word table poured into it, for :class:`pxextract.segment.Segmenter`
(issue #13: start-up).

``import rjieba`` runs the package's ``__init__``, which builds a default tokenizer with jieba's
whole dictionary (0.09–0.2 s) that pxextract never uses: it starts from ``Jieba.empty()`` and adds
its own table. :func:`jieba_class` loads the compiled module ``rjieba.rjieba`` alone, by the
ordinary import machinery, and falls back to ``import rjieba`` if that fails; the class is the
same either way (a later ``import rjieba`` finds the loaded module and reuses it).

Example:
    >>> Jieba = jieba_class()
    >>> fast = Jieba.empty()
    >>> add_words(fast, ["萍乡", "经开区"], [10, 10])
    >>> fast.cut("萍乡经开区", hmm=False)
    ['萍乡', '经开区']
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from collections import deque
from collections.abc import Iterable
from itertools import repeat
from pathlib import Path


def jieba_class():
    """rjieba's ``Jieba`` class, or None when rjieba is not installed."""
    try:
        mod = sys.modules.get("rjieba.rjieba") or _load_compiled()
        return mod.Jieba
    except Exception:  # noqa: BLE001 - an unusual install: the package's own import
        try:
            import rjieba
        except ImportError:
            return None
        return rjieba.Jieba


def _load_compiled():
    """The compiled ``rjieba.rjieba`` without running ``rjieba/__init__.py``."""
    spec = importlib.util.find_spec("rjieba")  # a top-level package: found, not imported
    folder = Path(next(iter(spec.submodule_search_locations)))  # type: ignore[union-attr]
    path = next(p for s in importlib.machinery.EXTENSION_SUFFIXES for p in sorted(folder.glob("rjieba" + s)))
    ext = importlib.util.spec_from_file_location("rjieba.rjieba", path)
    mod = importlib.util.module_from_spec(ext)  # type: ignore[arg-type]
    ext.loader.exec_module(mod)  # type: ignore[union-attr]
    sys.modules["rjieba.rjieba"] = mod
    return mod


def add_words(fast, words: Iterable[str], freqs: Iterable[int]) -> None:
    """``fast.add_word(word, freq, None)`` for each pair, in order (one C-level loop: 351 k words)."""
    deque(map(fast.add_word, words, freqs, repeat(None)), maxlen=0)
