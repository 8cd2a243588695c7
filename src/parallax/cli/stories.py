"""``parallax stories | story ID | timeline ID``: stories, their articles and dated developments."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from parallax.cli.common import DbOption, console, inert, open_corpus
from parallax.cli.render import article_table, timeline_table
from parallax.corpus import Corpus
from parallax.errors import Code, InputError
from parallax.model import Story
from parallax.query import StoryQuery


def _story(corpus: Corpus, story_id: str) -> Story:
    story = corpus.stories.get(story_id)
    if story is None:
        raise InputError(Code.NOT_FOUND, f"no story with id {story_id!r}", path=corpus.db)
    return story


def stories(
    ctx: typer.Context,
    db: DbOption = None,
    language: Annotated[
        str | None,
        typer.Option(help="Only stories with an article in this language (ISO 639-1, e.g. uk)."),
    ] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many.")] = 50,
) -> None:
    """List stories, most recently active first, with their outlets, dates and titles.

    Each title is the neutral one its page shows, stored when the story was compared: a
    headline several outlets share, else the shared event, never one outlet's headline when
    outlets word it differently (a story not yet compared shows its grouper's headline).
    """
    with open_corpus(ctx, db) as corpus:
        if language:  # stories with an article in that language
            found = list(corpus.stories.page(StoryQuery(language=language, limit=limit)).items)
        else:
            found = corpus.stories.list(limit=limit)
    table = Table(expand=True)
    for column in ("id", "first", "last", "articles", "outlets", "title"):
        table.add_column(column, no_wrap=column != "title", overflow="fold")
    for story in found:
        table.add_row(
            story.id,
            str(story.first_seen or "—"),
            str(story.last_seen or "—"),
            str(len(story.article_ids)),
            inert(", ".join(story.outlets)),
            inert(story.title),
        )
    console.print(table if found else "no stories yet: run parallax analyze")


def story(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id (or a unique prefix).")],
    db: DbOption = None,
    why: Annotated[
        str | None, typer.Option("--why", help="Explain why this article is in the story.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only what is new since this date (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Show a story: its articles, outlets, key entities and timeline."""
    try:
        cutoff = date.fromisoformat(since) if since else None
    except ValueError as error:
        raise InputError(Code.BAD_DATE, f"--since expects YYYY-MM-DD, got {since!r}") from error
    with open_corpus(ctx, db) as corpus:
        found = _story(corpus, story_id)
        if why:
            assignment = corpus.stories.of(why)
            if assignment is None:
                raise InputError(Code.NOT_FOUND, f"article {why!r} has no story", path=corpus.db)
            for line in assignment[1]["lines"]:
                console.print(Text(line))
            if assignment[0] != found.id:
                console.print(Text(f"(the article is now in story {assignment[0]})"))
            return
        articles = [a for a in (corpus.articles.get(i) for i in found.article_ids) if a is not None]
        entries = corpus.stories.timeline(found.id)
    if cutoff:
        articles = [a for a in articles if a.published and a.published >= cutoff]
        entries = [
            entry
            for entry in entries
            if any(source.published and source.published >= cutoff for source in entry.sources)
        ]
    console.print(inert(found.title, style="bold"))
    console.print(
        Text(
            f"{found.id} · {found.first_seen or '?'} → {found.last_seen or '?'} · "
            f"outlets: {', '.join(found.outlets)}\nkey entities: {', '.join(found.entities)}"
        )
    )
    console.print(article_table(articles))
    console.print(timeline_table(entries))


def timeline(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id (or a unique prefix).")],
    db: DbOption = None,
) -> None:
    """Show a story's dated developments, each with the outlets that report it."""
    with open_corpus(ctx, db) as corpus:
        entries = corpus.stories.timeline(_story(corpus, story_id).id)
    console.print(timeline_table(entries))


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    for command in (stories, story, timeline):
        app.command()(command)
