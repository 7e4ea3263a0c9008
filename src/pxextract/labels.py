"""The span labels of ANNOTATION.md §2, declared once.

A module without imports, so that the read commands (``pxextract facts``, ``export``, ``show``),
which need the label names for their choices and the store's schema, start without the rules
loader (``regex`` and the rule types: ~30 ms; docs/workbench-timing.md).

Example:
    >>> from pxextract.labels import LABELS_NUMERIC
    >>> "MONEY" in LABELS_NUMERIC   # 82.32亿元 is a MONEY span
    True
"""

LABELS_NUMERIC = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
LABELS_NAMES = ("PERSON", "GPE", "LOC", "ORG", "LAW")
LABELS = LABELS_NUMERIC + ("DATE",) + LABELS_NAMES
