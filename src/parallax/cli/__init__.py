"""The ``parallax`` command: a thin Typer face over the library (one module per verb)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from parallax.cli.common import errors
from parallax.errors import ConfigError, ParallaxError

#: Each command of ``parallax``, in the order its help lists them, and the module under
#: ``parallax.cli`` whose ``register(app)`` adds it (``eval`` and ``train`` are groups).
COMMANDS: dict[str, str] = {
    "ingest": "ingest",
    "analyze": "analyze",
    "stories": "stories",
    "story": "stories",
    "timeline": "stories",
    "articles": "browse",
    "show": "browse",
    "search": "browse",
    "rejections": "browse",
    "outlets": "outlets",
    "export": "export",
    "report": "report",
    "demo": "demo",
    "serve": "serve",
    "run": "run",
    "load": "run",
    "compare": "compare",
    "eval": "evaluate",
    "train": "train",
}


class CommandGroup(TyperGroup):
    """The ``parallax`` group, whose commands' modules are imported when a command is looked
    up (to run it, or to list it in help), not when the CLI is: ``parallax ingest`` imports
    what ingest needs, not the libraries of every other command (jinja2 and the reports, the
    evaluation's and training's modules, …)."""

    # ``ctx`` and the commands are of the click that Typer vendors (``typer._click``).
    def list_commands(self, ctx: Any) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        module = COMMANDS.get(cmd_name)
        if cmd_name not in self.commands and module is not None:
            self._load(module)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS:  # a typo: suggest from every command
            for module in dict.fromkeys(COMMANDS.values()):
                self._load(module)
        return super().resolve_command(ctx, args)

    def _load(self, module: str) -> None:
        """Add the commands that ``parallax.cli.<module>`` registers."""
        staging = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        importlib.import_module(f"parallax.cli.{module}").register(staging)
        for name, command in typer.main.get_group(staging).commands.items():
            self.commands.setdefault(name, command)


app = typer.Typer(
    name="parallax",
    help="Parallax: how the news tells one story from many sides.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=CommandGroup,
)


@app.callback()
def configure(
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", help="TOML settings file.")] = None,
    overrides: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a setting: --set name=value (repeatable)."),
    ] = None,
) -> None:
    """Parallax: how the news tells one story from many sides."""
    ctx.obj = {"config": config, "overrides": tuple(overrides or ())}


def main() -> None:
    """Run the CLI; every ParallaxError becomes one line on stderr and exit status 1 (2: usage)."""
    try:
        app()  # standalone mode: usage errors print themselves and exit 2
    except ConfigError as error:
        errors.print(f"error: {error.line()}", markup=False, soft_wrap=True)
        sys.exit(2)
    except ParallaxError as error:
        errors.print(f"error: {error.line()}", markup=False, soft_wrap=True)
        sys.exit(1)
