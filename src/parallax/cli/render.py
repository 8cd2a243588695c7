"""Rich renderings shared by several commands. All article content is printed as plain text,
never interpreted as Rich markup."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from parallax.cli.common import inert
from parallax.model import Article, Outlet, Revision, Sourced, TimelineEntry
from parallax.report.wording import score_words
from parallax.results import StoredAnalysis


def _fact(label: str, fact: Sourced | None) -> list[Text]:
    if fact is None:
        return [
            Text(label, style="bold"),
            Text("not documented in the registry", style="dim"),
            Text(""),
        ]
    value = Text(fact.value)
    if fact.note:
        value.append(f"\n{fact.note}", style="dim")
    return [Text(label, style="bold"), value, Text(fact.source, style="cyan")]


def outlet_panel(outlet: Outlet) -> Panel:
    """A profile card: every fact with the source it comes from."""
    table = Table(show_header=True, header_style="bold", expand=True, box=None)
    table.add_column("field", no_wrap=True)
    table.add_column("value", ratio=3)
    table.add_column("source", ratio=2, overflow="fold")
    table.add_row(Text("domains", style="bold"), Text(", ".join(outlet.domains) or "—"), Text(""))
    for label, fact in (
        ("country", outlet.country),
        ("language", outlet.language),
        ("owner", outlet.owner),
        ("state affiliation", outlet.state_affiliation),
    ):
        table.add_row(*_fact(label, fact))
    for designation in outlet.designations:
        table.add_row(
            Text("designation", style="bold red"),
            Text(
                f"{designation.date} · {designation.issuer}: {designation.description}"
                + (f"\n{designation.note}" if designation.note else "")
            ),
            Text(designation.citation, style="cyan"),
        )
    for score in outlet.scores:
        note = f" ({score.note})" if score.note else ""
        words = score_words(score.name, score.value)
        # The field column does not wrap: the rating's long title goes with its value.
        table.add_row(
            Text("rating", style="bold"),
            Text(f"{words.title}: {words.value}{note} ({words.name})"),
            Text(f"{score.source} [{score.license}]", style="cyan"),
        )
    return Panel(table, title=Text(outlet.name, style="bold"), title_align="left")


def article_table(articles: list[Article]) -> Table:
    """One line per article: id, date, outlet, title (or the first words)."""
    table = Table(show_lines=False, expand=True)
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", no_wrap=True)
    table.add_column("title / opening", ratio=1, overflow="ellipsis", no_wrap=True)
    for article in articles:
        published = article.published.isoformat() if article.published else "unknown"
        headline = article.title or article.text[:120]
        dup = f" (duplicate of {article.duplicate_of[:8]})" if article.duplicate_of else ""
        table.add_row(article.id, published, inert(article.outlet or "—"), inert(headline + dup))
    return table


HEADLINE_ONLY = (
    "headline only: the feed gave this item's title and summary, not the article itself; "
    "the text below is that summary or title"
)


def article_view(
    article: Article,
    *,
    width: int | None = None,
    revisions: tuple[Revision, ...] = (),
    skipped: str | None = None,
) -> RenderableType:
    """Metadata, revisions and cleaned text of one article (a note first for a headline-only
    feed item); ``skipped``: why the NLP stage did not analyse it."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    published = article.published.isoformat() if article.published else "unknown"
    rows = [
        ("id", article.id),
        ("title", article.title or "—"),
        ("outlet", f"{article.outlet or '—'}  ({article.outlet_evidence or 'unresolved'})"),
        ("published", f"{published}  ({article.published_source})"),
        ("url", article.url or "—"),
        ("captured", article.captured or "—"),
        ("source", f"{article.source}{':' + article.record if article.record else ''}"),
        ("format", article.format),
        ("language", article.language or "unknown"),
        ("removed", ", ".join(sorted({r.rule for r in article.removals})) or "nothing"),
    ]
    if article.duplicate_of:
        rows.append(("duplicate of", article.duplicate_of))
    if article.flags:
        rows.append(("flags", ", ".join(article.flags)))
    if skipped:
        rows.append(("analysis", f"skipped: {skipped}"))
    if article.author:
        rows.insert(4, ("author", article.author))
    for key, value in rows:
        meta.add_row(key, inert(value))
    parts: list[RenderableType] = [meta]
    if "summary_only" in article.flags:
        parts = [Text(HEADLINE_ONLY, style="bold yellow"), *parts]
    if len(revisions) > 1:  # a single revision is the article itself
        parts.append(revision_table(revisions, shown=article.content_hash))
    return Group(*parts, Text(""), inert(article.text, lines=True))


