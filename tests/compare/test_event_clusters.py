"""Clustering event mentions: document sub-topics first, then average link over mentions."""

from __future__ import annotations

from parallax.compare.event_clusters import (
    Constraints,
    cluster_mentions,
    compatible,
    constrain,
    document_groups,
    document_similarities,
    same_article_blocks,
)
from parallax.models.event_pairs import EventSide, event_side
from parallax.models.text import content_terms, learn_idf, tfidf

DOCUMENTS = [
    "An earthquake of magnitude 6.1 struck Indonesia's Aceh province on Tuesday",
    "A strong earthquake hit Aceh in Indonesia, killing dozens on Tuesday",
    "A magnitude 7 earthquake struck California near Los Angeles",
    "California was shaken by an earthquake near Los Angeles",
]


def test_documents_about_two_similar_events_form_two_sub_topics() -> None:
    idf, default = learn_idf(content_terms(text) for text in DOCUMENTS)
    vectors = [tfidf(content_terms(text), idf, default) for text in DOCUMENTS]
    similarities = document_similarities(vectors)
    groups = document_groups(similarities, len(DOCUMENTS), 0.2)
    assert groups[0] == groups[1] and groups[2] == groups[3] and groups[0] != groups[2]
    assert document_groups(similarities, len(DOCUMENTS), -1.0) == [0, 0, 0, 0]


def test_mentions_of_two_sub_topics_never_join_however_alike() -> None:
    probabilities = {(0, 1): 0.9, (0, 2): 0.95, (0, 3): 0.7, (1, 2): 0.9, (1, 3): 0.7, (2, 3): 0.8}
    assert cluster_mentions(4, probabilities, [0, 0, 0, 0], 0.5) == [0, 0, 0, 0]
    apart = cluster_mentions(4, probabilities, [0, 0, 1, 1], 0.5)
    assert apart[0] == apart[1] and apart[2] == apart[3] and apart[0] != apart[2]


def _side(document: str, *, agents: tuple[str, ...] = (), times: tuple[str, ...] = ()) -> EventSide:
    return event_side(document, 0, ["win"], "win", "VERB", "won", agents=agents, times=times)


def test_two_mentions_conflict_only_on_participants_or_dates_both_give() -> None:
    boeing = _side("a", agents=("Boeing",))
    assert compatible(boeing, _side("b", agents=("Boeing Co.",)))
    assert not compatible(boeing, _side("b", agents=("Airbus",)))
    assert compatible(boeing, _side("b"))  # no argument found: nothing to disagree with
    assert compatible(_side("a", times=("March 2008",)), _side("b", times=("1 March",)))
    assert not compatible(_side("a", times=("March 2008",)), _side("b", times=("June 2009",)))
    # other participants, but the same day
    march = ("1 March",)
    assert compatible(
        _side("a", agents=("Boeing",), times=march), _side("b", agents=("Airbus",), times=march)
    )


def test_an_articles_two_events_are_not_chained_through_another_article() -> None:
    # mentions 0 and 1 of article a the model calls two events; 2 (article b) is like both
    probabilities = {(0, 1): 0.1, (0, 2): 0.9, (1, 2): 0.9}
    documents = ["a", "a", "b"]
    assert cluster_mentions(3, probabilities, [0, 0, 0], 0.5) == [0, 0, 0]
    blocked = same_article_blocks(documents, probabilities, 0.5)
    assert blocked == {(0, 1)}
    labels = cluster_mentions(3, probabilities, [0, 0, 0], 0.5, blocked)
    assert labels[0] != labels[1] and labels.count(labels[2]) == 2
    # an article's two mentions the model calls one event may stay together
    assert same_article_blocks(documents, {(0, 1): 0.8}, 0.5) == set()


def test_constraints_zero_incompatible_pairs_of_two_articles_only() -> None:
    sides = [_side("a", agents=("Boeing",)), _side("a"), _side("b", agents=("Airbus",))]
    probabilities = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.2}
    found, blocked = constrain(
        probabilities, sides, ["a", "a", "b"], 0.5, Constraints(same_article=True, arguments=True)
    )
    assert found == {(0, 1): 0.9, (0, 2): 0.0, (1, 2): 0.2}  # 1 has no participant
    assert blocked == set()
    plain, none = constrain(probabilities, sides, ["a", "a", "b"], 0.5, Constraints(False, False))
    assert plain == probabilities and none == set()
