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

    @classmethod
    def written(
        cls,
        model: str,
        path: Path,
        *,
        seconds: float,
        examples: int,
        held_out: int = 0,
        metrics: dict[str, float] | None = None,
    ) -> TrainSummary:
        """Summarise a run that wrote its artefact to ``path``: its files' sizes, the time (to a
        tenth of a second), the examples trained on and held out, and the held-out figures."""
        return cls(
            model=model,
            path=path,
            seconds=round(seconds, 1),
            examples=examples,
            held_out=held_out,
            files=file_sizes(path),
            metrics=metrics or {},
        )


def file_sizes(path: Path) -> dict[str, int]:
    """Return the size in bytes of every file in ``path``, by name."""
    return {child.name: child.stat().st_size for child in sorted(path.iterdir()) if child.is_file()}
