"""Run the ``parallax`` CLI in a subprocess that SIGKILLs itself at a chosen store write, and
compare what a killed-and-resumed command left with what an uninterrupted one did.

The kill is real and reproducible: the subprocess sends itself SIGKILL when the function named
by ``KILL_AT`` ("module:attribute:n", attribute possibly ``Class.method``) is called for the
n-th time, before that call runs, so whatever the open transaction held is lost as a power cut
would lose it, and the point of the kill is the same on every machine. Name the attribute where
the caller looks it up: a function imported by name into another module is patched there.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

KILLING_CLI = """
import importlib, os, signal, sys
from parallax.cli import main
module_name, attribute, nth = os.environ["KILL_AT"].split(":")
module = importlib.import_module(module_name)
owner, _, name = attribute.rpartition(".")
target = getattr(module, owner) if owner else module
original = getattr(target, name)
calls = [0]
def killing(*args, **kwargs):
    calls[0] += 1
    if calls[0] == int(nth):
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args, **kwargs)
setattr(target, name, killing)
sys.argv[0] = "parallax"
main()
"""

#: What an interrupted command returns.
KILLED = -signal.SIGKILL


def parallax(db: Path, *args: str, kill_at: str | None = None, timeout: int = 300) -> int:
    """Run ``parallax ARGS`` on the store ``db``, killed at ``kill_at`` when given; return its
    exit status (0, or ``KILLED``; anything else fails the test with its stderr)."""
    env = os.environ | {"PARALLAX_DB": str(db)}
    command = [sys.executable, "-m", "parallax"]
    if kill_at:
        env["KILL_AT"] = kill_at
        command = [sys.executable, "-c", KILLING_CLI]
    result = subprocess.run(
        [*command, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode in (0, KILLED), result.stderr
    return result.returncode


def same(left: Any, right: Any) -> bool:
    """Return whether two rows (or tables) are equal, floats within 0.001.

    A comparison's similarity scores can differ in the fourth decimal with what the process
    computed before it (0.9995 for a story compared first, 0.9994 for the same story compared
    after others, in one process as in two), so a resumed run is held to the same findings, not
    to the same last digits.
    """
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, abs_tol=1e-3)
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        return len(left) == len(right) and all(map(same, left, right))
    return bool(left == right)
