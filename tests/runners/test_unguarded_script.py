"""A script that starts parallax's worker pool outside an ``if __name__ == "__main__":`` block
(Python runs the main script again in the fork server and in each worker) gets one line naming
the script and the fix, before any process starts, instead of Python's traceback in the child
and a broken pipe in the parent; the same script with the block ingests everything."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.runners import forkserver

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "src" / "parallax" / "examples" / "seeds").glob("*.txt"))

BODY = """\
from parallax.corpus import Corpus

def ingest() -> None:
    report = Corpus({db!r}).ingest([{jsonl!r}], workers=2)
    print("articles", report.articles, "rejected", report.rejected)
"""


def _records(path: Path) -> Path:
    """130 JSON Lines records (more than the ingest processes before it starts a pool), each
    a seed article's text under its own title and date."""
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    with path.open("w", encoding="utf-8") as out:
        for number in range(130):
            text = texts[number % len(texts)]
            record = {"title": f"Seed copy {number}", "text": f"Copy {number}.\n{text}",
                      "date": "2025-07-04", "url": f"https://example.org/{number}"}  # fmt: skip
            out.write(json.dumps(record) + "\n")
    return path


def _run(script: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300,
        cwd=script.parent, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


@pytest.mark.skipif(not forkserver.available(), reason="a platform without a fork server")
def test_an_unguarded_script_gets_one_line_and_a_guarded_one_ingests(tmp_path: Path) -> None:
    jsonl = _records(tmp_path / "articles.jsonl")
    body = BODY.format(db=str(tmp_path / "p.db"), jsonl=str(jsonl))
    unguarded = tmp_path / "unguarded.py"
    unguarded.write_text(body + "\ningest()\n", encoding="utf-8")
    result = _run(unguarded)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"parallax.errors.ConfigError: {unguarded}: P602 ")
    assert 'if __name__ == "__main__":' in last and "workers=1" in last
    assert "BrokenPipeError" not in result.stderr and "bootstrapping" not in result.stderr

    guarded = tmp_path / "guarded.py"
    guarded.write_text(body + '\nif __name__ == "__main__":\n    ingest()\n', encoding="utf-8")
    result = _run(guarded)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["articles", "130", "rejected", "0"]


@pytest.mark.parametrize(
    ("source", "guarded"),
    [
        ('if __name__ == "__main__":\n    run()\n', True),
        ("if '__main__' == __name__:\n    run()\n", True),
        ("run()\n", False),
        ('def f():\n    if __name__ == "__main__":\n        run()\nf()\n', False),
        ('if __name__ == "__mp_main__":\n    run()\n', False),
        ("this is not Python (\n", True),
    ],
)
def test_which_scripts_have_a_main_block(tmp_path: Path, source: str, guarded: bool) -> None:
    script = tmp_path / "script.py"
    script.write_text(source, encoding="utf-8")
    assert forkserver._has_main_block(str(script)) is guarded
