"""What reading inputs produces: an :class:`Article` (id, text, metadata, path), a
:class:`ReadError` for an input that could not be read (completely), :class:`InputError` for
one that cannot be used at all, and :func:`display` for printing a path. Imported through
:mod:`pxextract.read` by everything else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class Article:
    id: str
    text: str
    meta: dict = field(default_factory=dict)
    path: str = ""


@dataclass
class ReadError:
    """An input that could not be read (completely). ``scope``: the file or folder whose
    previously stored articles must be kept (default: ``path``)."""

    path: str
    message: str
    scope: str = ""

    def __post_init__(self):
        self.scope = self.scope or self.path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InputError(Exception):
    """An input that cannot be used at all (missing path, folder without articles)."""


def display(path: str | os.PathLike) -> str:
    """A path as it can be printed and stored: bytes that are not UTF-8 shown as ``\\xNN``.

    >>> display("corpus/a\\udcff.txt")
    'corpus/a\\\\xff.txt'
    """
    s = os.fspath(path)
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
