"""One story as its page and its report show it: the dated timeline, coverage per outlet over
time, and one column per outlet (what it reports, omits and contradicts, whom it quotes, how
it frames the story, and its profile with cited sources).

The columns are made from a :class:`~parallax.comparison.StoryComparison` (the comparison
stage's contract); without one (``Corpus.compare`` missing, or no comparison for the story)
each outlet still gets its column with its articles and profile. Nothing here builds markup:
templates and the Markdown writer escape every piece of text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from parallax.codec import dump
from parallax.codec.stories import story_fields, timeline_to_dict
from parallax.comparison import (
    ClaimGroup,
    Contradiction,
    ContradictionSide,
    Evidence,
    FramingFinding,
    OutletComparison,
    StoryComparison,
)
from parallax.model import Article, Outlet, Story, TimelineEntry
from parallax.report.chart import Coverage, coverage_chart

if TYPE_CHECKING:
    from parallax.corpus import Corpus

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OutletContradiction:
    """One of the story's contradictions seen from an outlet: its own span, the other's."""

    mine: Evidence
    theirs: Evidence
    contradiction: Contradiction


@dataclass(frozen=True, slots=True)
class Highlighted:
    """A contradiction's side cut for display: the span's text before, at and after its value."""

    evidence: Evidence
    before: str
    value: str
    after: str


def highlighted(side: ContradictionSide) -> Highlighted:
    """Return one side of a story contradiction cut around its conflicting value (if any)."""
    text = side.span.text
    if side.value is None:
        return Highlighted(side.span, text, "", "")
    start, end = side.value
    return Highlighted(side.span, text[:start], text[start:end], text[end:])


@dataclass(frozen=True, slots=True)
class TermCount:
    """A loaded term an outlet uses, how often, and which lexicon or model found it."""

    term: str
    count: int
    source: str
    first: Evidence


@dataclass(frozen=True, slots=True)
class OutletColumn:
    """One outlet's column of the story page; ``comparison`` is None without a comparison."""

    outlet: str
    outlet_id: str | None
    profile: Outlet | None
    articles: tuple[Article, ...]
    comparison: OutletComparison | None
    reports: tuple[tuple[Evidence, bool], ...]  # each claim, and whether only this outlet has it
    omits: tuple[ClaimGroup, ...]
    contradictions: tuple[OutletContradiction, ...]  # derived from the story's, each once there
    terms: tuple[TermCount, ...]
    #: Loaded terms inside quotes, not counted as the outlet's; ``source`` names the speaker.
    quoted_terms: tuple[TermCount, ...] = ()


SECONDS_PER_CHAR = 0.0001
"""About what a page's comparison of one outlet's text costs a character (CPU seconds: the
framing models, 0.07–0.14 CPU ms a character on the 2-core machine, docs/scale.md); a page
quotes it for the comparison of a whole story it leaves to a click."""


