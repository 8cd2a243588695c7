"""A story's comparison of outlets as JSON: the export and cache form, and the dataclass form.

The export form (``stories[].comparison`` of ``docs/export-schema.json``, also what the store
caches) is written by hand: a framing finding carries its span's keys, a quote its kind, a
claim group its outlets, an outlet column the positions of its contradictions in the story's
list (each contradiction is written once), and keys come in the documented order. Dates are
ISO strings, tuples lists, outlet profiles :func:`parallax.codec.articles.outlet_to_dict`;
``comparison_from_dict(comparison_to_dict(c)) == c`` for every comparison. The API and the
JSON report answer the dataclass form (:func:`parallax.codec.dump`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from parallax.codec.articles import outlet_from_dict, outlet_to_dict
from parallax.comparison import (
    ClaimGroup,
    ClaimPair,
    Contradiction,
    ContradictionSide,
    Evidence,
    Framing,
    FramingFinding,
    OutletComparison,
    Sourcing,
    SpeakerQuotes,
    StoryComparison,
    Tone,
)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _from_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def evidence_to_dict(evidence: Evidence) -> dict[str, Any]:
    """Return a span as ``{article_id, outlet, start, end, text}``."""
    return {
        "article_id": evidence.article_id,
        "outlet": evidence.outlet,
        "start": evidence.start,
        "end": evidence.end,
        "text": evidence.text,
    }


def _evidence(data: dict[str, Any]) -> Evidence:
    return Evidence(data["article_id"], data["outlet"], data["start"], data["end"], data["text"])


def pair_to_dict(pair: ClaimPair) -> dict[str, Any]:
    """Return a labelled claim pair with both spans."""
    return {
        "first": evidence_to_dict(pair.first),
        "second": evidence_to_dict(pair.second),
        "label": pair.label,
        "kind": pair.kind,
        "score": pair.score,
        "model": pair.model,
        "explanation": pair.explanation,
        "group_id": pair.group_id,
        "details": [evidence_to_dict(e) for e in pair.details],
    }


def _pair(data: dict[str, Any]) -> ClaimPair:
    return ClaimPair(
        first=_evidence(data["first"]),
        second=_evidence(data["second"]),
        label=data["label"],
        score=data["score"],
        model=data["model"],
        kind=data.get("kind"),
        explanation=data.get("explanation", ""),
        group_id=data.get("group_id"),
        details=tuple(_evidence(e) for e in data.get("details", ())),
    )


def _side_to_dict(side: ContradictionSide) -> dict[str, Any]:
    value = side.value
    return {
        "span": evidence_to_dict(side.span),
        "value": {"start": value[0], "end": value[1], "text": side.value_text} if value else None,
    }


def _side(data: dict[str, Any]) -> ContradictionSide:
    value = data.get("value")
    return ContradictionSide(
        _evidence(data["span"]), (value["start"], value["end"]) if value else None
    )


def contradiction_to_dict(item: Contradiction) -> dict[str, Any]:
    """Return one of a story's contradictions: kind, both sides (span and value), score."""
    return {
        "kind": item.kind,
        "first": _side_to_dict(item.first),
        "second": _side_to_dict(item.second),
        "score": item.score,
        "explanation": item.explanation,
        "rule": item.rule,
    }


def _contradiction(data: dict[str, Any]) -> Contradiction:
    return Contradiction(
        kind=data["kind"],
        first=_side(data["first"]),
        second=_side(data["second"]),
        score=data["score"],
        explanation=data.get("explanation", ""),
        rule=data["rule"],
    )


def _finding_to_dict(finding: FramingFinding) -> dict[str, Any]:
    return (
        evidence_to_dict(finding.evidence)
        | {
            "label": finding.label,
            "score": finding.score,
            "source": finding.source,
        }
        | ({"speaker": finding.speaker} if finding.speaker is not None else {})
    )


def _finding(data: dict[str, Any]) -> FramingFinding:
    return FramingFinding(
        _evidence(data), data["label"], data["score"], data["source"], data.get("speaker")
    )


