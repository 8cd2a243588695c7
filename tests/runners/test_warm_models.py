"""The fork server loads the models the pools ask for once (``parallax.runners.warm_models``), and
the workers it forks find them loaded instead of each loading its own: the spaCy pipeline for
the analysis's workers, the comparison's models for the comparison's (asked for ahead by a held
scope, so that the server the analysis starts has them). No ONNX runtime is loaded there.

That the results are the same is what ``test_analyze_workers`` (one worker against two, every
table) and ``test_compare_workers`` (the comparisons of one and two workers) check: their pools
now start from a server that loaded the models.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from parallax.models.artefacts import _PACKAGED
from parallax.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from parallax.runners import forkserver, local

pytestmark = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here"
)

SPACY = forkserver.spacy_request(DEFAULT_MODEL)
COMPARISON_MODELS = {"stance", "bias", "propaganda", "omission"}


def _found() -> tuple[int, frozenset[str], bool]:
    """What a worker holds before it loads anything: pipelines, packaged models, onnxruntime."""
    return load_pipeline.cache_info().currsize, frozenset(_PACKAGED), "onnxruntime" in sys.modules


def _worker_sees(
    warm: tuple[str, ...] = (), held: tuple[str, ...] = ()
) -> tuple[int, frozenset[str], bool]:
    assert not forkserver.running(), "a test's server is its own"
    with (
        forkserver.held(warm=held),
        forkserver.pool(local.PRELOAD, warm=warm) as context,
        ProcessPoolExecutor(1, mp_context=context, initializer=forkserver.start_worker) as pool,
    ):
        found = pool.submit(_found).result()
    assert forkserver.WARM not in os.environ, "this process's environment is left as it was"
    return found


def test_analyze_workers_inherit_the_pipeline_from_the_server() -> None:
    pipelines, models, onnx = _worker_sees(warm=(SPACY,))
    assert pipelines == 1, "the worker's load_pipeline(model) finds the server's"
    assert "event_pairs" in models
    assert not onnx, "no ONNX runtime (nor session) in the server the workers are forked from"


def test_without_a_request_a_worker_loads_its_own() -> None:
    pipelines, models, _onnx = _worker_sees()
    assert pipelines == 0 and not models & COMPARISON_MODELS


def test_a_held_scope_has_the_first_pool_load_the_comparison_models_too() -> None:
    pipelines, models, onnx = _worker_sees(warm=(SPACY,), held=(forkserver.COMPARE,))
    assert pipelines == 1 and models >= COMPARISON_MODELS and not onnx
    pipelines, models, _onnx = _worker_sees()  # the scope's request ended with it
    assert pipelines == 0 and not models & COMPARISON_MODELS


def test_the_comparison_pool_asks_for_the_comparison_models(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[str, ...]] = []

    def recording(*args: object, warm: tuple[str, ...] = (), **kwargs: object) -> object:
        asked.append(tuple(warm))
        return iter(())

    monkeypatch.setattr(local, "map_in_order", recording)
    local.compare_local(iter(()), db="x.db", workers=2, lock_timeout=1.0, events=False)
    list(local.analyze_local(iter(()), model=DEFAULT_MODEL, workers=2))
    assert asked == [(forkserver.COMPARE,), (SPACY,)]


def test_a_model_that_fails_to_load_is_left_to_the_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import parallax.runners.warm_models as warm_models

    def broken(_model: str) -> None:
        raise OSError("no such model")

    monkeypatch.setattr("parallax.nlp.pipeline.load_pipeline", broken)
    warm_models.warm(["spacy:missing", "no-such-request"])  # logs, raises nothing
