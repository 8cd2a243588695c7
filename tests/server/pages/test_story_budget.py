"""A long story told by one outlet: its page compares only what fits the page's budget of
characters (``page_compare_chars``), the newest articles first, says "N of M" in the page, the
JSON and the reports, and computes the rest on request (``?full=1``). A story within the
budget, a stored comparison and a story several outlets tell are shown whole."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from parallax.comparison import StoryComparison
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Story
from parallax.report import build_report, write_report
from parallax.report.story import page_comparison, story_articles, within_budget
from parallax.server.app import create_app
from parallax.stages.compare import CUT_WINDOW, cut_at
from tests.compare.story_fixtures import SEEDS
from tests.server.pages.conftest import serving
from tests.server.pages.test_pages import Page, assert_inert

if TYPE_CHECKING:
    from playwright.sync_api import Browser

LONG_SEED = SEEDS / "000_f1244bfe7fc0ce2e.txt"
#: Between the two newest parts (1,427 + 1,350 characters) and all three (4,985).
TWO_OF_THREE = 3_000
#: Shorter than each part: the newest part's first sentences only.
FIRST_SENTENCES = 1_000


def _parts() -> list[dict[str, str]]:
    """The long seed's text in three articles of one outlet, a day apart (one story)."""
    body = LONG_SEED.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    paragraphs = [p for p in body.split("\n\n") if p.strip()][1:]  # without the appeal
    third = len(paragraphs) // 3
    cuts = [paragraphs[:third], paragraphs[third : 2 * third], paragraphs[2 * third :]]
    return [
        {
            "url": f"https://www.independent.co.uk/news/world/europe/part-{number}.html",
            "title": f"European leaders warn Trump that Putin mocks him, part {number}",
            "outlet": "The Independent",
            "published": f"2025-07-0{4 + number}",
            "text": "\n\n".join(cut),
        }
        for number, cut in enumerate(cuts)
    ]


@pytest.fixture(scope="module")
def one_outlet_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("budget")
    source = folder / "parts.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in _parts()), encoding="utf-8")
    db = folder / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(source)])
        corpus.analyze()  # compares nothing: the story has one outlet
        corpus.group_stories()
        [story] = corpus.stories.list()
        assert len(story.article_ids) == 3 and story.outlets == ("The Independent",)
        assert not corpus.stories.compared(story.id)
    return db


def _budget(chars: int) -> Settings:
    return replace(Settings(), page_compare_chars=chars)


def _story(corpus: Corpus) -> Story:
    [story] = corpus.stories.list()
    return story


def _findings(comparison: StoryComparison, article_ids: set[str]) -> list[tuple[object, ...]]:
    """Every framing finding and claim of the comparison in the articles named."""
    [column] = comparison.outlets
    framing = column.framing
    found: list[tuple[object, ...]] = [
        ("claim", e.article_id, e.start, e.end)
        for e in column.claims
        if e.article_id in article_ids
    ]
    for kind, findings in (
        ("term", framing.terms),
        ("technique", framing.techniques),
        ("biased", framing.biased_sentences),
    ):
        found += [
            (kind, f.evidence.article_id, f.evidence.start, f.evidence.end, f.label, f.score)
            for f in findings
            if f.evidence.article_id in article_ids
        ]
    return sorted(found, key=repr)


