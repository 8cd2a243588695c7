"""The NLP stage as a whole: batching, registries, caching, provenance."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from parallax.model import ArticleAnalysis
from parallax.nlp.first_names import first_names_digest
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
    assert ENTITIES.versioned_name("rules") == "parallax.entities.rules.v12"
    assert (
        QUOTES.versioned_name("rules") == f"parallax.quotes.rules.v17-names.{first_names_digest()}"
    )
    assert DATES.versioned_name("rules") == "parallax.dates.rules.v12"
    assert CLAIMS.versioned_name("features") == "parallax.claims.features.v2"
    for analysis in analyses.values():
        items = (*analysis.mentions, *analysis.quotes, *analysis.dates, *analysis.claims)
        assert {item.article_id for item in items} == {analysis.article_id}
        assert all(item.extractor.startswith("parallax.") for item in items)


def _old_marks(doc: Doc) -> Doc:
    """mark_paragraphs as it read every token (session 30)."""
    before = None
    for token in doc:
        if before is not None and (
            "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)
        ):
            token.is_sent_start = True
        before = token
    return doc


def test_paragraph_marks_start_a_sentence_after_every_line_break(nlp: Language) -> None:
    from parallax.nlp.pipeline import mark_paragraphs

    text = (
        "First line. \nSecond line\n\nThird  \n  fourth said “yes.”\n\t\nFifth  sixth \n"
        "\n\n Seventh\n"
    )
    marked, expected = mark_paragraphs(nlp.make_doc(text)), _old_marks(nlp.make_doc(text))
    starts = [t.is_sent_start for t in marked]
    assert starts == [t.is_sent_start for t in expected]
    after_breaks = [t.text for t in marked[1:] if t.is_sent_start]
    assert after_breaks == ["Second", "Third", "fourth", "Fifth", "Seventh"]
    assert mark_paragraphs(nlp.make_doc("")).text == ""
    assert len(mark_paragraphs(nlp.make_doc("\n"))) == 1
