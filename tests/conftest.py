"""Shared fixtures: paths to the bundled examples and to test inputs, settings, a fresh store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from parallax.config import Settings

# pytest-xdist's workers start with COLUMNS=80 (and LINES) in their environment, and the CLI's
# Rich consoles fix their width from COLUMNS when they are made, at import: a test that widens
# one invocation (CliRunner's env={"COLUMNS": ...}) would still be cut at 80 columns there.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "src" / "parallax" / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def seed_dir() -> Path:
    return EXAMPLES / "seeds"


@pytest.fixture(autouse=True)
def _story_pages_wait_for_their_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    """A story page waits for the comparison it computes, whatever it costs, so that tests of
    what a page shows do not depend on how fast this machine compares. The page served while
    its comparison is being computed is tested in tests/server/pages/test_story_pending.py."""
    monkeypatch.setattr("parallax.server.comparing.PAGE_WAIT_SECONDS", None)


@pytest.fixture(autouse=True)
def _each_test_starts_with_no_corpus_minilm() -> Iterator[None]:
    """A corpus opened in a test makes ``minilm`` mean its MiniLM in the process: forget it
    after the test, so that the next one starts from the switch and the default."""
    from parallax.minilm_int8 import use_minilm

    yield
    use_minilm(None)
