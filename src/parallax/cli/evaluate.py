"""``parallax eval ...``: accuracy on public data, paths always given as arguments.

Each command prints one ``name: value`` line per metric, or a JSON object with ``--json``.
"""

# Without postponed annotations: the commands made in data_command are annotated with the help
# text of each, a closure variable Typer could not resolve from a string.

import importlib
import json
from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import console, data_option, load_function

app = typer.Typer(
    help="Measure accuracy on public data sets (data paths are arguments).", no_args_is_help=True
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of lines.")]
EventGroupsOption = Annotated[
    bool,
    typer.Option(
        "--event-groups",
        help="Group claims by event clusters of their stored event mentions (the "
        "compare_events setting).",
    ),
]
EmbedderOption = Annotated[
    str | None,
    typer.Option(
        help="auto (the product's default: minilm), minilm, minilm-torch, multilingual "
        "(e5, by language pair) or tfidf (none)."
    ),
]


def print_metrics(metrics: dict[str, float], *, as_json: bool) -> None:
    """Print metrics as ``name: value`` lines or as one JSON object."""
    if as_json:
        console.file.write(json.dumps(metrics, sort_keys=True) + "\n")
        return
    for name, value in metrics.items():
        counted = isinstance(value, int) or (
            isinstance(value, float) and value.is_integer() and value > 1
        )
        shown = str(int(value)) if counted else f"{value:.4f}"
        console.print(f"{name}: {shown}", markup=False)


def data_command(name: str, data_help: str, summary: str, scorer: str) -> None:
    """Add ``parallax eval NAME --data PATH [--json]``, printing the metrics ``scorer(data)``
    returns (``scorer`` is ``module:function``, imported when the command runs)."""

    def command(data: Annotated[Path, data_option(data_help)], as_json: JsonOption = False) -> None:
        print_metrics(load_function(scorer)(data), as_json=as_json)

    command.__doc__ = summary
    app.command(name)(command)


@app.command("extraction")
def extraction(
    data: Annotated[Path, data_option("Folder with ground-truth.json and html/*.html.gz.")],
    extractor: Annotated[
        str,
        typer.Option(
            help="parallax (ours: trafilatura + cleaning), html (no cleaning), or trafilatura."
        ),
    ] = "parallax",
    as_json: JsonOption = False,
) -> None:
    """Main-text extraction F1 in the ScrapingHub benchmark's format and metric."""
    from parallax.eval.extraction import evaluate_extraction

    print_metrics(evaluate_extraction(data, extractor=extractor), as_json=as_json)


@app.command("stories")
def stories(
    data: Annotated[
        Path,
        data_option(
            "The data set's folder (BASIL, UCI slice, FNC-1; slavicner: a folder with raw/, "
            "every document under it grouped, topics as the gold stories)."
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", help="basil, uci, fnc or slavicner.")],
    part: Annotated[
        str | None,
        typer.Option(help="dev (the default), eval (the other half) or all; slavicner: all."),
    ] = None,
    embedder: EmbedderOption = None,
    as_json: JsonOption = False,
) -> None:
    """Story grouping: B-cubed precision, recall, F1 and pairwise F1 against gold stories."""
    from parallax.eval.stories import default_part, evaluate_stories

    metrics = evaluate_stories(data, fmt=fmt, part=part or default_part(fmt), embedder=embedder)
    print_metrics(metrics, as_json=as_json)


@app.command("similarity")
def similarity(
    data: Annotated[
        Path, data_option("SemEval-2022 Task 8 pairs CSV, or a folder with training_set.csv.")
    ],
    embedder: Annotated[
        str | None,
        typer.Option(
            help="auto, minilm, minilm-torch or tfidf; with --languages: minilm, e5, use, e5+use "
            "or multilingual (the default: MiniLM for en-en, calibrated e5 for the rest)."
        ),
    ] = None,
    languages: Annotated[
        str | None,
        typer.Option(
            help="all, or language pairs such as en,de-en,ru: Pearson r per pair and overall, "
            "across languages too (without it: English pairs, the product's blended score)."
        ),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(help="With --languages: a folder keeping the texts' vectors between runs."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Article-pair similarity: Pearson r against the task's Overall rating."""
    if languages is not None:
        from parallax.eval.similarity_languages import evaluate_similarity_languages

        metrics = evaluate_similarity_languages(
            data, languages=languages, embedder=embedder, cache=cache
        )
        print_metrics(metrics, as_json=as_json)
        return
    from parallax.eval.similarity import evaluate_similarity

    print_metrics(evaluate_similarity(data, embedder=embedder), as_json=as_json)


@app.command("timelines")
def timelines(
    data: Annotated[
        Path,
        data_option(
            "semeval2015: folder of CAT documents (Track A); timeline17: the Timeline17 folder "
            "(topic_outlet/ folders with articles.json and *.timeline.json) or one topic folder; "
            "basil: the BASIL folder (articles/YEAR/*.json)."
        ),
    ],
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="semeval2015: folder of gold timeline .txt files."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="semeval2015 (SemEval-2015 Task 4 gold events), timeline17 (journalists' "
            "timelines: date F1 and alignment ROUGE-1) or basil (no gold: each triplet's "
            "timeline, its sections and entries dated after the story).",
        ),
    ] = "semeval2015",
    limit_articles: Annotated[
        int | None,
        typer.Option(
            help="timeline17: analyse at most N articles per topic, spread over its dates."
        ),
    ] = None,
    shifted: Annotated[
        bool,
        typer.Option(
            "--shifted",
            help="timeline17: with --limit-articles, the articles half a step later (a second "
            "sample of each topic, mostly of other articles).",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Story timelines against gold timelines (SemEval-2015 Task 4 events, Timeline17), or
    BASIL's timelines with no gold."""
    from parallax.eval.timelines import (
        evaluate_basil_timelines,
        evaluate_timeline17,
        evaluate_timelines,
    )

    if fmt == "basil":
        print_metrics(evaluate_basil_timelines(data), as_json=as_json)
        return
    if fmt == "timeline17":
        metrics = evaluate_timeline17(data, limit_articles=limit_articles, shifted=shifted)
        print_metrics(metrics, as_json=as_json)
        return
    if fmt != "semeval2015":
        raise typer.BadParameter("expected semeval2015, timeline17 or basil", param_hint="--format")
    if gold is None:
        raise typer.BadParameter("semeval2015 needs the gold timelines", param_hint="--gold")
    print_metrics(evaluate_timelines(data, gold), as_json=as_json)


@app.command("quotes")
def quotes(
    data: Annotated[Path, data_option("PolNeAR-format folder (e.g. polnear/dev).")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Quote attribution: span F1 (exact, overlap) for content, source and cue; speaker match."""
    from parallax.eval.quotes import evaluate_quotes

    print_metrics(evaluate_quotes(data, limit=limit), as_json=as_json)


@app.command("dates")
def dates(
    data: Annotated[
        Path,
        data_option(
            "Folder of TimeML (.tml) or MEANTIME CAT files; with --timelines, SemEval-2015 "
            "Task 4 CAT documents."
        ),
    ],
    per_topic: Annotated[
        bool,
        typer.Option(
            "--per-topic",
            help="Also score each folder (MEANTIME topic) on its own, and the mean value F1.",
        ),
    ] = False,
    timelines: Annotated[
        Path | None,
        typer.Option(
            "--timelines",
            help="Gold timelines (SemEval-2015 Task 4 .txt): score the dates of the events "
            "our time expressions govern instead of gold TIMEX3.",
        ),
    ] = None,
    language: Annotated[
        str,
        typer.Option(
            "--language",
            help="The documents' language: en (the default), ru or uk; that language's NLP "
            "stage finds the dates.",
        ),
    ] = "en",
    as_json: JsonOption = False,
) -> None:
    """Time expressions: extent F1 (strict, relaxed) and value F1, as TempEval-3 scores them,
    or the dates they give gold timeline events."""
    from parallax.eval.dates import evaluate_dates, evaluate_event_dates

    if timelines is not None:
        print_metrics(evaluate_event_dates(data, timelines), as_json=as_json)
        return
    print_metrics(evaluate_dates(data, per_topic=per_topic, language=language), as_json=as_json)


@app.command("claims")
def claims(
    data: Annotated[Path, data_option("CheckThat! 2019 Task 1 folder of debate TSV files.")],
    held_out: Annotated[
        bool, typer.Option("--held-out", help="Score only the debates kept out of fitting.")
    ] = False,
    fit: Annotated[
        Path | None,
        typer.Option(help="Refit the weights on the other debates, write them here, score them."),
    ] = None,
    lodo: Annotated[
        bool,
        typer.Option(
            "--lodo", help="Leave one debate out: rank each with weights fitted on the others."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Check-worthiness ranking: MAP, MRR, R-precision and P@k over the debates."""
    from parallax.eval.claims import evaluate_claims, evaluate_claims_lodo
    from parallax.training.claims import fit_claims

    if lodo:
        print_metrics(evaluate_claims_lodo(data), as_json=as_json)
        return
    model = fit_claims(data, fit) if fit is not None else None
    print_metrics(evaluate_claims(data, held_out=held_out, model=model), as_json=as_json)


#: The modules that add their commands to :data:`app` when imported (``eval stance``, …).
COMMAND_MODULES = (
    "parallax.cli.evaluate_compare",
    "parallax.cli.evaluate_events",
    "parallax.cli.evaluate_metadata",
    "parallax.cli.evaluate_ner",
    "parallax.cli.evaluate_omission",
    "parallax.cli.evaluate_pairs",
)


def register(parent: typer.Typer) -> None:
    """Add ``eval`` and every one of its commands to the app."""
    for module in COMMAND_MODULES:
        importlib.import_module(module)
    parent.add_typer(app, name="eval")
