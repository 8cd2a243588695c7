"""The contradiction-kind rules on real sentences of the seed articles (and minimal edits of
them where the seeds hold no such conflict)."""

from __future__ import annotations

from datetime import date

from parallax.compare.align import ClaimView
from parallax.compare.conflicts import (
    actors_conflict,
    cause_clause,
    cause_conflict,
    date_interval,
    dates_conflict,
    find_conflict,
    negation_conflict,
    numbers_conflict,
)
from parallax.comparison import Evidence
from parallax.model import Mention, Quantity, TimeExpression

PAUSE = (
    "Pentagon officials suggested the suspension was a “pause” in delivery of Patriots, precision "
    "artillery and Hellfire missiles mounted on Ukrainian F-16 aircraft as part of a review of US "
    "supplies worldwide."
)
DECISION = (
    "This decision followed a temporary suspension of arms deliveries, reportedly due to a "
    "Pentagon review of ammunition stocks after U.S. strikes on Iranian nuclear facilities."
)
ATTACK = (
    "The move came after Ukraine said it had endured the biggest overnight air attack of the "
    "entire war, with swarms of 500 drones and missiles intended to overwhelm already stretched "
    "air defences."
)
CALL = (
    "The pair spoke again at length on Thursday in what turned out to be another unsatisfactory "
    "call between the two presidents from the Oval Office perspective."
)
PAUSE_ELSEWHERE = "But the US has not declared a pause in supply to any other nation."
KHERSON = (
    "Russian drone pilots have been using civilians in Kherson as target practice on training "
    "operations with FPV drones killing several people every week – for the last year or so."
)
SHORTAGE = (
    "Ukraine’s president, Volodymyr Zelensky, has been warning for weeks that his country faces a "
    "critical shortage of defensive weapons."
)
RESUME = (
    "President Trump confirmed that the U.S. would resume weapons shipments to Ukraine, "
    "emphasizing the need to bolster Kyiv’s defense capabilities."
)


def view(
    text: str,
    outlet: str,
    *,
    numbers: dict[str, tuple[float, str]] | None = None,
    dates: dict[str, str] | None = None,
    entities: dict[str, tuple[str, str]] | None = None,
) -> ClaimView:
    """A claim of its own article (offsets from 0), with the quantities, dates and mentions
    found at the given phrases."""

    def at(phrase: str) -> tuple[int, int]:
        start = text.index(phrase)
        return start, start + len(phrase)

    quantities = tuple(
        Quantity(*at(phrase), phrase, value, unit)
        for phrase, (value, unit) in (numbers or {}).items()
    )
    times = tuple(
        TimeExpression(outlet, *at(phrase), phrase, "DATE", value, "test")
        for phrase, value in (dates or {}).items()
    )
    mentions = tuple(
        Mention(outlet, *at(phrase), phrase, label, name, "test")
        for phrase, (label, name) in (entities or {}).items()
    )
    names = tuple(dict.fromkeys(m.entity for m in sorted(mentions, key=lambda m: m.start)))
    evidence = Evidence(f"article-{outlet}", outlet, 0, len(text), text)
    return ClaimView(evidence, date(2025, 7, 4), names, quantities, times, mentions)


def test_different_reasons_for_the_same_suspension_are_a_cause_conflict() -> None:
    found = cause_conflict(view(PAUSE, "A"), view(DECISION, "B"))
    assert found is not None and found.kind == "cause"
    assert [span.text for span in found.spans] == [
        "a review of US supplies worldwide",
        "a Pentagon review of ammunition stocks after U.S. strikes on Iranian nuclear facilities",
    ]
    assert all(
        span.text == (PAUSE if span.outlet == "A" else DECISION)[span.start : span.end]
        for span in found.spans
    )


def test_the_same_reason_in_other_words_is_no_cause_conflict() -> None:
    same = PAUSE.replace(
        "as part of a review of US supplies worldwide", "due to a worldwide review of US supplies"
    )
    assert cause_conflict(view(PAUSE, "A"), view(same, "B")) is None


def test_a_cause_clause_ends_at_the_sentence_not_at_an_initial() -> None:
    found = cause_clause(DECISION)
    assert found is not None
    assert DECISION[found[1] : found[2]].endswith("Iranian nuclear facilities")
    assert cause_clause(CALL) is None


def test_a_different_count_of_the_same_thing_is_a_numbers_conflict() -> None:
    first = view(ATTACK, "A", numbers={"500 drones and missiles": (500.0, "drones and missiles")})
    edited = ATTACK.replace("500", "300")
    second = view(edited, "B", numbers={"300 drones and missiles": (300.0, "drones and missiles")})
    found = numbers_conflict(first, second)
    assert found is not None and found.kind == "numbers"
    assert found.explanation == "500 drones and missiles vs 300 drones and missiles"
    assert (
        numbers_conflict(
            first,
            view(ATTACK, "B", numbers={"500 drones and missiles": (500.0, "drones and missiles")}),
        )
        is None
    )


def test_different_days_for_the_same_call_are_a_dates_conflict() -> None:
    first = view(CALL, "A", dates={"Thursday": "2025-07-03"})
    second = view(CALL.replace("Thursday", "Wednesday"), "B", dates={"Wednesday": "2025-07-02"})
    found = dates_conflict(first, second)
    assert found is not None and found.kind == "dates" and "2025-07-02" in found.explanation
    # A week that holds the day does not conflict with it.
    week = view(CALL.replace("on Thursday", "this week"), "B", dates={"this week": "2025-W27"})
    assert dates_conflict(first, week) is None


def test_date_intervals() -> None:
    assert date_interval("2025-W27") == (date(2025, 6, 30), date(2025, 7, 6))
    assert date_interval("2025-02") == (date(2025, 2, 1), date(2025, 2, 28))
    assert date_interval("PXW") is None and date_interval(None) is None


def test_a_negated_statement_is_a_negation_conflict() -> None:
    affirmed = PAUSE_ELSEWHERE.replace("has not declared", "has declared")
    found = negation_conflict(view(PAUSE_ELSEWHERE, "A"), view(affirmed, "B"))
    assert found is not None and found.kind == "negation"
    assert [span.text for span in found.spans] == ["not"]


def test_the_same_act_by_other_actors_is_an_actors_conflict() -> None:
    first = view(
        KHERSON, "A", entities={"Russian": ("NORP", "Russian"), "Kherson": ("GPE", "Kherson")}
    )
    edited = KHERSON.replace("Russian", "Ukrainian")
    second = view(
        edited, "B", entities={"Ukrainian": ("NORP", "Ukrainian"), "Kherson": ("GPE", "Kherson")}
    )
    found = actors_conflict(first, second)
    assert found is not None and found.kind == "actors"
    assert found.explanation == "Russian vs Ukrainian"


def test_related_claims_about_different_facts_do_not_conflict() -> None:
    shortage = view(
        SHORTAGE, "A", entities={"Volodymyr Zelensky": ("PERSON", "Volodymyr Zelensky")}
    )
    resume = view(
        RESUME, "B", entities={"Trump": ("PERSON", "Donald Trump"), "Ukraine": ("GPE", "Ukraine")}
    )
    assert find_conflict(shortage, resume) is None
    assert find_conflict(view(ATTACK, "A"), view(DECISION, "B")) is None
    assert find_conflict(view(PAUSE, "A"), view(PAUSE_ELSEWHERE, "B")) is None
