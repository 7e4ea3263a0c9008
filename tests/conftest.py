"""Shared fixtures: one Extractor per test session (building it loads jieba and the rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "corpus-dev"


@pytest.fixture(scope="session")
def extractor():
    from pxextract.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    if not SHARED_DEV.is_dir():
        pytest.skip(f"development corpus not found at {SHARED_DEV} (../shared is not checked out beside the repo)")
    return SHARED_DEV


@pytest.fixture(scope="session")
def extractor_session(extractor):
    """The session Extractor under the name hypothesis tests use (function-scoped fixtures are not allowed there)."""
    return extractor


@pytest.fixture(scope="session")
def segmenters(extractor):
    """The pipeline's segmenter (rjieba when installed) and one backed by the jieba package."""
    from pxextract.segment import Segmenter

    return [extractor.nlp.tokenizer.segmenter, Segmenter.from_rules(backend="jieba")]


@pytest.fixture(scope="session")
def corpora_db(tmp_path_factory, dev_corpus) -> Path:
    """The fact database of corpus/ and ../shared/corpus-dev, built once per test process as a
    user builds it (``pxextract build corpus DEV --db F --workers 1``). Tests only read it
    (tests/test_rows.py pins every row; tests/test_series.py reads the series)."""
    from typer.testing import CliRunner

    from pxextract.cli import app

    path = tmp_path_factory.mktemp("corpora") / "facts.sqlite"
    r = CliRunner().invoke(app, ["build", str(ROOT / "corpus"), str(dev_corpus), "--db", str(path), "--workers", "1"])
    assert r.exit_code == 0, r.output
    return path
