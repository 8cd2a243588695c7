"""``parallax eval paraphrase|alignment``: the comparison's pair decision on public pairs.

Registered on the ``eval`` app of :mod:`parallax.cli.evaluate` by importing this module.
"""

# Without postponed annotations: see parallax.cli.evaluate.data_command.

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import data_option, load_function
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


def _pair_command(name: str, data_help: str, summary: str, scorer: str) -> None:
    """Add ``parallax eval NAME --data PATH [--embed/--no-embed] [--limit N] [--json]``, printing
    the metrics of ``scorer`` (``module:function``, imported when the command runs)."""

    def command(
        data: Annotated[Path, data_option(data_help)],
        embed: EmbedOption = True,
        limit: LimitOption = None,
        as_json: JsonOption = False,
    ) -> None:
        print_metrics(load_function(scorer)(data, embed=embed, limit=limit), as_json=as_json)

    command.__doc__ = summary
    app.command(name)(command)


_pair_command(
    "paraphrase",
    "MRPC folder (msr_paraphrase_*.txt).",
    "Same claim?: accuracy, F1, precision, recall on MRPC pairs; grouped 5-fold CV threshold.",
    "parallax.eval.paraphrase:evaluate_paraphrase",
)
_pair_command(
    "alignment",
    "iSTS-2016 headlines folder (*.wa), e.g. …/train.",
    "Agree / contradiction / unique on iSTS headline chunks: confusion, false contradictions.",
    "parallax.eval.alignment:evaluate_alignment",
)
