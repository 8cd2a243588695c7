"""What a story's comparison of outlets holds: the contract between the comparison code, the
store, the export, the CLI and the web layer.

Every finding is backed by :class:`Evidence`: a span of one article's cleaned text (offsets as
everywhere else in Parallax), with the article's outlet. Outlet names are the registry's names
(``Article.outlet``); an article with no resolved outlet is compared under its site name or
``"unknown"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from parallax.model import Outlet

# Labels of a cross-outlet claim pair (FNC-1's stance labels, "contradict" for "disagree").
PAIR_LABELS = ("agree", "contradict", "discuss", "unrelated")
# Kinds of conflict a contradiction can have.
CONFLICT_KINDS = ("numbers", "dates", "actors", "cause", "outcome", "negation", "stance")
# Kinds of a story's contradiction: what about the one event the two outlets disagree on.
CONTRADICTION_KINDS = (
    "number", "date", "place", "agent", "cause", "outcome", "negation", "stance",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of one article's cleaned text: ``text == article.text[start:end]``."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims from one or more articles that state the same thing in different words.

    ``id`` is stable for the same story and analysis (a hash of its members' spans);
    ``summary`` is the most central member's text; ``claims`` are the members, one or more per
    outlet; ``first_reported`` is the earliest publication date among them.
    """

    id: str
    summary: str
    claims: tuple[Evidence, ...]
    first_reported: date | None = None
    #: The event mentions the group stands for, when it is an event cluster (the trigger
    #: spans, one or more per claim; :mod:`parallax.compare.event_groups`).
    events: tuple[Evidence, ...] = ()

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets that report this claim, in order of first appearance."""
        return tuple(dict.fromkeys(claim.outlet for claim in self.claims))


@dataclass(frozen=True, slots=True)
class ClaimPair:
    """Two claims from different outlets about the same thing, and how they relate.

    ``label`` is one of :data:`PAIR_LABELS`; for ``contradict``, ``kind`` is one of
    :data:`CONFLICT_KINDS` and ``explanation`` says what conflicts ("500 vs 300 drones");
    ``score`` is the label's probability (for a rule or a group, the pair's similarity);
    ``model`` names the versioned model or rule; ``details`` are the sub-spans at odds.
    """

    first: Evidence
    second: Evidence
    label: str
    score: float
    model: str
    kind: str | None = None
    explanation: str = ""
    group_id: str | None = None
    details: tuple[Evidence, ...] = ()  # the parts at odds (the numbers, dates, causes)


@dataclass(frozen=True, slots=True)
class ContradictionSide:
    """One outlet's side of a contradiction: its claim's span and, inside it, the value at odds.

    ``value`` holds the character offsets of the conflicting value in ``span.text`` (the
    number, the date, the actor, the cause, the negation word), None when the rule names no
    value on this side (a claim without the other's negation; a stance-model contradiction).
    """

    span: Evidence
    value: tuple[int, int] | None = None

    @property
    def value_text(self) -> str | None:
        """The conflicting value as written, if any."""
        return self.span.text[self.value[0] : self.value[1]] if self.value else None


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two outlets say incompatible things about one event: listed once per story.

    ``kind`` is one of :data:`CONTRADICTION_KINDS`; ``score`` is calibrated: the estimated
    probability that a contradiction of this kind is a real one (docs/compare.md says how it
    was measured); ``rule`` names the versioned rule or model that found it.
    """

    kind: str
    first: ContradictionSide
    second: ContradictionSide
    score: float
    explanation: str
    rule: str


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """Whom an outlet quotes: one speaker (canonical name, else the descriptor as written)."""

    speaker: str
    named: bool  # False for unnamed sources ("a senior officer …")
    quotes: tuple[Evidence, ...]
    shared_with: tuple[str, ...] = ()  # other outlets of the story that quote this speaker
    kinds: tuple[str, ...] = ()  # each quote's kind (direct, partial, reported), as ``quotes``


@dataclass(frozen=True, slots=True)
class Sourcing:
    """How an outlet attributes what it reports."""

    quotes: int  # direct, partial and reported quotes
    speakers: int  # distinct speakers quoted
    unnamed: int  # quotes from unnamed sources
    attributed_claims: int  # claims that carry a source ("X said", "according to X")
    asserted_claims: int  # claims the outlet states in its own voice

    @property
    def attributed_share(self) -> float | None:
        """Share of claims that are attributed, None when the outlet made no claim."""
        total = self.attributed_claims + self.asserted_claims
        return self.attributed_claims / total if total else None


@dataclass(frozen=True, slots=True)
class FramingFinding:
    """A framing span: a loaded term or a persuasion technique, with its label and score.

    ``label`` is the term's kind (``loaded``) or the technique's name (PTC's label set, e.g.
    ``Loaded_Language``); ``source`` names the lexicon or the versioned model that found it.
    """

    evidence: Evidence
    label: str
    score: float
    source: str
    #: For a loaded term inside a quote (:attr:`Framing.quoted_terms`): who is quoted, when
    #: the quote has a named speaker.
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Tone:
    """An outlet's tone toward one of the story's key entities, −1 (negative) … 1 (positive)."""

    entity: str
    score: float
    sentences: int  # how many sentences mentioning the entity it rests on


@dataclass(frozen=True, slots=True)
class Framing:
    """How an outlet frames the story."""

    terms: tuple[FramingFinding, ...]
    techniques: tuple[FramingFinding, ...]
    tone: tuple[Tone, ...]
    biased_sentences: tuple[FramingFinding, ...] = ()  # label "biased", the bias model's score
    notes: tuple[str, ...] = ()  # findings that could not be looked for, and why
    #: Loaded terms inside quotes: the speaker's words, not the outlet's; kept apart from
    #: ``terms`` (the outlet's own loaded language), each with its speaker when named.
    quoted_terms: tuple[FramingFinding, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletComparison:
    """One outlet's column of a story's comparison.

    ``covered`` is the outlet's first and last publication date in the story: ``omitted``
    counts only claims other outlets first reported no later than the outlet's last article
    (an outlet is not blamed for what was reported after it stopped covering the story).
    ``unique`` and ``omitted`` hold claim group ids (``omitted``: only groups that matter, see
    :func:`parallax.compare.story.omits`); ``claims`` the outlet's own claim spans;
    ``contradictions`` the positions in :attr:`StoryComparison.contradictions` of the
    contradictions this outlet is a side of (the story holds each contradiction once, with
    both spans and their values; :meth:`StoryComparison.contradictions_of` resolves them).
    """

    outlet: str
    article_ids: tuple[str, ...]
    covered: tuple[date | None, date | None]
    claims: tuple[Evidence, ...]
    unique: tuple[str, ...]
    omitted: tuple[str, ...]
    contradictions: tuple[int, ...]
    quotes: tuple[SpeakerQuotes, ...]
    sourcing: Sourcing
    framing: Framing
    profile: Outlet | None


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """How each outlet tells one story, side by side, every finding backed by spans."""

    story_id: str
    outlets: tuple[OutletComparison, ...]
    groups: tuple[ClaimGroup, ...]
    pairs: tuple[ClaimPair, ...]  # labelled cross-outlet pairs (unrelated ones left out)
    version: str  # versioned name of the comparison code and its models
    key_entities: tuple[str, ...] = field(default_factory=tuple)
    contradictions: tuple[Contradiction, ...] = ()  # the story's, each once

    def group(self, group_id: str) -> ClaimGroup | None:
        """The claim group with this id, if any."""
        return next((g for g in self.groups if g.id == group_id), None)

    def outlet(self, name: str) -> OutletComparison | None:
        """The column of the outlet with this name, if any."""
        return next((o for o in self.outlets if o.outlet == name), None)

    def contradictions_of(self, name: str) -> tuple[Contradiction, ...]:
        """The story's contradictions the outlet with this name is a side of, in story order."""
        column = self.outlet(name)
        if column is None:
            return ()
        return tuple(self.contradictions[i] for i in column.contradictions)


def involving(contradictions: tuple[Contradiction, ...], outlet: str) -> tuple[int, ...]:
    """Return the positions of the contradictions that ``outlet`` is a side of.

    What :attr:`OutletComparison.contradictions` holds: an outlet column refers to the story's
    contradictions instead of repeating them.
    """
    return tuple(
        i
        for i, item in enumerate(contradictions)
        if outlet in (item.first.span.outlet, item.second.span.outlet)
    )


#: The start of a framing note (:attr:`Framing.notes`) saying that a text's language has no
#: framing model: the English ones read English only (:func:`not_english_note`).
NOT_ENGLISH_NOTE = "loaded terms, persuasion techniques and biased sentences in language "


def not_english_note(language: str) -> str:
    """Return the framing note of a text in ``language`` (an ISO 639-1 code) that no framing
    model reads."""
    return (
        f"{NOT_ENGLISH_NOTE}{language!r}: not looked for (the loaded-term lists, the "
        "technique tagger and the bias model read English only; none reads this language)"
    )
