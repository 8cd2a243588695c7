"""End to end through the library: ingest, idempotence, duplicates, bad input, export."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.errors import ConfigError
from parallax.export import dataframe, export_corpus

ROOT = Path(__file__).resolve().parents[1]


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT id, source, url, outlet_id, published, title, text, duplicate_of, ingested_at "
            "FROM articles ORDER BY id"
        ).fetchall()


@pytest.fixture
def seeded(tmp_path: Path, seed_dir: Path) -> Corpus:
    corpus = Corpus(tmp_path / "c.db", settings=Settings())
    corpus.ingest([str(seed_dir)])
    return corpus


def test_seeds_come_through_exactly_right(seeded: Corpus) -> None:
    document = json.loads(export_corpus(seeded, "json") or "")
    by_outlet = {article["outlet"]: article for article in document["articles"]}
    independent, southfront = by_outlet["The Independent"], by_outlet["SouthFront"]
    assert independent["published"] == "2025-07-04"
    assert independent["url"] is None
    assert independent["outlet_evidence"].startswith("signature:")
    assert "Your support helps us" not in independent["text"]
    assert "open image in gallery" not in independent["text"]
    assert southfront["published"] == "2025-07-08"
    assert southfront["title"].startswith("Between Aid And Deadlock")
    assert southfront["url"] == "https://southfront.press/kyiv-struggle-amid-shifting-us-support/"
    assert southfront["outlet_evidence"] == "domain:southfront.press"
    profile = next(o for o in document["outlets"] if o["name"] == "SouthFront")
    assert profile["state_affiliation"]["value"]
    assert profile["state_affiliation"]["source"].startswith("http")
    assert profile["designations"]
    assert all(d["citation"].startswith("http") for d in profile["designations"])


def test_export_validates_against_the_published_schema(seeded: Corpus) -> None:
    schema = json.loads((ROOT / "docs" / "export-schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(export_corpus(seeded, "json") or ""), schema)


def test_reingesting_changes_nothing(tmp_path: Path, seed_dir: Path) -> None:
    db = tmp_path / "c.db"
    with Corpus(db) as corpus:
        first = corpus.ingest([str(seed_dir)])
    before = dump(db)
    copy = tmp_path / "copy"
    shutil.copytree(seed_dir, copy)  # same content under other paths: new sources, same ids
    with Corpus(db) as corpus:
        again = corpus.ingest([str(seed_dir)])
        other = corpus.ingest([str(copy)])
    assert (first.new_articles, again.skipped_sources, again.articles) == (2, 2, 0)
    assert (other.articles, other.new_articles, other.revised) == (0, 0, 0)
    assert sum(row.unchanged for row in other.files) == 2
    assert dump(db) == before


def test_near_duplicates_are_linked_not_dropped(tmp_path: Path, seed_dir: Path) -> None:
    text = next(seed_dir.glob("001_*.txt")).read_text()
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.txt").write_text(text)
    edited = text.replace(
        "https://southfront.press/kyiv-struggle-amid-shifting-us-support/",
        "https://example.com/ukraine-aid",
    ).replace("significant", "major")
    (folder / "b.txt").write_text(edited)
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(folder)])
        articles = corpus.articles.list()
        assert report.duplicates == 1
        assert len(articles) == 2
        canonical = next(a for a in articles if a.duplicate_of is None)
        copy = next(a for a in articles if a.duplicate_of is not None)
        assert copy.duplicate_of == canonical.id
        assert corpus.articles.duplicates(canonical.id) == [copy.id]


def test_unrelated_articles_are_not_duplicates(seeded: Corpus) -> None:
    assert all(article.duplicate_of is None for article in seeded.articles.list())


def test_bad_inputs_are_recorded_and_the_batch_goes_on(tmp_path: Path, seed_dir: Path) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(seed_dir, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "bad-date.txt").write_text(
        " date 2025-13-45 Title\n\nBody of a story that is long enough.\n"
    )
    packed = gzip.compress(next(seed_dir.glob("000_*.txt")).read_bytes())
    (folder / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    (folder / "lines.jsonl").write_text(
        '{"url": "https://a.org/1", "text": "A complete article text that is long enough to keep."}\n'
        "{not json\n"
        '{"url": "https://a.org/2", "published": "2025-02-30", "text": "Another article of some length."}\n'
    )
    (folder / "big.txt").write_text("word " * 2000)
    settings = Settings(max_file_bytes=8000)
    with Corpus(tmp_path / "c.db", settings=settings) as corpus:
        report = corpus.ingest([str(folder), str(tmp_path / "missing.txt")])
        lines = sorted(rejection.line() for rejection in corpus.articles.rejections())
        stored = corpus.articles.list()
    assert len(stored) == 3  # two seeds and the good JSON line
    codes = sorted(rejection.code for rejection in report.rejections)
    assert codes == ["P101", "P102", "P104", "P105", "P106", "P107", "P107", "P114"]
    assert any(line.startswith(f"{folder / 'lines.jsonl'}:2: P106") for line in lines)
    assert any(line.startswith(f"{folder / 'lines.jsonl'}:3: P107") for line in lines)
    assert all("\n" not in line for line in lines)


def test_search_and_dataframe(seeded: Corpus) -> None:
    hits = seeded.articles.hits("Medvedev")
    assert [hit.outlet for hit in hits] == ["SouthFront"]
    assert "[Medvedev]" in hits[0].snippet
    assert [hit.outlet for hit in seeded.articles.hits("Medvedev OR Independent")] != []
    with pytest.raises(ConfigError, match="a quote is not closed"):
        seeded.articles.hits('"unbalanced (')
    frame = dataframe(seeded)
    assert list(frame["outlet"]) == ["The Independent", "SouthFront"]
    assert frame["published"].dt.date.tolist() == [date(2025, 7, 4), date(2025, 7, 8)]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_other_export_formats(seeded: Corpus, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    export_corpus(seeded, fmt, out)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert {row["outlet"] for row in rows} == {"The Independent", "SouthFront"}
    else:
        import pandas

        frame = pandas.read_csv(out) if fmt == "csv" else pandas.read_parquet(out)
        assert sorted(frame["outlet"]) == ["SouthFront", "The Independent"]


def test_the_store_never_ingests_its_own_files(tmp_path: Path, seed_dir: Path) -> None:
    shutil.copytree(seed_dir, tmp_path / "seeds")
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(tmp_path)])
        report = corpus.ingest([str(tmp_path)])  # the -wal and -shm files exist by now
        assert report.rejections == ()
        assert len(corpus.articles.list()) == 2