def revision_table(revisions: tuple[Revision, ...], *, shown: str) -> Table:
    """The stored versions of an article, oldest capture first; the one shown is marked."""
    table = Table(title=f"revisions ({len(revisions)})", title_justify="left", expand=True)
    table.add_column("captured", no_wrap=True)
    table.add_column("shown", no_wrap=True)
    table.add_column("chars", no_wrap=True, justify="right")
    table.add_column("title", ratio=1, overflow="fold")
    table.add_column("read from", ratio=1, overflow="fold")
    for revision in revisions:
        captured = revision.captured or f"unknown (read {revision.ingested_at})"
        where = f"{revision.source}{':' + revision.record if revision.record else ''}"
        table.add_row(
            inert(captured),
            "yes" if revision.content_hash == shown else "",
            str(len(revision.text)),
            inert(revision.title or "—"),
            inert(where),
        )
    return table


def analysis_tables(analysis: StoredAnalysis) -> list[Table]:
    """Quotes with speakers, the people and organisations named, and resolved dates."""
    quotes = Table(title="Who said what", expand=True, title_justify="left")
    quotes.add_column("speaker", ratio=1)
    quotes.add_column("kind", no_wrap=True)
    quotes.add_column("quote", ratio=3)
    for quote in analysis.quotes:
        speaker = quote.speaker or f"(unnamed) {quote.speaker_text or ''}".strip()
        quotes.add_row(inert(speaker), quote.kind, inert(quote.text))
    named: dict[str, set[str]] = {}
    for mention in analysis.mentions:
        named.setdefault(mention.label, set()).add(mention.entity)
    entities = Table(title="Named", expand=True, title_justify="left", show_header=False)
    entities.add_column("label", no_wrap=True, style="bold")
    entities.add_column("entities", ratio=1)
    for label in sorted(named):
        entities.add_row(label, inert(", ".join(sorted(named[label]))))
    dates = Table(title="When", expand=True, title_justify="left")
    dates.add_column("as written")
    dates.add_column("type", no_wrap=True)
    dates.add_column("resolved", no_wrap=True)
    for expression in analysis.dates:
        dates.add_row(inert(expression.text), expression.type, expression.value or "—")
    return [quotes, entities, dates]


def timeline_table(entries: list[TimelineEntry]) -> Table:
    """A story's developments: date and grain, what happened, who reports it."""
    table = Table(title="Timeline", expand=True, title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("development", ratio=3)
    table.add_column("reported by", ratio=1)
    order = {"main": 0, "minor": 1, "background": 2}
    for entry in sorted(entries, key=lambda entry: order.get(entry.section, 0)):
        when = entry.date if entry.basis == "stated" else f"reported by {entry.date}"
        if entry.scheduled:
            when += " (scheduled)"
        grain = "" if entry.section == "main" else f"{entry.section}, "
        # Articles with no known outlet (the bundled ru/uk examples) are counted, not dropped.
        unknown = len({s.article_id for s in entry.sources if s.outlet is None})
        who = [*entry.outlets]
        if unknown:
            who.append(f"{unknown} article{'s' if unknown > 1 else ''} of no known outlet")
        table.add_row(
            Text(f"{when}\n({grain}{entry.precision})"),
            inert(entry.summary),
            inert(", ".join(who)),
        )
    return table
