"""Every extracted item's offsets slice its text out of the article, on seeds and variants."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from parallax.model import ArticleAnalysis
from parallax.nlp.pipeline import analyze_text


def assert_offsets(text: str, analysis: ArticleAnalysis) -> None:
    for item in (*analysis.mentions, *analysis.quotes, *analysis.dates, *analysis.claims):
        assert text[item.start : item.end] == item.text, item
    for quote in analysis.quotes:
        if quote.speaker_start is not None and quote.speaker_end is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text, quote
        else:
            assert quote.speaker_text is None and quote.speaker_end is None
        if quote.cue_start is not None and quote.cue_end is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue, quote
        else:
            assert quote.cue is None and quote.cue_end is None
    for claim in analysis.claims:
        for quantity in claim.quantities:
            assert text[quantity.start : quantity.end] == quantity.text, quantity


def test_seed_offsets(
    analyses: dict[str, ArticleAnalysis], seeds: dict[str, tuple[str, date]]
) -> None:
    for key, (text, _) in seeds.items():
        assert_offsets(text, analyses[key])


def variant(data: st.DataObject, seeds: dict[str, tuple[str, date]]) -> tuple[str, date]:
    """Draw a seed with paragraphs dropped, whitespace added and quote marks swapped."""
    text, published = seeds[data.draw(st.sampled_from(sorted(seeds)))]
    paragraphs = text.split("\n\n")
    keep = data.draw(st.lists(st.booleans(), min_size=len(paragraphs), max_size=len(paragraphs)))
    kept = [p for p, k in zip(paragraphs, keep, strict=True) if k] or paragraphs[:1]
    separator = data.draw(st.sampled_from(["\n\n", "\n", "\n\n\n", " \n\n  "]))
    body = separator.join(kept)
    if data.draw(st.booleans()):
        body = body.replace(". ", ".  ")
    if data.draw(st.booleans()):
        body = body.replace("“", '"').replace("”", '"')
    return data.draw(st.sampled_from(["", "  ", "\n"])) + body, published


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_variant_offsets(
    nlp: Language, seeds: dict[str, tuple[str, date]], data: st.DataObject
) -> None:
    text, published = variant(data, seeds)
    assert_offsets(text, analyze_text("variant", text, published, nlp=nlp))


@settings(max_examples=25, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab “”\"'.,:\n Mr Trump said 2025 March")), max_size=120)
)
def test_arbitrary_text_offsets(nlp: Language, text: str) -> None:
    assert_offsets(text, analyze_text("noise", text, date(2025, 7, 4), nlp=nlp))
