"""The ``parallax`` command: a thin Typer face over the library (one module per verb)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from parallax.cli import (
    analyze,
    browse,
    compare,
    demo,
    evaluate,
    export,
    ingest,
    outlets,
    report,
    run,
    serve,
    stories,
    train,
)
from parallax.cli import evaluate_compare as _evaluate_compare  # noqa: F401  (eval stance, …)
from parallax.cli import evaluate_events as _evaluate_events  # noqa: F401  (eval events)
from parallax.cli import evaluate_metadata as _evaluate_metadata  # noqa: F401  (eval metadata)
from parallax.cli import evaluate_ner as _evaluate_ner  # noqa: F401  (eval ner)
from parallax.cli import evaluate_omission as _evaluate_omission  # noqa: F401  (eval omission, …)
from parallax.cli import evaluate_pairs as _evaluate_pairs  # noqa: F401  (eval paraphrase, …)
from parallax.cli.common import errors
from parallax.errors import ConfigError, ParallaxError

app = typer.Typer(
    name="parallax",
    help="Parallax: how the news tells one story from many sides.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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


for module in (ingest, analyze, stories, browse, outlets, export, report, demo, serve, run):
    module.register(app)
compare.register(app)
app.add_typer(evaluate.app, name="eval")
app.add_typer(train.app, name="train")


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
