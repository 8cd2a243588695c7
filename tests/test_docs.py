"""Docs that cannot drift: generated references are current, and every command, setting,
reader and error code is documented."""

from __future__ import annotations

from pathlib import Path

from parallax.cli.reference import cli_reference, command_paths, settings_reference
from parallax.config import SETTINGS
from parallax.errors import Code
from parallax.ingest.readers import load_builtin_readers

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = (DOCS.parent / "README.md").read_text()


def test_generated_references_are_current() -> None:
    hint = "run: python -m parallax.cli.reference docs"
    assert (DOCS / "cli.md").read_text() == cli_reference(), hint
    assert (DOCS / "settings.md").read_text() == settings_reference(), hint


def test_every_command_and_setting_is_documented() -> None:
    cli = (DOCS / "cli.md").read_text()
    for path in command_paths():
        assert f"## `parallax {' '.join(path)}`" in cli
    settings = (DOCS / "settings.md").read_text()
    for name in SETTINGS:
        assert f"`{name}`" in settings


def test_every_reader_and_ingest_error_code_is_documented() -> None:
    ingest = (DOCS / "ingest.md").read_text()
    for name in load_builtin_readers().names():
        assert f"| `{name}` |" in ingest, name
    for code in Code:
        if code.value.startswith("P1"):
            assert f"| {code.value} |" in ingest, code


def test_readme_gives_the_two_commands() -> None:
    assert "./scripts/demo" in README and "./scripts/test" in README
    for script in ("demo", "test"):
        assert (DOCS.parent / "scripts" / script).stat().st_mode & 0o111
