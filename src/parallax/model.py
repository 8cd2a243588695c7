"""The data every stage passes on: frozen, slotted dataclasses.

Offsets everywhere are character offsets into an article's cleaned ``text``; the
``OffsetSegment`` map turns them back into offsets into ``raw_text``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

#: Called as a long step goes on with (items done, items in all, the last item's name).
Progress = Callable[[int, int, str], None]


def now() -> str:
    """Return the current UTC time as the ISO string every stored timestamp uses."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as a reader found it, before cleaning.

    ``raw_text`` is the text as received (for HTML inputs, the text trafilatura extracted).
    ``meta_spans`` are ``(start, end)`` spans of ``raw_text`` that carry metadata (a date line,
    a title line, a trailing URL) rather than body text; cleaning leaves them out.

    ``url`` is the page's own address (where it was fetched); ``canonical`` the address the page
    declares as its canonical one, which only links copies together. ``identity`` is what names
    the item in its source when that is not its URL (a feed entry's guid with its feed, a JSON
    record's id); ``captured`` the ISO time a crawler fetched it (a WARC record's date).
    """

    source: str
    raw_text: str
    format: str
    record: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    published_source: str = "unknown"
    author: str | None = None
    site_name: str | None = None
    outlet: str | None = None
    language: str | None = None
    external_id: str | None = None
    meta_spans: tuple[tuple[int, int], ...] = ()
    flags: tuple[str, ...] = ()
    canonical: str | None = None
    identity: str | None = None
    captured: str | None = None


@dataclass(frozen=True, slots=True)
class OffsetSegment:
    """A run of characters kept by cleaning: ``text[start:start+length] == raw[raw_start:...]``."""

    start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Removal:
    """A span of the raw text that cleaning removed, and the rule that removed it."""

    raw_start: int
    raw_end: int
    rule: str


@dataclass(frozen=True, slots=True)
class CleanText:
    """The result of cleaning: the text later offsets refer to, and how it maps to the raw."""

    text: str
    segments: tuple[OffsetSegment, ...]
    removals: tuple[Removal, ...]

    def raw_offset(self, offset: int) -> int:
        """Map an offset into the cleaned text to the matching offset into the raw text."""
        for segment in self.segments:
            if segment.start <= offset < segment.start + segment.length:
                return segment.raw_start + (offset - segment.start)
        if self.segments and offset == len(self.text):
            last = self.segments[-1]
            return last.raw_start + last.length
        raise ValueError(f"offset {offset} is outside the cleaned text (length {len(self.text)})")


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article with its identity, outlet and provenance."""

    id: str
    source: str
    format: str
    text: str
    raw_text: str
    segments: tuple[OffsetSegment, ...]
    removals: tuple[Removal, ...]
    content_hash: str
    record: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    published: date | None = None
    published_source: str = "unknown"
    outlet_id: str | None = None
    outlet: str | None = None
    outlet_evidence: str | None = None
    author: str | None = None
    language: str | None = None
    external_id: str | None = None
    flags: tuple[str, ...] = ()
    duplicate_of: str | None = None
    captured: str | None = None

    @property
    def authors(self) -> tuple[str, ...]:
        """The people ``author`` names, one each: ingest joins them with "; " and a name never
        holds one, so the one stored column gives the list back whole."""
        return tuple(name.strip() for name in (self.author or "").split(";") if name.strip())


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input (or one record of it) that a stage could not handle, and why."""

    source: str
    stage: str
    code: str
    reason: str
    record: str | None = None

    def line(self) -> str:
        """Render as the one-line ``path[:record]: reason`` form the CLI prints."""
        where = f"{self.source}:{self.record}" if self.record else self.source
        return " ".join(f"{where}: {self.code} {self.reason}".split())


@dataclass(frozen=True, slots=True)
class Sourced:
    """A fact about an outlet together with where it is documented."""

    value: str
    source: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Designation:
    """An official designation of an outlet by a public body, with its citation."""

    issuer: str
    date: str
    description: str
    citation: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Score:
    """An openly licensed quality score or status for an outlet's domain."""

    name: str
    value: str
    source: str
    license: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Outlet:
    """What is publicly documented about one news outlet, every field with its source."""

    id: str
    name: str
    domains: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    country: Sourced | None = None
    language: Sourced | None = None
    owner: Sourced | None = None
    state_affiliation: Sourced | None = None
    designations: tuple[Designation, ...] = ()
    scores: tuple[Score, ...] = ()
    aliases: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """An article's MinHash signature and the LSH band keys derived from it (near-duplicates)."""

    signature: bytes
    bands: tuple[bytes, ...]


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """A processed article, its outlet profile (if any) and its near-duplicate fingerprint."""

    article: Article
    outlet: Outlet | None
    fingerprint: Fingerprint


