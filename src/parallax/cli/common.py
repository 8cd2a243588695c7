"""Options shared by every command, and the one place the CLI opens a corpus."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from parallax.config import Settings, load_settings

if TYPE_CHECKING:  # imported when a corpus is opened: a command may start work before that
    from parallax.corpus import Corpus

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

# C0 and C1 controls, DEL, lone surrogates and the bidirectional overrides that reorder what a
# terminal shows: from a file name or a record they would act on the terminal, not be read.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda match: ascii(match.group())[1:-1], text)


def printable(text: str) -> str:
    """Return ``text`` with every control character written as an escape (``\\x1b``), so a
    hostile file name or record prints as one inert line."""
    return _escaped(_UNPRINTABLE, text)


_UNPRINTABLE_IN_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def inert(text: str, *, lines: bool = False, style: str = "") -> Text:
    """Return untrusted ``text`` (a title, a quote, an article) as a Rich ``Text`` whose control
    characters are escapes; with ``lines``, newlines and tabs are kept."""
    pattern = _UNPRINTABLE_IN_LINES if lines else _UNPRINTABLE
    return Text(_escaped(pattern, text), style=style)


LanguageOption = Annotated[
    str | None,
    typer.Option(help="Only articles in this language (ISO 639-1 code, e.g. ru)."),
]
OtherNamesOption = Annotated[
    bool,
    typer.Option(
        "--other",
        help="Ukrainian: the models also learn the names that are none of PERS, LOC, ORG "
        "(NER-UK's ART, DOC, MISC; SlavicNER's EVT, PRO) as a fourth type they never output.",
    ),
]
DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="PARALLAX_DB",
        help="SQLite file of the corpus (default: parallax.db, or $PARALLAX_DB).",
        show_default=False,
    ),
]

OutputOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
]


def print_output(text: str | None, output: Path | None) -> None:
    """Print ``text`` to stdout, or (when it went to the file ``output``) say where it went."""
    if text is not None:
        console.file.write(text)
    else:
        console.print(f"wrote {output}", markup=False)


def load_function(target: str) -> Callable[..., Any]:
    """Import and return the function ``target`` names as ``module:function``.

    Commands call it when they run, so that a heavy module (scikit-learn, a data set reader)
    stays out of the start-up of every other command.
    """
    module, function = target.split(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return found


def data_option(help: str) -> Any:
    """Return the ``--data`` option of a command that reads a public data set from a path."""
    return typer.Option("--data", help=help)


def progress_bar(on: Console | None = None) -> Progress:
    """Return the transient bar every long command shows: description, bar, done/total, time.

    A command that prints lines on stderr while it works draws the bar ``on`` stderr too, so
    that each line is printed above the bar instead of through it."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    # Off the terminal a bar shows nothing, but would still end stderr with a blank line.
    quiet = on is not None and not on.is_terminal
    return Progress(*columns, console=on or console, transient=True, disable=quiet)


def command_settings(ctx: typer.Context, db: Path | None) -> Settings:
    """Return the settings given to the top-level command (``--config``, ``--set``) and --db."""
    state = ctx.find_root().obj or {}
    return load_settings(
        config_file=state.get("config"),
        overrides=state.get("overrides", ()),
        db=str(db) if db else None,
    )


def open_corpus(ctx: typer.Context, db: Path | None, *, settings: Settings | None = None) -> Corpus:
    """Open the corpus named by --db, with the settings given to the top-level command (or
    ``settings``, read already by :func:`command_settings`)."""
    from parallax.corpus import Corpus

    settings = settings or command_settings(ctx, db)
    return Corpus(settings.db, settings=settings, on_wait=_say_waiting)


def _say_waiting(message: str) -> None:
    errors.print(printable(message), markup=False, soft_wrap=True)
