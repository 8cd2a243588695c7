"""Event links between claims: the claims' event mentions and the event-pair model's best pair."""

from __future__ import annotations

from parallax.compare.align import EVENT_WEIGHT, similarity
from parallax.compare.event_links import event_link_scores
from parallax.nlp.claim_events import claim_events
from tests.compare.test_story_conflicts import DECISION, KHERSON, PAUSE, RESUME, view

SAID = "Trump said on Thursday that he was very disappointed with the call."


def test_the_claims_event_mentions_leave_out_reporting_verbs() -> None:
    mentions = claim_events([PAUSE, SAID])
    heads = {(m.claim, m.head) for m in mentions}
    assert (0, "suspension") in heads and (0, "suggest") in heads
    assert (1, "say") not in heads and (1, "call") in heads
    [suspension] = [m for m in mentions if m.head == "suspension"]
    assert suspension.window.split()[0] == "Pentagon" and suspension.pos == "NOUN"


def test_the_pause_claims_are_linked_more_than_unrelated_ones() -> None:
    texts = [PAUSE, DECISION, KHERSON, RESUME]
    documents = ["independent", "southfront", "independent", "southfront"]
    pairs = [(0, 1), (1, 2), (0, 3), (0, 2)]
    scores = event_link_scores(texts, documents, claim_events(texts), pairs)
    suspension, unrelated, _, same_article = scores
    assert suspension > unrelated
    assert same_article == 0.0  # claims of one article are never linked
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_an_event_link_can_only_raise_a_claim_pairs_score() -> None:
    views = [view(PAUSE, "The Independent"), view(DECISION, "SouthFront")]
    texts = [PAUSE, DECISION]
    plain = similarity(views, texts, embed=True)
    linked = similarity(views, texts, embed=True, events=claim_events(texts))
    assert plain.events is None and linked.events is not None
    link = float(linked.events[0, 1])
    assert link > 0.0
    assert float(linked.combined[0, 1]) == max(float(plain.combined[0, 1]), EVENT_WEIGHT * link)
