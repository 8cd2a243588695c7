"""The local pools' workers start from a fork server that imported ``PRELOAD`` once."""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from parallax.runners import forkserver, local

pytestmark = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here"
)

# Imported by no module this test's workers need for their own task: only the preload
# puts it there.
PRELOADED_ONLY = "parallax.nlp.event_mentions"


def _seen() -> tuple[int, bool]:
    return os.getppid(), PRELOADED_ONLY in sys.modules


def test_every_preloaded_module_exists() -> None:
    # The fork server skips a module it cannot import without a word: a renamed module would
    # quietly cost each worker its imports again.
    for name in local.PRELOAD:
        if name != "__main__":
            importlib.import_module(name)
    assert PRELOADED_ONLY in local.PRELOAD


def test_workers_are_forks_of_a_server_holding_the_imports() -> None:
    with (
        forkserver.pool(local.PRELOAD) as context,
        ProcessPoolExecutor(2, mp_context=context) as pool,
    ):
        assert context.get_start_method() == "forkserver"
        seen = {pool.submit(_seen).result() for _ in range(4)}
    parents = {parent for parent, _ in seen}
    assert os.getpid() not in parents, "not forks of this process (it may hold ONNX sessions)"
    assert all(preloaded for _, preloaded in seen), seen


def test_a_worker_imports_fresh_modules_not_this_process_state(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What this process changed after importing a module does not reach the workers: they
    # see the module as a spawned worker would (the stores-equal tests rely on it).
    monkeypatch.setattr(local, "CHUNK", -1)
    with (
        forkserver.pool(local.PRELOAD) as context,
        ProcessPoolExecutor(1, mp_context=context) as pool,
    ):
        assert pool.submit(_chunk).result() == 32


def _chunk() -> int:
    return local.CHUNK
