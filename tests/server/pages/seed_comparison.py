"""A StoryComparison built from the stored analysis of real articles, for testing the story
page, the API and the reports before (and independently of) the comparison stage.

Every span is a stored claim, quote or loaded term of an article, so ``text ==
article.text[start:end]``; only the grouping (shared content words), the labels and the
scores are the test's own, simple choices.
"""

from __future__ import annotations

import hashlib
import re
from itertools import combinations

from parallax.compare.contradictions import story_contradictions
from parallax.comparison import (
    ClaimGroup,
    ClaimPair,
    Evidence,
    Framing,
    FramingFinding,
    OutletComparison,
    Sourcing,
    SpeakerQuotes,
    StoryComparison,
    Tone,
    involving,
)
from parallax.corpus import Corpus
from parallax.model import Story
from parallax.models import loaded_terms

VERSION = "tests.seed-comparison.v1"
_WORD = re.compile(r"[a-z]{4,}")
_CAUSE = re.compile(r"\b(due to|because of|because)\b")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def seed_comparison(corpus: Corpus, story: Story) -> StoryComparison:
    """Return a comparison of ``story``'s outlets made from their stored analyses."""
    articles = [a for a in (corpus.articles.get(i) for i in story.article_ids) if a is not None]
    by_outlet: dict[str, list] = {}
    for article in articles:
        by_outlet.setdefault(article.outlet or "unknown", []).append(article)
    claims: dict[str, list[Evidence]] = {}
    quantities: dict[Evidence, list[tuple[str, float]]] = {}
    for outlet, own in by_outlet.items():
        for article in own:
            for claim in corpus.articles.analysis(article.id).claims:
                evidence = Evidence(article.id, outlet, claim.start, claim.end, claim.text)
                claims.setdefault(outlet, []).append(evidence)
                quantities[evidence] = [
                    (q.text, q.value) for q in claim.quantities if q.value is not None
                ]
    members: list[list[Evidence]] = []
    for outlet, found in claims.items():
        for evidence in found:
            words = _words(evidence.text)
            match = next(
                (
                    group
                    for group in members
                    if all(m.outlet != outlet for m in group)
                    and len(words & _words(group[0].text))
                    / max(1, len(words | _words(group[0].text)))
                    >= 0.15
                ),
                None,
            )
            if match is None:
                members.append([evidence])
            else:
                match.append(evidence)
    published = {a.id: a.published for a in articles}
    groups = []
    for group in members:
        key = "|".join(f"{m.article_id}:{m.start}:{m.end}" for m in group)
        dates = [published[m.article_id] for m in group if published[m.article_id]]
        groups.append(
            ClaimGroup(
                "g" + hashlib.sha1(key.encode()).hexdigest()[:12],
                group[0].text,
                tuple(group),
                min(dates) if dates else None,
            )
        )
    pairs = []
    for group in groups:
        for first, second in combinations(group.claims, 2):
            one, two = quantities[first], quantities[second]
            if one and two and one[0][1] != two[0][1]:
                explanation = f"{one[0][0]} vs {two[0][0]}"
                pairs.append(
                    ClaimPair(
                        first, second, "contradict", 0.7, VERSION, "numbers", explanation, group.id
                    )
                )
            else:
                pairs.append(ClaimPair(first, second, "agree", 0.8, VERSION, group_id=group.id))
    # A cause conflict: the cross-outlet pair sharing most content words where one claim
    # gives a cause ("due to", "because") that the other does not.
    crossing = [
        (len(_words(a.text) & _words(b.text)), a, b)
        for a, b in combinations([e for found in claims.values() for e in found], 2)
        if a.outlet != b.outlet
        and (_CAUSE.search(a.text) is None) != (_CAUSE.search(b.text) is None)
    ]
    if crossing:
        _, first, second = max(crossing, key=lambda t: t[0])
        giver = first if _CAUSE.search(first.text) else second
        cause = giver.text[_CAUSE.search(giver.text).end() :].strip().rstrip(".")  # type: ignore[union-attr]
        explanation = f"{giver.outlet} gives a cause the other does not: {cause}"
        pairs.append(ClaimPair(first, second, "contradict", 0.6, VERSION, "cause", explanation))
    columns = []
    for outlet, own in by_outlet.items():
        last = max((a.published for a in own if a.published), default=None)
        speakers: dict[tuple[str, bool], list[Evidence]] = {}
        unnamed = 0
        terms = []
        for article in own:
            for quote in corpus.articles.analysis(article.id).quotes:
                name = quote.speaker or " ".join((quote.speaker_text or "unattributed").split())
                speakers.setdefault((name, quote.speaker is not None), []).append(
                    Evidence(article.id, outlet, quote.start, quote.end, quote.text)
                )
                unnamed += quote.speaker is None
            for start, end, term, source in loaded_terms(article.text):
                terms.append(
                    FramingFinding(
                        Evidence(article.id, outlet, start, end, term), "loaded", 1.0, source
                    )
                )
        quoted_elsewhere = {
            other: {name for article in others for name in
                    (q.speaker for q in corpus.articles.analysis(article.id).quotes) if name}
            for other, others in by_outlet.items() if other != outlet
        }  # fmt: skip
        quotes = tuple(
            SpeakerQuotes(
                name,
                named,
                tuple(found),
                tuple(o for o, names in quoted_elsewhere.items() if named and name in names),
            )
            for (name, named), found in sorted(speakers.items(), key=lambda i: -len(i[1]))
        )
        mine = [g for g in groups if outlet in g.outlets]
        unique = tuple(g.id for g in mine if g.outlets == (outlet,))
        omitted = tuple(
            g.id
            for g in groups
            if outlet not in g.outlets
            and (last is None or g.first_reported is None or g.first_reported <= last)
        )
        own_claims = tuple(claims.get(outlet, ()))
        biased = tuple(
            FramingFinding(claim, "biased", 0.6, VERSION)
            for claim in own_claims
            if any(t.evidence.article_id == claim.article_id and claim.start <= t.evidence.start < claim.end
                   for t in terms)
        )[:3]  # fmt: skip
        tone = tuple(Tone(entity, -0.2, 2) for entity in story.entities[:1])
        dates = [a.published for a in own if a.published]
        outlet_id = next((a.outlet_id for a in own if a.outlet_id), None)
        columns.append(
            OutletComparison(
                outlet=outlet,
                article_ids=tuple(a.id for a in own),
                covered=(min(dates) if dates else None, last),
                claims=own_claims,
                unique=unique,
                omitted=omitted,
                contradictions=involving(story_contradictions(pairs, []), outlet),
                quotes=quotes,
                sourcing=Sourcing(
                    quotes=sum(len(q.quotes) for q in quotes),
                    speakers=sum(1 for q in quotes if q.named),
                    unnamed=unnamed,
                    attributed_claims=len(own_claims) // 2,
                    asserted_claims=len(own_claims) - len(own_claims) // 2,
                ),
                framing=Framing(
                    terms=tuple(terms), techniques=(), tone=tone, biased_sentences=biased
                ),
                profile=corpus.outlets.get(outlet_id) if outlet_id else None,
            )
        )
    return StoryComparison(
        story.id,
        tuple(columns),
        tuple(groups),
        tuple(pairs),
        VERSION,
        story.entities,
        contradictions=story_contradictions(pairs, []),
    )
