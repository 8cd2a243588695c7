"""Markdown pieces of reports: escaping, and the sections of a story (timeline, coverage, one
section per outlet). Every piece of article content goes through :func:`md`, so nothing from
an article renders as HTML or as a link."""

from __future__ import annotations

import re

from parallax.comparison import Evidence
from parallax.model import TimelineEntry
from parallax.report.glance import glance
from parallax.report.headline import story_headline
from parallax.report.story import Highlighted, OutletColumn, StoryView
from parallax.report.wording import framing_headlines

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_LEADING = re.compile(r"^([-+=]|\d+(?=[.)]))")


def md(text: object) -> str:
    """Escape text for Markdown on one line: characters with a meaning are taken literally."""
    line = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _MD_LEADING.sub(lambda m: m[1] + "\\" if m[1][0].isdigit() else "\\" + m[1], line)


def _span(evidence: Evidence) -> str:
    where = f"{md(evidence.article_id)}, {evidence.start}–{evidence.end}"
    return f"{md(evidence.text)} ({where})"


def _marked(side: Highlighted) -> str:
    """A contradiction's side with its value in bold, every piece escaped."""
    value = f"**{md(side.value)}**" if side.value else ""
    where = f"{md(side.evidence.article_id)}, {side.evidence.start}–{side.evidence.end}"
    return f"{md(side.before)}{value}{md(side.after)} ({where})"


def contradictions_markdown(view: StoryView) -> list[str]:
    """Markdown lines of the story's contradictions, each once, values in bold."""
    lines = ["### Contradictions", ""]
    if not view.contradictions:
        return [*lines, "No two outlets say incompatible things about one event.", ""]
    for kind, score, explanation, first, second in view.contradictions:
        lines.append(f"- **{md(kind)}** (reliability {score:.2f}): {md(explanation)}")
        for side in (first, second):
            lines.append(f"  - {md(side.evidence.outlet)}: {_marked(side)}")
    return [*lines, ""]


def _column(column: OutletColumn) -> list[str]:
    lines = [f"### {md(column.outlet)}", ""]
    profile = column.profile
    for article in column.articles:
        published = article.published.isoformat() if article.published else "undated"
        title = article.title or f"Untitled article {article.id}"
        lines.append(f"- Article: {md(title)} ({published}, {md(article.id)})")
    if profile is not None:
        for label, fact in (("Country", profile.country), ("Owner", profile.owner),
                            ("State affiliation", profile.state_affiliation)):  # fmt: skip
            if fact is not None:
                lines.append(f"- {label}: {md(fact.value)} (source: {md(fact.source)})")
        for designation in profile.designations:
            lines.append(
                f"- Designation: {md(designation.issuer)}, {md(designation.date)}: "
                f"{md(designation.description)} (citation: {md(designation.citation)})"
            )
    lines.append("")
    found = column.comparison
    if found is None:
        return [*lines, "No comparison of this outlet is available.", ""]
    lines += ["#### Reports", ""]
    lines += [f"- {'(only here) ' if only else ''}{_span(e)}" for e, only in column.reports]
    lines += ["", "#### Omits", ""]
    lines += [f"- {md(g.summary)} (reported by {md(', '.join(g.outlets))})" for g in column.omits]
    count = len(column.contradictions)
    lines += ["", "#### Contradicts", ""]
    lines.append(f"{count} contradiction{'' if count == 1 else 's'} with other outlets (see "
                 "Contradictions)." if count else "No contradiction found.")  # fmt: skip
    lines += ["", "#### Quotes by speaker", ""]
    for speaker in found.quotes:
        who = md(speaker.speaker) + ("" if speaker.named else " (unnamed)")
        lines.append(f"- **{who}**" + (f", also quoted by {md(', '.join(speaker.shared_with))}"
                                        if speaker.shared_with else ""))  # fmt: skip
        lines += [f"  - {_span(quote)}" for quote in speaker.quotes]
    sourcing, share = found.sourcing, found.sourcing.attributed_share
    lines += ["", "#### Sourcing", ""]
    lines.append(
        f"{sourcing.quotes} quotes from {sourcing.speakers} speakers ({sourcing.unnamed} "
        f"unnamed); {sourcing.attributed_claims} attributed and {sourcing.asserted_claims} "
        "asserted claims" + (f" ({share:.0%} attributed)." if share is not None else ".")
    )
    lines += ["", "#### Framing", ""]
    lines += [f"- Loaded term: {md(t.term)} ×{t.count} ({md(t.source)})" for t in column.terms]
    lines += [
        f"- Loaded term in quotes (the speaker's, not counted as the outlet's): {md(t.term)}"
        f" ×{t.count} ({md(t.source)})"
        for t in column.quoted_terms
    ]
    for finding in found.framing.techniques:
        lines.append(
            f"- Technique {md(finding.label)} ({finding.score:.2f}): {_span(finding.evidence)}"
        )
    for finding in found.framing.biased_sentences:
        lines.append(f"- Biased ({finding.score:.2f}): {_span(finding.evidence)}")
    for tone in found.framing.tone:
        lines.append(
            f"- Tone toward {md(tone.entity)}: {tone.score:+.2f} ({tone.sentences} sentences)"
        )
    lines.extend(f"- {headline}" for headline in framing_headlines(found.framing.notes))
    return [*lines, ""]