def test_within_the_budget_the_page_shows_what_compare_stories_stores(
    one_outlet_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(one_outlet_db.read_bytes())
    with Corpus(db, settings=Settings()) as corpus:  # 4,985 characters: within 8,000
        story = _story(corpus)
        shown, scope = page_comparison(corpus, story, story_articles(corpus, story))
        assert scope is None and shown is not None
    ahead = replace(Settings(), compare_one_outlet_chars=1)
    with Corpus(db, settings=ahead) as corpus:
        assert corpus.compare_stories().compared == 1
        stored = corpus.compare(story.id, stored_only=True)
    assert stored == shown
    # Stored, it is shown whole whatever the budget.
    with Corpus(db, settings=_budget(FIRST_SENTENCES)) as corpus:
        again, scope = page_comparison(corpus, story, story_articles(corpus, story))
    assert scope is None and again == stored


def test_a_long_story_is_compared_for_its_newest_articles_that_fit(one_outlet_db: Path) -> None:
    with Corpus(one_outlet_db, settings=_budget(TWO_OF_THREE)) as corpus:
        story = _story(corpus)
        articles = story_articles(corpus, story)
        whole = corpus.compare(story.id, save=False)
        part, scope = page_comparison(corpus, story, articles)
        assert not corpus.stories.compared(story.id)  # a page never writes
    oldest, *newest = articles  # page order: by date
    assert scope is not None and part is not None and whole is not None
    assert set(scope.compared) == {a.id for a in newest} and scope.articles == 3
    assert not scope.cut and scope.budget == TWO_OF_THREE
    assert scope.compared_chars == sum(len(a.text) for a in newest) <= TWO_OF_THREE
    assert scope.chars == sum(len(a.text) for a in articles) > TWO_OF_THREE
    [column] = part.outlets
    assert set(column.article_ids) == set(scope.compared)
    # Each article's claims and framing are what the whole story's comparison finds in it.
    ids = set(scope.compared)
    assert _findings(part, ids) == _findings(whole, ids)
    assert _findings(part, {oldest.id}) == []
    assert any(kind == "claim" for kind, *_ in _findings(part, ids))


def test_articles_each_longer_than_the_budget_give_the_newest_ones_first_sentences(
    one_outlet_db: Path,
) -> None:
    with Corpus(one_outlet_db, settings=_budget(FIRST_SENTENCES)) as corpus:
        story = _story(corpus)
        articles = story_articles(corpus, story)
        assert within_budget(articles, FIRST_SENTENCES) == ()
        whole = corpus.compare(story.id, save=False)
        part, scope = page_comparison(corpus, story, articles)
    newest = articles[-1]
    assert scope is not None and part is not None and whole is not None
    assert scope.cut and scope.compared == (newest.id,)
    assert 0 < scope.compared_chars <= FIRST_SENTENCES
    # Cut at a sentence's end: the text compared ends a sentence of the article.
    assert newest.text[scope.compared_chars - 1] in ".!?\"'”’)"
    [column] = part.outlets
    assert column.claims and all(e.end <= scope.compared_chars for e in column.claims)
    full_claims = [e for e in whole.outlets[0].claims if e.article_id == newest.id]
    assert list(column.claims) == [e for e in full_claims if e.end <= scope.compared_chars]
    spans = [*column.framing.terms, *column.framing.biased_sentences]
    assert all(f.evidence.text == newest.text[f.evidence.start : f.evidence.end] for f in spans)


def test_within_budget_takes_the_newest_that_fit() -> None:
    articles = [
        replace(_article("a", 500), published=None),
        _article("b", 4_000, "2025-07-01"),
        _article("c", 3_000, "2025-07-03"),
        _article("d", 2_500, "2025-07-02"),
    ]
    # c (3,000), then d (5,500), b would pass the budget, a (undated, last) still fits.
    assert [a.id for a in within_budget(articles, 6_000)] == ["a", "c", "d"]
    assert within_budget(articles, 400) == ()


def _article(article_id: str, chars: int, published: str | None = None) -> object:
    from datetime import date

    from parallax.model import Article

    return Article(
        id=article_id, source="test", format="text", text="x" * chars, raw_text="x" * chars,
        segments=(), removals=(), content_hash=article_id,
        published=date.fromisoformat(published) if published else None,
    )  # fmt: skip


def test_a_story_several_outlets_tell_is_never_cut(tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    settings = _budget(FIRST_SENTENCES)
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(SEEDS)])
        corpus.analyze()
        corpus.group_stories()
        [story] = corpus.stories.list()
        articles = story_articles(corpus, story)
        assert sum(len(a.text) for a in articles) > FIRST_SENTENCES
        shown, scope = page_comparison(corpus, story, articles)
    assert scope is None and shown is not None and len(shown.outlets) == 2


def test_the_page_json_and_reports_say_n_of_m_and_link_to_the_rest(one_outlet_db: Path) -> None:
    settings = _budget(TWO_OF_THREE)
    with Corpus(one_outlet_db, settings=settings) as corpus:
        story = _story(corpus)
    app = create_app(one_outlet_db, settings=settings)
    with TestClient(app, headers={"accept": "text/html"}) as web:
        html = web.get(f"/stories/{story.id}").text
        page = assert_inert(html)
        text = " ".join(page.all_text().split())
        assert "Compared for 2 of 3 articles" in text
        assert "budget of 3,000 characters" in text
        assert f"/stories/{story.id}?full=1" in [link.get("href") for link in page.links()]
        full = " ".join(Page(web.get(f"/stories/{story.id}?full=1").text).all_text().split())
        assert "Compared for" not in full and "3 articles" in full
        # A prefix is sent to the page by id, still asking for all of it.
        moved = web.get(f"/stories/{story.id[:8]}?full=1", follow_redirects=False)
        assert moved.headers["location"].endswith(f"/stories/{story.id}?full=1")

        detail = web.get(f"/api/stories/{story.id}").json()["comparison_scope"]
        assert (detail["compared_articles"], detail["articles"]) == (2, 3)
        assert detail["budget_chars"] == TWO_OF_THREE and not detail["first_sentences_only"]
        assert len(detail["compared_article_ids"]) == 2
        answer = web.get(f"/api/stories/{story.id}/comparison")
        assert answer.headers["parallax-compared-articles"] == "2 of 3"
        assert set(answer.json()["outlets"][0]["article_ids"]) == set(
            detail["compared_article_ids"]
        )
        rest = web.get(detail["full"])
        assert "parallax-compared-articles" not in rest.headers
        assert len(rest.json()["outlets"][0]["article_ids"]) == 3
        assert web.get(f"/api/stories/{story.id}?full=true").json()["comparison_scope"] is None

        report = web.get(f"/stories/{story.id}/report.json").json()
        assert report["story"]["comparison_scope"]["compared_articles"] == 2
        markdown = web.get(f"/stories/{story.id}/report.md").text
        assert "Compared for 2 of 3 articles" in " ".join(markdown.split())
        report_html = " ".join(
            Page(web.get(f"/stories/{story.id}/report.html").text).all_text().split()
        )
        assert "Compared for 2 of 3 articles" in report_html
        assert f"parallax compare {story.id}" in report_html


