"""``parallax eval events``: the story comparison on ECB+ (shared/unique events, event coreference).

Registered on the ``eval`` app of :mod:`parallax.cli.evaluate` by importing this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import data_option
from parallax.cli.evaluate import JsonOption, app, print_metrics


@app.command("events")
def events(
    data: Annotated[
        Path, data_option("ECB+ folder (ECB+/<topic>/*.xml, ECBplus_coreference_sentences.csv).")
    ],
    topics: Annotated[
        str | None,
        typer.Option(help="Comma-separated topic numbers, e.g. 2,5,12 (default: every topic)."),
    ] = None,
    mentions: Annotated[
        str, typer.Option(help="Coreference on gold mentions or on predicted ones (claims).")
    ] = "gold",
    embed: Annotated[
        bool | None,
        typer.Option("--embed/--no-embed", help="MiniLM in the alignment (default: if installed)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Events: each topic one story, each document its own outlet; shared/unique P, R, F1 and
    MUC, B3, CEAF-e, CoNLL F1 (no singletons)."""
    from parallax.eval.events import evaluate_events

    chosen = [int(t) for t in topics.split(",") if t.strip()] if topics else None
    metrics = evaluate_events(data, topics=chosen, mentions=mentions, embed=embed)
    print_metrics(metrics, as_json=as_json)
