"""The story comparison's decision for one pair of claims, as a public entry point.

:func:`compare_story` decides about every pair of a story's claims at once; this module runs the
same code path for two claims alone, for evaluation on public sentence pairs: the scores of
:func:`parallax.compare.align.similarity` (the claim-pair model's probability, and the
hand-weighted similarity of TF-IDF, MiniLM when installed, and entities), with the IDF learned
over the sentences of ``texts`` (by default the two claims themselves: a story of two
one-sentence articles); the conflict rules of :func:`parallax.compare.conflicts.find_conflict`
on pairs whose similarity reaches :data:`~parallax.compare.align.RELATED`; and the grouping rule
of :func:`parallax.compare.align.group_claims` (probability at or above
:data:`~parallax.compare.align.SAME`; a conflict does not keep two claims of one event
apart). The stance model that :mod:`parallax.compare.agreement` asks about related pairs
outside one group is not asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parallax.compare.align import RELATED, ClaimView, group_claims, similarity
from parallax.compare.conflicts import Conflict, find_conflict


@dataclass(frozen=True, slots=True)
class PairDecision:
    """What the story comparison decides about two claims."""

    score: float  # the claim-pair model's probability that the two report one event
    related: bool  # hand-weighted similarity at or above RELATED: labelled, conflict rules run
    conflict: Conflict | None  # the first conflict rule that fires on a related pair
    same: bool  # one claim group: similarity at or above SAME
    embedded: bool  # whether the MiniLM embedding was part of the similarity

    @property
    def label(self) -> str:
        """Return ``contradiction`` (a conflict), ``agree`` (one group) or ``unique``."""
        if self.conflict is not None:
            return "contradiction"
        return "agree" if self.same else "unique"


def compare_claims(
    first: ClaimView,
    second: ClaimView,
    *,
    texts: Sequence[str] | None = None,
    embed: bool | None = None,
) -> PairDecision:
    """Return the story comparison's decision about two claims.

    Args:
        first: One claim.
        second: The other claim.
        texts: The story's article texts (IDF is learned over their sentences); by default the
            two claims' texts.
        embed: Use MiniLM embeddings; by default when the embeddings extra is installed.
    """
    views = [first, second]
    sim = similarity(
        views, list(texts) if texts is not None else [first.text, second.text], embed=embed
    )
    score = float(sim.combined[0, 1])
    related = float(sim.blend[0, 1]) >= RELATED[sim.uses_embedding]
    conflict = find_conflict(first, second) if related else None
    _, group_of = group_claims(views, sim)
    return PairDecision(
        score=score,
        related=related,
        conflict=conflict,
        same=group_of[0] == group_of[1],
        embedded=sim.uses_embedding,
    )


def same_claim(
    first: ClaimView,
    second: ClaimView,
    *,
    texts: Sequence[str] | None = None,
    embed: bool | None = None,
) -> bool:
    """Return whether the story comparison puts two claims in one claim group."""
    return compare_claims(first, second, texts=texts, embed=embed).same
