"""What the story grouper returns: each assignment with its explanation."""

from __future__ import annotations

from dataclasses import dataclass

GROUPER = "parallax.stories.online.v1"
"""The versioned name of this grouper, for provenance of stored assignments."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One story considered for an article, with each signal's score.

    A signal is ``None`` when it could not be computed (no entities on one side, no embedder).
    ``score`` is the weighted mean of the available signals times the ``time`` factor.
    """

    story_id: str
    score: float
    text: float
    entities: float | None
    embedding: float | None
    time: float
    gap_days: int | None
    shared_terms: tuple[str, ...]
    shared_entities: tuple[str, ...]

    def line(self) -> str:
        """Render as one line: the story, the score and each signal."""
        parts = [f"{self.story_id} score {self.score:.3f}", f"text {self.text:.3f}"]
        if self.entities is not None:
            parts.append(f"entities {self.entities:.3f}")
        if self.embedding is not None:
            parts.append(f"embedding {self.embedding:.3f}")
        gap = "undated" if self.gap_days is None else f"{self.gap_days}d away"
        parts.append(f"time {self.time:.3f} ({gap})")
        if self.shared_terms:
            parts.append("terms " + ", ".join(self.shared_terms))
        if self.shared_entities:
            parts.append("entities " + ", ".join(self.shared_entities))
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went and why: the candidates, their scores and the decision.

    ``merged`` lists the ids of stories folded into ``story_id`` because of this article.
    """

    article_id: str
    story_id: str
    opened: bool
    merged: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    threshold: float
    grouper: str = GROUPER

    @property
    def decision(self) -> str:
        """Say in words what happened."""
        if self.opened:
            best = self.candidates[0].score if self.candidates else None
            if best is None:
                return "opened a new story: no candidate story shares a key term"
            return f"opened a new story: best score {best:.3f} < threshold {self.threshold:.3f}"
        joined = f"joined {self.story_id}"
        if self.candidates:
            joined += f": score {self.candidates[0].score:.3f} >= threshold {self.threshold:.3f}"
        if self.merged:
            joined += "; merged " + ", ".join(self.merged)
        return joined

    def lines(self) -> list[str]:
        """Render the explanation as plain lines (what ``--why`` prints)."""
        return [f"{self.article_id}: {self.decision}"] + [
            f"  candidate {candidate.line()}" for candidate in self.candidates
        ]
