"""What a training run reports: where the artefact went, its size, the time and the figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class TrainSummary:
    """One training run: the model, its files, how long it took and its held-out figures."""

    model: str
    path: Path
    seconds: float
    examples: int
    held_out: int
    files: dict[str, int] = field(default_factory=dict)  # file name → bytes
    metrics: dict[str, float] = field(default_factory=dict)


def file_sizes(path: Path) -> dict[str, int]:
    """Return the size in bytes of every file in ``path``, by name."""
    return {child.name: child.stat().st_size for child in sorted(path.iterdir()) if child.is_file()}
