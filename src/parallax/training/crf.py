"""A linear-chain CRF fitted with sklearn-crfsuite and written as a CRFsuite file.

The product reads the file with python-crfsuite alone; the span taggers of persuasion techniques
(PTC, English) and of manipulation (UNLP, Russian and Ukrainian) are fitted here with their own
settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def fit_crf(
    sequences: Sequence[tuple[Sequence[Any], Sequence[str]]],
    path: Path,
    *,
    c1: float,
    c2: float,
    min_freq: float,
    iterations: int,
) -> None:
    """Fit a CRF (L-BFGS, every transition possible) on ``(features, labels)`` sequences and
    write its CRFsuite model to ``path``."""
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs",
        c1=c1,
        c2=c2,
        min_freq=min_freq,
        max_iterations=iterations,
        all_possible_transitions=True,
        model_filename=str(path),
    )
    crf.fit([list(x) for x, _ in sequences], [list(y) for _, y in sequences])
