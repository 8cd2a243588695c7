"""The first-name gender table: what it says, and how scripts/build_first_names.py makes it."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import zipfile
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from parallax.nlp.first_names import first_name_gender, first_names_digest
from parallax.nlp.types import QUOTES

ROOT = Path(__file__).resolve().parents[2]


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_first_names", ROOT / "scripts" / "build_first_names.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Martha Raddatz", "female"),
        ("Liz Cheney", "female"),
        ("Mike Enzi", "male"),
        ("Élodie Roe", "female"),  # folded to ASCII before the look-up
        ("Raddatz", None),  # a surname alone has no first name
        ("Bibi Netanyahu", None),  # 95% female in the data: not clear enough
        ("Lindsey Graham", None),  # 90% female
        ("Jesse Jackson", None),  # 94% male
    ],
)
def test_a_first_name_says_a_gender_only_when_it_is_clear(name: str, gender: str | None) -> None:
    assert first_name_gender(name) == gender


def test_the_table_names_its_source_and_carries_its_licence() -> None:
    text = (resources.files("parallax") / "data" / "first_names.txt").read_text(encoding="utf-8")
    assert "nomquamgender 0.1.4" in text
    assert "# Copyright (c) 2022 Ian Van Buskirk" in text
    assert "# Permission is hereby granted, free of charge" in text


def test_the_build_keeps_only_names_with_enough_evidence_and_a_clear_majority(
    tmp_path: Path,
) -> None:
    """A wheel laid out like nomquamgender's: [sources, counts, p(gf), taxonomy] per name."""
    rows = {
        "martha": [32, 633015, 0.991, 3],
        "mike": [31, 243317, 0.005, 3],
        "bibi": [24, 2277, 0.953, 3],  # majority not clear enough
        "mitt": [6, 50, 0.0, 3],  # too few people counted
        "reince": [2, 1, 0.0, 3],  # too few sources
        "&amp;me": [5, 900, 0.0, 3],  # not a plain name
    }
    wheel = tmp_path / "nomquamgender-0.1.4-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("nomquamgender/name_data.json", json.dumps(rows))
        archive.writestr("nomquamgender-0.1.4.dist-info/LICENSE", "Copyright (c) 2022 X\n")
    out = tmp_path / "first_names.txt"
    assert _build_script().main([str(wheel), "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == ["martha f", "mike m"]
    assert "# Copyright (c) 2022 X" in lines


def test_the_build_refuses_a_file_that_is_no_wheel_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "name_data.json"
    bad.write_text("{}", encoding="utf-8")
    assert _build_script().main([str(bad), "--out", str(tmp_path / "out.txt")]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"{bad}: not a nomquamgender 0.1.4 wheel")
    assert "\n" not in error


def test_the_tables_hash_is_in_the_quotes_rules_version() -> None:
    """An edit of the table changes what "he" and "she" stand for, so it must recompute stored
    quotes: the table's hash is part of the quotes rules' versioned name."""
    digest = first_names_digest()
    text = (resources.files("parallax") / "data" / "first_names.txt").read_text(encoding="utf-8")
    assert digest == hashlib.sha1(text.encode()).hexdigest()[:12]
    assert QUOTES.versioned_name("rules").endswith(f"-names.{digest}")
