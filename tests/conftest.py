"""Shared fixtures: paths to the bundled examples and to test inputs, settings, a fresh store."""

from __future__ import annotations

import os
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