@dataclass(frozen=True, slots=True)
class PageScope:
    """The part of a story a page compared while the reader waited: the newest of a one-outlet
    story's articles that fit in the page's budget of characters (``page_compare_chars``)."""

    compared: tuple[str, ...]  # the ids of the articles compared, in page order
    articles: int  # the story's articles
    compared_chars: int  # characters of text compared
    chars: int  # characters of text of all the story's articles
    budget: int  # the page's budget of characters
    cut: bool = False  # each article was longer: the newest one's first sentences only

    @property
    def seconds(self) -> float:
        """About how many CPU seconds the comparison of the whole story takes."""
        return self.chars * SECONDS_PER_CHAR


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story as a page or a report shows it; ``scope`` says which part of it the comparison
    covers when that is not the whole story (None: all of it, or no comparison)."""

    story: Story
    articles: tuple[Article, ...]
    timeline: tuple[TimelineEntry, ...]
    coverage: Coverage | None
    comparison: StoryComparison | None
    columns: tuple[OutletColumn, ...]
    scope: PageScope | None = None
    #: The comparison is being computed (a served page's first view of a story whose
    #: comparison is not stored): ``comparison`` is None until it is, not because there is none.
    pending: bool = False
    # The articles by id: a page looks one up for every span it links, and a large story has
    # thousands of articles and of spans.
    _by_id: dict[str, Article] = field(init=False, repr=False, compare=False)
    _made: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {a.id: a for a in reversed(self.articles)})
        object.__setattr__(self, "_made", {})

    def once(self, name: str, make: Callable[[], T]) -> T:
        """``make()`` the first time ``name`` is asked of this view, then the same value: what
        a page asks of its view several times (its neutral title) is computed once."""
        if name not in self._made:
            self._made[name] = make()
        value: T = self._made[name]
        return value

    def article(self, article_id: str) -> Article | None:
        """The story's article with this id."""
        return self._by_id.get(article_id)

    def language(self, article_id: str) -> str | None:
        """The language of a story's article when it is not English (None: English, or
        unknown and read as English): what a span of it is marked with on a page."""
        found = self.article(article_id)
        code = (found.language or "").split("-")[0].lower() if found else ""
        return code if code and code != "en" else None

    def aligned(self, evidence: Evidence) -> tuple[Evidence, ...]:
        """The claims of other outlets in the claim group of ``evidence``, when the group holds
        claims in more than one language (a group in one language shows as before)."""
        comparison = self.comparison
        if comparison is None:
            return ()
        group = self.once("group-of-claim", lambda: _group_of_claim(comparison)).get(
            (evidence.article_id, evidence.start, evidence.end)
        )
        if group is None or len({self.language(c.article_id) for c in group.claims}) < 2:
            return ()
        return tuple(c for c in group.claims if c.outlet != evidence.outlet)

    @property
    def contradictions(self) -> tuple[tuple[str, float, str, Highlighted, Highlighted], ...]:
        """The story's contradictions, each once: kind, score, explanation and both sides."""
        if self.comparison is None:
            return ()
        return tuple(
            (c.kind, c.score, c.explanation, highlighted(c.first), highlighted(c.second))
            for c in self.comparison.contradictions
        )


def _group_of_claim(comparison: StoryComparison) -> dict[tuple[str, int, int], ClaimGroup]:
    """The first group of each claim span (a page asks for every claim it lists)."""
    found: dict[tuple[str, int, int], ClaimGroup] = {}
    for group in comparison.groups:
        for claim in group.claims:
            found.setdefault((claim.article_id, claim.start, claim.end), group)
    return found


def _group_index(comparison: StoryComparison) -> dict[tuple[str, int, int], str]:
    return {
        (claim.article_id, claim.start, claim.end): group.id
        for group in comparison.groups
        for claim in group.claims
    }


QUOTED_UNNAMED = "unnamed speaker"
"""The speaker shown beside a loaded term inside a quote whose speaker is not named."""


def _terms(findings: tuple[FramingFinding, ...], *, quoted: bool = False) -> tuple[TermCount, ...]:
    """Count the loaded terms; ``quoted``: terms inside quotes, each with its speaker as its
    source."""
    if quoted:
        findings = tuple(replace(f, source=f.speaker or QUOTED_UNNAMED) for f in findings)
    counts = Counter(f.evidence.text.casefold() for f in findings)
    first: dict[str, FramingFinding] = {}
    for finding in findings:
        first.setdefault(finding.evidence.text.casefold(), finding)
    return tuple(
        TermCount(key, counts[key], first[key].source, first[key].evidence)
        for key in sorted(counts, key=lambda k: (-counts[k], k))
    )


