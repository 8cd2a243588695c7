"""The Article Extraction Benchmark (ScrapingHub): news pages and their true article text.

The data folder holds ``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) and
``html/<id>.html.gz``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from parallax.errors import Code, InputError


def load_ground_truth(data_dir: Path) -> dict[str, str]:
    """Return ``{id: articleBody}`` from ``data_dir/ground-truth.json``.

    Raises:
        InputError: the file is missing (P114).
    """
    path = data_dir / "ground-truth.json"
    if not path.is_file():
        raise InputError(Code.NOT_FOUND, "no ground-truth.json in the data folder", path=str(path))
    table = json.loads(path.read_text(encoding="utf-8"))
    return {doc_id: entry.get("articleBody") or "" for doc_id, entry in table.items()}


def read_page(data_dir: Path, doc_id: str) -> str:
    """Return the decoded HTML of page ``doc_id`` (``data_dir/html/<id>.html.gz``).

    Raises:
        InputError: the page is missing (P114).
    """
    page = data_dir / "html" / f"{doc_id}.html.gz"
    if not page.is_file():
        raise InputError(Code.NOT_FOUND, "page of the ground truth is missing", path=str(page))
    return gzip.decompress(page.read_bytes()).decode("utf-8")
