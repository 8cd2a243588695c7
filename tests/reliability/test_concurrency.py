"""One writer at a time, politely: a second writer waits, says so, and gives up with one coded
line; readers never wait. Runs whose process was killed are marked interrupted."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from parallax.corpus import Corpus
from parallax.store.sqlite import SQLiteStore
from tests.reliability.conftest import parallax_env, run_parallax

pytestmark = pytest.mark.reliability

HOLD = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("INSERT INTO runs (command, started_at, status) VALUES ('other', 'now', 'x')")
print("locked", flush=True)
sys.stdin.readline()  # hold the write transaction until told to commit
connection.execute("COMMIT")
"""


@contextmanager
def another_writer(db: Path) -> Iterator[subprocess.Popen[str]]:
    """A second process holding a write transaction on ``db`` until a line on its stdin."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.kill()
        holder.communicate()


@pytest.fixture
def corpus_db(tmp_path: Path, good_text: str) -> Path:
    db = tmp_path / "c.db"
    first = tmp_path / "first.txt"
    first.write_text(good_text)
    with Corpus(db) as corpus:
        corpus.ingest([str(first)])
    return db


def test_a_second_writer_waits_then_gives_up_in_one_line(
    corpus_db: Path, tmp_path: Path, good_text: str
) -> None:
    new = tmp_path / "new.txt"
    new.write_text(good_text.replace("bridge", "tunnel"))
    with another_writer(corpus_db):
        result = run_parallax("ingest", str(new), db=corpus_db, lock_timeout="3")
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines[0] == f"waiting for another parallax process writing to {corpus_db} …"
    assert lines[1].startswith(f"error: {corpus_db}: P502 another parallax process kept the")
    assert "--set lock_timeout=SECONDS" in lines[1] and len(lines) == 2
    assert b"Traceback" not in result.stderr


def test_a_second_writer_goes_on_when_the_first_is_done(
    corpus_db: Path, tmp_path: Path, good_text: str
) -> None:
    new = tmp_path / "new.txt"
    new.write_text(good_text.replace("bridge", "tunnel"))
    with another_writer(corpus_db) as holder:
        writer = subprocess.Popen(
            [sys.executable, "-m", "parallax", "ingest", str(new)],
            env=parallax_env(corpus_db, lock_timeout="120"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert writer.stderr is not None
        waiting = writer.stderr.readline().decode()
        assert holder.stdin is not None
        holder.stdin.write("commit\n")
        holder.stdin.flush()
        out, rest = writer.communicate(timeout=120)
    assert waiting == f"waiting for another parallax process writing to {corpus_db} …\n"
    assert writer.returncode == 0, rest
    assert rest == b"" and "1 stored, 0 updated" in " ".join(out.decode().split())


def test_readers_never_wait_for_a_writer(corpus_db: Path) -> None:
    with another_writer(corpus_db):
        started = time.monotonic()
        listing = run_parallax("articles", db=corpus_db, lock_timeout="30", timeout=25)
        rejections = run_parallax("rejections", db=corpus_db, lock_timeout="30", timeout=25)
        waited = time.monotonic() - started
    assert listing.returncode == rejections.returncode == 0
    assert b"waiting" not in listing.stderr + rejections.stderr
    assert waited < 25


def test_a_killed_ingest_is_marked_interrupted_by_the_next_run(
    tmp_path: Path, good_text: str
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(200):
        (folder / f"{number:04d}.txt").write_text(f"Story {number}. {good_text}" * 3)
    db = tmp_path / "c.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "parallax", "ingest", str(folder)],
        env=parallax_env(db, commit_every="5"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline, committed = time.monotonic() + 60, 0
    while time.monotonic() < deadline and process.poll() is None and committed < 10:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=1) as connection:
                committed = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 10 <= committed < 200, "the ingest must be killed part-way"
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT status FROM runs").fetchall() == [("running",)]
    rerun = run_parallax("ingest", str(folder / "0000.txt"), db=db)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as connection:
        statuses = connection.execute("SELECT status FROM runs ORDER BY id").fetchall()
    assert statuses == [("interrupted",), ("finished",)]


def test_a_live_run_is_not_marked_interrupted(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "c.db")
    live = store.start_run("ingest")
    other = SQLiteStore(tmp_path / "c.db")
    other.start_run("analyze")
    runs = {run["id"]: run for run in other.runs()}
    assert runs[live]["status"] == "running"
    assert json.loads(json.dumps(runs[live]["summary"]))["pid"] > 0
    store.close()
    other.close()
