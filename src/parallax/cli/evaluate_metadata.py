"""``parallax eval metadata``: titles, dates and authors read from HTML pages.

Registered on the ``eval`` app of :mod:`parallax.cli.evaluate` by importing this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import data_option
from parallax.cli.evaluate import JsonOption, app, print_metrics


@app.command("metadata")
def metadata(
    data: Annotated[
        Path,
        data_option(
            "trafilatura's evaluation folder: evaldata.json and html-eval-and-cache.tar.xz "
            "(or its eval/ and cache/ folders unpacked)."
        ),
    ],
    part: Annotated[
        str, typer.Option(help="all, dev or test: one half of the sites, split by host.")
    ] = "all",
    extractor: Annotated[
        str,
        typer.Option(help="parallax (our HTML reader) or trafilatura (extract_metadata)."),
    ] = "parallax",
    as_json: JsonOption = False,
) -> None:
    """Page metadata: title exact and relaxed match, date same-day accuracy and dates given to
    undated pages, author match, against trafilatura's annotated pages."""
    from parallax.eval.metadata import evaluate_metadata

    metrics = evaluate_metadata(data, part=part, extractor=extractor)
    print_metrics(metrics, as_json=as_json)
