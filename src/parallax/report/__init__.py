"""Reports: what Parallax found in a set of articles, as self-contained HTML, Markdown or JSON.

A report is built once (:func:`build_report`) and written in any format (:func:`write_report`).
Its per-article parts (:class:`~parallax.report.views.ArticleView`: the cleaned text with every
stored span highlighted, who said what, who and what is named, when, the check-worthy claims)
are the ones the web article page shows, and the HTML report is rendered from the same
templates (``parallax/report/templates``) with the same stylesheet inlined, so the two cannot
drift. A story report (a story id as the one ref) adds the story's parts
(:mod:`parallax.report.story`): coverage over time, the dated timeline and one column per
outlet from the comparison, as the story page shows them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

import parallax
from parallax.codec.articles import (
    article_to_dict,
    claim_to_dict,
    mention_to_dict,
    outlet_to_dict,
    quote_to_dict,
    time_expression_to_dict,
)
from parallax.errors import Code, ConfigError, InputError
from parallax.model import Article
from parallax.report.bounded import bounded_page
from parallax.report.glance import affiliation, glance
from parallax.report.headline import StoryHeadline, story_headline
from parallax.report.markdown import md, story_markdown
from parallax.report.spread import spread_bars
from parallax.report.story import StoryView, story_to_dict, story_view
from parallax.report.views import (
    ArticleView,
    article_view,
    file_name,
    marked_html,
    paragraphs,
    segment,
    web_url,
)
from parallax.report.wording import (
    FRAMING_NOT_ENGLISH,
    bias_words,
    framing_headlines,
    methods,
    reliability_words,
    score_words,
    tone_words,
)

if TYPE_CHECKING:
    from parallax.corpus import Corpus

__all__ = [
    "FORMATS",
    "Report",
    "build_report",
    "report_to_dict",
    "report_to_html",
    "report_to_markdown",
    "template_environment",
    "write_report",
]

FORMATS = ("html", "md", "json")


@dataclass(frozen=True, slots=True)
class Report:
    """A report over one or more articles; ``kind`` is ``article``, ``articles`` or ``story``
    (then ``story`` holds the story's timeline, coverage and outlet columns)."""

    title: str
    kind: str
    articles: tuple[ArticleView, ...]
    version: str = parallax.__version__
    story: StoryView | None = None


def story_report(corpus: Corpus, view: StoryView, *, title: str | None = None) -> Report:
    """Return the report of one story from its view: the story, then each of its articles."""
    views = tuple(article_view(corpus, article) for article in view.articles)
    return Report(title or story_headline(view).title, "story", views, story=view)


def build_report(corpus: Corpus, refs: Sequence[str], *, title: str | None = None) -> Report:
    """Return a report over the articles ``refs`` name: article ids (or unique prefixes), or
    outlets (id, name, alias or domain) standing for all their articles; or, when the one ref
    is a story id (or a unique prefix of one), over the story and its articles.

    Raises:
        InputError: a ref names neither an article nor an outlet with articles.
        ConfigError: no ref is given.
    """
    if not refs:
        raise ConfigError(Code.CONFIG, "name at least one article id or outlet")
    story = corpus.stories.get(refs[0]) if len(refs) == 1 else None
    if story is not None:
        return story_report(corpus, story_view(corpus, story, compare=corpus.compare), title=title)
    articles: dict[str, Article] = {}
    for ref in refs:
        one = corpus.articles.get(ref)
        found = [one] if one else corpus.articles.list(outlet=ref)
        if not found:
            reason = f"no article or outlet with articles matches {ref!r}"
            raise InputError(Code.NOT_FOUND, reason, path=corpus.db)
        articles.update((article.id, article) for article in found)
    views = tuple(article_view(corpus, article) for article in articles.values())
    if title is None and len(views) == 1:
        title = views[0].article.title or f"Article {views[0].article.id}"
    kind = "article" if len(views) == 1 else "articles"
    return Report(title or f"{len(views)} articles", kind, views)


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the JSON form: the export's article fields, plus entity ids and outlet profiles."""
    articles = []
    for view in report.articles:
        links, analysis = view.links, view.analysis
        articles.append(
            article_to_dict(view.article)
            | {
                "analysis_version": analysis.version,
                "outlet_profile": outlet_to_dict(view.outlet) if view.outlet else None,
                "entities": [
                    mention_to_dict(m) | {"entity_id": links.mentions.get((m.label, m.entity))}
                    for m in analysis.mentions
                ],
                "quotes": [
                    quote_to_dict(q) | {"speaker_id": links.speakers.get(q.speaker or "")}
                    for q in analysis.quotes
                ],
                "dates": [time_expression_to_dict(d) for d in analysis.dates],
                "claims": [claim_to_dict(c) for c in analysis.claims],
            }
        )
    meta = {"title": report.title, "kind": report.kind, "generator": f"Parallax {report.version}"}
    result: dict[str, Any] = {"report": meta, "articles": articles}
    if report.story is not None:
        result["story"] = story_to_dict(report.story)
    return result


def _md_article(view: ArticleView, level: str) -> list[str]:
    """Markdown lines for one article; ``level`` is the heading mark of its sections."""
    article, lines = view.article, []
    outlet = f"{md(article.outlet or 'unknown')} (recognised by {md(article.outlet_evidence)})"
    if view.outlet and view.outlet.state_affiliation:
        outlet += f"; state affiliation: {md(view.outlet.state_affiliation.value)}"
    published = article.published.isoformat() if article.published else "unknown"
    lines += [f"- Outlet: {outlet}", f"- Published: {published} ({md(article.published_source)})"]
    lines += [f"- URL: {md(article.url or 'none given')}", f"- Id: {md(article.id)}"]
    if article.captured:
        lines.append(f"- Captured: {md(article.captured)}")
    if len(view.revisions) > 1:
        times = ", ".join(md(r.captured or "capture time unknown") for r in view.revisions)
        lines.append(f"- Revisions: {len(view.revisions)}, captured {times}; the latest is shown")
    if view.headline_only:
        lines += [
            "",
            "**Headline only:** the feed gave this item's title and summary, not the article.",
        ]
    lines.append("")
    if not view.analysed:
        return [*lines, "Not analysed yet: run `parallax analyze`.", ""]
    lines += [f"{level} Who said what", ""]
    for speaker in view.speakers():
        who = "Unattributed" if not speaker.name else f"**{md(speaker.name)}**"
        lines.append(f"- {who}" + ("" if speaker.named or not speaker.name else " (unnamed)"))
        lines += [f"  - {md(q.kind)}: {md(q.text)} ({q.start}–{q.end})" for _, q in speaker.quotes]
    lines += ["", f"{level} Named", ""]
    for heading, entities in view.named():
        names = ", ".join(f"{md(e.name)} ({e.mentions})" for e in entities)
        lines.append(f"- {md(heading)}: {names}")
    lines += ["", f"{level} When", "", "| as written | resolved | type |", "| --- | --- | --- |"]
    lines += [f"| {md(d.text)} | {md(d.value or '—')} | {md(d.type)} |" for _, d in view.dates()]
    lines += ["", f"{level} Claims", "", "| score | claim | numbers |", "| --- | --- | --- |"]
    for _, claim in view.claims():
        numbers = "; ".join(
            f"{md(q.text)} = {q.value:g} {md(q.unit or '')}".strip()
            for q in claim.quantities
            if q.value is not None
        )
        lines.append(f"| {claim.score:.2f} | {md(claim.text)} | {numbers} |")
    lines += ["", f"{level} Text", ""]
    return lines + [line for part in paragraphs(article.text) for line in (md(part), "")]


def report_to_markdown(report: Report) -> str:
    """Return the report as Markdown; all article content is escaped, so none renders as HTML."""
    lines = [f"# {md(report.title)}", "", f"A report by Parallax {report.version}.", ""]
    if report.story is not None:
        lines += [*story_markdown(report.story), "## Articles", ""]
    if len(report.articles) == 1 and report.story is None:
        lines += _md_article(report.articles[0], "##")
    several = len(report.articles) > 1 or report.story is not None
    for view in report.articles if several else ():
        title = view.article.title or f"Untitled article {view.article.id}"
        level = "###" if report.story is None else "####"
        lines += [f"{level[1:]} {md(title)}", "", *_md_article(view, level)]
    return "\n".join(lines).rstrip() + "\n"


def shown_headline(view: StoryView) -> StoryHeadline:
    """A story's neutral title and shared facts, computed once per view (a page shows them in
    several places)."""
    return view.once("headline", lambda: story_headline(view))


def template_environment() -> Environment:
    """Return the Jinja environment of pages and reports: autoescape on, undefined names fail."""
    environment = Environment(
        loader=PackageLoader("parallax.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        web_url=web_url, segment=segment, paragraphs=paragraphs, file_name=file_name
    )
    environment.globals.update(marked_html=marked_html, glance=glance, bounded_page=bounded_page)
    environment.globals.update(
        headline=shown_headline, spread=spread_bars, methods=methods, score_words=score_words
    )
    environment.globals["framing_headlines"] = framing_headlines
    environment.globals["framing_not_english"] = FRAMING_NOT_ENGLISH
    environment.filters.update(
        tone_words=tone_words, bias_words=bias_words, reliability_words=reliability_words
    )
    environment.filters["affiliation"] = affiliation
    return environment


def report_to_html(report: Report) -> str:
    """Return the report as one self-contained HTML page: inline CSS, no script, no assets."""
    css = (resources.files("parallax.report") / "static" / "parallax.css").read_text("utf-8")
    if "<" in css:  # the stylesheet goes in a <style> element unescaped: it must hold no tag
        raise ConfigError(Code.CONFIG, "the packaged stylesheet must not contain '<'")
    page = template_environment().get_template("report.html")
    # Our own stylesheet, checked above; everything from articles is escaped by the template.
    return page.render(report=report, css=Markup(css))


_WRITERS: dict[str, Callable[[Report], str]] = {
    "html": report_to_html,
    "md": report_to_markdown,
    "json": lambda report: json.dumps(report_to_dict(report), ensure_ascii=False, indent=1),
}


def write_report(report: Report, fmt: str, destination: str | Path | None = None) -> str | None:
    """Write ``report`` as html, md or json to ``destination``, or return it as text."""
    if fmt not in _WRITERS:
        raise ConfigError(
            Code.CONFIG, f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}"
        )
    text = _WRITERS[fmt](report)
    if destination is None:
        return text
    Path(destination).write_text(text, encoding="utf-8")
    return None
