"""Cherry (Jaradat, Zhang & Li 2024): is a statement other outlets report important to the event?

Each row pairs a statement (``fact``, one of a cluster of near-identical statements from the
event's coverage) with a target article or its summary as ``context``, and labels whether the
statement is important to the event (1), so that a story leaving it out omits something (0: not
important). The files are tab-separated despite their ``.csv`` names, with a header row
(``event_id``, ``factlets_cluster_id``, ``fact``, ``context``, ``label``; ``val.csv`` and
``test.csv`` start with an unnamed index column).

A folder is read split by split, by the upstream file names in :data:`SPLITS`; other files
(``data_sample.csv``, a slice of the training events) are not read. A split is scored by
pointing at a folder that holds its file.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError

__all__ = ["SPLITS", "CherryItem", "read_cherry", "read_cherry_file"]

#: Upstream file name → split name, in the order splits are reported.
SPLITS = {
    "val.csv": "val",
    "clean_data_w_summary_train.csv": "train",
    "test.csv": "test",
    "clean_data_w_summary_test.csv": "test_summary",
}
_COLUMNS = ("event_id", "factlets_cluster_id", "fact", "context", "label")


@dataclass(frozen=True, slots=True)
class CherryItem:
    """One statement of an event with its target context and importance label."""

    event_id: str
    cluster: str
    statement: str
    context: str
    important: bool


def read_cherry_file(path: Path) -> list[CherryItem]:
    """Read one Cherry file (tab-separated with a header row) in its row order.

    Raises:
        InputError: the file is missing, lacks a column, or has a label other than 0 or 1.
    """
    if not path.is_file():
        raise InputError(Code.NOT_FOUND, "evaluation data is missing", path=str(path))
    csv.field_size_limit(sys.maxsize)
    items = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        missing = [name for name in _COLUMNS if name not in (reader.fieldnames or ())]
        if missing:
            reason = f"not a Cherry file: no {', '.join(missing)} column"
            raise InputError(Code.MISSING_FIELD, reason, path=str(path))
        for row in reader:
            label = (row["label"] or "").strip()
            if label not in {"0", "1"}:
                reason = f"label {label!r} is not 0 or 1"
                raise InputError(
                    Code.BAD_RECORD, reason, path=str(path), record=str(reader.line_num)
                )
            items.append(
                CherryItem(
                    event_id=row["event_id"].strip(),
                    cluster=row["factlets_cluster_id"].strip(),
                    statement=row["fact"].strip(),
                    context=row["context"].strip(),
                    important=label == "1",
                )
            )
    return items


def read_cherry(data: Path) -> dict[str, list[CherryItem]]:
    """Read every split present in ``data`` (a folder, or one split's file): split → items.

    Raises:
        InputError: ``data`` does not exist or holds none of the :data:`SPLITS` files.
    """
    if data.is_file():
        return {SPLITS.get(data.name, data.stem): read_cherry_file(data)}
    if not data.is_dir():
        raise InputError(Code.NOT_FOUND, "evaluation data is missing", path=str(data))
    found = {
        split: read_cherry_file(data / name)
        for name, split in SPLITS.items()
        if (data / name).is_file()
    }
    if not found:
        raise InputError(
            Code.NOT_FOUND, f"no Cherry split ({', '.join(SPLITS)}) in the folder", path=str(data)
        )
    return found
