"""BABE (Spinde et al., Findings of EMNLP 2021): news sentences labelled biased or not.

Only ``final_labels_SG2.csv`` is read (3,673 sentences once the one "No agreement" row is
dropped), with the words its annotators marked as biased and the article and outlet (eleven US
outlets) each sentence is from.
"""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError

BABE_FILE = "final_labels_SG2.csv"


@dataclass(frozen=True, slots=True)
class BiasExample:
    """One BABE sentence: its text, label, the words annotators marked, its article and outlet."""

    text: str
    biased: bool
    marked: frozenset[str]
    article: str
    outlet: str = ""


def read_babe(data: Path) -> list[BiasExample]:
    """Return BABE's labelled sentences from ``data/final_labels_SG2.csv`` (or that file).

    Raises:
        InputError: the file is missing (P114), lacks a column (P113) or a row is malformed
            (P115).
    """
    path = data / BABE_FILE if data.is_dir() else data
    if not path.is_file():
        raise InputError(Code.NOT_FOUND, "BABE file is missing", path=str(path))
    examples = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        for column in ("text", "label_bias", "biased_words", "news_link"):
            if column not in (reader.fieldnames or ()):
                raise InputError(Code.MISSING_FIELD, f"no column {column!r}", path=str(path))
        for number, row in enumerate(reader, start=2):
            if row["label_bias"] not in ("Biased", "Non-biased"):
                continue
            try:
                marked = ast.literal_eval(row["biased_words"] or "[]")
            except (ValueError, SyntaxError) as error:
                raise InputError(
                    Code.BAD_RECORD,
                    "biased_words is not a list",
                    path=str(path),
                    record=str(number),
                ) from error
            examples.append(
                BiasExample(
                    text=row["text"],
                    biased=row["label_bias"] == "Biased",
                    marked=frozenset(str(word).lower() for word in marked),
                    article=row["news_link"] or f"row-{number}",
                    outlet=(row.get("outlet") or "").strip(),
                )
            )
    return examples
