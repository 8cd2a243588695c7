"""End to end in Chromium: the real server, the seed pages read as a person reads them, and
hostile input that must neither run nor inject anything, on every page type.

Screenshots land in test-artifacts/ (laptop and phone widths).
"""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Everything a page could use to run script or pull in foreign markup.
INJECTED = """() => ({
  scripts: document.querySelectorAll('script, iframe, svg:not(.coverage-chart):not(.share-bar), object, embed, img, link[href^="http"]').length,
  styles: document.querySelectorAll('body style, style ~ style').length,
  handlers: [...document.querySelectorAll('*')].flatMap(
      element => [...element.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
  badLinks: [...document.querySelectorAll('a[href]')].map(a => a.protocol)
      .filter(p => p !== 'http:' && p !== 'https:'),
  alerted: window.__alerted === true,
})"""


def get_json(base: str, path: str) -> dict[str, list[dict[str, str]]]:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        result: dict[str, list[dict[str, str]]] = json.load(response)
        return result


@pytest.fixture
def page(chromium: Browser, live_server: str) -> Iterator[Page]:
    """A fresh page that records dialogs and every request it makes."""
    context = chromium.new_context(viewport=LAPTOP)
    tab = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("request", lambda request: requests.append(request.url))
    tab.dialogs = dialogs  # type: ignore[attr-defined]
    tab.requests = requests  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert dialogs == [], f"a dialog fired: {dialogs}"
    foreign = [url for url in requests if not url.startswith(live_server)]
    assert foreign == [], f"the page loaded foreign resources: {foreign}"


