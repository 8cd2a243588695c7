"""The NLP stage as a whole: batching, registries, caching, provenance."""

from __future__ import annotations

from spacy.language import Language

from parallax.model import ArticleAnalysis
from parallax.nlp.pipeline import analyze_texts, load_pipeline
from parallax.nlp.types import CLAIMS, DATES, ENTITIES, QUOTES


def test_load_pipeline_is_cached_and_has_the_gazetteer(nlp: Language) -> None:
    assert load_pipeline() is nlp
    assert nlp.pipe_names.index("parallax_gazetteer") > nlp.pipe_names.index("ner")


def test_batched_equals_one_by_one(
    nlp: Language, seeds: dict[str, tuple[str, object]], analyses: dict[str, ArticleAnalysis]
) -> None:
    items = [(key, text, published) for key, (text, published) in seeds.items()]
    batched = list(analyze_texts(items, nlp=nlp, batch_size=1))  # type: ignore[arg-type]
    assert batched == [analyses[key] for key in seeds]


def test_registries_name_every_extractor(analyses: dict[str, ArticleAnalysis]) -> None:
    assert ENTITIES.versioned_name("rules") == "parallax.entities.rules.v5"
    assert QUOTES.versioned_name("rules") == "parallax.quotes.rules.v9"
    assert DATES.versioned_name("rules") == "parallax.dates.rules.v8"
    assert CLAIMS.versioned_name("features") == "parallax.claims.features.v2"
    for analysis in analyses.values():
        items = (*analysis.mentions, *analysis.quotes, *analysis.dates, *analysis.claims)
        assert {item.article_id for item in items} == {analysis.article_id}
        assert all(item.extractor.startswith("parallax.") for item in items)