def outlet_column(
    outlet: str,
    articles: tuple[Article, ...],
    profile: Outlet | None,
    comparison: StoryComparison | None,
) -> OutletColumn:
    """Return one outlet's column, from the comparison when there is one."""
    outlet_id = next((a.outlet_id for a in articles if a.outlet_id), None)
    column = comparison.outlet(outlet) if comparison else None
    if comparison is None or column is None:
        return OutletColumn(outlet, outlet_id, profile, articles, None, (), (), (), ())
    groups = _group_index(comparison)
    unique = set(column.unique)
    reports = tuple(
        (claim, groups.get((claim.article_id, claim.start, claim.end)) in unique)
        for claim in column.claims
    )
    omits = tuple(g for g in (comparison.group(i) for i in column.omitted) if g is not None)
    contradictions = tuple(
        OutletContradiction(c.first.span, c.second.span, c)
        if c.first.span.outlet == outlet
        else OutletContradiction(c.second.span, c.first.span, c)
        for c in comparison.contradictions_of(outlet)
    )
    return OutletColumn(
        outlet,
        outlet_id,
        column.profile or profile,
        articles,
        column,
        reports,
        omits,
        contradictions,
        _terms(column.framing.terms),
        _terms(column.framing.quoted_terms, quoted=True),
    )


def story_articles(corpus: Corpus, story: Story) -> tuple[Article, ...]:
    """A story's stored articles in the order its page lists them: by date, undated last."""
    found = corpus.stories.articles_of(story)
    return tuple(sorted(found, key=lambda a: (a.published is None, str(a.published), a.id)))


def newest_first(articles: Sequence[Article]) -> list[Article]:
    """Return ``articles`` newest first, the undated last."""
    dated = [a for a in articles if a.published is not None]
    order = sorted(dated, key=lambda a: (str(a.published), a.id), reverse=True)
    return order + sorted((a for a in articles if a.published is None), key=lambda a: a.id)


def within_budget(articles: Sequence[Article], budget: int) -> tuple[Article, ...]:
    """Return the newest of ``articles`` whose texts fit together in ``budget`` characters,
    in the order given: newest first (undated last), each article that still fits is taken,
    so one long article does not keep the shorter older ones out."""
    taken: set[str] = set()
    used = 0
    for article in newest_first(articles):
        if used + len(article.text) <= budget:
            taken.add(article.id)
            used += len(article.text)
    return tuple(a for a in articles if a.id in taken)


def page_comparison(
    corpus: Corpus, story: Story, articles: Sequence[Article], *, full: bool = False
) -> tuple[StoryComparison | None, PageScope | None]:
    """The comparison a story's page shows, and which part of the story it covers (None: all).

    Computed for a story of up to ``page_compare_articles`` articles, else the stored one when
    current (else None); never written to the store (a write would drop every page a server
    has cached). A story told by one outlet whose ``articles`` hold more than
    ``page_compare_chars`` characters of text, with no current stored comparison, is
    compared only for its newest articles that fit in that many (:func:`within_budget`),
    or when each is longer for the first sentences of the newest that fit
    (``Corpus.compare_part``): its framing costs about 0.1 CPU ms a character while the
    reader waits. With ``full`` the whole story is compared, whatever its length (the page's
    link to the rest). A story several outlets tell is never cut: a part of it would read
    as an outlet omitting what its other articles report. A computed comparison shares
    MiniLM over ``page_threads`` threads (the same comparison for any number).
    """
    settings = corpus.settings
    limit = settings.page_compare_articles
    stored_only = 0 < limit < len(story.article_ids)
    if stored_only and not corpus.stories.compared(story.id):
        return None, None  # nothing stored: no need to read every article to check a key
    budget = settings.page_compare_chars
    chars = sum(len(article.text) for article in articles)
    threads = settings.page_threads
    if full or stored_only or budget <= 0 or len(story.outlets) > 1 or chars <= budget:
        whole = corpus.compare(story.id, stored_only=stored_only, save=False, threads=threads)
        return whole, None
    stored = corpus.compare(story.id, stored_only=True, save=False)
    if stored is not None:  # compared ahead (compare_one_outlet_chars, parallax compare)
        return stored, None
    chosen = within_budget(articles, budget)
    first_chars = None
    if not chosen:  # each article is longer: the newest one's first sentences that fit
        chosen = tuple(newest_first(articles)[:1])
        first_chars = budget
    found = corpus.compare_part(
        story.id, [a.id for a in chosen], first_chars=first_chars, threads=threads
    )
    if found is None:
        return None, None
    comparison, compared_chars = found
    scope = PageScope(
        compared=tuple(a.id for a in chosen),
        articles=len(articles),
        compared_chars=compared_chars,
        chars=chars,
        budget=budget,
        cut=first_chars is not None,
    )
    return comparison, scope


