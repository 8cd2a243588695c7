"""Article extraction data: news pages with their true text or their true metadata.

- The Article Extraction Benchmark (ScrapingHub): the data folder holds ``ground-truth.json``
  (``{id: {"articleBody": ..., "url": ...}}``) and ``html/<id>.html.gz``.
- trafilatura's evaluation set (:func:`load_metadata_pages`): pages with their annotated title,
  author and date.
"""

from __future__ import annotations

import gzip
import json
import tarfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

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


# trafilatura's evaluation set: ``evaldata.json`` maps each page's URL to the file that holds
# it and, for 851 of its 990 entries, the page's own title, author and date as annotated by
# the trafilatura project. The pages ship as ``html-eval-and-cache.tar.xz`` (folders ``eval/``
# and ``cache/``); an unpacked copy of those two folders next to ``evaldata.json`` works too.

TRAFILATURA_ARCHIVE = "html-eval-and-cache.tar.xz"
_PAGE_FOLDERS = ("eval", "cache")


@dataclass(frozen=True, slots=True)
class MetadataPage:
    """One page of trafilatura's evaluation set with its annotated metadata.

    Attributes:
        url: The page's URL (the key in ``evaldata.json``).
        file: The page's file name.
        html: The page as stored (undecoded bytes).
        title: The annotated title ("" when the page has none).
        author: The annotated author or authors, as one string ("" when none).
        published: The annotated publication date, or None when the page has none.
    """

    url: str
    file: str
    html: bytes
    title: str
    author: str
    published: date | None


def _gold_date(value: str) -> date | None:
    # One annotation is written without its leading zero ("2022-11-1").
    parts = value.strip().split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _page_bytes(data_dir: Path) -> dict[str, bytes]:
    """Return ``{file name: bytes}`` of every page, from the folders or from the archive."""
    pages: dict[str, bytes] = {}
    folders = [data_dir / name for name in _PAGE_FOLDERS if (data_dir / name).is_dir()]
    if folders:
        for folder in folders:
            for path in folder.iterdir():
                pages.setdefault(path.name, path.read_bytes())
        return pages
    archive = data_dir / TRAFILATURA_ARCHIVE
    if not archive.is_file():
        reason = f"no eval/ or cache/ folder and no {TRAFILATURA_ARCHIVE} in the data folder"
        raise InputError(Code.NOT_FOUND, reason, path=str(data_dir))
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is not None:
                pages.setdefault(PurePosixPath(member.name).name, handle.read())
    return pages


def load_metadata_pages(data_dir: Path) -> list[MetadataPage]:
    """Return the pages of trafilatura's evaluation set that carry title, author and date.

    Args:
        data_dir: The folder with ``evaldata.json`` and the pages (the archive, or its
            ``eval/`` and ``cache/`` folders unpacked).

    Raises:
        InputError: ``evaldata.json`` or a page it names is missing (P114).
    """
    path = data_dir / "evaldata.json"
    if not path.is_file():
        raise InputError(Code.NOT_FOUND, "no evaldata.json in the data folder", path=str(path))
    table = json.loads(path.read_text(encoding="utf-8"))
    pages = _page_bytes(data_dir)
    result: list[MetadataPage] = []
    for url, entry in table.items():
        # Entries without these keys were annotated for main text only.
        if not all(key in entry for key in ("title", "author", "date")):
            continue
        name = entry["file"]
        if name not in pages:
            raise InputError(Code.NOT_FOUND, "page of evaldata.json is missing", path=name)
        page = MetadataPage(
            url=url,
            file=name,
            html=pages[name],
            title=str(entry["title"] or "").strip(),
            author=str(entry["author"] or "").strip(),
            published=_gold_date(str(entry["date"] or "")),
        )
        result.append(page)
    return result
