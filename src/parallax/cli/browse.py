"""``parallax articles|show|search|rejections``: look at what is stored."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from parallax.cli.common import DbOption, LanguageOption, console, inert, open_corpus, printable
from parallax.cli.render import article_table, article_view
from parallax.errors import Code, InputError


def articles(
    ctx: typer.Context,
    db: DbOption = None,
    outlet: Annotated[
        str | None, typer.Option(help="Only this outlet (name, alias or domain).")
    ] = None,
    language: LanguageOption = None,
    limit: Annotated[int, typer.Option(help="Show at most this many.")] = 50,
) -> None:
    """List stored articles by publication date."""
    with open_corpus(ctx, db) as corpus:
        found = corpus.articles.list(outlet=outlet, language=language, limit=limit)
        console.print(article_table(found))


def show(
    ctx: typer.Context,
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
    db: DbOption = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the raw text as received.")] = False,
) -> None:
    """Show one article: metadata, provenance and cleaned text."""
    with open_corpus(ctx, db) as corpus:
        article = corpus.articles.get(article_id)
        if article is None:
            raise InputError(Code.NOT_FOUND, f"no article with id {article_id!r}", path=corpus.db)
        revisions = tuple(corpus.articles.revisions(article.id))
        skipped = corpus.articles.analysis(article.id).skipped
        shown = article_view(article, revisions=revisions, skipped=skipped)
        console.print(inert(article.raw_text, lines=True) if raw else shown)
        duplicates = corpus.articles.duplicates(article.id)
        if duplicates:
            console.print(
                Text(f"\nnear-duplicates linked to this article: {', '.join(duplicates)}")
            )


def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to look for (all must match).")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Show at most this many.")] = 20,
) -> None:
    """Full-text search over titles and texts."""
    with open_corpus(ctx, db) as corpus:
        hits = corpus.articles.hits(query, limit=limit)
    table = Table(expand=True)
    for column in ("id", "published", "outlet", "match"):
        table.add_column(column, overflow="fold" if column == "match" else "ellipsis")
    for hit in hits:
        table.add_row(
            hit.article_id, hit.published or "unknown", inert(hit.outlet or "—"), inert(hit.snippet)
        )
    console.print(table if hits else f"no article matches {query!r}")


def rejections(
    ctx: typer.Context,
    db: DbOption = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
) -> None:
    """List inputs that could not be ingested, one line each: path[:record]: code reason."""
    with open_corpus(ctx, db) as corpus:
        found = corpus.articles.rejections(limit=limit)
    for rejection in found:
        console.print(Text(printable(rejection.line())), soft_wrap=True)
    if not found:
        console.print("no rejections")


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    for command in (articles, show, search, rejections):
        app.command()(command)
