"""``parallax eval paraphrase|alignment``: the comparison's pair decision on public pairs.

Registered on the ``eval`` app of :mod:`parallax.cli.evaluate` by importing this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import data_option
from parallax.cli.evaluate import JsonOption, app, print_metrics

EmbedOption = Annotated[
    bool,
    typer.Option(
        "--embed/--no-embed",
        help="Include the MiniLM embedding (default: when installed).",
        show_default=False,
    ),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", help="Score only the first N pairs (a subset).")
]


@app.command("paraphrase")
def paraphrase(
    data: Annotated[Path, data_option("MRPC folder (msr_paraphrase_*.txt).")],
    embed: EmbedOption = True,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Same claim?: accuracy, F1, precision, recall on MRPC pairs; grouped 5-fold CV threshold."""
    from parallax.eval.paraphrase import evaluate_paraphrase

    print_metrics(evaluate_paraphrase(data, embed=embed, limit=limit), as_json=as_json)


@app.command("alignment")
def alignment(
    data: Annotated[Path, data_option("iSTS-2016 headlines folder (*.wa), e.g. …/train.")],
    embed: EmbedOption = True,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Agree / contradiction / unique on iSTS headline chunks: confusion, false contradictions."""
    from parallax.eval.alignment import evaluate_alignment

    print_metrics(evaluate_alignment(data, embed=embed, limit=limit), as_json=as_json)