def shoot(page: Page, artifacts: Path, name: str) -> None:
    page.set_viewport_size(LAPTOP)
    page.screenshot(path=artifacts / f"{name}-laptop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=artifacts / f"{name}-phone.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways on a phone by {overflow}px"
    page.set_viewport_size(LAPTOP)


def test_chromium_is_installed() -> None:
    assert shutil.which("chromium"), (
        "Chromium is missing: run `apt-get install -y chromium` (never `playwright install`)"
    )


def test_home_articles_outlet_and_search(page: Page, live_server: str, artifacts: Path) -> None:
    response = page.goto(live_server + "/")
    assert response is not None and response.ok
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.get_by_role("heading", name="Recent articles").is_visible()
    assert page.get_by_role("heading", name="SouthFront").is_visible()
    assert page.get_by_role("heading", name="The Independent").is_visible()
    shoot(page, artifacts, "home")

    for outlet, evidence in (
        ("southfront", "domain:southfront.press"),
        ("independent", "signature:The Independent is on the ground"),
    ):
        (item,) = get_json(live_server, f"/api/articles?outlet={outlet}")["items"]
        page.goto(live_server + "/")
        page.locator(f'a[href="/articles/{item["id"]}"]').first.click()
        page.wait_for_url(f"**/articles/{item['id']}")
        assert page.locator("h1").inner_text().strip()
        provenance = page.locator("dl.provenance").inner_text()
        assert evidence in provenance and "date-line" in provenance
        assert page.locator("section.text p").count() > 3
        assert page.get_by_role("heading", name="What cleaning removed").is_visible()
        shoot(page, artifacts, f"article-{outlet}")

    page.goto(live_server + "/outlets/southfront")
    assert page.locator("h1").inner_text() == "SouthFront"
    designations = page.locator("ol.designations > li")
    assert designations.count() >= 3
    citations = page.locator("ol.designations a.source")
    assert citations.count() == designations.count()
    hrefs = [citations.nth(i).get_attribute("href") or "" for i in range(citations.count())]
    assert all(href.startswith("https://") for href in hrefs)
    assert "https://eur-lex.europa.eu/eli/reg/2025/395/oj" in hrefs
    assert page.locator("dl.facts a.source").count() >= 3  # country, language, affiliation
    assert "intelligence-linked" in page.locator("dl.facts").inner_text()
    shoot(page, artifacts, "outlet-southfront")

    page.goto(live_server + "/")
    page.get_by_label("Search articles").fill("Medvedev")
    page.get_by_label("Search articles").press("Enter")
    page.wait_for_url("**/search?q=Medvedev")
    assert page.locator("ol.results mark").first.inner_text() == "Medvedev"
    assert "SouthFront" in page.locator("ol.results").inner_text()
    shoot(page, artifacts, "search")


def test_article_highlights_and_entity_pages(page: Page, live_server: str, artifacts: Path) -> None:
    (item,) = get_json(live_server, "/api/articles?outlet=independent")["items"]
    page.goto(f"{live_server}/articles/{item['id']}")
    sikorski = page.locator('section.text mark[data-quote][title^="Radek Sikorski ·"]')
    assert sikorski.count() >= 1 and sikorski.first.is_visible()
    assert "Putin is mocking your peace efforts" in " ".join(sikorski.all_inner_texts())
    trump = page.locator('section.text mark[data-quote][title^="Donald Trump ·"]')
    assert "I didn't make any progress" in " ".join(trump.all_inner_texts())
    thursday = page.locator('section.text time[datetime="2025-07-03"]')
    assert thursday.inner_text() == "Thursday"
    assert (thursday.get_attribute("title") or "").startswith("2025-07-03")
    for heading in ("Legend", "Who said what", "Named", "When", "Claims"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    # A panel link jumps to the quote in the text, with no script.
    page.locator("aside.analysis a.kind-direct").first.click()
    assert page.evaluate("location.hash").startswith("#quote-")
    shoot(page, artifacts, "article-analysed")

    page.get_by_role("link", name="Donald Trump", exact=True).first.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text() == "Donald Trump"
    listed = page.locator("ul.entity-articles a.title")
    titles = listed.all_inner_texts()
    assert len(titles) == 2 and any("Between Aid And Deadlock" in t for t in titles)
    hrefs = {listed.nth(i).get_attribute("href") for i in range(listed.count())}
    (southfront,) = get_json(live_server, "/api/articles?outlet=southfront")["items"]
    assert hrefs == {f"/articles/{item['id']}", f"/articles/{southfront['id']}"}
    assert "We must help Ukraine" in " ".join(page.locator("ul.said").all_inner_texts())
    shoot(page, artifacts, "entity-trump")

    page.goto(f"{live_server}/entities")
    page.get_by_label("Type").select_option("PERSON")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/entities?*label=PERSON*")
    assert "Radek Sikorski" in page.locator("table.entities").inner_text()
    shoot(page, artifacts, "entities")

    page.goto(f"{live_server}/articles/{item['id']}/report.html")
    quotes = page.locator('mark[data-quote][title^="Radek Sikorski ·"]').all_inner_texts()
    assert any("Putin is mocking" in text for text in quotes)
    shoot(page, artifacts, "report")


def hostile_urls(live_server: str, payloads: dict[str, str]) -> list[str]:
    articles = get_json(live_server, "/api/articles?q=payloadcase")["items"]
    outlets = get_json(live_server, "/api/outlets")["items"]
    urls = ["/", "/articles", "/outlets", "/search?q=payloadcase", "/search?q=alert"]
    urls += [f"/articles/{item['id']}" for item in articles]
    urls += [f"/outlets/{quote(item['outlet_id'], safe='')}" for item in articles]
    urls += [f"/outlets/{quote(item['id'], safe='')}" for item in outlets if "alert" in item["id"]]
    urls += [f"/articles/{item['id']}/report.html" for item in articles]
    stories = get_json(live_server, "/api/stories?limit=200")["items"]
    hostile = [item for item in stories if "alert" in " ".join(item["outlets"])]
    assert hostile  # the hostile articles' story: payloads in its outlets, chart and columns
    urls += ["/stories", *(f"/stories/{item['id']}" for item in hostile)]
    urls += [f"/stories/{item['id']}/report.html" for item in hostile]
    entities = get_json(live_server, "/api/entities?prefix=%3C&limit=200")["items"]
    entities += get_json(live_server, "/api/entities?prefix=%22&limit=200")["items"]
    assert len(entities) >= 4  # names of the hostile analysis
    urls += ["/entities", *(f"/entities/{item['id']}" for item in entities)]
    labelled = next(item for item in entities if item["label"] != "PERSON")
    urls += [f"/entities?label={quote(labelled['label'], safe='')}"]
    urls += [f"/articles?entity={labelled['id']}"]
    for payload in (payloads["script"], payloads["attribute"], payloads["single"]):
        quoted = quote(payload, safe="")
        urls += [f"/search?q={quoted}", f"/articles?q={quoted}&country={quoted}"]
        urls += [f"/articles/{quoted}", f"/outlets/{quoted}", f"/entities?q={quoted}"]
    return urls


def test_story_page_on_a_laptop_and_a_phone(page: Page, live_server: str, artifacts: Path) -> None:
    stories = get_json(live_server, "/api/stories?limit=200")["items"]
    seed = next(s for s in stories if {"The Independent", "SouthFront"} <= set(s["outlets"]))
    response = page.goto(f"{live_server}/stories/{seed['id']}")
    assert response is not None and response.ok
    assert page.locator("svg.coverage-chart rect").count() >= 2
    assert page.locator("ol.timeline > li").count() >= 5
    columns = page.locator("section.outlet-column")
    names = columns.locator("h3").all_inner_texts()
    assert {"The Independent", "SouthFront"} <= set(names)
    for name in ("The Independent", "SouthFront"):
        column = columns.filter(has=page.locator("h3", has_text=name))
        assert column.locator(".profile").count() == 1
        text = column.inner_text()
        assert "Reports" in text and "Quotes by speaker" in text and "Framing" in text
        assert column.locator("ul.spans li").count() >= 1
    shoot(page, artifacts, "story")
    page.goto(live_server + "/")
    assert page.locator("ul.stories li").count() >= 2
    shoot(page, artifacts, "home-stories")
    page.goto(f"{live_server}/stories/{seed['id']}/report.html")
    assert page.locator("svg.coverage-chart").count() == 1
    shoot(page, artifacts, "story-report")


def test_hostile_input_never_runs(
    page: Page, live_server: str, artifacts: Path, payloads: dict[str, str]
) -> None:
    # If anything ran, it would call alert(); record that even where a dialog could be missed.
    page.add_init_script("window.alert = () => { window.__alerted = true; };")
    urls = hostile_urls(live_server, payloads)
    assert len(urls) > 30
    for url in urls:
        response = page.goto(live_server + url)
        # 400: a search whose quote is not closed; that page keeps the form and stays inert.
        assert response is not None and response.status in (200, 400, 404), url
        found = page.evaluate(INJECTED)
        clean = {"scripts": 0, "styles": 0, "handlers": [], "badLinks": [], "alerted": False}
        assert found == clean, url
    articles = get_json(live_server, "/api/articles?q=payloadcase")["items"]
    one = next(item for item in articles if item["title"].startswith("Payloadcase one"))
    page.goto(f"{live_server}/articles/{one['id']}")
    heading = page.locator("h1").inner_text()
    assert payloads["script"] in heading  # shown as the text it is
    body = page.locator("section.text").inner_text()
    assert all(payload in body for payload in payloads.values())
    assert page.locator("dl.provenance a[href^='javascript']").count() == 0
    panels = page.locator("aside.analysis").inner_text()
    assert all(payload in panels for payload in payloads.values())  # names, speakers, dates
    tooltips = page.locator("section.text [title]").evaluate_all("els => els.map(e => e.title)")
    assert all(any(payload in title for title in tooltips) for payload in payloads.values())
    shoot(page, artifacts, "hostile-article")
    page.goto(f"{live_server}/articles/{one['id']}/report.html")
    assert payloads["script"] in page.locator("h1").inner_text()
    shoot(page, artifacts, "hostile-report")


def test_story_page_first_screen_and_evidence_anchors(page: Page, live_server: str) -> None:
    """At 1366 × 900 the outlets at a glance, SouthFront's state badge included, are in the
    first screen; an evidence link lands on its span, highlighted as the target."""
    stories = get_json(live_server, "/api/stories?limit=200")["items"]
    seed = next(s for s in stories if {"The Independent", "SouthFront"} <= set(s["outlets"]))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server}/stories/{seed['id']}")
    row = page.locator("table.glance tr.affiliated", has_text="SouthFront")
    badge = row.locator(".badge-state")
    box = badge.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900, box
    assert "intelligence-linked" in badge.inner_text()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 14_000, height  # the page before the table and the folded lists
    link = page.locator("a.from").first
    href = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url(f"**{href}")
    anchor = href.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.evaluate("element => element.matches(':target')")
    color = target.evaluate("element => getComputedStyle(element).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent"), color
