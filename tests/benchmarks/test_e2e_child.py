"""``benchmarks.e2e`` runs each measured part in a child process: a child that dies ends the
benchmark with a clear line, never a wait without end (it used to hold its own copy of the pipe's
child end, so ``recv`` waited forever after the child's error)."""

import pytest
from benchmarks.e2e import _in_child


@pytest.mark.timeout(120)
def test_a_child_that_dies_ends_the_benchmark_with_a_line_that_names_it() -> None:
    with pytest.raises(SystemExit, match=r"child process running len ended \(exit code 1\)"):
        _in_child(len)  # len(pipe) raises TypeError in the child
