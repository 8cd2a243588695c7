"""Regression guard: every benchmark module imports, and each one run as a script prints its
``--help``.

The benchmarks run in no CI job; mypy checks their calls into ``parallax`` and this guard that
each module still imports and builds its command line (``main(argv)``, argparse-built). A
module without a ``__main__`` block (``serve_corpus``, a builder the others call) is imported.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import benchmarks

FOLDER = Path(benchmarks.__file__).parent
BENCHMARKS = sorted(path.stem for path in FOLDER.glob("*.py") if path.stem != "__init__")


def _runs_as_a_script(name: str) -> bool:
    return 'if __name__ == "__main__":' in (FOLDER / f"{name}.py").read_text(encoding="utf-8")


def test_the_benchmarks_are_found() -> None:
    assert {"e2e", "runners", "analyze_framing", "bench_align", "serve_corpus"} <= set(BENCHMARKS)
    assert not _runs_as_a_script("serve_corpus") and _runs_as_a_script("e2e")


@pytest.mark.parametrize("name", BENCHMARKS)
def test_a_benchmark_imports_and_prints_its_help(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    if not _runs_as_a_script(name):
        return
    with pytest.raises(SystemExit) as exited:
        module.main(["--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("usage: ")
