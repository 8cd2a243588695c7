"""The CLI's timeline table names who reports each development, and counts the articles of no
known outlet (the bundled Russian and Ukrainian examples) instead of dropping them."""

from __future__ import annotations

from rich.console import Console

from parallax.cli.render import timeline_table
from parallax.model import TimelineEntry, TimelineSource


def _render(sources: tuple[TimelineSource, ...]) -> str:
    entry = TimelineEntry(
        date="2025-07-04", precision="day", basis="stated", summary="The move came.",
        sources=sources, extractor="test", section="main",
    )  # fmt: skip
    console = Console(width=400, record=True)
    console.print(timeline_table([entry]))
    return console.export_text()


def test_articles_of_no_known_outlet_are_counted() -> None:
    english = TimelineSource("a", "The Independent", 0, 14, "The move came.")
    russian = TimelineSource("b", None, 0, 5, "Пауза")
    ukrainian = TimelineSource("c", None, 0, 5, "Пауза")
    assert "The Independent, 2 articles of no known outlet" in _render(
        (english, russian, ukrainian)
    )
    only = _render((english,))
    assert "The Independent" in only and "no known outlet" not in only
