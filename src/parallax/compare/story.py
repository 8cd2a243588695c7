"""Compare the outlets of one story: what each reports alone, omits, contradicts, whom it quotes,
how it frames the story. A pure function of the story's articles and their analyses.

Steps (each in its own module):

1. :mod:`~parallax.compare.align`: claims → similarities → claim groups and related pairs;
2. :mod:`~parallax.compare.agreement`: related cross-outlet pairs → agree / contradict / discuss;
   :mod:`~parallax.compare.contradictions`: the story's contradictions, each once;
3. coverage (here): per outlet, the groups only it reports and those it omits (the groups the
   importance model of :mod:`parallax.models.omission` finds important, or most outlets report);
4. :mod:`~parallax.compare.sourcing` and :mod:`~parallax.compare.framing`: per outlet.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from parallax.compare.agreement import label_pairs
from parallax.compare.align import (
    ClaimView,
    Similarity,
    claim_view,
    group_claims,
    outlet_name,
    related_pairs,
    similarity,
)
from parallax.compare.conflicts import RULES_NAME
from parallax.compare.contradictions import story_contradictions
from parallax.compare.crosslingual_claims import SIMILARITY_NAME as CROSSLINGUAL_NAME
from parallax.compare.framing import FRAMING_NAME, FramingBuilder, TextFindings
from parallax.compare.restated import restated
from parallax.compare.sourcing import (
    OutletQuote,
    says_something,
    sourcing,
    speaker_quotes,
    speakers_by_outlet,
)
from parallax.comparison import (
    ClaimGroup,
    Contradiction,
    Evidence,
    OutletComparison,
    StoryComparison,
    involving,
)
from parallax.model import Article, Claim, EventMention, Mention, Outlet, Quote, TimeExpression
from parallax.models.bias import MODEL_NAME as BIAS_MODEL
from parallax.models.claim_pairs import MODEL_NAME as PAIR_MODEL
from parallax.models.event_pairs import MODEL_NAME as EVENT_PAIR_MODEL
from parallax.models.omission import MODEL_NAME as OMISSION_MODEL
from parallax.models.omission import importance_rows, load_omission_model
from parallax.models.stance import MODEL_NAME as STANCE_MODEL
from parallax.models.techniques import MODEL_NAME as TECHNIQUES_MODEL
from parallax.models.text import sentence_spans

# v2: outlet columns refer to the story's contradictions by position instead of copying pairs.
# v3: two claims at odds about one event are one claim group (the contradiction lists them).
# v5: loaded terms inside quotes are the speaker's (Framing.quoted_terms), not the outlet's;
# a group one of the outlet's sentences restates (compare.restated, with MiniLM) is not omitted.
# v7: two claims that quote different words are two claim groups (compare.quoted).
# v8: two claims of two articles that quote the same words are one claim group (same_quote).
COMPARISON_NAME = "parallax.compare.story.v8"
# The claim groups as event clusters (compare.event_groups), where the setting asks for them.
EVENTS_NAME = "parallax.compare.event-groups.v1"


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One article of a story with what the NLP stage found in it and its outlet's profile."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    claims: tuple[Claim, ...] = ()
    profile: Outlet | None = None
    analysis_version: str | None = None
    #: What the framing models found in its text, when stored; else the comparison finds it.
    framing: TextFindings | None = None
    #: The event mentions of its claims, as the NLP stage stored them.
    events: tuple[EventMention, ...] = ()


def comparison_version(*, embedded: bool, events: bool = False, crosslingual: bool = False) -> str:
    """Return the versioned name of the comparison code and the models it uses (``events``:
    the groups are event clusters, with the event-pair model; ``crosslingual``: claims not
    both English were scored by the cross-language claim similarity). The similarity is
    ``minilm`` for the fp32 MiniLM (the versions it always had) and the int8 one's versioned
    name for it, else ``tfidf``."""
    from parallax.embeddings import minilm_tag

    similarity_name = (minilm_tag() or "minilm") if embedded else "tfidf"
    if crosslingual:
        similarity_name += f"+{CROSSLINGUAL_NAME}"
    models: tuple[str, ...] = (
        RULES_NAME, PAIR_MODEL, STANCE_MODEL, FRAMING_NAME, BIAS_MODEL, TECHNIQUES_MODEL,
        OMISSION_MODEL,
    )  # fmt: skip
    if events:
        models = (EVENTS_NAME, EVENT_PAIR_MODEL, *models)
    return "+".join((COMPARISON_NAME, similarity_name, *models))


def comparison_key(
    story_id: str,
    articles: Sequence[StoryArticle],
    key_entities: Sequence[str] = (),
    *,
    events: bool = False,
) -> str:
    """Return a hash of everything a story's comparison is computed from (for the cache).

    The story id and key entities, the comparison's version (which names the similarity and
    every model), and for each article its id, content hash, date, outlet, analysis version,
    what the analysis found (canonical entity names included) and its outlet's profile.
    """
    from parallax.embeddings import embeddings_available

    digest = hashlib.sha1()
    version = comparison_version(embedded=embeddings_available(), events=events)
    for part in (story_id, version, repr(tuple(key_entities))):
        digest.update(part.encode("utf-8") + b"\0")
    for item in sorted(articles, key=_order):
        article = item.article
        head = (article.id, article.content_hash, article.published, article.outlet)
        body: tuple[object, ...] = (
            item.analysis_version, item.claims, item.mentions, item.quotes, item.dates,
        )  # fmt: skip
        if events:  # read only by the event grouping: a key of before stays the same
            body += (item.events,)
        for piece in (repr(head), repr(body), repr(item.profile)):
            digest.update(piece.encode("utf-8") + b"\0")
    return digest.hexdigest()


def claim_context(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """Return the claim ``text[start:end]`` with the sentence before and the one after it."""
    before = [s for s, e in spans if e <= start]
    after = [e for s, e in spans if s >= end]
    return text[before[-1] if before else start : after[0] if after else end]


def omits(
    outlet: str,
    group: ClaimGroup,
    covered_until: date | None,
    *,
    important: bool = True,
    outlets: int = 0,
) -> bool:
    """Whether ``outlet`` omits ``group``: the rule behind each outlet's "omits" list.

    The outlet omits a claim group when none of the group's claims is its own, the group was
    first reported no later than the outlet's last article of the story (``covered_until``;
    when either date is unknown, the group counts), and the group matters: the importance
    model finds it ``important`` (:mod:`parallax.models.omission`), or most of the story's
    ``outlets`` report it.
    """
    if outlet in group.outlets:
        return False
    first = group.first_reported
    if not (covered_until is None or first is None or first <= covered_until):
        return False
    return important or 2 * len(group.outlets) > outlets


def omission_possible(groups: Sequence[ClaimGroup], outlets: Sequence[str]) -> bool:
    """Whether any of the story's ``outlets`` lacks one of its claim ``groups``: only then can
    :func:`omits` hold, so only then does the importance model matter. A story told by one
    outlet never needs it (every group is that outlet's), nor one whose every group every
    outlet reports."""
    return any(outlet not in group.outlets for group in groups for outlet in outlets)


def important_groups(
    groups: Sequence[ClaimGroup], group_of: Sequence[int], views: Sequence[ClaimView],
    sentences: Sequence[str], *, embedded: bool = False,
) -> set[str]:  # fmt: skip
    """Return the ids of the groups the importance model finds important to the story.

    Each claim is read against every sentence of the story's articles (``sentences``), as the
    model was trained to read a statement against its event's statements; a group is
    important when one of its claims is (for a claim in several groups: its main group, the
    one ``group_of`` gives). ``embedded``: the comparison uses MiniLM, so the claims and
    sentences are read by meaning too (the vectors are mostly cached: the alignment embeds
    the claims, the bias model the sentences).
    """
    if not groups:
        return set()
    model = load_omission_model()
    texts = [view.text for view in views]
    vectors = None
    if embedded:
        from parallax.models.vectors import cached_embedder

        embedder = cached_embedder()
        vectors = (embedder.embed(texts), embedder.embed(list(sentences)))
    rows = importance_rows(texts, sentences, vectors)
    return {groups[group_of[i]].id for i, keep in enumerate(model.important(rows)) if keep}


def _order(item: StoryArticle) -> tuple[date, str]:
    return item.article.published or date.max, item.article.id


def align_claims(
    views: Sequence[ClaimView],
    texts: Sequence[str],
    *,
    embed: bool | None = None,
) -> tuple[Similarity, list[ClaimGroup], list[int]]:
    """Group a story's claims as :func:`compare_story` does; return the similarities, the
    groups and each claim's group index.

    Claims whose similarity reaches :data:`~parallax.compare.align.SAME` join one group, also
    when the conflict rules find their numbers, dates or facts at odds: the rules call a
    contradiction only about one event (:mod:`parallax.compare.conflicts`), so both outlets
    report that event, and the contradiction is listed on its own.

    Args:
        views: The claims (:func:`~parallax.compare.align.claim_view`), in story order.
        texts: The story's article texts (IDF is learned over their sentences).
        embed: Use MiniLM embeddings; by default when the extra is installed.
    """
    sim = similarity(views, texts, embed=embed)
    groups, group_of = group_claims(views, sim)
    return sim, groups, group_of


def compare_story(
    story_id: str,
    articles: Sequence[StoryArticle],
    key_entities: Sequence[str] = (),
    *,
    embed: bool | None = None,
    events: bool = False,
) -> StoryComparison:
    """Compare the outlets of one story.

    Args:
        story_id: The story's id.
        articles: Its articles, each with its analysis and outlet profile.
        key_entities: The story's key entities (canonical names): tone is measured toward them.
        embed: Use MiniLM embeddings for alignment; by default when the extra is installed.
        events: Group the claims by the events their stored mentions report
            (:mod:`parallax.compare.event_groups`; needs the embeddings); else by the
            claim-pair model.
    """
    items = sorted(articles, key=_order)
    views: list[ClaimView] = []
    contexts: list[str] = []
    for item in items:
        text = item.article.text
        spans = sentence_spans(text)
        for claim in sorted(item.claims, key=lambda c: c.start):
            views.append(claim_view(item.article, claim, item.mentions, item.dates))
            contexts.append(claim_context(text, claim.start, claim.end, spans))
    sim, groups, group_of = align_claims(views, [item.article.text for item in items], embed=embed)
    events = events and sim.uses_embedding
    if events:
        from parallax.compare.event_groups import event_groups

        grouping = event_groups(
            views,
            {item.article.id: item.events for item in items},
            {item.article.id: item.article.text for item in items},
            group_of,
        )
        # A claim in several event groups is labelled and weighed by its main one.
        groups, group_of = grouping.groups, grouping.primary()
    pairs = label_pairs(views, contexts, sim, related_pairs(views, sim), groups, group_of)

    outlets = list(dict.fromkeys(outlet_name(item.article) for item in items))
    quotes: dict[str, list[OutletQuote]] = {name: [] for name in outlets}
    for item in items:
        name, text = outlet_name(item.article), item.article.text
        for quote in sorted(item.quotes, key=lambda q: q.start):
            if not says_something(quote):
                continue
            span = Evidence(
                item.article.id, name, quote.start, quote.end, text[quote.start : quote.end]
            )
            quotes[name].append(OutletQuote(quote, span))
    named = speakers_by_outlet(quotes)
    sentences = [
        item.article.text[start:end]
        for item in items
        for start, end in sentence_spans(item.article.text)
    ]
    important: set[str] = set()
    if omission_possible(groups, outlets):  # else no "omits" rule reads it: the model is skipped
        important = important_groups(
            groups, group_of, views, sentences, embedded=sim.uses_embedding
        )
    contradictions = story_contradictions(pairs, views)
    columns = [
        _outlet_column(
            name,
            items,
            views,
            groups,
            contradictions,
            quotes[name],
            named,
            key_entities,
            important,
            embedded=sim.uses_embedding,
        )
        for name in outlets
    ]
    return StoryComparison(
        story_id=story_id,
        outlets=tuple(columns),
        groups=tuple(groups),
        pairs=tuple(pairs),
        version=comparison_version(
            embedded=sim.uses_embedding, events=events, crosslingual=sim.crosslingual
        ),
        key_entities=tuple(key_entities),
        contradictions=contradictions,
    )


def _outlet_column(
    name: str,
    items: Sequence[StoryArticle],
    views: Sequence[ClaimView],
    groups: Sequence[ClaimGroup],
    contradictions: tuple[Contradiction, ...],
    quotes: Sequence[OutletQuote],
    named: dict[str, set[str]],
    key_entities: Sequence[str],
    important: set[str],
    *,
    embedded: bool = False,
) -> OutletComparison:
    own = [item for item in items if outlet_name(item.article) == name]
    dates = [item.article.published for item in own if item.article.published is not None]
    covered = (min(dates) if dates else None, max(dates) if dates else None)
    claims = tuple(view.evidence for view in views if view.outlet == name)
    unique = tuple(group.id for group in groups if group.outlets == (name,))
    total = len({outlet_name(item.article) for item in items})
    omitted = tuple(
        group
        for group in groups
        if omits(name, group, covered[1], important=group.id in important, outlets=total)
    )
    if embedded and omitted:  # what the outlet says in other words is not omitted
        sentences = [
            item.article.text[start:end]
            for item in own
            for start, end in sentence_spans(item.article.text)
        ]
        said = restated([[claim.text for claim in group.claims] for group in omitted], sentences)
        omitted = tuple(group for group, found in zip(omitted, said, strict=True) if not found)
    framing = FramingBuilder(name, key_entities)
    for item in own:
        framing.add(item.article, item.mentions, item.framing, item.quotes)
    profile = next((item.profile for item in own if item.profile is not None), None)
    return OutletComparison(
        outlet=name,
        article_ids=tuple(item.article.id for item in own),
        covered=covered,
        claims=claims,
        unique=unique,
        omitted=tuple(group.id for group in omitted),
        contradictions=involving(contradictions, name),
        quotes=speaker_quotes(name, quotes, named),
        sourcing=sourcing(claims, quotes),
        framing=framing.build(),
        profile=profile,
    )
