"""A story page served while its comparison is being computed fills itself in Chromium: the
real server (uvicorn) over the web corpus (nothing compared), the comparison's job held at a
gate the test opens. With script, the pending section gives way to the comparison without a
reload, the reader's outlet tab kept, no policy violated, and the page's body is then what a
fresh whole page shows; without script, the section's reload link shows it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from parallax.config import Settings
from parallax.corpus import Corpus
from tests.server.pages.conftest import Gate, serving
from tests.server.pages.test_story_pages import seed_story

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
#: The seeds' comparison (models loaded in the job) and the script's pauses (1, 1.5, 2.25 s …).
FILLED_WITHIN_MS = 120_000
BODY = "article.story"


@pytest.fixture
def served(web_db: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A fresh server over a copy of the web corpus: its base URL and the seed story's page."""
    db = tmp_path / "corpus.db"
    shutil.copyfile(web_db, db)
    with Corpus(db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        assert not corpus.stories.compared(story.id)
    with serving(db) as base:
        yield base, f"{base}/stories/{story.id}"


def _watched(chromium: Browser, *, script: bool) -> tuple[Page, list[str], list[str]]:
    """A page that records the policy violations and the page errors it meets."""
    context = chromium.new_context(viewport=LAPTOP, java_script_enabled=script)
    page = context.new_page()
    violations: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, violations, errors


def test_the_pending_page_fills_itself(
    chromium: Browser, served: tuple[str, str], gate: Gate
) -> None:
    base, url = served
    page, violations, errors = _watched(chromium, script=True)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    answer = page.goto(url)
    assert answer is not None and answer.ok
    assert answer.headers["cache-control"] == "no-store"
    assert page.locator("#comparison-pending").is_visible()
    assert page.locator("[id^='reports-']").count() == 0
    page.locator("label[for='tab-2']").click()  # the reader turns to the second outlet
    page.wait_for_timeout(2500)  # the script polls meanwhile: 202, the page unchanged
    assert any(u == f"{url}/body" for u in asked), asked
    assert page.locator("#comparison-pending").is_visible()

    gate.opened.set()
    page.wait_for_selector("#comparison-pending", state="detached", timeout=FILLED_WITHIN_MS)
    assert page.locator("[id^='reports-']").count() >= 2  # each outlet's claims
    assert page.url == url  # no reload, no navigation
    assert page.locator("#tab-2").is_checked()  # the reader's tab kept
    assert page.locator("section.outlet-column").nth(1).is_visible()
    filled = page.locator(BODY).evaluate("body => body.outerHTML")
    settled = len(asked)
    page.wait_for_timeout(3000)
    assert len(asked) == settled  # the script stopped

    fresh, fresh_violations, fresh_errors = _watched(chromium, script=True)
    again = fresh.goto(url)
    assert again is not None and again.ok
    assert "no-store" not in again.headers.get("cache-control", "")
    assert fresh.locator("script").count() == 0  # a whole page runs nothing
    assert fresh.locator(BODY).evaluate("body => body.outerHTML") == filled
    assert violations == fresh_violations == []
    assert errors == fresh_errors == []
    assert all(u.startswith(base) for u in asked)
    page.context.close()
    fresh.context.close()


def test_without_script_the_reload_link_shows_the_comparison(
    chromium: Browser, served: tuple[str, str], gate: Gate
) -> None:
    _, url = served
    page, violations, errors = _watched(chromium, script=False)
    page.goto(url)
    assert page.locator("#comparison-pending").is_visible()
    gate.opened.set()
    link = page.locator("#comparison-pending a", has_text="reload this page")
    for _ in range(60):  # as a reader would: follow the link until the comparison is there
        link.click()
        page.wait_for_load_state()
        if page.locator("#comparison-pending").count() == 0:
            break
        page.wait_for_timeout(2000)
    assert page.locator("#comparison-pending").count() == 0
    assert page.locator("[id^='reports-']").count() >= 2
    assert violations == errors == []
    page.context.close()
