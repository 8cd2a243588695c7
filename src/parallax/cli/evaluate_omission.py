"""``parallax eval omission|comparison|reliability``: what an outlet omits, a corpus report of
comparisons, and how often each kind of contradiction is real.

Registered on the ``eval`` app of :mod:`parallax.cli.evaluate` by importing this module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import console, data_option
from parallax.cli.evaluate import EventGroupsOption, JsonOption, app, data_command, print_metrics

data_command(
    "omission",
    "Cherry folder (val.csv, clean_data_w_summary_train.csv) or one file.",
    'Omission: would the comparison list a statement under "omits"? F1 against Cherry\'s\n'
    "importance labels, per split present.",
    "parallax.eval.omission:evaluate_omission",
)


@app.command("comparison")
def comparison(
    data: Annotated[Path, data_option("The data set's folder (BASIL: articles/<year>/*.json).")],
    fmt: Annotated[str, typer.Option("--format", help="basil.")] = "basil",
    limit: Annotated[int | None, typer.Option(help="Compare only the first N stories.")] = None,
    event_groups: EventGroupsOption = False,
    as_json: JsonOption = False,
) -> None:
    """Corpus report with no gold: per story the only-here rate, contradictions by kind and
    timeline entries per article, and their means (--json adds the per-story rows)."""
    from parallax.eval.comparison import evaluate_comparison

    metrics, rows = evaluate_comparison(data, fmt=fmt, limit=limit, events=event_groups)
    if as_json:
        document = {**metrics, "rows": [row.as_dict() for row in rows]}
        console.file.write(json.dumps(document, sort_keys=True) + "\n")
        return
    print_metrics(metrics, as_json=False)


@app.command("reliability")
def reliability(
    data: Annotated[Path, data_option("iSTS-2016 headlines folder (STSint.*.wa).")],
    as_json: JsonOption = False,
) -> None:
    """Contradictions by kind on labelled headline pairs: how many are real (an OPPO gold
    alignment) and how many false; the table behind a contradiction's score."""
    from parallax.eval.reliability import conflict_reliability

    table = conflict_reliability(data)
    metrics = {f"{kind}_{side}": float(n) for kind, counts in table.items()
               for side, n in zip(("real", "false"), counts, strict=True)}  # fmt: skip
    print_metrics(metrics, as_json=as_json)
