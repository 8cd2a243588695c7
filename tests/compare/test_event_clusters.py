"""Clustering event mentions: document sub-topics first, then average link over mentions."""

from __future__ import annotations

from parallax.compare.event_clusters import (
    cluster_mentions,
    document_groups,
    document_similarities,
)
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
