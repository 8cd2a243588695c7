"""The contradiction-kind rules on real sentences of the seed articles (and minimal edits of
them where the seeds hold no such conflict)."""

from __future__ import annotations

from datetime import date

from parallax.compare.align import ClaimView
from parallax.compare.conflicts import (
    actors_conflict,
    cause_clause,
    cause_conflict,
    dates_conflict,
    find_conflict,
    negation_conflict,
    numbers_conflict,
)
from parallax.compare.date_values import date_interval, dates_compatible
from parallax.compare.names import name_variants
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


# --- issue #15: only incompatible statements about one event are contradictions ---------------
# Sentences of the BASIL marijuana-lawsuit story (2014-12-18/19), where the rules of v1 found
# contradictions that are none.
ELLIOTT_NYT = (
    "“If Nebraska and Oklahoma succeed, they will put the violent criminal organizations back in "
    "charge,” Michael Elliott, the executive director of the Marijuana Industry Group, a "
    "Colorado-based trade group, said in a statement."
)
ELLIOTT_HPO = (
    "“If Nebraska and Oklahoma succeed, they will put the violent criminal organizations back in "
    "charge,” Elliott said."
)
FILED_NYT = (
    "DENVER — Two heartland states filed the first major court challenge to marijuana "
    "legalization on Thursday, saying that Colorado’s growing array of state-regulated "
    "recreational marijuana shops was piping marijuana into neighboring states and should be "
    "shut down."
)
FILED_HPO = (
    "The states of Nebraska and Oklahoma filed a federal lawsuit in the U.S. Supreme Court "
    "Thursday, claiming that Colorado's legalization of recreational marijuana is "
    "unconstitutional under federal law."
)
APPROVED_HPO = (
    "Colorado voters approved Amendment 64, legalizing recreational marijuana in the state, in "
    "2012."
)
BRUNING = (
    "Bruning, a Republican, blamed U.S. Attorney General Eric Holder for failing to enforce the "
    "federal law's ban on drugs in Colorado."
)


def test_two_names_of_one_person_are_no_actors_conflict() -> None:
    first = view(
        ELLIOTT_NYT,
        "A",
        entities={
            "Nebraska": ("GPE", "Nebraska"),
            "Oklahoma": ("GPE", "Oklahoma"),
            "Michael Elliott": ("PERSON", "Michael Elliott"),
            "Marijuana Industry Group": ("ORG", "Marijuana Industry Group"),
        },
    )
    second = view(
        ELLIOTT_HPO,
        "B",
        entities={
            "Nebraska": ("GPE", "Nebraska"),
            "Oklahoma": ("GPE", "Oklahoma"),
            "Elliott": ("PERSON", "Mike Elliott"),
        },
    )
    assert name_variants("Michael Elliott", "Mike Elliott")
    assert name_variants("Steele", "Michael Steele")
    assert name_variants("Moammar", "Muammar")
    assert name_variants("RNC", "Republican National Committee")
    assert name_variants("Democratic", "Democrats")
    assert not name_variants("Nebraska", "Kansas")
    assert not name_variants("Democrats", "Republicans")
    assert actors_conflict(first, second) is None
    assert find_conflict(first, second) is None


def test_a_dateline_is_no_rival_of_the_actor() -> None:
    denver = view(
        FILED_NYT,
        "A",
        entities={"DENVER": ("GPE", "Denver"), "Colorado": ("GPE", "Colorado")},
        dates={"Thursday": "2014-12-18"},
    )
    nebraska = view(
        FILED_HPO,
        "B",
        entities={
            "Nebraska": ("GPE", "Nebraska"),
            "Oklahoma": ("GPE", "Oklahoma"),
            "U.S. Supreme Court": ("ORG", "U.S. Supreme Court"),
            "Colorado": ("GPE", "Colorado"),
        },
        dates={"Thursday": "2014-12-18"},
    )
    assert actors_conflict(denver, nebraska) is None
    assert find_conflict(denver, nebraska) is None


def test_a_place_is_no_rival_of_a_party() -> None:
    senators = "The {} senators blocked the spending bill on Wednesday night."
    party = view(
        senators.format("Republican"), "A", entities={"Republican": ("NORP", "Republican")}
    )
    place = view(
        senators.format("United States"),
        "B",
        entities={"United States": ("GPE", "United States")},
    )
    assert actors_conflict(party, place) is None
    assert find_conflict(party, place) is None
    # The same slot held by two parties is a conflict.
    other = view(senators.format("Democratic"), "B", entities={"Democratic": ("NORP", "Democrat")})
    found = actors_conflict(party, other)
    assert found is not None and found.explanation == "Republican vs Democrat"


