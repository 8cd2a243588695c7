"""Label cross-outlet claim pairs: agree, contradict, discuss or unrelated.

The rules of :mod:`parallax.compare.conflicts` go first: a pair they find at odds is a
contradiction of their kind. Otherwise two claims of one claim group agree; other related pairs
get the stance model's label (FNC-1, :func:`parallax.models.predict_stances`), asked both ways
— each claim against the other's sentence with its neighbours as the body — and averaged.
The model's "disagree" becomes a contradiction of kind ``stance`` when it is the likeliest
label with probability at least :data:`DISAGREE_MIN` and one claim negates what the other
states (:func:`parallax.compare.conflicts.negates_other`; otherwise the pair is "discuss"): a
model trained on headline-against-body pairs also reads two different statements of one story
as disputing each other, and the scores do not tell those apart. Its "agree" counts only at
:data:`AGREE_MIN` or more (single sentences are thin bodies), else the pair is "discuss".
Unrelated pairs are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from parallax.compare.align import ClaimView, Similarity
from parallax.compare.conflicts import find_conflict, negates_other
from parallax.comparison import ClaimGroup, ClaimPair
from parallax.models.stance import MODEL_NAME as STANCE_MODEL
from parallax.models.stance import predict_stances

GROUP_RULE = "parallax.compare.align.group.v2"  # average link over the claim-pair model
DISAGREE_MIN = 0.5
AGREE_MIN = 0.6


def label_pairs(
    claims: Sequence[ClaimView],
    contexts: Sequence[str],
    sim: Similarity,
    candidates: Sequence[tuple[int, int]],
    groups: Sequence[ClaimGroup],
    group_of: Sequence[int],
) -> list[ClaimPair]:
    """Return the labelled pairs among ``candidates`` (claim indexes), unrelated ones left out.

    Args:
        claims: The story's claims.
        contexts: For each claim, its sentence with the sentences around it (the stance body).
        sim: The claims' similarities.
        candidates: Cross-outlet pairs ``(i, j)`` related enough to label.
        groups: The claim groups; ``group_of[i]`` is the index of claim ``i``'s group.
        group_of: Each claim's group index.
    """
    pairs: list[ClaimPair] = []
    to_model: list[tuple[int, int]] = []
    for i, j in candidates:
        a, b = claims[i], claims[j]
        similar = round(float(sim.combined[i, j]), 4)
        conflict = find_conflict(a, b)
        if conflict is not None:
            pairs.append(
                ClaimPair(
                    a.evidence, b.evidence, "contradict", similar, conflict.rule,
                    kind=conflict.kind, explanation=conflict.explanation, details=conflict.spans,
                )
            )  # fmt: skip
        elif group_of[i] == group_of[j]:
            pairs.append(
                ClaimPair(
                    a.evidence, b.evidence, "agree", similar, GROUP_RULE,
                    explanation="the two claims state the same thing",
                    group_id=groups[group_of[i]].id,
                )
            )  # fmt: skip
        else:
            to_model.append((i, j))
    asked = [(claims[i].text, contexts[j]) for i, j in to_model]
    asked += [(claims[j].text, contexts[i]) for i, j in to_model]
    results = predict_stances(asked)
    half = len(to_model)
    for number, (i, j) in enumerate(to_model):
        scores = {
            label: (results[number].scores[label] + results[half + number].scores[label]) / 2
            for label in results[number].scores
        }
        best = max(scores, key=lambda label: scores[label])
        a, b = claims[i], claims[j]
        if best == "disagree" and scores[best] >= DISAGREE_MIN and negates_other(a, b):
            pairs.append(
                ClaimPair(
                    a.evidence, b.evidence, "contradict", round(scores[best], 4), STANCE_MODEL,
                    kind="stance",
                    explanation=(
                        "the stance model reads each context as disputing the other claim, "
                        "and one claim negates what the other states"
                    ),
                )
            )  # fmt: skip
        elif best == "unrelated":
            continue
        elif best == "agree" and scores[best] >= AGREE_MIN:
            pairs.append(
                ClaimPair(a.evidence, b.evidence, "agree", round(scores[best], 4), STANCE_MODEL)
            )
        else:
            discuss = scores["discuss"] + (scores["agree"] if best == "agree" else 0.0)
            pairs.append(
                ClaimPair(a.evidence, b.evidence, "discuss", round(discuss, 4), STANCE_MODEL)
            )
    return pairs
