"""pxextract: Chinese regional-economy news → a database of facts.

Example:
    >>> from pxextract import Extractor
    >>> rec = Extractor().extract_text("农林牧渔业总产值由2012年的82.32亿元增加到2021年的123.77亿元。", date="2022")
    >>> [(s["text"], s.get("value")) for s in rec["spans"]][:2]
    [('2012年', None), ('82.32亿元', 8232000000)]
"""

__version__ = "0.1.0"

from .pipeline import Extractor, build_pipeline  # noqa: E402

__all__ = ["Extractor", "build_pipeline", "__version__", "facts"]
from .store import facts  # noqa: E402
