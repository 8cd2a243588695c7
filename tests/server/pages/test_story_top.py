"""The story page top to bottom: a neutral title (never one outlet's headline when outlets
disagree) and the facts they share, the outlets as tabs, who tells the story by country and
state affiliation, and scores in words with the models kept in "How this was computed"."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.comparison import ClaimGroup, Evidence
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.report import story_report, write_report
from parallax.report.bounded import ranked
from parallax.report.headline import story_headline
from parallax.report.spread import NOT_AFFILIATED, spread_bars
from parallax.report.story import StoryView, story_view
from parallax.report.wording import bias_words, methods, reliability_words, tone_words
from tests.server.pages.test_pages import Page
from tests.server.pages.test_story_pages import seed_story

JULY_2 = date(2025, 7, 2)


@pytest.fixture(scope="module")
def seed_view(web_db: Path) -> StoryView:
    """The seed story's view with its real comparison (The Independent and SouthFront)."""
    with Corpus(web_db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        return story_view(corpus, story, compare=lambda i: corpus.compare(i, save=False))


def _titled(view: StoryView, titles: dict[str, str]) -> StoryView:
    """The view with these headlines given to the first article of each named outlet."""
    articles = []
    for article in view.articles:
        title = titles.get(article.outlet or "")
        articles.append(replace(article, title=title) if title else article)
    return replace(view, articles=tuple(articles))


def test_the_seed_story_is_not_titled_with_southfronts_headline(
    seed_view: StoryView, web: TestClient
) -> None:
    southfront = next(a for a in seed_view.articles if a.outlet == "SouthFront")
    assert southfront.title
    found = story_headline(seed_view)
    assert found.title != southfront.title and found.basis in ("event", "names")
    html = web.get(f"/stories/{seed_view.story.id}").text
    (h1,) = re.findall(r"<h1>(.*?)</h1>", html)
    assert southfront.title not in h1
    assert "No two outlets share a headline" in Page(html).all_text()


def test_a_wording_two_outlets_share_is_the_title(seed_view: StoryView) -> None:
    shared = "Kyiv Pleads For Patriots As Aid Stalls"
    other = "kyiv pleads for patriots, as aid stalls"  # the same wording, cased and punctuated
    view = _titled(seed_view, {"The Independent": shared, "SouthFront": other})
    assert story_headline(view).title in (shared, other)
    assert story_headline(view).basis == "shared"
    column = next(c for c in seed_view.columns if c.outlet == "SouthFront")
    alone = tuple(a for a in seed_view.articles if a.outlet == "SouthFront")
    one = replace(seed_view, columns=(column,), articles=alone)
    assert (story_headline(one).basis, story_headline(one).title) == ("single", alone[0].title)


def test_the_shared_event_and_the_summary_come_from_facts_outlets_share(
    seed_view: StoryView,
) -> None:
    assert seed_view.comparison is not None
    columns = seed_view.columns
    everyone = tuple(Evidence(f"a{i}", c.outlet, 0, 5, "x") for i, c in enumerate(columns))
    first, second = everyone[:2]
    groups = (
        ClaimGroup("g1", "Only one outlet says this", (first,)),
        ClaimGroup("g2", "Both report the Pentagon paused deliveries", everyone, JULY_2),
        ClaimGroup("g3", "Both report the talks in Istanbul", (second, first), date(2025, 7, 3)),
    )
    view = replace(seed_view, comparison=replace(seed_view.comparison, groups=groups))
    found = story_headline(view)
    assert (found.basis, found.title) == ("event", "Both report the Pentagon paused deliveries")
    assert found.summary == "Both report the talks in Istanbul."  # the title is not repeated
    long = replace(groups[1], summary="word " * 40)
    view = replace(view, comparison=replace(seed_view.comparison, groups=(long,)))
    found = story_headline(view)
    assert found.basis == "names" and "2025-07-04 to 2025-07-08" in found.title
    assert found.summary.startswith("word word")


def test_outlets_are_tabs_a_keyboard_reaches(web: TestClient, seed_view: StoryView) -> None:
    html = web.get(f"/stories/{seed_view.story.id}").text
    radios = re.findall(r'<input class="tab-input[^"]*"[^>]*name="outlet-tab"[^>]*>', html)
    assert len(radios) == len(seed_view.columns) + 1  # each outlet, and all side by side
    assert "checked" in radios[0] and all("checked" not in r for r in radios[1:])
    labels = re.findall(r'<label class="tab" for="(tab-[^"]+)">([^<]+)</label>', html)
    # in the page's order (parallax.report.bounded.ranked): most articles first
    names = [c.outlet for c in ranked(seed_view)]
    assert sorted(names) == sorted(c.outlet for c in seed_view.columns)
    assert [name for _, name in labels] == [*names, "All side by side"]
    assert all(f'id="{target}"' in html for target, _ in labels)
    # the sections the tabs show, in the order of the tabs
    order = [html.index(f'id="col-{c.outlet.replace(" ", "%20")}"') for c in ranked(seed_view)]
    assert order == sorted(order)


def test_sections_come_in_reading_order(web: TestClient, seed_view: StoryView) -> None:
    html = web.get(f"/stories/{seed_view.story.id}").text
    marks = ['class="glance"', 'id="contradictions-heading"', 'id="timeline-heading"',
             'id="outlets-heading"', 'id="spread-heading"', 'id="how-heading"']  # fmt: skip
    places = [html.index(mark) for mark in marks]
    assert places == sorted(places)
    assert html.count('id="contradictions-heading"') == 1  # each contradiction listed once


def test_who_tells_the_story_by_country_and_state_affiliation(
    seed_view: StoryView, web: TestClient
) -> None:
    country, state = spread_bars(seed_view)
    assert country.by == "country" and state.by == "state affiliation"
    assert {p.label for p in country.parts} >= {"Russia", "United Kingdom"}
    labels = {p.label: p.outlets for p in state.parts}
    assert labels[NOT_AFFILIATED] == ("The Independent",)
    assert any(label.startswith("state-affiliated: intelligence-linked") for label in labels)
    assert sum(p.width for p in state.parts) == pytest.approx(100, abs=0.01)
    text = Page(web.get(f"/stories/{seed_view.story.id}").text).all_text()
    assert "Articles by outlet country" in text and "Articles by outlet state affiliation" in text
    bare = replace(seed_view, columns=tuple(replace(c, profile=None) for c in seed_view.columns))
    assert [bar.by for bar in spread_bars(bare)] == []  # nothing documented: no grey bar


def test_scores_are_words_and_models_stay_in_how_this_was_computed(
    web: TestClient, seed_view: StoryView
) -> None:
    assert tone_words(-0.52) == "negative (\u22120.52 on \u22121\u2026+1)"
    assert tone_words(0.2).startswith("somewhat positive (+0.20")
    assert tone_words(0.03).startswith("neutral")
    assert bias_words(0.73) == "likely biased (0.73 on 0\u20261)"
    assert reliability_words(0.5) == "medium (0.50 on 0\u20261)"
    found = {m.name: m.what for m in methods("parallax.stance.fnc1-stack.v1+x.y.v2", "vader")}
    assert "FNC-1" in found["parallax.stance.fnc1-stack.v1"]
    assert found["x.y.v2"] == "(no description)" and "VADER" in found["vader"]
    html = web.get(f"/stories/{seed_view.story.id}").text
    how = html.index('id="how-heading"')
    assert seed_view.comparison is not None
    for part in seed_view.comparison.version.split("+"):
        assert html.index(part) > how  # model names only inside the block
    assert "on \u22121\u2026+1)" in html and "reliability: " in html


def test_the_report_has_the_same_title_summary_and_tabs(web_db: Path) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        view = story_view(corpus, story, compare=lambda i: corpus.compare(i, save=False))
        html = write_report(story_report(corpus, view), "html") or ""
    assert f"<h1>{story_headline(view).title}</h1>" in html
    assert 'name="outlet-tab"' in html and "How this was computed" in html
    assert "<script" not in html


def test_quotes_never_make_the_title_and_fragments_stay_out_of_the_summary(
    seed_view: StoryView,
) -> None:
    assert seed_view.comparison is not None
    outlets = [c.outlet for c in seed_view.columns]
    claims = tuple(Evidence(f"a{i}", o, 0, 5, "x") for i, o in enumerate(outlets))
    groups = (
        ClaimGroup("g1", "“Now when you need it, Obama has cut $716 billion", claims, JULY_2),
        ClaimGroup("g2", "We will win this war, the minister said", claims, JULY_2),
        ClaimGroup("g3", "It's not about your jobs,\" Santorum said.", claims, JULY_2),
        ClaimGroup("g4", "The minister said the talks would resume. " * 3, claims, JULY_2),
    )
    view = replace(seed_view, comparison=replace(seed_view.comparison, groups=groups))
    found = story_headline(view)
    assert found.basis == "names"  # the one plain fact is too long to be a title
    assert found.summary.startswith("The minister said the talks would resume.")  # plain first
    assert "Obama has cut" not in found.summary and "Santorum" not in found.summary
    assert "We will win this war" in found.summary  # whole, but after the plain fact


def test_the_markdown_report_opens_with_the_shared_facts(seed_view: StoryView) -> None:
    from parallax.report.markdown import story_markdown

    assert seed_view.comparison is not None
    claims = tuple(Evidence(f"a{i}", c.outlet, 0, 5, "x") for i, c in enumerate(seed_view.columns))
    fact = ClaimGroup("g1", "The Pentagon paused deliveries of Patriot interceptors " * 3, claims)
    view = replace(seed_view, comparison=replace(seed_view.comparison, groups=(fact,)))
    lines = story_markdown(view)
    assert any(line.startswith("Reported by more than one outlet: The Pentagon") for line in lines)
    first = next(i for i, line in enumerate(lines) if line.startswith("Reported by"))
    assert first < len(lines) // 2
