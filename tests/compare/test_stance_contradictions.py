"""A stance model's "disagree" is a contradiction only when one claim negates what the other
states (:func:`parallax.compare.conflicts.negates_other`): claims from the seed articles and
minimal edits of them."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

import parallax.compare.agreement as agreement
from parallax.compare.align import Similarity
from parallax.compare.conflicts import find_conflict, negates_other
from parallax.comparison import ClaimGroup
from parallax.models.stance import StanceResult
from tests.compare.test_story_conflicts import PAUSE, PAUSE_ELSEWHERE, RESUME, view

WITHHELD = (
    "The U.S. would not resume weapons shipments to Ukraine before the review ends, a Pentagon "
    "spokesman said on Monday."
)
EXPECTED = "Mr. Trump is expected to resume weapons shipments to Ukraine."


def test_a_claim_that_negates_what_the_other_states_backs_a_stance_contradiction() -> None:
    resume, withheld = view(RESUME, "A"), view(WITHHELD, "B")
    assert negates_other(resume, withheld) and negates_other(withheld, resume)
    # The conflict rules do not see it (too few shared words): only the stance path can.
    assert find_conflict(resume, withheld) is None


def test_the_same_statement_in_other_words_or_another_negated_statement_does_not() -> None:
    assert not negates_other(view(RESUME, "A"), view(EXPECTED, "B"))  # no negation
    assert not negates_other(view(WITHHELD, "A"), view(PAUSE_ELSEWHERE, "B"))  # both negate
    # A negation of other words: "not declared a pause in supply" against a "pause" in delivery.
    assert not negates_other(view(PAUSE, "A"), view(PAUSE_ELSEWHERE, "B"))


def test_the_models_disagree_is_a_contradiction_only_with_the_negation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claims = [view(RESUME, "A"), view(WITHHELD, "B"), view(EXPECTED, "C")]
    disagree = {"agree": 0.1, "disagree": 0.8, "discuss": 0.1, "unrelated": 0.0}

    def reads_disagree(pairs: list[tuple[str, str]]) -> list[StanceResult]:
        return [StanceResult("disagree", dict(disagree)) for _ in pairs]

    monkeypatch.setattr(agreement, "predict_stances", reads_disagree)
    combined = csr_matrix(np.full((3, 3), 0.5))
    sim = Similarity(combined, combined, None, combined, combined)
    groups = [ClaimGroup(f"g{i}", c.text, (c.evidence,)) for i, c in enumerate(claims)]
    found = agreement.label_pairs(
        claims, [c.text for c in claims], sim, [(0, 1), (0, 2)], groups, [0, 1, 2]
    )
    by_outlet = {pair.second.outlet: pair for pair in found}
    assert by_outlet["B"].label == "contradict" and by_outlet["B"].kind == "stance"
    assert by_outlet["C"].label == "discuss"  # the same reading, no negation: not a contradiction