@dataclass(frozen=True, slots=True)
class Revision:
    """One stored version of an article: its text as captured at one time from one source."""

    article_id: str
    content_hash: str
    captured: str | None
    source: str
    record: str | None
    title: str | None
    text: str
    ingested_at: str


# --- NLP extraction. Every item: article_id, start/end into the cleaned text, its extractor.


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named entity in an article."""

    article_id: str
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, EVENT, PRODUCT, ...
    entity: str  # canonical name of the entity this mention refers to
    extractor: str
    role: str | None = None  # a title or role kept from an appositive ("Poland's foreign minister")


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity merged across spellings and articles."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct, partial or reported quote with its speaker."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str  # direct | partial | reported
    extractor: str
    speaker: str | None = None  # canonical entity name, or None for unnamed sources
    speaker_text: str | None = None  # the words that name the speaker, as written
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression normalised against the article's publication date (TIMEX3 style)."""

    article_id: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # 2025-07-03, 2025-03, 2025-W27, P30D, XXXX-WXX-4 ...
    extractor: str
    # The event the expression dates: the predicate that governs it in its sentence ("spoke"
    # in "The pair spoke on Thursday"), that predicate's tense (past, present, perfect, future,
    # prospective) and its clause's role (main, complement, adverbial, modifier; "nominal": inside
    # a noun phrase, "this year's nomination"; "bound": in a "since" clause, the start of a
    # state; "outlook": a future clause joined after a past one). None in analyses made before
    # the dates extractor recorded it.
    event_start: int | None = None
    event_end: int | None = None
    event_tense: str | None = None
    event_role: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a claim, normalised."""

    start: int
    end: int
    text: str
    value: float | None
    unit: str | None


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence that asserts something checkable, with a check-worthiness score."""

    article_id: str
    start: int
    end: int
    text: str
    score: float
    extractor: str
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event mention inside a claim: its trigger (a verb or an eventive noun) and the
    arguments the parser found around it.

    ``start``/``end`` span the trigger's words (a verb with its particle may hold words between
    them), ``claim_start``/``claim_end`` the claim it belongs to; ``trigger`` is the trigger's
    words joined, ``window`` up to five words either side (what the event-pair model embeds).
    The arguments are lower-cased phrases: who did it, to whom, where, when, and every name of
    the sentence.
    """

    article_id: str
    start: int
    end: int
    text: str
    claim_start: int
    claim_end: int
    trigger: str
    head: str  # the trigger's head lemma
    lemmas: tuple[str, ...]  # every trigger word's lemma
    pos: str  # the head's coarse part of speech
    window: str
    extractor: str
    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything the NLP stage found in one article, each item with offsets into its text.

    The NLP stage returns it, a run's shards hold it, and the store gives it back (with the
    version that made it, as :class:`parallax.results.StoredAnalysis`).
    """

    article_id: str
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    dates: tuple[TimeExpression, ...]
    claims: tuple[Claim, ...]
    skipped: str | None = None  # why the stage did not read it (then nothing is found)
    events: tuple[EventMention, ...] = ()  # the event mentions of its claims


# --- Stories and timelines ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineSource:
    """One article's sentence behind a timeline entry."""

    article_id: str
    outlet: str | None
    start: int
    end: int
    text: str
    published: date | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated development of a story, merged across the articles that report it.

    ``date`` is a TIMEX3 value (``2025-07-03``, ``2025-W27``, ``2025-03``, ``2025-Q3``,
    ``2025-SU``, ``2025-H1``, ``2025``) and ``precision`` its grain (day, week, month, quarter,
    season, half, year). ``basis`` says where the date comes from:
    ``stated`` (the time expression attached to the development's event) or ``published`` (no
    date is stated; the development happened no later than its first report, shown as
    "reported by" that day). ``section`` is ``main``, ``background`` (dated long before the
    story began) or ``minor`` (in a large story, reported by too few of its articles);
    ``scheduled`` marks an event announced for a later date.
    """

    date: str
    precision: str
    basis: str
    summary: str
    sources: tuple[TimelineSource, ...]
    extractor: str
    section: str = "main"
    scheduled: bool = False

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The articles that report this development, in order of first report."""
        return tuple(dict.fromkeys(source.article_id for source in self.sources))

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets that report this development."""
        return tuple(dict.fromkeys(s.outlet for s in self.sources if s.outlet is not None))


@dataclass(frozen=True, slots=True)
class Story:
    """One news story as it unfolds: its articles, outlets, key entities and dates.

    ``title`` is what the story is called, as its page shows it: its neutral title (a headline
    wording several outlets share, else a fact they all report, never one outlet's headline
    when they word it differently), stored when the story was last compared; a story never
    compared is called by the headline of its most central article, the grouper's choice.
    """

    id: str
    title: str
    article_ids: tuple[str, ...]
    entities: tuple[str, ...]
    outlets: tuple[str, ...]
    first_seen: date | None
    last_seen: date | None
    grouper: str
