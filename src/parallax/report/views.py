"""One article as a page or a report shows it: the text with every stored span highlighted,
and the panels (who said what, who and what is named, when, the check-worthy claims).

Highlighting never builds markup from article text: :func:`highlight` cuts the text at stored
offsets into plain-text pieces with the marks to open and close around them, and the templates
(autoescaped) or the Markdown writer escape every piece.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

from markupsafe import Markup

from parallax.model import Article, Claim, Outlet, Quote, Revision, TimeExpression
from parallax.results import ArticleLinks, LoadedTerm, StoredAnalysis

if TYPE_CHECKING:
    from parallax.corpus import Corpus

#: Headings for entity labels; other labels are shown as they are.
LABELS = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries, cities and states",
    "LOC": "Places",
    "NORP": "Nationalities and groups",
    "PRODUCT": "Products and weapons",
    "EVENT": "Events",
    "FAC": "Buildings and sites",
    "LAW": "Laws",
}
QUOTE_KINDS = ("direct", "partial", "reported")
#: Claims at least this check-worthy are marked more strongly.
HIGH_CLAIM = 0.75
# Outer marks first: a cited span (the target of a story page's evidence link) holds the
# claim or quote it is, a claim (a sentence) holds quotes, a quote holds dates and names, and a
# loaded term (one word) is innermost.
_LAYERS = {"span": -1, "claim": 0, "quote": 1, "time": 2, "entity": 3, "term": 4}
#: Where each loaded-term lexicon is described, for the mark's title.
TERM_SOURCES = {"parallax.loaded": "Parallax's list of judging words", "vader": "VADER 3.3.2"}
#: The kinds of marks, outermost first.
KINDS = tuple(_LAYERS)
_BREAK = re.compile(r"\n\s*\n")
# TIMEX values that are also valid HTML `datetime` values: dates, months, years, weeks, days.
_HTML_DATETIME = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|\d{4}-W\d{2}|P\d+[DW]")


def web_url(value: str | None) -> str | None:
    """Return ``value`` if it is an http(s) URL with a host (safe to link to), else None."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def file_name(source: str) -> str:
    """The name of the file (or the last part of the URL) an article was read from, without
    the folders of the machine that read it."""
    return PurePosixPath(source.replace("\\", "/").rstrip("/")).name or source


