"""``parallax eval events``: the story comparison on ECB+ (shared/unique events, event coreference).

Registered on the ``eval`` app of :mod:`parallax.cli.evaluate` by importing this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import data_option
from parallax.cli.evaluate import EventGroupsOption, JsonOption, app, print_metrics


@app.command("events")
def events(
    data: Annotated[
        Path,
        data_option(
            "ECB+ folder (ECB+/<topic>/*.xml, ECBplus_coreference_sentences.csv), or with "
            "--format meantime MEANTIME's intra_cross-doc_annotation folder."
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="ecbplus, or meantime (MEANTIME English: four multi-event Wikinews topics, "
            "numbered 1-4 in folder order, with cross-document event instances).",
        ),
    ] = "ecbplus",
    topics: Annotated[
        str | None,
        typer.Option(help="Comma-separated topic numbers, e.g. 2,5,12 (default: every topic)."),
    ] = None,
    mentions: Annotated[
        str, typer.Option(help="Coreference on gold mentions or on predicted ones (claims).")
    ] = "gold",
    grouping: Annotated[
        str,
        typer.Option(
            help="events: cluster event mentions with the event-pair model; lemma: the "
            "same-head-lemma baseline over the same mentions and document sub-topics; claims: "
            "the story comparison's claim groups (ingest and analyse each topic)."
        ),
    ] = "events",
    model: Annotated[
        Path | None,
        typer.Option(help="Event-pair model folder (default: the packaged model)."),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(help="A .npz file keeping MiniLM vectors between runs (events grouping)."),
    ] = None,
    cross_encoder: Annotated[
        Path | None,
        typer.Option(
            help="Event cross-encoder folder (parallax train event-xenc) mixed into the "
            "event-pair model's probabilities; events grouping, gold mentions."
        ),
    ] = None,
    embed: Annotated[
        bool | None,
        typer.Option("--embed/--no-embed", help="MiniLM in the alignment (default: if installed)."),
    ] = None,
    workdir: Annotated[
        Path | None,
        typer.Option(help="claims grouping: a folder keeping each topic's analysed corpus."),
    ] = None,
    sweep: Annotated[
        bool,
        typer.Option(
            "--sweep",
            help="Every clustering constraint variant at several thresholds; with --grouping "
            "claims each topic's threshold is chosen on the other topics (leave-one-topic-out).",
        ),
    ] = False,
    event_groups: EventGroupsOption = False,
    as_json: JsonOption = False,
) -> None:
    """Events: each topic one story, each document its own outlet; shared/unique P, R, F1 and
    MUC, B3, CEAF-e, CoNLL F1 (no singletons)."""
    if fmt not in ("ecbplus", "meantime"):
        raise typer.BadParameter("--format must be ecbplus or meantime")
    chosen = [int(t) for t in topics.split(",") if t.strip()] if topics else None
    if grouping in ("events", "lemma"):
        from parallax.eval.event_coref import evaluate_event_coref

        metrics = evaluate_event_coref(
            data, topics=chosen, mentions=mentions, model=model, cache=cache, data_format=fmt,
            sweep=sweep, baseline="lemma" if grouping == "lemma" else None,
            cross_encoder=cross_encoder,
        )  # fmt: skip
    elif grouping == "claims" and sweep:
        from parallax.eval.event_thresholds import sweep_event_groups

        if workdir is not None:
            workdir.mkdir(parents=True, exist_ok=True)
        metrics = sweep_event_groups(data, data_format=fmt, topics=chosen, workdir=workdir)
    elif grouping == "claims":
        from parallax.eval.events import evaluate_events

        if workdir is not None:
            workdir.mkdir(parents=True, exist_ok=True)
        metrics = evaluate_events(
            data, topics=chosen, mentions=mentions, embed=embed, events=event_groups,
            data_format=fmt, workdir=workdir,
        )  # fmt: skip
    else:
        raise typer.BadParameter("--grouping must be events, lemma or claims")
    print_metrics(metrics, as_json=as_json)
