"""Claims aligned across languages: the two English seed articles and the Russian example (written
from the seeds' facts) in one story; the Russian claims join the English outlets' groups of the
same statements, the story page shows each in its own language, and stories in English only
are scored as before (the e5 model is never asked).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from parallax.compare.align import ClaimView, similarity
from parallax.compare.crosslingual_claims import (
    THRESHOLD,
    equivalent_cosine,
    needs_crosslingual,
    pair_probabilities,
)
from parallax.comparison import ClaimGroup, Evidence
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Story
from parallax.server.app import create_app
from tests.conftest import EXAMPLES

SETTINGS = Settings(story_embedder="multilingual")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crosslingual") / "c.db"


@pytest.fixture(scope="module")
def corpus(db: Path) -> Iterator[Corpus]:
    settings = SETTINGS
    with Corpus(db, settings=settings) as found:
        found.ingest([str(EXAMPLES / "seeds"), str(EXAMPLES / "ru")])
        found.analyze()
        found.group_stories()
        yield found


def _story(corpus: Corpus) -> Story:
    russian = next(a for a in corpus.articles.list() if a.language == "ru")
    return next(s for s in corpus.stories.list() if russian.id in s.article_ids)


def _languages(corpus: Corpus, group: ClaimGroup) -> dict[str, str]:
    """Each member's text → its article's language."""
    found = {}
    for claim in group.claims:
        article = corpus.articles.get(claim.article_id)
        assert article is not None
        found[claim.text] = article.language or "en"
    return found


def test_russian_claims_join_the_english_outlets_groups_of_the_same_statement(
    corpus: Corpus,
) -> None:
    story = _story(corpus)
    assert {"The Independent", "SouthFront"} <= set(story.outlets)
    comparison = corpus.compare(story.id, save=False)
    assert comparison is not None
    assert "e5-claims.v1" in comparison.version
    mixed = [g for g in comparison.groups if len(set(_languages(corpus, g).values())) > 1]
    by_russian = {
        text: group
        for group in mixed
        for text, language in _languages(corpus, group).items()
        if language == "ru"
    }
    # Read and right: the same statements, one told in Russian, one in English.
    sikorski = by_russian[
        "Министр иностранных дел Польши Радослав Сикорский призвал США возобновить поставки."
    ]
    assert any(c.text.startswith("Radek Sikorski, Poland’s foreign minister, called for the US")
               for c in sikorski.claims)  # fmt: skip
    attack = next(g for text, g in by_russian.items() if "500 беспилотников" in text)
    assert any("500 drones" in c.text and c.outlet == "The Independent" for c in attack.claims)
    mocking = next(g for text, g in by_russian.items() if "насмехается" in text)
    assert any("Putin is mocking your peace efforts" in c.text for c in mocking.claims)
    # Every member of a group is a span of its article.
    for group in mixed:
        for claim in group.claims:
            article = corpus.articles.get(claim.article_id)
            assert article is not None and article.text[claim.start : claim.end] == claim.text


def test_the_story_page_shows_each_claim_in_its_language_beside_the_aligned_outlets(
    corpus: Corpus, db: Path
) -> None:
    story = _story(corpus)
    with TestClient(create_app(db, settings=SETTINGS)) as client:
        page = client.get(f"/stories/{story.id}")
    assert page.status_code == 200
    body = page.text
    russian = "Радослав Сикорский призвал США возобновить поставки."
    spans = re.findall(r'<span lang="ru">([^<]*)</span>', body)
    assert any(russian in html.unescape(span) for span in spans)
    # Beside the English outlet's claim of the same group, in the list of aligned claims.
    aligned = re.findall(r'<ul class="aligned"[^>]*>(.*?)</ul>', body, flags=re.S)
    assert any("Сикорский призвал" in html.unescape(part) and 'lang="ru"' in part
               for part in aligned)  # fmt: skip
    # The Russian claim dated "в ночь на пятницу" reports the English articles' air attack of
    # that night: one timeline entry, summed up in English, reported in both languages; so do
    # three undated Russian reports (Sikorski's call, Trump's resumption, the Kremlin's talks).
    russian_id = next(a.id for a in corpus.articles.list() if a.language == "ru")
    entries = re.findall(
        r'<p class="what"( lang="ru")?>[^<]*</p>\s*<p class="meta">Reported by (.*?)</p>', body
    )
    joined = [
        lang for lang, meta in entries
        if f"/articles/{russian_id}" in meta and len(set(re.findall(r"/articles/(\w+)", meta))) > 1
    ]  # fmt: skip
    assert joined == ["", "", "", ""]
    english = "Radek Sikorski, Poland’s foreign minister, called for the US"
    assert any(
        english in html.unescape(part) and 'lang="ru"' not in part.split("Radek")[0][-40:]
        for part in aligned
    )


def _view(text: str, article: str, language: str | None) -> ClaimView:
    return ClaimView(Evidence(article, article, 0, len(text), text), None, language=language)


def test_english_claims_never_ask_the_multilingual_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("e5 was asked about English claims")

    monkeypatch.setattr("parallax.compare.crosslingual_claims.claim_embedder", refuse)
    claims = [
        _view("Trump said the US would resume weapons deliveries to Ukraine.", "a", "en"),
        _view("The US will resume arms deliveries to Ukraine, Trump said.", "b", None),
    ]
    sim = similarity(claims, [c.text for c in claims], embed=False)
    assert not sim.crosslingual
    assert not needs_crosslingual("en", None)
    assert needs_crosslingual("ru", "en") and needs_crosslingual("ru", "ru")


def test_the_probability_is_the_grouping_threshold_at_the_english_threshold() -> None:
    assert equivalent_cosine(0.87, "en", "en") == pytest.approx(0.87)
    # Cross-language cosines run lower: the same cosine is a closer pair across languages.
    assert equivalent_cosine(0.9, "ru", "en") > 0.9
    at = pair_probabilities(np.asarray([THRESHOLD, THRESHOLD - 0.05]), ["en"] * 2, [None] * 2,
                            same=0.75)  # fmt: skip
    assert at[0] == pytest.approx(0.75) and at[1] < 0.75


class _View:
    """What the claim macros read of a story view: a Russian article with a hostile title."""

    def language(self, article_id: str) -> str | None:
        return "ru" if article_id == "r" else None

    def article(self, article_id: str) -> object:
        return type("A", (), {"title": '"><script>alert(1)</script>'})()

    def aligned(self, evidence: Evidence) -> tuple[Evidence, ...]:
        return (Evidence("r", "<b>РИА</b>", 0, 30, "«Путин» <script>alert(2)</script>"),)


def test_aligned_claims_in_their_language_are_escaped() -> None:
    from parallax.report import template_environment

    module = template_environment().get_template("_story.html").module
    english = Evidence("e", "The Independent", 0, 10, "Putin said")
    out = str(module.aligned(english, _View(), True))  # type: ignore[attr-defined]
    assert "<script>" not in out and "<b>" not in out
    assert '<span lang="ru">«Путин» &lt;script&gt;alert(2)&lt;/script&gt;</span>' in out
    assert '<span class="outlet">&lt;b&gt;РИА&lt;/b&gt;</span>' in out