def view_of(
    corpus: Corpus,
    story: Story,
    articles: tuple[Article, ...],
    comparison: StoryComparison | None,
    scope: PageScope | None,
    *,
    pending: bool = False,
) -> StoryView:
    """Return the view of ``story`` from its ``articles`` (in page order) and ``comparison``."""
    columns = story_columns(corpus, articles, comparison)
    coverage = coverage_chart((a.outlet or "unknown", a.published) for a in articles)
    timeline = tuple(corpus.stories.timeline(story.id))
    return StoryView(story, articles, timeline, coverage, comparison, columns, scope, pending)


def story_view(
    corpus: Corpus,
    story: Story,
    *,
    compare: Callable[[str], StoryComparison | None] | None = None,
    page: bool = False,
    full: bool = False,
) -> StoryView:
    """Return the view of one stored story.

    Args:
        corpus: The corpus the story is in.
        story: The story.
        compare: Returns the story's comparison (``Corpus.compare``); None while the
            comparison stage is not there, and the columns then hold articles and profiles.
        page: Compare as a web page does instead (:func:`page_comparison`; ``compare`` is
            not called): a long one-outlet story is compared up to the page's budget.
        full: With ``page``, compare the whole story whatever its length.
    """
    articles = story_articles(corpus, story)
    scope = None
    if page:
        comparison, scope = page_comparison(corpus, story, articles, full=full)
    else:
        comparison = compare(story.id) if compare else None
    return view_of(corpus, story, articles, comparison, scope)


def story_columns(
    corpus: Corpus, articles: tuple[Article, ...], comparison: StoryComparison | None
) -> tuple[OutletColumn, ...]:
    """Return a story's outlet columns: the comparison's outlets in its order, then the
    outlets it does not name, most articles first."""
    by_outlet: dict[str, list[Article]] = {}
    for article in articles:
        by_outlet.setdefault(article.outlet or "unknown", []).append(article)
    order = [o.outlet for o in comparison.outlets] if comparison else []
    order += sorted(set(by_outlet) - set(order), key=lambda o: (-len(by_outlet[o]), o))
    columns = []
    for outlet in order:
        own = tuple(by_outlet.get(outlet, ()))
        outlet_id = next((a.outlet_id for a in own if a.outlet_id), None)
        profile = corpus.outlets.get(outlet_id) if outlet_id else None
        columns.append(outlet_column(outlet, own, profile, comparison))
    return tuple(columns)


def story_to_dict(view: StoryView) -> dict[str, Any]:
    """Return the story part of a JSON report: story, coverage, timeline, comparison."""
    story = view.story
    coverage = [
        {"outlet": row.outlet, "days": [{"date": b.start.isoformat(), "articles": b.count}
                                        for b in row.bars]}
        for row in (view.coverage.rows if view.coverage else ())
    ]  # fmt: skip
    return story_fields(story) | {
        "coverage": {
            "grain": view.coverage.grain if view.coverage else None,
            "outlets": coverage,
        },
        "timeline": [timeline_to_dict(entry) for entry in view.timeline],
        # The comparison in its dataclass form, as the API's /api/stories/{id}/comparison.
        "comparison": dump(view.comparison) if view.comparison else None,
        # Which articles it covers when not all (a long one-outlet story's page budget).
        "comparison_scope": scope_to_dict(view.scope),
    }


def scope_to_dict(scope: PageScope | None) -> dict[str, Any] | None:
    """Return which articles a page's comparison covers ("N of M"), or None: all of them."""
    if scope is None:
        return None
    return {
        "compared_articles": len(scope.compared),
        "articles": scope.articles,
        "compared_article_ids": list(scope.compared),
        "compared_chars": scope.compared_chars,
        "chars": scope.chars,
        "budget_chars": scope.budget,
        "first_sentences_only": scope.cut,
    }
