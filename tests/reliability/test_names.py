"""Names and records a terminal or a database would choke on: not UTF-8, or holding control codes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.reliability.conftest import run_parallax

pytestmark = pytest.mark.reliability


def test_a_name_that_is_not_utf8_is_stored_and_shown_escaped(
    tmp_path: Path, good_text: str
) -> None:
    # printf 'Some article text that is long enough to keep.\n' > "$(printf 'bad\xff.txt')"
    folder = tmp_path / "in"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/bad\xff.txt"
    Path(os.fsdecode(bad)).write_bytes(b"Some article text that is long enough to keep.\n")
    good = folder / "good.txt"
    good.write_text(good_text)
    db = tmp_path / "r.db"
    for attempt in ("first", "rerun"):
        result = run_parallax("ingest", os.fsencode(folder), bad, str(good), db=db)
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr, attempt
    listing = run_parallax("export", "--format", "jsonl", db=db).stdout.decode()
    assert f'"source": "{folder}/bad\\\\xff.txt"' in listing
    assert f'"source": "{good}"' in listing
    assert len(listing.splitlines()) == 2  # two articles (each line also lists its revisions)


def test_control_characters_in_names_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "\x1b[2J\x1b[31mred\u202e.txt").write_bytes(b"")
    db = tmp_path / "c.db"
    ingest = run_parallax("ingest", str(folder), db=db)
    line = f"{folder}/\\x1b[2J\\x1b[31mred\\u202e.txt: P101 empty input"
    assert ingest.stderr.decode().splitlines() == [line]
    listing = run_parallax("rejections", db=db).stdout.decode()
    assert listing.splitlines() == [line]


def test_strict_fails_on_a_rerun_of_a_rejected_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "A fine article body that is long enough to be kept."}\n{oops\n')
    db = tmp_path / "c.db"
    first = run_parallax("ingest", "--strict", str(bad), db=db)
    rerun = run_parallax("ingest", "--strict", str(bad), db=db)
    assert first.returncode == rerun.returncode == 1
    assert (
        first.stderr
        == rerun.stderr
        == f"{bad}:2: P106 malformed JSON: Expecting property name enclosed in double quotes (column 2)\n".encode()
    )
    assert b"1 unchanged sources skipped" in rerun.stdout.replace(b"\n", b" ")
    counts = run_parallax("rejections", db=db).stdout.decode().splitlines()
    assert len(counts) == 1, "a rerun reports the rejection again without storing it again"


def test_control_characters_in_a_record_never_reach_the_terminal(
    tmp_path: Path, good_text: str
) -> None:
    # A title, an outlet and a body that would clear the screen and move the cursor if printed.
    record = {
        "id": "hostile",
        "title": "Breaking \x1b[2J news \x07",
        "outlet": "Evil\x1b[31m Daily",
        "published": "2025-07-04",
        "text": good_text + "\x1b[H The end.",
    }
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "r.db"
    assert run_parallax("ingest", str(source), db=db).returncode == 0
    listing = run_parallax("articles", db=db)
    (article_id,) = re.findall(rb"\b[0-9a-f]{16}\b", listing.stdout)
    shown = run_parallax("show", article_id, db=db)
    for result in (listing, shown):
        assert result.returncode == 0, result.stderr
        assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
    assert b"\\x1b[2J" in listing.stdout or b"\\x1b[2" in listing.stdout
