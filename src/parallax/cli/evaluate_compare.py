"""``parallax eval stance|bias|propaganda``: the comparison models on public data.

Registered on the ``eval`` app of :mod:`parallax.cli.evaluate` by importing this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import data_option
from parallax.cli.evaluate import JsonOption, app, print_metrics


@app.command("stance")
def stance(
    bodies: Annotated[Path | None, typer.Option("--bodies", help="FNC-1 *_bodies.csv.")] = None,
    stances: Annotated[Path | None, typer.Option("--stances", help="FNC-1 *_stances.csv.")] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="FNC-1 folder: its train_bodies.csv and train_stances.csv (instead of the two).",
        ),
    ] = None,
    unseen_claims: Annotated[
        bool,
        typer.Option(
            "--unseen-claims",
            help="Score only pairs whose headline was not trained on either (held-out topics).",
        ),
    ] = False,
    topic_folds: Annotated[
        bool,
        typer.Option(
            "--topic-folds",
            help="With --data: train and score folds of whole topics instead (scikit-learn).",
        ),
    ] = False,
    folds: Annotated[int, typer.Option("--folds", help="Topic folds (--topic-folds).")] = 5,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample-topics",
            help="--topic-folds on a seeded sample of this many topics only (a quicker run).",
        ),
    ] = None,
    recipe: Annotated[
        list[str] | None,
        typer.Option(
            "--recipe",
            help="Recipe to cross-validate (--topic-folds): plain (the default), evidence, scope, "
            "short, short-prior, short-balanced or short-cross, or the gate known-claim (a "
            "pair whose claim the fold trained on read by plain, any other by short-cross); "
            "repeat it to score several on the same folds (metrics named <recipe>_<metric>).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Stance: FNC score, macro-F1 and per-class F1 on pairs whose body was not trained on."""
    from parallax.eval.stance import (
        CV_RECIPES,
        DEFAULT_RECIPE,
        evaluate_stance,
        evaluate_stance_topics,
    )

    if topic_folds:
        if data is None:
            raise typer.BadParameter("--topic-folds needs --data")
        unknown = sorted(set(recipe or ()) - set(CV_RECIPES))
        if unknown:
            raise typer.BadParameter(f"unknown recipe {unknown[0]}; known: {', '.join(CV_RECIPES)}")
        if folds < 2:
            raise typer.BadParameter("--folds needs at least 2")
        if sample is not None and sample < folds:
            raise typer.BadParameter("--sample-topics needs at least one topic per fold")
        found = evaluate_stance_topics(
            data, recipes=recipe or [DEFAULT_RECIPE], folds=folds, sample=sample
        )
        print_metrics(found, as_json=as_json)
        return
    if data is not None:
        bodies, stances = data / "train_bodies.csv", data / "train_stances.csv"
    if bodies is None or stances is None:
        raise typer.BadParameter("give --bodies and --stances, or --data")
    print_metrics(evaluate_stance(bodies, stances, unseen_claims=unseen_claims), as_json=as_json)


@app.command("bias")
def bias(
    data: Annotated[Path, data_option("BABE folder (final_labels_SG2.csv).")],
    embed: Annotated[
        bool, typer.Option("--embed/--no-embed", help="Include the MiniLM sentence embedding.")
    ] = True,
    group: Annotated[
        str, typer.Option(help="Keep in one fold: sentence (duplicates), article or outlet.")
    ] = "sentence",
    as_json: JsonOption = False,
) -> None:
    """Sentence bias: 5-fold cross-validated macro-F1 on BABE (needs scikit-learn)."""
    from parallax.eval.bias import evaluate_bias

    print_metrics(evaluate_bias(data, embed=embed, group=group), as_json=as_json)


@app.command("propaganda")
def propaganda(
    data: Annotated[
        Path,
        data_option(
            "ptc: PTC folder (articles/, *-TC.labels), e.g. ptc/train; unlp: a folder of UNLP "
            "2025 posts (*.jsonl)."
        ),
    ],
    folds: Annotated[
        int,
        typer.Option(
            help="Cross-validate fresh models in this many folds grouped by article (ptc) or "
            "channel (unlp) (0: score the model in use on the documents it was not trained on)."
        ),
    ] = 0,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="ptc (English persuasion techniques: TC micro-F1, SI span F1) or unlp (ru/uk "
            "manipulation techniques: macro-F1; needs the non-commercial model extra).",
        ),
    ] = "ptc",
    model: Annotated[
        Path | None,
        typer.Option(help="unlp: a model folder (default: the installed extra's)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Persuasion techniques: TC micro-F1 on gold spans and SI span F1 (ptc), or technique
    macro-F1 (unlp), on held-out documents."""
    if fmt == "unlp":
        from parallax.eval.propaganda_unlp import evaluate_unlp

        print_metrics(evaluate_unlp(data, folds=folds, model=model), as_json=as_json)
        return
    if fmt != "ptc":
        raise typer.BadParameter("expected ptc or unlp", param_hint="--format")
    from parallax.eval.propaganda import evaluate_propaganda

    print_metrics(evaluate_propaganda(data, folds=folds), as_json=as_json)
