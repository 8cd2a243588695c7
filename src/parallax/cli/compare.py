"""``parallax compare STORY_ID``: how each outlet tells one story, side by side."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from parallax.cli.common import DbOption, console, open_corpus
from parallax.comparison import ContradictionSide, OutletComparison, StoryComparison
from parallax.errors import Code, InputError
from parallax.export import comparison_document
from parallax.model import Outlet
from parallax.report.wording import score_words


def _profile(outlet: Outlet | None) -> Text:
    if outlet is None:
        return Text("not in the outlet registry", style="dim")
    text = Text(outlet.name, style="bold")
    for label, fact in (
        ("country", outlet.country),
        ("owner", outlet.owner),
        ("state affiliation", outlet.state_affiliation),
    ):
        if fact is not None:
            text.append(f"\n{label}: {fact.value}")
            text.append(f" [{fact.source}]", style="cyan")
    for designation in outlet.designations:
        text.append(f"\ndesignated {designation.date} by {designation.issuer}", style="red")
    for score in outlet.scores:
        words = score_words(score.name, score.value)
        text.append(f"\n{words.title}: {words.value}", style="dim")
    return text


def _lines(items: list[str], limit: int, *, empty: str = "—") -> Text:
    if not items:
        return Text(empty, style="dim")
    shown = [f"• {item}" for item in items[:limit]]
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit} more")
    return Text("\n".join(shown))


def _side(side: ContradictionSide) -> Text:
    """One outlet's claim with the conflicting value highlighted."""
    text = Text(f"{side.span.outlet}: “", style="bold")
    claim = Text(side.span.text)
    if side.value is not None:
        claim.stylize("bold reverse", *side.value)
    text.append_text(claim)
    text.append("”")
    return text


def contradictions_table(comparison: StoryComparison) -> Table:
    """The story's contradictions, each once: its kind, score and both sides, values marked."""
    table = Table(expand=True, show_lines=True, title="Contradictions")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("kind", style="bold red", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("what each outlet says", ratio=1, overflow="fold")
    for number, item in enumerate(comparison.contradictions, start=1):
        sides = _side(item.first)
        sides.append("\n")
        sides.append_text(_side(item.second))
        sides.append(f"\n{item.explanation}", style="dim")
        table.add_row(str(number), item.kind, f"{item.score:.2f}", sides)
    return table


def _contradiction_count(comparison: StoryComparison, column: OutletComparison) -> Text:
    if not column.contradictions:
        return Text("—", style="dim")
    kinds = ", ".join(dict.fromkeys(c.kind for c in comparison.contradictions_of(column.outlet)))
    numbers = ", ".join(f"#{i + 1}" for i in column.contradictions)
    return Text(f"{len(column.contradictions)} ({kinds}): {numbers} in Contradictions below")


def _column(comparison: StoryComparison, column: OutletComparison, limit: int) -> list[Text]:
    def summaries(ids: tuple[str, ...]) -> list[str]:
        return [g.summary for g in (comparison.group(i) for i in ids) if g is not None]

    sourcing = column.sourcing
    share = sourcing.attributed_share
    covered = " → ".join(str(day or "?") for day in column.covered)
    quotes = [
        f"{s.speaker}{'' if s.named else ' (unnamed)'} ×{len(s.quotes)}"
        + (f" — also in {', '.join(s.shared_with)}" if s.shared_with else "")
        for s in column.quotes
    ]
    framing = column.framing
    terms = list(dict.fromkeys(f"{f.evidence.text} ({f.source})" for f in framing.terms))
    quoted = list(
        dict.fromkeys(f"{f.evidence.text} ({f.speaker or 'unnamed'})" for f in framing.quoted_terms)
    )
    techniques = [f"{f.label}: “{f.evidence.text}” {f.score:.2f}" for f in framing.techniques]
    tone = [f"{t.entity} {t.score:+.2f} ({t.sentences} sentences)" for t in framing.tone]
    return [
        _profile(column.profile),
        Text(f"{len(column.article_ids)} article(s), {covered}"),
        Text(
            f"{len(column.claims)} claims, {sourcing.attributed_claims} attributed"
            + (f" ({share:.0%})" if share is not None else "")
            + f"; {sourcing.quotes} quotes from {sourcing.speakers} speakers,"
            f" {sourcing.unnamed} unnamed"
        ),
        _lines(summaries(column.unique), limit),
        _lines(summaries(column.omitted), limit),
        _contradiction_count(comparison, column),
        _lines(quotes, limit),
        _lines(terms, limit),
        _lines(quoted, limit),
        _lines(techniques, limit),
        _lines(tone, limit),
    ]


ROWS = (
    "outlet",
    "coverage",
    "sourcing",
    "only here",
    "omits",
    "contradictions",
    "quotes by speaker",
    "loaded terms",
    "loaded terms in quotes (the speaker's, not counted)",
    "techniques",
    "tone",
)


def compare_table(comparison: StoryComparison, *, limit: int) -> Table:
    """One column per outlet, one row per aspect of the comparison."""
    table = Table(expand=True, show_lines=True)
    table.add_column("", style="bold", no_wrap=True)
    for column in comparison.outlets:
        table.add_column(column.outlet, ratio=1, overflow="fold")
    cells = [_column(comparison, column, limit) for column in comparison.outlets]
    for number, name in enumerate(ROWS):
        table.add_row(Text(name), *(cell[number] for cell in cells))
    return table


def compare(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id (or a unique prefix).")],
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the comparison as one JSON object.")
    ] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many items per cell.")] = 6,
) -> None:
    """Compare a story's outlets side by side: unique, omitted, contradictions, quotes, framing.

    Each outlet's column holds what only it reports, what others report that it omits over the
    period it covered, how many contradictions it is part of, whom it quotes, its loaded
    terms, persuasion techniques and tone, and its profile. The story's contradictions follow,
    each once, with the conflicting values highlighted.
    """
    with open_corpus(ctx, db) as corpus:
        comparison = corpus.compare(story_id)
        if comparison is None:
            raise InputError(Code.NOT_FOUND, f"no story with id {story_id!r}", path=corpus.db)
        story = corpus.stories.get(comparison.story_id)
        title = story.title if story is not None else None  # stored as it was compared
    if as_json:
        console.file.write(json.dumps(comparison_document(comparison), ensure_ascii=False) + "\n")
        return
    if title is not None:
        console.print(Text(title, style="bold"))
    console.print(
        Text(
            f"{comparison.story_id} · {len(comparison.groups)} claim groups · "
            f"{len(comparison.contradictions)} contradictions",
            style="dim",
        )
    )
    console.print(compare_table(comparison, limit=limit))
    if comparison.contradictions:
        console.print(contradictions_table(comparison))


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(compare)
