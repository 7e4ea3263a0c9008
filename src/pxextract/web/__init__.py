"""The local web explorer's parts (issue #16): the Datasette plugin (``plugin.py``: the fact
page and the highlighted sentences) and its templates. :mod:`pxextract.serve` uses them."""

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
