"""The Cherry reader: tab-separated files named by split, labels 0/1."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.cherry import read_cherry
from parallax.errors import InputError

HEADER = "\tevent_id\tfactlets_cluster_id\tfact\tcontext\tlabel\n"


def write_split(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = [
        f"{i}\t2020_10_22_1\tfactlets_cluster{i}\t{fact}\t{context}\t{label}\n"
        for i, (fact, context, label) in enumerate(rows)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_reads_each_split_present_and_skips_other_files(tmp_path: Path) -> None:
    write_split(tmp_path / "val.csv", [("Iran obtained voter data.", "An article.", "1")])
    (tmp_path / "data_sample.csv").write_text(HEADER, encoding="utf-8")
    found = read_cherry(tmp_path)
    assert list(found) == ["val"]
    item = found["val"][0]
    assert item.statement == "Iran obtained voter data."
    assert item.important and item.event_id == "2020_10_22_1"
    assert item.cluster == "factlets_cluster0"


def test_a_single_file_is_read_as_its_split(tmp_path: Path) -> None:
    path = write_split(tmp_path / "clean_data_w_summary_train.csv", [("A fact.", "c", "0")])
    assert list(read_cherry(path)) == ["train"]
    assert not read_cherry(path)["train"][0].important


def test_a_bad_label_or_an_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_cherry(tmp_path)
    write_split(tmp_path / "val.csv", [("A fact.", "c", "yes")])
    with pytest.raises(InputError):
        read_cherry(tmp_path)
