"""``parallax outlets [NAME]``: the outlets in a corpus, or one outlet's sourced profile."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from parallax.cli.common import DbOption, console, open_corpus
from parallax.cli.render import outlet_panel
from parallax.errors import Code, InputError


def outlets(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Outlet name, alias, id or domain.")] = None,
    db: DbOption = None,
) -> None:
    """List the corpus's outlets, or show one outlet's profile with every source."""
    with open_corpus(ctx, db) as corpus:
        if name:
            outlet = corpus.outlets.find(name)
            if outlet is None:
                raise InputError(
                    Code.NOT_FOUND, f"no outlet named {name!r} in the registry or corpus"
                )
            console.print(outlet_panel(outlet))
            return
        found = corpus.outlets.list()
    table = Table(expand=True)
    for column in ("outlet", "articles", "country", "state affiliation", "designations"):
        table.add_column(column)
    for outlet, count in found:
        table.add_row(
            Text(outlet.name),
            str(count),
            Text(outlet.country.value if outlet.country else "—"),
            Text(outlet.state_affiliation.value if outlet.state_affiliation else "—"),
            str(len(outlet.designations)),
        )
    console.print(table if found else "no outlets yet: ingest some articles first")


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(outlets)
