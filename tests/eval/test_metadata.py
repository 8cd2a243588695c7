"""Scoring page metadata against trafilatura's annotated pages, and reading that set."""

from __future__ import annotations

import json
import shutil
import tarfile
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.datasets.article_extraction import MetadataPage, load_metadata_pages
from parallax.errors import ConfigError, InputError
from parallax.eval.metadata import (
    PageMetadata,
    author_names,
    evaluate_metadata,
    page_part,
    score_metadata,
    title_matches,
)

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "html" / "trafilatura-eval"


def page(title: str, author: str, published: date | None) -> MetadataPage:
    return MetadataPage("https://example.org/a", "a.html", b"", title, author, published)


def test_title_exact_and_relaxed() -> None:
    assert title_matches("Rasende  Polizisten", "Rasende Polizisten") == (True, True, True)
    assert title_matches("Habeck in München", "HABECK IN MÜNCHEN") == (False, True, True)
    assert title_matches("HABECK IN MÜNCHEN!", "Habeck in München") == (False, False, True)
    assert title_matches("Klimaschutz: Bohren, bis es heiß wird", "Bohren, bis es heiß wird") == (
        False,
        False,
        True,
    )
    assert title_matches("Home", "Bohren, bis es heiß wird") == (False, False, False)
    assert title_matches(None, "Bohren") == (False, False, False)


def test_author_names_are_a_relaxed_set() -> None:
    assert author_names("Von Roland Brockmann und Sebastian Drescher") == {
        "roland brockmann",
        "sebastian drescher",
    }
    assert author_names("Dana A. Ford; CNN") == {"dana a ford", "cnn"}
    assert author_names(None) == frozenset()


def test_scores_count_each_metric_over_its_own_pages() -> None:
    pairs = [
        (
            page("A title", "Jane Roe", date(2020, 1, 2)),
            PageMetadata("A title", "Jane Roe", date(2020, 1, 2)),
        ),
        (page("B title", "", None), PageMetadata("B title - Site", "Site", date(2020, 1, 1))),
        (page("", "", date(2020, 1, 3)), PageMetadata(None, None, None)),
    ]
    scores = score_metadata(pairs)
    assert scores["title_exact"] == 0.5
    assert scores["title_relaxed"] == 1.0
    assert scores["date_same_day"] == 0.5
    assert scores["date_precision"] == 1.0
    assert scores["date_invented"] == 1.0
    assert scores["author_exact"] == 1.0
    assert scores["author_invented"] == 0.5
    assert (scores["pages"], scores["dated_pages"], scores["undated_pages"]) == (3, 2, 1)


def test_parts_split_by_host() -> None:
    assert page_part("https://www.helge.at/a") == page_part("http://helge.at/b")
    parts = {page_part(f"https://site{n}.example/") for n in range(20)}
    assert parts == {"dev", "test"}


def test_reads_the_archive_and_the_unpacked_folders(tmp_path: Path) -> None:
    from_archive = load_metadata_pages(PAGES)
    assert len(from_archive) == 10
    shutil.copy(PAGES / "evaldata.json", tmp_path)
    with tarfile.open(PAGES / "html-eval-and-cache.tar.xz") as tar:
        tar.extractall(tmp_path, filter="data")
    assert load_metadata_pages(tmp_path) == from_archive
    helge = next(item for item in from_archive if item.file == "helge.at.mahu.html")
    assert (helge.title, helge.author, helge.published) == (
        "Warum Wien zu blöd für eine staufreie Mahü ist",
        "Helge Fahrnberger",
        date(2014, 3, 5),
    )


def test_missing_page_or_annotations_raise(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_metadata_pages(tmp_path)
    table = json.loads((PAGES / "evaldata.json").read_text(encoding="utf-8"))
    (tmp_path / "evaldata.json").write_text(json.dumps(table), encoding="utf-8")
    (tmp_path / "eval").mkdir()
    with pytest.raises(InputError):
        load_metadata_pages(tmp_path)


def test_evaluate_on_the_fixture_pages() -> None:
    scores = evaluate_metadata(PAGES)
    assert scores["pages"] == 10
    # Every fixture page's title is read as annotated; the rules are what these pages test.
    assert scores["title_exact"] == 1.0
    assert scores["date_invented"] == 0.0
    with pytest.raises(ConfigError):
        evaluate_metadata(PAGES, part="half")
    with pytest.raises(ConfigError):
        evaluate_metadata(PAGES, extractor="nope")


def test_cli_prints_metrics_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "metadata", "--data", str(PAGES), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["pages"] == 10 and scores["title_exact"] == 1.0
    result = runner.invoke(app, ["eval", "metadata", "--data", str(PAGES), "--part", "dev"])
    assert result.exit_code == 0, result.output
    assert "title_exact:" in result.output
