"""``parallax train ...``: fit the comparison models on public data (needs scikit-learn).

Each command calls one library function, which writes a pickle-free artefact (by default into
the package's ``data/models/<name>/``) and returns a summary printed here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import console, data_option
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


@app.command("stance")
def stance(
    data: Annotated[Path, data_option("FNC-1 folder with train_bodies.csv, train_stances.csv.")],
    out: OutOption = None,
) -> None:
    """Stance (agree/disagree/discuss/unrelated) on FNC-1 train, 20% of bodies held out."""
    from parallax.training.stance import train_stance

    _print_summary(train_stance(data, out=out))


@app.command("bias")
def bias(
    data: Annotated[Path, data_option("BABE folder (final_labels_SG2.csv).")],
    out: OutOption = None,
) -> None:
    """Sentence bias on all of BABE (figures: `parallax eval bias`, cross-validated)."""
    from parallax.training.bias import train_bias

    _print_summary(train_bias(data, out=out))


@app.command("propaganda")
def propaganda(
    data: Annotated[Path, data_option("PTC train folder (articles/, *-TC.labels).")],
    out: OutOption = None,
) -> None:
    """Persuasion techniques (spans and 14 labels) on PTC's train articles, 20% held out."""
    from parallax.training.techniques import train_propaganda

    _print_summary(train_propaganda(data, out=out))


@app.command("omission")
def omission(
    data: Annotated[Path, data_option("Cherry folder (clean_data_w_summary_train.csv, val.csv).")],
    out: OutOption = None,
) -> None:
    """Omission importance on Cherry train less the val events; grouped CV over events."""
    from parallax.training.omission import train_omission

    _print_summary(train_omission(data, out=out))


@app.command("claim-pairs")
def claim_pairs(
    data: Annotated[Path, data_option("ECB+ folder (ECB+/<topic>/, the sentences CSV).")],
    mrpc: Annotated[Path, typer.Option("--mrpc", help="MRPC folder (msr_paraphrase_train.txt).")],
    out: OutOption = None,
) -> None:
    """Same event? ECB+ train topics (dev topics left out) and 80% of MRPC train."""
    from parallax.training.claim_pairs import train_claim_pairs

    _print_summary(train_claim_pairs(data, mrpc, out=out))


@app.command("event-pairs")
def event_pairs(
    data: Annotated[Path, data_option("ECB+ folder (ECB+/<topic>/, the sentences CSV).")],
    out: OutOption = None,
) -> None:
    """Same event? ECB+ event mentions of the train topics (1-35 less the dev topics);
    clustering thresholds by cross-validation grouped by topic."""
    from parallax.training.event_pairs import train_event_pairs

    _print_summary(train_event_pairs(data, out=out))