def segment(value: str) -> str:
    """Quote ``value`` as one URL path segment (a slash becomes %2F)."""
    return url_quote(value, safe="")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph (blank-line separated, whitespace trimmed)."""
    spans, position = [], 0
    for end, after in [*((m.start(), m.end()) for m in _BREAK.finditer(text)), (len(text), 0)]:
        chunk = text[position:end]
        start, stop = position + len(chunk) - len(chunk.lstrip()), position + len(chunk.rstrip())
        if stop > start:
            spans.append((start, stop))
        position = after
    return spans


def paragraphs(text: str) -> list[str]:
    """Split cleaned text into paragraphs at blank lines."""
    return [text[start:end] for start, end in paragraph_spans(text)]


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span of an article's text, numbered in text order within its kind.

    ``css`` and the anchor come from fixed vocabularies, never from the text; ``title`` is
    plain text (escaped where it is shown).
    """

    kind: str  # span | claim | quote | time | entity | term
    number: int
    start: int
    end: int
    css: str
    title: str
    entity_id: str | None = None  # an entity mark that links to its entity's page
    datetime: str | None = None  # a time mark's value, when it is a valid HTML datetime

    @property
    def tag(self) -> str:
        """The element the mark is shown as."""
        if self.kind == "quote":
            return "mark"
        if self.kind == "time" and self.datetime:
            return "time"
        return "a" if self.kind == "entity" and self.entity_id else "span"

    @property
    def anchor(self) -> str:
        """The id of the mark's first piece: ``claim-2``, ``quote-3``, ``time-1``, ``mention-7``;
        a cited span's is its offsets, ``span-120-245``, as evidence links name it."""
        if self.kind == "span":
            return f"span-{self.start}-{self.end}"
        return f"{'mention' if self.kind == 'entity' else self.kind}-{self.number}"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text between two span boundaries, with the marks to close and open before it.

    ``closes`` are innermost first; ``opens`` pairs each mark with True for its first piece.
    """

    closes: tuple[Mark, ...]
    opens: tuple[tuple[Mark, bool], ...]
    text: str


def _order(mark: Mark) -> tuple[int, int, int, int]:
    return (_LAYERS[mark.kind], mark.start, -mark.end, mark.number)


def highlight(text: str, marks: Iterable[Mark]) -> list[list[Piece]]:
    """Cut ``text`` into paragraphs of pieces so that ``marks`` nest as well-formed elements.

    A mark that crosses another (or a paragraph break) is closed and opened again around it,
    so each element holds only plain-text pieces and other whole elements; the order of
    nesting is fixed (claim, quote, time, entity; then longer first), so output is
    deterministic whatever the order of ``marks``.
    """
    ordered = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=_order)
    seen: set[int] = set()  # ids of the marks already opened once
    result: list[list[Piece]] = []
    for first, last in paragraph_spans(text):
        inside = [m for m in ordered if m.start < last and m.end > first]
        bounds = sorted({first, last, *(max(m.start, first) for m in inside)} | {
            min(m.end, last) for m in inside
        })  # fmt: skip
        stack: list[Mark] = []
        pieces: list[Piece] = []
        for start, end in pairwise(bounds):
            active = [m for m in inside if m.start <= start and m.end >= end]
            keep = 0
            while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
                keep += 1
            closes = tuple(reversed(stack[keep:]))
            opens = tuple((m, id(m) not in seen) for m in active[keep:])
            seen.update(id(m) for m in active[keep:])
            pieces.append(Piece(closes, opens, text[start:end]))
            stack = active
        pieces.append(Piece(tuple(reversed(stack)), (), ""))
        result.append(pieces)
    return result


_DATA = {
    "span": "data-span",
    "claim": "data-claim",
    "quote": "data-quote",
    "time": "data-time",
    "entity": "data-mention",
    "term": "data-term",
}


def _open_tag(mark: Mark, first: bool, prefix: str, entity_base: str) -> str:
    attributes = [("class", mark.css), (_DATA[mark.kind], str(mark.number))]
    attributes += [("title", mark.title)] if mark.title else []
    if mark.tag == "time":
        attributes.append(("datetime", mark.datetime or ""))
    if mark.tag == "a":
        attributes.append(("href", entity_base + segment(mark.entity_id or "")))
    if first:
        attributes.append(("id", prefix + mark.anchor))
    return (
        f"<{mark.tag}" + "".join(f' {name}="{escape(value)}"' for name, value in attributes) + ">"
    )


def marked_html(
    pieces: Iterable[Piece], prefix: str = "", entity_base: str = "/entities/"
) -> Markup:
    """Return one highlighted paragraph as HTML.

    Element and attribute names come from the fixed vocabulary above; every piece of text and
    every attribute value is escaped here, so nothing from an article reaches the page as
    markup. (Built in Python rather than with template macros: it is most of an article page,
    and an order of magnitude faster this way.)

    Args:
        pieces: One paragraph of :func:`highlight`.
        prefix: Put before every anchor, to keep anchors unique in a page of several articles.
        entity_base: Where entity links go: ``/entities/`` (pages), or an anchor prefix.
    """
    html: list[str] = []
    for piece in pieces:
        html += [f"</{mark.tag}>" for mark in piece.closes]
        html += [_open_tag(mark, first, prefix, entity_base) for mark, first in piece.opens]
        html.append(escape(piece.text))
    return Markup("".join(html))


def analysis_marks(analysis: StoredAnalysis, links: ArticleLinks) -> list[Mark]:
    """Return a mark for every claim, quote, time expression and entity mention stored."""
    marks = [
        Mark(
            "claim", n, c.start, c.end, "claim claim-high" if c.score >= HIGH_CLAIM else "claim",
            f"Claim {n} · check-worthiness {c.score:.2f}",
        )
        for n, c in enumerate(analysis.claims, 1)
    ]  # fmt: skip
    for n, q in enumerate(analysis.quotes, 1):
        kind = q.kind if q.kind in QUOTE_KINDS else "reported"
        who = q.speaker or (f"unnamed: {q.speaker_text}" if q.speaker_text else "unattributed")
        title = f"{who} · {kind} quote" + (f" · {q.cue}" if q.cue else "")
        marks.append(Mark("quote", n, q.start, q.end, f"quote quote-{kind}", title))
    for n, d in enumerate(analysis.dates, 1):
        title = f"{d.value or 'unresolved'} · {d.type}"
        valid = d.value if d.value and _HTML_DATETIME.fullmatch(d.value) else None
        marks.append(Mark("time", n, d.start, d.end, "timex", title, datetime=valid))
    linked_until = 0  # never an entity link inside another ("US" in "US president")
    for n, m in sorted(enumerate(analysis.mentions, 1), key=lambda p: (p[1].start, -p[1].end)):
        entity_id = links.mentions.get((m.label, m.entity))
        if entity_id and m.start >= linked_until:
            linked_until = m.end
        else:
            entity_id = None
        css = "entity entity-" + re.sub(r"[^a-z]", "", m.label.lower())
        title = f"{m.entity} · {m.label}" + (f" · {m.role}" if m.role else "")
        marks.append(Mark("entity", n, m.start, m.end, css, title, entity_id=entity_id))
    return marks


def span_marks(spans: Iterable[tuple[int, int]]) -> list[Mark]:
    """Return a cited-span mark for each distinct ``(start, end)``: the element that evidence
    links (``/articles/ID#span-START-END``) land on."""
    return [
        Mark("span", n, start, end, "cited", "")
        for n, (start, end) in enumerate(sorted(set(spans)), 1)
    ]


def term_marks(terms: Iterable[LoadedTerm]) -> list[Mark]:
    """Return a mark for every loaded term (``corpus.articles.loaded_terms``)."""
    return [
        Mark(
            "term", n, start, end, f"term term-{re.sub(r'[^a-z]', '', source.rsplit('.', 1)[-1])}",
            f"loaded term · {TERM_SOURCES.get(source, source)}",
        )
        for n, (start, end, _, source) in enumerate(terms, 1)
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker and the quotes given to it, each with its number (its anchor in the text).

    An unnamed source has no ``entity_id`` and ``named`` is False; ``name`` is then the
    descriptor the article uses ("a senior officer ..."), or empty when no source is given.
    """

    name: str
    named: bool
    entity_id: str | None
    quotes: tuple[tuple[int, Quote], ...]


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """An entity an article names: canonical name, id, mentions, number of the first."""

    name: str
    label: str
    entity_id: str | None
    mentions: int
    first: int


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article as a page or a report shows it: provenance, highlighted text, panels."""

    article: Article
    outlet: Outlet | None
    analysis: StoredAnalysis
    links: ArticleLinks
    loaded: tuple[LoadedTerm, ...] = ()
    revisions: tuple[Revision, ...] = ()

    @property
    def analysed(self) -> bool:
        """True when the NLP stage has analysed the article."""
        return self.analysis.version is not None

    @property
    def headline_only(self) -> bool:
        """True for a feed item that gave only a headline (its text is its summary or title)."""
        return "summary_only" in self.article.flags

    def paragraphs(self) -> list[list[Piece]]:
        """The cleaned text in paragraphs, every stored span and loaded term highlighted."""
        found = self.analysis
        cited = [(c.start, c.end) for c in found.claims] + [(q.start, q.end) for q in found.quotes]
        marks = [
            *span_marks(cited),
            *analysis_marks(found, self.links),
            *term_marks(self.loaded),
        ]
        return highlight(self.article.text, marks)

    def terms(self) -> list[tuple[str, int, str, int]]:
        """The loaded terms: (term, times used, lexicon, number of the first), most used first."""
        found: dict[str, list[tuple[int, str]]] = {}
        for number, (_, _, term, source) in enumerate(self.loaded, 1):
            found.setdefault(term.casefold(), []).append((number, source))
        return sorted(
            ((term, len(uses), uses[0][1], uses[0][0]) for term, uses in found.items()),
            key=lambda t: (-t[1], t[3]),
        )

    def speakers(self) -> list[Speaker]:
        """Who said what: named speakers by number of quotes, then unnamed sources."""
        groups: dict[tuple[bool, str], list[tuple[int, Quote]]] = {}
        for number, quote in enumerate(self.analysis.quotes, 1):
            name = quote.speaker or " ".join((quote.speaker_text or "").split())
            groups.setdefault((quote.speaker is not None, name), []).append((number, quote))
        speakers = [
            Speaker(name, named, self.links.speakers.get(name) if named else None, tuple(quotes))
            for (named, name), quotes in groups.items()
        ]
        return sorted(speakers, key=lambda s: (not s.named, -len(s.quotes), s.quotes[0][0]))

    def named(self) -> list[tuple[str, list[NamedEntity]]]:
        """The entities named, grouped under their label's heading, most mentioned first."""
        found: dict[tuple[str, str], list[int]] = {}
        for number, mention in enumerate(self.analysis.mentions, 1):
            found.setdefault((mention.label, mention.entity), []).append(number)
        groups: dict[str, list[NamedEntity]] = {}
        for (label, name), numbers in found.items():
            entity_id = self.links.mentions.get((label, name))
            entity = NamedEntity(name, label, entity_id, len(numbers), numbers[0])
            groups.setdefault(label, []).append(entity)
        order = list(LABELS)
        return [
            (LABELS.get(label, label), sorted(items, key=lambda e: (-e.mentions, e.name)))
            for label, items in sorted(
                groups.items(), key=lambda g: (order.index(g[0]) if g[0] in order else 99, g[0])
            )
        ]

    def dates(self) -> list[tuple[int, TimeExpression]]:
        """The time expressions in text order, with their numbers."""
        return list(enumerate(self.analysis.dates, 1))

    def claims(self) -> list[tuple[int, Claim]]:
        """The check-worthy claims, most check-worthy first, with their numbers."""
        return sorted(enumerate(self.analysis.claims, 1), key=lambda p: (-p[1].score, p[0]))


def article_view(corpus: Corpus, article: Article) -> ArticleView:
    """Return the view of one stored article: its outlet, analysis and entity links."""
    outlet = corpus.outlets.get(article.outlet_id) if article.outlet_id else None
    return ArticleView(
        article, outlet, corpus.articles.analysis(article.id), corpus.articles.links(article.id),
        tuple(corpus.articles.loaded_terms(article.text)),
        tuple(corpus.articles.revisions(article.id)),
    )  # fmt: skip


def find_article_view(corpus: Corpus, article_id: str) -> ArticleView | None:
    """Return the view of one article by id or unique id prefix; None when there is none."""
    article = corpus.articles.get(article_id)
    return article_view(corpus, article) if article else None
