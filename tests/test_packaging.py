"""The wheel carries every packaged file the product reads: models, tokenizer, examples, templates.

setuptools expands ``[tool.setuptools.package-data]`` with ``glob(pattern, recursive=True)``
from the package's folder; a pattern like ``data/*`` leaves out ``data/models/…``, so a
wheel-installed Parallax had no trained models while an editable install worked.
"""

from __future__ import annotations

import glob
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "parallax"
READ_AT_RUN_TIME = ("data", "examples", "report/templates", "report/static")


def test_package_data_patterns_cover_every_file_the_product_reads() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["parallax"]
    covered = {
        Path(found)
        for pattern in patterns
        for found in glob.glob(pattern, root_dir=PACKAGE, recursive=True)
    }
    needed = {
        path.relative_to(PACKAGE)
        for folder in READ_AT_RUN_TIME
        for path in (PACKAGE / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py"
    }
    assert len(needed) > 30
    assert sorted(map(str, needed - covered)) == []
