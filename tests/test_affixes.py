"""pxextract.extract.affixes gives what the scans over the list it replaces give (random words and texts)."""

from __future__ import annotations

import random

import pytest

from pxextract.extract.affixes import Affixes


def test_first_and_ends_as_the_scans():
    rng = random.Random(13)
    for _ in range(300):
        words = ["".join(rng.choice("中国美非洲") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 12))]
        a = Affixes(words)
        for _ in range(20):
            text = "".join(rng.choice("中国美非洲") for _ in range(rng.randint(0, 8)))
            pos = rng.randint(0, len(text))
            ok = rng.choice([None, lambda w: len(w) % 2 == 0])
            assert a.first(text, pos, ok) == next((w for w in words if text.startswith(w, pos) and (ok is None or ok(w))), None)
            assert a.ends(text) == any(text.endswith(w) for w in words)
            longer = rng.randint(0, 4)
            assert a.ends(text, longer) == any(len(w) > longer and text.endswith(w) for w in words)
            end = rng.randint(-len(text) - 2, len(text) + 2)
            assert a.last(text, end) == next((w for w in words if text.endswith(w, 0, end)), None), (text, end)


def test_no_empty_word():
    with pytest.raises(ValueError):
        Affixes(["中", ""])
