"""Shared fixtures: paths to the bundled examples and to test inputs, settings, a fresh store."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.config import Settings

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