def _outlet_to_dict(column: OutletComparison) -> dict[str, Any]:
    sourcing = column.sourcing
    framing = column.framing
    return {
        "outlet": column.outlet,
        "article_ids": list(column.article_ids),
        "covered": [_day(column.covered[0]), _day(column.covered[1])],
        "claims": [evidence_to_dict(e) for e in column.claims],
        "unique": list(column.unique),
        "omitted": list(column.omitted),
        "contradictions": list(column.contradictions),
        "quotes": [
            {
                "speaker": s.speaker,
                "named": s.named,
                "shared_with": list(s.shared_with),
                "quotes": [
                    evidence_to_dict(e) | {"kind": kind}
                    for e, kind in zip(s.quotes, s.kinds or ("",) * len(s.quotes), strict=True)
                ],
            }
            for s in column.quotes
        ],
        "sourcing": {
            "quotes": sourcing.quotes,
            "speakers": sourcing.speakers,
            "unnamed": sourcing.unnamed,
            "attributed_claims": sourcing.attributed_claims,
            "asserted_claims": sourcing.asserted_claims,
            "attributed_share": sourcing.attributed_share,
        },
        "framing": {
            "terms": [_finding_to_dict(f) for f in framing.terms],
            "techniques": [_finding_to_dict(f) for f in framing.techniques],
            "biased_sentences": [_finding_to_dict(f) for f in framing.biased_sentences],
            "tone": [
                {"entity": t.entity, "score": t.score, "sentences": t.sentences}
                for t in framing.tone
            ],
            # only when there are some, so English comparisons encode as before
            **({"notes": list(framing.notes)} if framing.notes else {}),
            **(
                {"quoted_terms": [_finding_to_dict(f) for f in framing.quoted_terms]}
                if framing.quoted_terms
                else {}
            ),
        },
        "outlet_profile": outlet_to_dict(column.profile) if column.profile else None,
    }


def _speaker(data: dict[str, Any]) -> SpeakerQuotes:
    return SpeakerQuotes(
        speaker=data["speaker"],
        named=data["named"],
        quotes=tuple(_evidence(q) for q in data["quotes"]),
        shared_with=tuple(data["shared_with"]),
        kinds=tuple(q["kind"] for q in data["quotes"] if q.get("kind")),
    )


def _outlet(data: dict[str, Any]) -> OutletComparison:
    sourcing, framing = data["sourcing"], data["framing"]
    return OutletComparison(
        outlet=data["outlet"],
        article_ids=tuple(data["article_ids"]),
        covered=(_from_day(data["covered"][0]), _from_day(data["covered"][1])),
        claims=tuple(_evidence(e) for e in data["claims"]),
        unique=tuple(data["unique"]),
        omitted=tuple(data["omitted"]),
        contradictions=tuple(data["contradictions"]),
        quotes=tuple(_speaker(s) for s in data["quotes"]),
        sourcing=Sourcing(
            quotes=sourcing["quotes"],
            speakers=sourcing["speakers"],
            unnamed=sourcing["unnamed"],
            attributed_claims=sourcing["attributed_claims"],
            asserted_claims=sourcing["asserted_claims"],
        ),
        framing=Framing(
            terms=tuple(_finding(f) for f in framing["terms"]),
            techniques=tuple(_finding(f) for f in framing["techniques"]),
            tone=tuple(Tone(t["entity"], t["score"], t["sentences"]) for t in framing["tone"]),
            biased_sentences=tuple(_finding(f) for f in framing.get("biased_sentences", ())),
            notes=tuple(framing.get("notes", ())),
            quoted_terms=tuple(_finding(f) for f in framing.get("quoted_terms", ())),
        ),
        profile=outlet_from_dict(data["outlet_profile"]) if data.get("outlet_profile") else None,
    )


def comparison_to_dict(comparison: StoryComparison) -> dict[str, Any]:
    """Return a story comparison as a JSON-ready dict (the export's ``stories[].comparison``)."""
    return {
        "story_id": comparison.story_id,
        "version": comparison.version,
        "key_entities": list(comparison.key_entities),
        "outlets": [_outlet_to_dict(column) for column in comparison.outlets],
        "groups": [_group_to_dict(group) for group in comparison.groups],
        "pairs": [pair_to_dict(pair) for pair in comparison.pairs],
        "contradictions": [contradiction_to_dict(c) for c in comparison.contradictions],
    }


def _group_to_dict(group: ClaimGroup) -> dict[str, Any]:
    found = {
        "id": group.id,
        "summary": group.summary,
        "first_reported": _day(group.first_reported),
        "outlets": list(group.outlets),
        "claims": [evidence_to_dict(e) for e in group.claims],
    }
    if group.events:  # an event cluster: its mentions (absent from claim-pair groups)
        found["events"] = [evidence_to_dict(e) for e in group.events]
    return found


def _group(data: dict[str, Any]) -> ClaimGroup:
    claims = tuple(_evidence(e) for e in data["claims"])
    events = tuple(_evidence(e) for e in data.get("events", ()))
    return ClaimGroup(
        data["id"], data["summary"], claims, _from_day(data["first_reported"]), events=events
    )


def comparison_from_dict(data: dict[str, Any]) -> StoryComparison:
    """Rebuild a story comparison from :func:`comparison_to_dict`'s form."""
    return StoryComparison(
        story_id=data["story_id"],
        outlets=tuple(_outlet(column) for column in data["outlets"]),
        groups=tuple(_group(group) for group in data["groups"]),
        pairs=tuple(_pair(pair) for pair in data["pairs"]),
        version=data["version"],
        key_entities=tuple(data.get("key_entities", ())),
        contradictions=tuple(_contradiction(c) for c in data.get("contradictions", ())),
    )