def test_the_cut_is_labelled_in_the_page_and_the_json(one_outlet_db: Path, tmp_path: Path) -> None:
    settings = _budget(FIRST_SENTENCES)
    db = tmp_path / "copy.db"  # `parallax report` below stores the comparison
    db.write_bytes(one_outlet_db.read_bytes())
    with Corpus(db, settings=settings) as corpus:
        story = _story(corpus)
    with TestClient(create_app(db, settings=settings)) as web:
        text = " ".join(Page(web.get(f"/stories/{story.id}").text).all_text().split())
        assert "Compared for the first" in text and "characters of 1 of 3 articles" in text
        scope = web.get(f"/api/stories/{story.id}").json()["comparison_scope"]
        assert scope["first_sentences_only"] and scope["compared_articles"] == 1
        assert 0 < scope["compared_chars"] <= FIRST_SENTENCES
        with Corpus(db, settings=settings) as corpus:
            # The CLI's report compares the whole story, as it always did, and stores it ...
            markdown = write_report(build_report(corpus, [story.id]), "md") or ""
            stored = corpus.compare(story.id, stored_only=True)
            assert "Compared for" not in markdown and stored is not None
        # ... and the page then shows that whole comparison.
        text = " ".join(Page(web.get(f"/stories/{story.id}").text).all_text().split())
        claims = len(stored.outlets[0].claims)
        assert "Compared for" not in text and f"{claims} claims" in text
        answer = web.get(f"/api/stories/{story.id}/comparison")
        assert "parallax-compared-articles" not in answer.headers
        assert len(answer.json()["outlets"][0]["article_ids"]) == 3


@pytest.mark.browser
def test_a_reader_sees_the_label_and_gets_the_rest_in_chromium(
    one_outlet_db: Path, chromium: Browser
) -> None:
    """In the browser: the label names 2 of 3 articles, and its link opens the page compared
    for all three, without the label."""
    settings = _budget(TWO_OF_THREE)
    with Corpus(one_outlet_db, settings=settings) as corpus:
        story = _story(corpus)
        whole = corpus.compare(story.id, save=False)
    assert whole is not None
    with serving(one_outlet_db, settings) as base:
        context = chromium.new_context()
        tab = context.new_page()
        tab.goto(f"{base}/stories/{story.id}")
        notice = tab.locator("#comparison-scope")
        assert "2 of 3 articles" in notice.inner_text()
        shown = f"{len(whole.outlets[0].claims)} claims"
        assert shown not in tab.locator("section.comparison").inner_text()
        notice.get_by_role("link", name="Compare all 3 articles").click()
        tab.wait_for_url(f"{base}/stories/{story.id}?full=1")
        assert tab.locator("#comparison-scope").count() == 0
        assert shown in tab.locator("section.comparison").inner_text()
        context.close()


def test_a_text_is_cut_at_the_end_of_a_sentence() -> None:
    text = "First sentence here. Second one is here. Third goes on and on without an end"
    assert cut_at(text, len(text)) == len(text)
    assert text[: cut_at(text, 45)] == "First sentence here. Second one is here."
    assert text[: cut_at(text, 25)] == "First sentence here."
    assert cut_at(text, 40) == 40  # a sentence ending right at the cut is whole
    # The part of a sentence that the window past the cut ends in is no sentence.
    spaced = "One. " + "Two" + " " * (CUT_WINDOW + 20) + "more."
    assert cut_at(spaced, 20) == len("One.")
    long = "word " * 1000 + "end. Next."
    assert long[: cut_at(long, 4_990)].endswith("word") and cut_at(long, 4_990) <= 4_990
    # No sentence ends by the cut: after the last whole word.
    assert text[: cut_at(text, 12)] == "First"
