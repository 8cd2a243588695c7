"""The omission rule behind each outlet's "omits" list, as a public predicate."""

from __future__ import annotations

from datetime import date

from parallax.compare.story import omits
from parallax.comparison import ClaimGroup, Evidence


def _group(*outlets: str, first: date | None = date(2024, 5, 2)) -> ClaimGroup:
    claims = tuple(Evidence(f"a{i}", name, 0, 4, "text") for i, name in enumerate(outlets))
    return ClaimGroup(id="g1", summary="text", claims=claims, first_reported=first)


def test_an_outlet_never_omits_what_it_reports() -> None:
    assert not omits("A", _group("A", "B"), date(2024, 5, 9))


def test_an_outlet_omits_what_others_reported_while_it_covered_the_story() -> None:
    assert omits("A", _group("B"), date(2024, 5, 2))
    assert omits("A", _group("B"), date(2024, 5, 9))


def test_what_was_first_reported_after_the_outlets_last_article_is_not_omitted() -> None:
    assert not omits("A", _group("B"), date(2024, 5, 1))


def test_unknown_dates_count_as_omitted() -> None:
    assert omits("A", _group("B"), None)
    assert omits("A", _group("B", first=None), date(2024, 5, 1))


def test_a_group_the_model_finds_unimportant_is_no_omission() -> None:
    assert not omits("A", _group("B"), date(2024, 5, 9), important=False, outlets=2)
    assert omits("A", _group("B"), date(2024, 5, 9), important=True, outlets=2)


def test_what_most_outlets_report_is_always_an_omission() -> None:
    assert omits("A", _group("B", "C"), date(2024, 5, 9), important=False, outlets=3)
    assert not omits("A", _group("B"), date(2024, 5, 9), important=False, outlets=3)
    # ... but not what was first reported after the outlet's last article.
    assert not omits("A", _group("B", "C"), date(2024, 5, 1), important=False, outlets=3)
