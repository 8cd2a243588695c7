"""A 3-outlet story from BASIL (public data no one here wrote) in Chromium: the first screen of
a laptop shows the outlet matrix with every outlet's row and headline, and a phone never
scrolls sideways. The story: Nebraska and Oklahoma sue Colorado over its marijuana law
(December 2014), told by Fox News, The New York Times and HuffPost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from parallax.config import Settings
from parallax.corpus import Corpus
from tests.conftest import SHARED_DATA
from tests.server.pages.conftest import serving
from tests.server.pages.test_browser import get_json
from tests.server.pages.test_story_browser import LAPTOP, PHONE

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

TRIPLET = "2014/b764f81f-6d08-4d7c-b1a8-8961bed0a455"
OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


@pytest.fixture(scope="module")
def basil_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not (SHARED_DATA / "basil").is_dir():
        pytest.skip(f"BASIL is not at {SHARED_DATA / 'basil'}")
    folder = tmp_path_factory.mktemp("basil")
    lines = []
    for part in (1, 2, 3):
        record = json.loads(
            (SHARED_DATA / "basil" / "articles" / f"{TRIPLET}_{part}.json").read_text("utf-8")
        )
        paragraphs = record["body-paragraphs"]
        lines.append(
            {
                "url": record["url"],
                "title": record["title"],
                "published": record["date"],
                "outlet": OUTLETS[record["source"]],
                "text": "\n\n".join(" ".join(p) if isinstance(p, list) else p for p in paragraphs),
            }
        )
    source = folder / "triplet.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db: Path = folder / "basil.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(source)])
        corpus.analyze()
        corpus.group_stories()
    with serving(db) as base:
        yield base


def test_a_three_outlet_story_shows_its_matrix_in_the_first_screen(
    chromium: Browser, basil_server: str
) -> None:
    (story,) = [
        s for s in get_json(basil_server, "/api/stories?limit=50")["items"] if len(s["outlets"]) > 1
    ]
    assert set(story["outlets"]) == set(OUTLETS.values())
    context = chromium.new_context(viewport=LAPTOP)
    tab = context.new_page()
    tab.goto(f"{basil_server}/stories/{story['id']}")
    for name in OUTLETS.values():
        row = tab.locator("table.glance tbody tr", has_text=name)
        assert "United States" in row.locator("th").inner_text()  # the outlet's country badge
        for part in (row.locator("th"), row.locator("ul.headlines li").first):
            box = part.bounding_box()
            assert box is not None and box["y"] + box["height"] <= LAPTOP["height"], (name, box)
    assert "Colorado" in tab.locator("h1").inner_text()
    tab.set_viewport_size(PHONE)
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    context.close()
