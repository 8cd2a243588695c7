"""``parallax`` imports a command's module when the command is looked up: ``parallax ingest``
runs without the other commands' libraries, and every command is found, listed and helped as
when every module registers its commands up front."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import typer

from parallax.cli import COMMANDS, app
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "html" / "aeb" / "html"

#: What no ingest needs: the reports and their templates, the exports, story grouping, the
#: shards, the other commands' modules.
NOT_FOR_INGEST = (
    "jinja2",
    "pyarrow",
    "parallax.report",
    "parallax.export",
    "parallax.stories.assign",
    "parallax.runners.engines",
    "parallax.cli.analyze",
    "parallax.cli.browse",
    "parallax.cli.evaluate",
)


def test_parallax_ingest_runs_without_the_other_commands_libraries(tmp_path: Path) -> None:
    # A real ingest, through the CLI as ``python -m parallax`` runs it: HTML pages and a seed.
    seed = sorted((EXAMPLES / "seeds").iterdir())[0]
    code = (
        "import sys\n"
        "from parallax.cli import app\n"
        f"args = ['ingest', {str(PAGES)!r}, {str(seed)!r}, '--db', {str(tmp_path / 'x.db')!r}]\n"
        "app(args, prog_name='parallax', standalone_mode=False)\n"
        f"print(sorted(set({NOT_FOR_INGEST!r}) & set(sys.modules)))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "stored" in found.stdout
    assert found.stdout.strip().splitlines()[-1] == "[]"


def _described(command: object) -> object:
    """What a command shows of itself: its name, help, parameters and, for a group, its
    commands, described the same way."""
    params = [(p.name, p.opts, p.help) for p in getattr(command, "params", [])]  # type: ignore[attr-defined]
    inner = getattr(command, "commands", None)
    commands = {name: _described(c) for name, c in inner.items()} if inner is not None else None
    return (command.name, command.help, params, commands)  # type: ignore[attr-defined]


def test_every_command_is_the_one_its_module_registers() -> None:
    registered = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    for module in dict.fromkeys(COMMANDS.values()):
        importlib.import_module(f"parallax.cli.{module}").register(registered)
    expected = typer.main.get_group(registered).commands
    group = typer.main.get_command(app)
    context = typer.Context(group)
    assert group.list_commands(context) == list(expected)  # type: ignore[attr-defined]
    for name, command in expected.items():
        assert _described(group.get_command(context, name)) == _described(command)  # type: ignore[attr-defined]


def test_a_mistyped_command_is_answered_with_the_nearest_one() -> None:
    found = subprocess.run(
        [sys.executable, "-m", "parallax", "timelin"], capture_output=True, text=True
    )
    assert found.returncode == 2
    assert "'timeline'" in found.stderr
