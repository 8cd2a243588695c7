"""``parallax run`` and ``parallax load`` through Typer, on an app holding just these commands."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from parallax.cli import configure
from parallax.cli import run as run_cli
from parallax.corpus import Corpus
from parallax.errors import ConfigError

# A hang guard: the package fixtures run the engine first, minutes on a loaded machine.
pytestmark = pytest.mark.timeout(300)


def flat(output: str) -> str:
    """Undo Rich's line wrapping."""
    return " ".join(output.split())


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    app.callback()(configure)
    run_cli.register(app)
    return app


def test_run_then_load_reads_object_storage_uris(
    app: typer.Typer, sample: Path, tmp_path: Path
) -> None:
    uri = (sample / "seeds").as_uri()  # file:// goes through the same pyarrow code as s3://
    out, db = tmp_path / "shards", tmp_path / "c.db"
    runner = CliRunner()
    ran = runner.invoke(app, ["run", uri, "--out", str(out), "--workers", "1"])
    assert ran.exit_code == 0, ran.output
    assert "2 articles from 2 sources" in flat(ran.output)
    assert f"parallax load {out}" in flat(ran.output)
    loaded = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    assert "2 stored, 0 updated as new revisions" in flat(loaded.output)
    assert "1 stories in the corpus" in flat(loaded.output)
    again = runner.invoke(app, ["run", uri, "--out", str(out)])
    assert "0 articles from 0 sources" in flat(again.output)
    assert "2 finished sources skipped" in flat(again.output)
    with Corpus(db) as corpus:
        sources = sorted(article.source for article in corpus.articles.list())
    assert sources == sorted(f"{uri}/{path.name}" for path in (sample / "seeds").iterdir())


def test_usage_errors(app: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()
    stdin = runner.invoke(app, ["run", "-", "--out", str(tmp_path / "out")])
    assert isinstance(stdin.exception, ConfigError) and "standard input" in str(stdin.exception)
    empty = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "c.db")])
    assert isinstance(empty.exception, ConfigError) and "parallax run" in str(empty.exception)
    engine = runner.invoke(
        app, ["run", str(tmp_path), "--out", str(tmp_path / "o"), "--engine", "spark"]
    )
    assert engine.exit_code == 2
