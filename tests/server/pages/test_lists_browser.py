"""In Chromium at 390 px: no list page (nor an outlet page with long citation URLs) scrolls
sideways, facets and sort links are reachable, and a JSON twin opens from its link."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LISTS = [
    "/",
    "/stories",
    "/stories?sort=title",
    "/articles",
    "/articles?state_affiliated=yes",
    "/search?q=Trump+OR+Medvedev",
    '/search?q="unclosed',
    "/entities",
    "/entities?sort=name",
    "/outlets",
]


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def outlet_pages(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/outlets.json", timeout=10) as response:
        rows = json.load(response)["rows"]
    # fox-news is in the registry with long citation URLs, whether or not the corpus has it.
    return ["/outlets/fox-news", *(row["page"] for row in rows)]


def test_no_list_or_outlet_page_scrolls_sideways_on_a_phone(phone: Page, live_server: str) -> None:
    wide = {}
    for path in LISTS + outlet_pages(live_server):
        response = phone.goto(live_server + path)
        assert response is not None and response.status in (200, 400), path
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide[path] = overflow
    assert wide == {}, f"these pages scroll sideways at 390 px: {wide}"


def test_facets_and_sorts_work_by_tap_on_a_phone(phone: Page, live_server: str) -> None:
    phone.goto(live_server + "/articles")
    facet = phone.locator("details.facet-outlet a").first
    label = facet.inner_text().strip()
    facet.click()
    phone.wait_for_url("**/articles?outlet=*")
    assert phone.locator("details.facet-outlet a[aria-current]").inner_text().startswith(label)
    phone.get_by_role("link", name="title A–Z").click()
    phone.wait_for_url("**sort=title*")
    assert "outlet=" in phone.url
    phone.get_by_role("link", name="JSON").click()
    body = json.loads(phone.locator("body").inner_text())
    assert body["ok"] is True and body["rows"]
