"""Stories and timelines through the front door, on the seeds and on unrelated real text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from parallax.corpus import Corpus
from parallax.export import export_corpus
from tests.cli.test_cli import parallax

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "src" / "parallax" / "examples" / "seeds"
# A real article on another story (ScrapingHub benchmark page, MIT; see tests/fixtures/jsonl).
OTHER = ROOT / "tests" / "fixtures" / "jsonl" / "pages.jsonl"


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    corpus = Corpus(tmp_path_factory.mktemp("stories") / "c.db")
    corpus.ingest([str(SEEDS)])
    corpus.analyze()
    corpus.group_stories()
    return corpus


def test_the_seeds_are_one_story(grouped: Corpus) -> None:
    [story] = grouped.stories.list()
    assert set(story.outlets) == {"The Independent", "SouthFront"}
    assert (str(story.first_seen), str(story.last_seen)) == ("2025-07-04", "2025-07-08")
    assert {"Donald Trump", "Ukraine"} <= set(story.entities)
    assert len(story.article_ids) == 2


def test_the_timeline_holds_the_developments_with_their_dates(grouped: Corpus) -> None:
    [story] = grouped.stories.list()
    entries = grouped.stories.timeline(story.id)

    def find(*words: str) -> list[tuple[str, str, tuple[str, ...]]]:
        return [
            (entry.date, entry.basis, entry.outlets)
            for entry in entries
            if any(all(w in source.text for w in words) for source in entry.sources)
        ]

    assert find("spoke", "Thursday") == [("2025-07-03", "stated", ("The Independent",))]
    # "The move came after Ukraine said it had endured the biggest overnight air attack …, with
    # swarms of 500 drones and missiles": "overnight" dates the attack of the "after" clause, a
    # lower bound of the move's own date, so the move is dated by its report (timeline v9).
    assert find("500 drones and missiles") == [("2025-07-04", "published", ("The Independent",))]
    # The US pause in deliveries: one development, told by both outlets in different words.
    [pause] = [e for e in entries if any("temporary suspension" in s.text for s in e.sources)]
    assert set(pause.outlets) == {"The Independent", "SouthFront"}
    assert any("“pause” in delivery" in source.text for source in pause.sources)
    assert ("2025-07-08", "published", ("SouthFront",)) in find("announced the resumption")
    assert ("2025-07-08", "published", ("SouthFront",)) in find("third round")
    dates = [entry.date for entry in entries]
    assert dates.index("2025-07-03") < dates.index("2025-07-08")
    # Background states are no developments ("has been warning for weeks", "has not declared").
    assert not find("has been warning") and not find("has not declared")
    # What Trump said in March, four months before the story, is background.
    [march] = [e for e in entries if e.date == "2025-03"]
    assert march.section == "background" and march.summary.startswith("In March, Trump said")
    assert {e.section for e in entries if e.date != "2025-03"} == {"main"}
    # Before: 24 entries for the 2 articles, 19 dated by publication (sentences, not events);
    # then 12, before the resumption told twice in other words became one entry.
    # 7 of the 11 by their report since the "after" clause's night no longer dates the move.
    assert len(entries) == 11
    assert sum(e.basis == "published" for e in entries) == 7
    for entry in entries:
        for source in entry.sources:
            article = grouped.articles.get(source.article_id)
            assert article is not None
            assert article.text[source.start : source.end] == source.text


def test_one_development_told_twice_in_other_words_is_one_entry(grouped: Corpus) -> None:
    """SouthFront: "Trump announced the resumption of arms deliveries to Ukraine" and
    "President Trump confirmed that the U.S. would resume weapons shipments to Ukraine": one
    development (same date, same actors, one meaning), with both spans."""
    [story] = grouped.stories.list()
    entries = grouped.stories.timeline(story.id)
    [resumed] = [e for e in entries if any("announced the resumption" in s.text for s in e.sources)]
    assert any("resume weapons shipments" in source.text for source in resumed.sources)
    assert not [
        e for e in entries if e is not resumed and any("resume" in s.text for s in e.sources)
    ]
    # Trump's words that follow ("We must help Ukraine") are another development.
    assert not any("We must help Ukraine" in source.text for source in resumed.sources)


def test_every_assignment_is_explained(grouped: Corpus) -> None:
    later = grouped.articles.list(outlet="SouthFront")[0]
    story_id, explanation = grouped.stories.of(later.id) or ("", {})
    assert explanation["decision"].startswith(f"joined {story_id}")
    assert explanation["candidates"][0]["story_id"] == story_id
    assert explanation["candidates"][0]["score"] >= explanation["threshold"]


def test_grouping_is_incremental_and_an_unrelated_article_opens_a_new_story(
    grouped: Corpus,
) -> None:
    assert grouped.group_stories().assigned == 0
    grouped.ingest([str(OTHER)])
    grouped.analyze()
    report = grouped.group_stories()
    assert report.assigned == 2 and report.opened >= 1
    seed_story = grouped.stories.of(grouped.articles.list(outlet="SouthFront")[0].id)
    for article in grouped.articles.list():
        if article.outlet not in ("The Independent", "SouthFront"):
            assert grouped.stories.of(article.id) != seed_story


def test_export_carries_stories_and_validates(grouped: Corpus) -> None:
    document = json.loads(export_corpus(grouped, "json") or "")
    jsonschema.validate(document, json.loads((ROOT / "docs" / "export-schema.json").read_text()))
    seed_story = next(s for s in document["stories"] if "SouthFront" in s["outlets"])
    assert seed_story["timeline"] and seed_story["first_seen"] == "2025-07-04"
    entry = seed_story["timeline"][0]
    assert set(entry) >= {"date", "precision", "summary", "article_ids", "outlets", "spans"}


def test_story_commands(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    parallax("ingest", str(SEEDS), db=db)
    parallax("analyze", db=db)
    listing = parallax("stories", db=db).stdout
    story_id = next(word for word in listing.split() if word.startswith("s") and len(word) == 17)
    shown = parallax("story", story_id, db=db).stdout
    assert "2025-07-03" in shown and "SouthFront" in shown
    since = parallax("story", story_id, "--since", "2025-07-05", db=db).stdout
    assert "Turkish Foreign Minister" in since and "2025-07-03" not in since
    article_id = json.loads(parallax("export", db=db).stdout)["articles"][1]["id"]
    why = parallax("story", story_id, "--why", article_id, db=db).stdout
    assert f"joined {story_id}" in why and "candidate" in why
    assert "500 drones" in parallax("timeline", story_id, db=db).stdout


def test_reports_show_the_background_apart_and_reported_by_dates(grouped: Corpus) -> None:
    from parallax.report import build_report, write_report

    story = next(s for s in grouped.stories.list() if "SouthFront" in s.outlets)
    report = build_report(grouped, [story.id])
    markdown = write_report(report, "md") or ""
    timeline = markdown[markdown.index("## Timeline") : markdown.index("## Outlets side by side")]
    main, background = timeline.split("### Background")
    assert "| 2025-07-03 | The pair spoke again" in main
    assert "| reported by 2025-07-04 | Pentagon officials suggested" in main
    assert "In March, Trump said" in background and "In March" not in main
    html = write_report(report, "html") or ""
    assert "<h3>Background</h3>" in html and "reported by</span>" in html
    entries = json.loads(write_report(report, "json") or "")["story"]["timeline"]
    assert {(e["date"], e["section"]) for e in entries} >= {
        ("2025-03", "background"),
        ("2025-07-03", "main"),
    }
