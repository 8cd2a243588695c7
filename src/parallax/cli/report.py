"""``parallax report``: what Parallax found in articles, as one HTML, Markdown or JSON file."""

from __future__ import annotations

from typing import Annotated

import typer

from parallax.cli.common import DbOption, OutputOption, open_corpus, print_output
from parallax.report import build_report, write_report


def report(
    ctx: typer.Context,
    refs: Annotated[
        list[str],
        typer.Argument(
            help="A story id, or article ids (or unique prefixes), or outlets standing for all "
            "their articles.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    fmt: Annotated[
        str, typer.Option("--format", help="html (one self-contained page), md or json.")
    ] = "html",
    output: OutputOption = None,
    title: Annotated[
        str | None,
        typer.Option(
            help="Title of the report (default: the article's title).", show_default=False
        ),
    ] = None,
) -> None:
    """Write a report on a story (timeline, outlets side by side) or on articles, with sources."""
    with open_corpus(ctx, db) as corpus:
        text = write_report(build_report(corpus, refs, title=title), fmt, output)
    print_output(text, output)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(report)
