"""NLP fixtures: the spaCy pipeline (loaded once per session) and the seed articles' body text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from parallax.model import ArticleAnalysis
from parallax.nlp.pipeline import analyze_text, load_pipeline

# Paths shared with tests/conftest.py (tests is a package: import them from tests.conftest).
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "src" / "parallax" / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"

SEEDS = {
    "000": ("000_f1244bfe7fc0ce2e.txt", date(2025, 7, 4)),
    "001": ("001_ead8df1f51385aab.txt", date(2025, 7, 8)),
}


def seed_body(raw: str) -> str:
    """Return a seed's body: no date/title line, no trailing URL, no "open image in gallery"."""
    lines = raw.split("\n")[1:]
    while lines and (not lines[-1].strip() or lines[-1].startswith("http")):
        lines.pop()
    kept = [line for line in lines if not line.startswith("open image in gallery")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def read_seed(key: str) -> tuple[str, date]:
    """Return the body text and publication date of seed ``key`` ("000" or "001")."""
    name, published = SEEDS[key]
    raw = (EXAMPLES / "seeds" / name).read_text(encoding="utf-8")
    return seed_body(raw), published


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def seeds() -> dict[str, tuple[str, date]]:
    return {key: read_seed(key) for key in SEEDS}


@pytest.fixture(scope="session")
def analyses(nlp: Language, seeds: dict[str, tuple[str, date]]) -> dict[str, ArticleAnalysis]:
    return {
        key: analyze_text(key, text, published, nlp=nlp) for key, (text, published) in seeds.items()
    }
