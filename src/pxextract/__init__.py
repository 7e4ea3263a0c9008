"""pxextract: Chinese regional-economy news → a database of facts.

Example:
    >>> from pxextract import Extractor
    >>> rec = Extractor().extract_text("农林牧渔业总产值由2012年的82.32亿元增加到2021年的123.77亿元。", date="2022")
    >>> [(s["text"], s.get("value")) for s in rec["spans"]][:2]
    [('2012年', None), ('82.32亿元', 8232000000)]

The names below are imported on first use (PEP 562), so ``import pxextract`` and a
query through ``pxextract.facts`` or ``pxextract.series`` never load spaCy or jieba.
"""

from ._version import __version__

__all__ = ["Extractor", "build_pipeline", "__version__", "facts", "series"]

_LAZY = {"Extractor": "pipeline", "build_pipeline": "pipeline", "facts": "store", "series": "store"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
