"""The MRPC reader, on files in MRPC's own layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.mrpc import read_mrpc
from parallax.errors import InputError

HEADER = "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"


def write_mrpc(folder: Path, rows: list[tuple[int, str, str, str, str]]) -> Path:
    path = folder / "msr_paraphrase_train.txt"
    lines = ["\t".join(str(field) for field in row) for row in rows]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_pairs_with_quotes_and_ids(tmp_path: Path) -> None:
    write_mrpc(
        tmp_path,
        [
            (1, "1", "2", 'He called him "the witness".', 'Referring to "the witness", he spoke.'),
            (0, "3", "4", "Shares rose 19 cents.", "Shares jumped 20 cents."),
        ],
    )
    pairs = read_mrpc(tmp_path)
    assert [(p.first_id, p.second_id, p.paraphrase) for p in pairs] == [
        ("1", "2", True),
        ("3", "4", False),
    ]
    assert pairs[0].first == 'He called him "the witness".'


def test_missing_files_and_bad_rows_raise(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_mrpc(tmp_path)
    write_mrpc(tmp_path, [(2, "1", "2", "a", "b")])
    with pytest.raises(InputError):
        read_mrpc(tmp_path)
