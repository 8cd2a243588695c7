"""Story fixtures: the seed articles as the grouper sees them, and small hand-written articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.ingest.clean import clean_text
from parallax.ingest.text import parse_text_article
from parallax.stories import StoryInput

# Spelled out rather than imported from tests/conftest.py: pytest may import another
# conftest.py under the same module name first (see tests/nlp/conftest.py).
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "src" / "parallax" / "examples" / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


def seed_input(path: Path) -> StoryInput:
    """Read a seed file the way ingest does and return it as a grouper input."""
    raw = parse_text_article(path.read_text(encoding="utf-8"), source=path.name)
    return StoryInput(
        article_id=path.stem,
        published=raw.published,
        title=raw.title,
        text=clean_text(raw).text,
        outlet=None,
        entities=frozenset(),
    )


@pytest.fixture(scope="session")
def seeds() -> list[StoryInput]:
    """The two seed articles (US weapons to Ukraine, July 2025), in publication order."""
    return [seed_input(path) for path in sorted(SEEDS.glob("*.txt"))]