def test_the_same_act_by_other_states_is_an_actors_conflict() -> None:
    first = view(
        FILED_HPO,
        "A",
        entities={"Nebraska": ("GPE", "Nebraska"), "Oklahoma": ("GPE", "Oklahoma")},
    )
    second = view(
        FILED_HPO.replace("Oklahoma", "Kansas"),
        "B",
        entities={"Nebraska": ("GPE", "Nebraska"), "Kansas": ("GPE", "Kansas")},
    )
    found = actors_conflict(first, second)
    assert found is not None and found.explanation == "Oklahoma vs Kansas"
    assert [span.text for span in found.spans] == ["Oklahoma", "Kansas"]


def test_dates_of_different_events_are_no_dates_conflict() -> None:
    filed = view(FILED_NYT, "A", dates={"Thursday": "2014-12-18"})
    approved = view(APPROVED_HPO, "B", dates={"2012": "2012"})
    assert dates_conflict(filed, approved) is None
    assert find_conflict(filed, approved) is None
    # A day filed on another day of the same event is one.
    wednesday = view(
        FILED_NYT.replace("Thursday", "Wednesday"), "B", dates={"Wednesday": "2014-12-17"}
    )
    found = dates_conflict(filed, wednesday)
    assert found is not None and found.kind == "dates"


def test_compatible_dates() -> None:
    day, month = date_interval("2014-12-18"), date_interval("2014-12")
    year, guessed = date_interval("2008-03"), date_interval("2010-03-02")
    monday, next_monday = date_interval("2010-08-09"), date_interval("2010-08-16")
    assert day and month and year and guessed and monday and next_monday
    assert dates_compatible("Thursday", day, "December", month)  # a day in its month
    assert dates_compatible("March 2008", year, "March 2", guessed)  # the year was guessed
    assert dates_compatible("Monday", monday, "Monday", next_monday)  # the same words
    assert not dates_compatible("Thursday", day, "2012", date_interval("2012") or day)


def test_a_bounded_or_another_count_is_no_numbers_conflict() -> None:
    cost = "Vanity Fair estimated the reading of the Constitution costing {} to taxpayers."
    first = view(cost.format("$1.1 million"), "A", numbers={"$1.1 million": (1.1e6, "million")})
    bounded = cost.format("more than $1 million")
    second = view(bounded, "B", numbers={"$1 million": (1e6, "million")})
    assert numbers_conflict(first, second) is None
    less = view(cost.format("$400,000"), "B", numbers={"$400,000": (4e5, "dollars million")})
    found = numbers_conflict(first, less)
    assert found is not None and found.kind == "numbers"
    # Two candidates' shares of one poll are two counts, not one.
    huckabee = (
        "finishes first among Tea Party supporters (at 20 percent), followed by Romney "
        "(17 percent), Huckabee (14 percent), Palin (12 percent) and Gingrich (9 percent)."
    )
    romney = (
        "In the poll, former Massachusetts Gov. Mitt Romney leads the would-be group of contenders "
        "with 21 percent of Republican primary voters surveyed followed by Trump and former "
        "Arkansas Gov. Mike Huckabee at 17 percent each."
    )
    assert (
        numbers_conflict(
            view(huckabee, "A", numbers={"14 percent": (14.0, "percent")}),
            view(romney, "B", numbers={"21 percent": (21.0, "percent")}),
        )
        is None
    )


def test_a_negation_inside_a_condition_is_no_negation_conflict() -> None:
    plain = view(
        "To pass this bill in the next couple of weeks would materially increase the risk that "
        "the economy would stall out, he told reporters.",
        "A",
    )
    conditional = view(
        "If they don't pass this bill in the next couple of weeks it will materially increase "
        "the risk that the economy would stall out, he told reporters.",
        "B",
    )
    assert negation_conflict(plain, conditional) is None


def test_a_date_of_another_part_of_the_event_is_no_dates_conflict() -> None:
    announced = view(
        "Patrick also announced the general election date Wednesday.",
        "A",
        dates={"Wednesday": "2013-01-30"},
    )
    slated = view(
        "Patrick has consistently said that the pick to succeed Kerry should not run in the "
        "general election slated for June 25.",
        "B",
        dates={"June 25": "2013-06-25"},
    )
    assert dates_conflict(announced, slated) is None


def test_one_cause_told_at_more_length_is_no_cause_conflict() -> None:
    first = view(
        "Santorum said that health insurance plans shouldn’t be required to cover prenatal "
        "testing, because that testing results in more abortions, as well as contending that "
        "public education was “anachronistic.”",
        "A",
    )
    second = view(
        "Santorum said health insurance plans shouldn’t be required to cover prenatal testing "
        "“because free prenatal testing ends up in more abortions and therefore less care.”",
        "B",
    )
    assert cause_conflict(first, second) is None


def test_a_wire_update_number_is_no_count() -> None:
    update = "UPDATE {}-Egypt pro-Mursi alliance signals flexibility in talks"
    first = view(update.format(2), "A", numbers={"2-Egypt": (2.0, "egypt")})
    second = view(update.format(1), "B", numbers={"1-Egypt": (1.0, "egypt")})
    assert numbers_conflict(first, second) is None