def glance_markdown(view: StoryView) -> list[str]:
    """The story at a glance as a Markdown table: one row per outlet, its state badge and
    headlines as text (no link: nothing from an article becomes one), and its counts."""
    lines = ["## At a glance", ""]
    lines += [
        "| outlet | headlines | articles | claims | shared | only here | omits | contradictions |"
    ]
    lines += ["| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in glance(view):
        outlet = md(row.column.outlet)
        if row.badge:
            count = len(row.badge.designations)
            designated = (
                f"; {count} official designation{'' if count == 1 else 's'}" if count else ""
            )
            outlet += f" ({md(row.badge.label)}{designated})"
        titles = "; ".join(md(a.title or f"Untitled article {a.id}") for a in row.column.articles)
        counts = (row.claims, row.shared, row.only_here, row.omits, row.contradictions)
        numbers = " | ".join("–" if n is None else str(n) for n in counts)
        lines.append(f"| {outlet} | {titles} | {len(row.column.articles)} | {numbers} |")
    return [*lines, ""]


def story_markdown(view: StoryView) -> list[str]:
    """Markdown lines of a story: what it is, coverage per outlet, timeline, outlets."""
    story = view.story
    span = " – ".join(d.isoformat() for d in (story.first_seen, story.last_seen) if d)
    lines = [f"- Story: {md(story.id)}", f"- Dates: {span or 'unknown'}"]
    lines += [
        f"- Outlets: {md(', '.join(story.outlets))}",
        f"- Key entities: {md(', '.join(story.entities))}",
        "",
    ]
    summary = story_headline(view).summary
    if summary:
        lines += [f"Reported by more than one outlet: {md(summary)}", ""]
    lines += glance_markdown(view)
    lines += ["## Coverage over time", ""]
    if view.coverage is None:
        lines += ["No article of the story is dated.", ""]
    else:
        lines += [f"Articles per outlet per {view.coverage.grain}:", ""]
        for row in view.coverage.rows:
            days = ", ".join(f"{bar.start.isoformat()}: {bar.count}" for bar in row.bars)
            lines.append(f"- {md(row.outlet)} ({row.total}): {days}")
        lines.append("")
    lines += ["## Timeline", ""]
    sections = (
        ("main", None),
        ("minor", "### Reported by few of the story's articles"),
        ("background", "### Background"),
    )
    for section, title in sections:
        entries = [entry for entry in view.timeline if entry.section == section]
        if title and entries:
            lines += [title, ""]
        if entries:
            lines += _timeline_rows(entries)
    lines += ["## Outlets side by side", ""]
    lines += scope_markdown(view)
    if view.comparison is not None:
        lines += [f"Compared by {md(view.comparison.version)}.", ""]
        lines += contradictions_markdown(view)
    for column in view.columns:
        lines += _column(column)
    return lines


def scope_markdown(view: StoryView) -> list[str]:
    """The part of a long one-outlet story its page compared, when not all of it."""
    scope = view.scope
    if scope is None:
        return []
    if scope.cut:
        part = (
            f"Compared for the first {scope.compared_chars:,} characters of 1 of "
            f"{scope.articles} articles: each is longer than the page's budget of "
            f"{scope.budget:,} characters, so only the newest one's first sentences were read"
        )
    else:
        part = (
            f"Compared for {len(scope.compared)} of {scope.articles} articles: the newest that "
            f"fit in the page's budget of {scope.budget:,} characters"
        )
    return [
        f"{part} ({scope.compared_chars:,} of the story's {scope.chars:,} characters). "
        f"`parallax compare {md(view.story.id)}` compares and stores all of them.",
        "",
    ]


def when(entry: TimelineEntry) -> str:
    """How a timeline entry's date reads: stated, "reported by" a publication day, scheduled."""
    shown = entry.date if entry.basis == "stated" else f"reported by {entry.date}"
    return f"{shown} (scheduled)" if entry.scheduled else shown


def _timeline_rows(entries: list[TimelineEntry]) -> list[str]:
    lines = ["| date | what happened | reported by |", "| --- | --- | --- |"]
    for entry in entries:
        outlets = ", ".join(entry.outlets)
        lines.append(f"| {md(when(entry))} | {md(entry.summary)} | {md(outlets)} |")
    return [*lines, ""]
