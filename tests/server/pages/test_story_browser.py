"""The story page in Chromium as a journalist meets it: the outlets at a glance in the first
screen of a laptop, no sideways scroll on a phone on any kind of page, the outlet tabs reached
and worked with the keyboard alone, and no serious axe-core violation (run offline, from the
copy of axe.min.js that axe-playwright-python bundles).

Screenshots of the story page at 1366 and 390 px land in test-artifacts/story-page/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from tests.server.pages.test_browser import get_json

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SERIOUS = ("serious", "critical")


@pytest.fixture
def tab(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=LAPTOP)
    page = context.new_page()
    yield page
    context.close()


def _seed(live_server: str) -> str:
    stories = get_json(live_server, "/api/stories?limit=200")["items"]
    found = next(s for s in stories if {"The Independent", "SouthFront"} <= set(s["outlets"]))
    return f"{live_server}/stories/{found['id']}"


def test_first_screen_shows_both_outlets_and_the_state_affiliation(
    tab: Page, live_server: str, artifacts: Path
) -> None:
    tab.goto(_seed(live_server))
    for name in ("The Independent", "SouthFront"):
        row = tab.locator("table.glance tbody tr", has_text=name)
        box = row.locator("th").bounding_box()
        assert box is not None and box["y"] < LAPTOP["height"], (name, box)
        headline = row.locator("ul.headlines li").first.bounding_box()
        assert headline is not None and headline["y"] < LAPTOP["height"], (name, headline)
    badge = tab.locator("table.glance tr.affiliated .badge-state")
    box = badge.bounding_box()
    assert box is not None and box["y"] + box["height"] <= LAPTOP["height"], box
    assert "intelligence-linked" in badge.inner_text()
    assert badge.locator("a").first.get_attribute("href", timeout=1000).startswith("https://")
    folder = artifacts / "story-page"
    folder.mkdir(exist_ok=True)
    tab.screenshot(path=folder / "story-1366.png", full_page=True)
    tab.set_viewport_size(PHONE)
    tab.screenshot(path=folder / "story-390.png", full_page=True)


def _pages(live_server: str) -> list[str]:
    story = _seed(live_server)
    (article,) = get_json(live_server, "/api/articles?outlet=southfront")["items"]
    entities = get_json(live_server, "/api/entities?prefix=Donald&limit=5")["items"]
    return [
        story,
        f"{story}/report.html",
        f"{live_server}/articles/{article['id']}",
        f"{live_server}/outlets/southfront",
        f"{live_server}/outlets/{quote(article['outlet_id'], safe='')}",
        f"{live_server}/entities/{entities[0]['id']}",
        f"{live_server}/search?q=Medvedev",
        f"{live_server}/",
        f"{live_server}/stories",
        f"{live_server}/articles",
        f"{live_server}/entities",
        f"{live_server}/outlets",
    ]


def test_no_page_scrolls_sideways_on_a_phone(tab: Page, live_server: str) -> None:
    tab.set_viewport_size(PHONE)
    wide = {}
    for url in _pages(live_server):
        response = tab.goto(url)
        assert response is not None and response.ok, url
        sizes = tab.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if sizes[0] > sizes[1]:
            wide[url] = sizes
    assert wide == {}


def test_the_keyboard_alone_reaches_and_turns_the_outlet_tabs(tab: Page, live_server: str) -> None:
    tab.goto(_seed(live_server))
    first, second = (tab.locator("section.outlet-column").nth(i) for i in (0, 1))
    assert first.is_visible() and not second.is_visible()  # one outlet at a time
    for _ in range(400):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.name") == "outlet-tab":
            break
    else:
        pytest.fail("Tab never reached the outlet tabs")
    focused = tab.evaluate("document.activeElement.id")
    assert focused == "tab-1"
    outline = tab.locator("label[for='tab-1']").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"  # the focus shows
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate("document.activeElement.id") == "tab-2"
    assert second.is_visible() and not first.is_visible()
    for _ in range(20):  # on to the last radio: all side by side
        tab.keyboard.press("ArrowRight")
        if tab.evaluate("document.activeElement.id") == "tab-all":
            break
    assert tab.evaluate("document.activeElement.id") == "tab-all"
    assert first.is_visible() and second.is_visible()


def test_axe_finds_no_serious_violation(tab: Page, live_server: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for url in _pages(live_server)[:4]:
        tab.goto(url)
        results = axe.run(tab)
        serious = [
            (v["id"], len(v["nodes"])) for v in results.response["violations"]
            if v.get("impact") in SERIOUS
        ]  # fmt: skip
        if serious:
            found[url] = serious
    assert found == {}


def test_chart_labels_are_readable_on_a_phone(tab: Page, live_server: str) -> None:
    tab.goto(_seed(live_server))
    legend = tab.locator("ul.chart-legend")
    assert not legend.is_visible()  # a laptop reads the labels inside the chart
    assert tab.locator("svg.coverage-chart text.label").first.is_visible()
    tab.set_viewport_size(PHONE)
    assert legend.is_visible() and "SouthFront" in legend.inner_text()
    size = legend.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 12, size
    assert not tab.locator("svg.coverage-chart text.label").first.is_visible()
    tick = tab.locator("svg.coverage-chart text.tick").first.bounding_box()
    assert tick is not None and tick["height"] >= 9, tick  # about 5 px before


def test_a_count_link_opens_the_outlet_it_counts(tab: Page, live_server: str) -> None:
    tab.goto(_seed(live_server))
    southfront = tab.locator("section.outlet-column", has=tab.locator("h3", has_text="SouthFront"))
    assert not southfront.is_visible()  # another outlet's tab is the one open
    row = tab.locator("table.glance tbody tr", has_text="SouthFront")
    link = row.locator("td[data-label='only here'] a")
    href = link.get_attribute("href") or ""
    assert href.startswith("#only-")
    link.click()
    assert southfront.is_visible()
    target = tab.locator(f"[id='{href[1:]}']")
    assert target.is_visible() and target.evaluate("e => e.matches(':target')")
