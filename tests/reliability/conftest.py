"""Helpers of the reliability suite: run the ``parallax`` command as a person does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def parallax_env(db: Path, **settings: str) -> dict[str, str]:
    """The environment of a ``parallax`` subprocess on ``db`` with ``PARALLAX_*`` settings."""
    env = os.environ | {"PARALLAX_DB": str(db), "COLUMNS": "200"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env | {f"PARALLAX_{name.upper()}": value for name, value in settings.items()}


def run_parallax(
    *args: str | bytes, db: Path, timeout: float = 120, **settings: str
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m parallax ARGS`` and return what it did, output as bytes (names in the
    arguments and the output need not be UTF-8)."""
    return subprocess.run(
        [sys.executable, "-m", "parallax", *args],
        capture_output=True,
        env=parallax_env(db, **settings),
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.fixture
def good_text() -> str:
    return (
        "The council voted on Thursday to rebuild the old bridge over the river, and work will "
        "start in the spring, the mayor said after the meeting.\n"
    )
