"""The comparison of the seed story's two outlets, through ``Corpus.compare``."""

from __future__ import annotations

from collections.abc import Iterator

from parallax.comparison import CONFLICT_KINDS, PAIR_LABELS, Evidence, StoryComparison
from parallax.corpus import Corpus
from tests.compare.story_fixtures import INDEPENDENT, SOUTHFRONT, comparison, corpus

__all__ = ["comparison", "corpus"]  # module-scoped fixtures


def _unique_summaries(comparison: StoryComparison, outlet: str) -> list[str]:
    column = comparison.outlet(outlet)
    assert column is not None
    texts = []
    for group_id in column.unique:
        group = comparison.group(group_id)
        assert group is not None
        texts.extend(claim.text for claim in group.claims)
    return texts


def test_the_two_outlets_are_compared(comparison: StoryComparison) -> None:
    assert [column.outlet for column in comparison.outlets] == [INDEPENDENT, SOUTHFRONT]
    independent, southfront = comparison.outlets
    assert [str(day) for day in independent.covered] == ["2025-07-04", "2025-07-04"]
    assert [str(day) for day in southfront.covered] == ["2025-07-08", "2025-07-08"]
    assert "Donald Trump" in comparison.key_entities


def test_the_reasons_for_the_suspension_conflict_as_a_cause(comparison: StoryComparison) -> None:
    found = [
        pair
        for pair in comparison.pairs
        if pair.label == "contradict"
        and "worldwide" in (pair.first.text + pair.second.text)
        and "ammunition stocks" in (pair.first.text + pair.second.text)
    ]
    assert found, [(p.label, p.first.text, p.second.text) for p in comparison.pairs]
    [pair] = found
    assert pair.kind == "cause"
    assert {pair.first.outlet, pair.second.outlet} == {INDEPENDENT, SOUTHFRONT}
    causes = " | ".join(detail.text for detail in pair.details)
    assert "review of US supplies worldwide" in causes
    assert "Iranian nuclear facilities" in causes
    assert "worldwide" in pair.explanation and "Iranian" in pair.explanation
    for column in comparison.outlets:
        assert pair in column.contradictions


def test_what_only_the_independent_reports(comparison: StoryComparison) -> None:
    texts = _unique_summaries(comparison, INDEPENDENT)
    assert any("chemical" in text and "evidence" in text for text in texts)
    assert any("civilians in Kherson" in text and "drones" in text for text in texts)
    southfront = comparison.outlet(SOUTHFRONT)
    assert southfront is not None
    omitted = [comparison.group(i) for i in southfront.omitted]
    assert any(g is not None and "civilians in Kherson" in g.summary for g in omitted)


def test_what_only_southfront_reports(comparison: StoryComparison) -> None:
    texts = _unique_summaries(comparison, SOUTHFRONT)
    assert any("resum" in text for text in texts)
    assert any("Turkish" in text and "third round" in text for text in texts)


def test_an_outlet_is_not_blamed_for_what_was_reported_after_it(
    comparison: StoryComparison,
) -> None:
    independent = comparison.outlet(INDEPENDENT)
    assert independent is not None
    # SouthFront's claims were first reported on 2025-07-08, after The Independent's article.
    assert independent.omitted == ()


def test_each_outlets_loaded_phrases_are_spans(comparison: StoryComparison, corpus: Corpus) -> None:
    independent, southfront = comparison.outlets
    assert "fruitless" in {f.evidence.text for f in independent.framing.terms}
    assert "vain" in {f.evidence.text for f in southfront.framing.terms}
    for column in comparison.outlets:
        for finding in (*column.framing.terms, *column.framing.techniques):
            assert finding.source and 0.0 <= finding.score <= 1.0
            assert finding.evidence.outlet == column.outlet
        assert all(f.score >= 0.5 for f in column.framing.biased_sentences)
        assert all(-1.0 <= t.score <= 1.0 and t.sentences > 0 for t in column.framing.tone)
        assert {t.entity for t in column.framing.tone} <= set(comparison.key_entities)


def test_each_outlets_profile(comparison: StoryComparison) -> None:
    independent, southfront = comparison.outlets
    assert independent.profile is not None and independent.profile.name == INDEPENDENT
    assert southfront.profile is not None and southfront.profile.name == SOUTHFRONT
    affiliation = southfront.profile.state_affiliation
    assert affiliation is not None and affiliation.source.startswith("http")
    assert southfront.profile.designations


def test_sourcing_counts_speakers_shared_and_unnamed(comparison: StoryComparison) -> None:
    independent, southfront = comparison.outlets
    trump = next(s for s in southfront.quotes if s.speaker == "Donald Trump")
    assert trump.named and trump.shared_with == (INDEPENDENT,)
    assert len(trump.kinds) == len(trump.quotes)
    assert any(not s.named and "senior officer" in s.speaker for s in independent.quotes)
    for column in comparison.outlets:
        sourcing = column.sourcing
        assert sourcing.quotes == sum(len(s.quotes) for s in column.quotes)
        assert sourcing.attributed_claims + sourcing.asserted_claims == len(column.claims)
        assert sourcing.unnamed <= sourcing.quotes
        assert sourcing.attributed_share is not None and 0 < sourcing.attributed_share <= 1


def test_labels_and_groups_are_consistent(comparison: StoryComparison) -> None:
    ids = {group.id for group in comparison.groups}
    assert len(ids) == len(comparison.groups)
    for pair in comparison.pairs:
        assert pair.label in PAIR_LABELS and pair.label != "unrelated"
        assert pair.first.outlet != pair.second.outlet
        if pair.label == "contradict":
            assert pair.kind in CONFLICT_KINDS and pair.explanation
    for column in comparison.outlets:
        assert set(column.unique) <= ids and set(column.omitted) <= ids
        assert not set(column.unique) & set(column.omitted)
    claims = sum(len(column.claims) for column in comparison.outlets)
    assert sum(len(group.claims) for group in comparison.groups) == claims


def _evidence(comparison: StoryComparison) -> Iterator[Evidence]:
    for group in comparison.groups:
        yield from group.claims
    for pair in comparison.pairs:
        yield from (pair.first, pair.second, *pair.details)
    for column in comparison.outlets:
        yield from column.claims
        for pair in column.contradictions:
            yield from (pair.first, pair.second, *pair.details)
        for speaker in column.quotes:
            yield from speaker.quotes
        framing = column.framing
        for finding in (*framing.terms, *framing.techniques, *framing.biased_sentences):
            yield finding.evidence


def test_every_evidence_is_a_span_of_its_article(
    comparison: StoryComparison, corpus: Corpus
) -> None:
    articles = {a.id: a for a in corpus.articles.list()}
    count = 0
    for evidence in _evidence(comparison):
        article = articles[evidence.article_id]
        assert article.text[evidence.start : evidence.end] == evidence.text
        assert evidence.outlet == article.outlet
        assert evidence.text.strip()
        count += 1
    assert count > 100


def test_the_comparison_is_cached_and_the_cache_is_faithful(
    comparison: StoryComparison, corpus: Corpus
) -> None:
    again = corpus.compare(comparison.story_id)
    fresh = corpus.compare(comparison.story_id, cache=False)
    assert again == comparison == fresh
    assert corpus.compare("no-such-story") is None
