"""An analyze worker runs its pieces on one BLAS thread: the other cores run the other workers,
and OpenBLAS's own threads would spin against them (natasha's Russian parse took ten times the
CPU)."""

from __future__ import annotations

from typing import Any

import pytest
from threadpoolctl import threadpool_info, threadpool_limits  # type: ignore[import-untyped]

from parallax.runners import local


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_an_analyze_piece_runs_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[int]] = []

    def spy(items: list[Any], **_: Any) -> list[Any]:
        seen.append(_blas_threads())
        return []

    monkeypatch.setattr(local, "analyze_and_embed", spy)
    with threadpool_limits(2, user_api="blas"):  # as OpenBLAS starts on a 2-CPU machine
        assert _blas_threads() and all(n == 2 for n in _blas_threads())
        assert local._analyze([]) == []
        assert all(n == 2 for n in _blas_threads())  # the limit ends with the piece
    assert seen == [[1] * len(seen[0])] and seen[0]
