"""The whole catalogue through ``parallax ingest`` in one batch, as a person runs it: no
traceback, one line per hostile input, control characters escaped, and a rerun the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.reliability.catalogue import CASES, NOTHING, SETTINGS, STORED
from tests.reliability.conftest import run_parallax

pytestmark = pytest.mark.reliability

# What a terminal would act on: C0 controls other than newline, DEL and C1 controls.
RAW_CONTROL = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
CAPS = {
    "max_file_bytes": str(SETTINGS.max_file_bytes),
    "max_record_bytes": str(SETTINGS.max_record_bytes),
    "max_article_chars": str(SETTINGS.max_article_chars),
    "max_source_bytes": str(SETTINGS.max_source_bytes),
}


def test_the_catalogue_in_one_batch(tmp_path: Path, good_text: str) -> None:
    root = tmp_path / "in"
    for case in CASES:
        (root / case.id).mkdir(parents=True)
        case.make(root / case.id)
    (root / "zz-good.txt").write_text(good_text)
    db = tmp_path / "c.db"
    first = run_parallax("ingest", str(root), db=db, **CAPS)
    assert first.returncode == 0, first.stderr[-2000:]
    assert b"Traceback" not in first.stderr + first.stdout
    assert not RAW_CONTROL.search(first.stderr), "control characters reach the terminal"
    lines = first.stderr.decode().splitlines()
    for case in CASES:
        prefix = f"{root / case.id}/"
        mine = [line for line in lines if line.startswith(prefix)]
        wanted = 0 if case.expect in (STORED, NOTHING) else 1
        assert len(mine) == wanted, (case.id, mine)
        if wanted:
            code = re.search(r": (P\d{3}) ", mine[0])
            assert code is not None and code[1] in case.expect, mine[0]
    rejected = sum(case.expect not in (STORED, NOTHING) for case in CASES)
    assert f"{rejected} rejected" in first.stdout.decode()
    # The names a terminal would act on are shown escaped, in ingest and in the listing.
    assert f"{root}/name-escape-sequence-rejected/\\x1b]0;pwned\\x07.txt: P101 empty input" in lines
    assert f"{root}/name-not-utf8-rejected/bad\\xff.txt: P102 binary data, not text" in lines
    listing = run_parallax("rejections", db=db)
    assert listing.returncode == 0 and not RAW_CONTROL.search(listing.stdout)
    # A rerun skips every unchanged input and says the same about each; --strict fails on it.
    again = run_parallax("ingest", "--strict", str(root), db=db, **CAPS)
    assert again.returncode == 1 and b"Traceback" not in again.stderr
    assert sorted(again.stderr.decode().splitlines()) == sorted(lines)
    assert "0 stored, 0 updated as new revisions" in " ".join(again.stdout.decode().split())
