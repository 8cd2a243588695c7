"""Russian and Ukrainian time expressions resolved against a fixed article date."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from dateparser.date import DateDataParser

from parallax.nlp.dates_slavic import normalize_slavic
from parallax.nlp.timex import normalize

THURSDAY = date(2024, 3, 14)  # the article's date in every case below
TUESDAY = date(2024, 3, 12)

# Each form in Ukrainian and in Russian, with the TIMEX3 value the English resolver gives its
# English translation ("on Thursday", "last Thursday", "a week ago", "this morning", ...).
CASES = [
    ("у четвер", "в четверг", ("DATE", "2024-03-14")),
    ("у понеділок", "в понедельник", ("DATE", "2024-03-11")),
    ("минулого четверга", "в прошлый четверг", ("DATE", "2024-03-07")),
    ("тиждень тому", "неделю назад", ("DATE", "2024-03-07")),
    ("сьогодні вранці", "сегодня утром", ("TIME", "2024-03-14TMO")),
    ("вчора ввечері", "вчера вечером", ("TIME", "2024-03-13TEV")),
    ("минулого тижня", "на прошлой неделе", ("DATE", "2024-W10")),
    ("вчора", "вчера", ("DATE", "2024-03-13")),
    ("сьогодні", "сегодня", ("DATE", "2024-03-14")),
    ("завтра", "завтра", ("DATE", "2024-03-15")),
    ("3 дні тому", "3 дня назад", ("DATE", "2024-03-11")),
    ("два роки тому", "два года назад", ("DATE", "2022")),
    ("24 лютого 2022 року", "24 февраля 2022 года", ("DATE", "2022-02-24")),
    ("наступного понеділка", "в следующий понедельник", ("DATE", "2024-03-18")),
    ("у п’ятницю", "в пятницу", ("DATE", "2024-03-15")),
    # Months and years, which dateparser misreads ("2014 року" was "10") or leaves out.
    ("у лютому 2022 року", "в феврале 2022 года", ("DATE", "2022-02")),
    ("у лютому", "в феврале", ("DATE", "2024-02")),
    ("у квітні", "в апреле", ("DATE", "2023-04")),  # a later month: last year's
    ("у 2014 році", "в 2014 году", ("DATE", "2014")),
    ("з 2014 року", "с 2014 года", ("DATE", "2014")),
    ("на минулому тижні", "на прошлой неделе", ("DATE", "2024-W10")),
    ("минулої ночі", "прошлой ночью", ("TIME", "2024-03-13TNI")),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(uk, value) for uk, _, value in CASES] + [(ru, value) for _, ru, value in CASES],
)
def test_each_form_resolves_against_the_article_date(text: str, expected: tuple[str, str]) -> None:
    assert normalize_slavic(text, THURSDAY) == expected


@pytest.mark.parametrize(
    ("text", "english"), [("у четвер", "on Thursday"), ("в четверг", "Thursday")]
)
@pytest.mark.parametrize("tense", ["past", "present", "future"])
def test_a_weekday_follows_the_tense_as_in_english(text: str, english: str, tense: str) -> None:
    assert normalize_slavic(text, TUESDAY, tense=tense) == normalize(english, TUESDAY, tense=tense)


def test_the_date_resolver_reads_russian_and_ukrainian_through_its_hook() -> None:
    assert normalize("у четвер", TUESDAY, tense="past") == ("DATE", "2024-03-07")
    assert normalize("минулого четверга", THURSDAY) == ("DATE", "2024-03-07")
    assert normalize("сегодня утром", THURSDAY) == ("TIME", "2024-03-14TMO")
    # English is left to the English rules.
    assert normalize_slavic("last Thursday", THURSDAY) is None
    assert normalize("last Thursday", THURSDAY) == ("DATE", "2024-03-07")


def test_a_month_without_a_year_follows_the_tense() -> None:
    assert normalize_slavic("у квітні", THURSDAY, tense="future") == ("DATE", "2024-04")
    assert normalize_slavic("в апреле", THURSDAY, tense="past") == ("DATE", "2023-04")
    assert normalize_slavic("31 лютого 2023 року", THURSDAY) == ("DATE", None)


def test_relative_forms_need_the_article_date_but_absolute_ones_do_not() -> None:
    assert normalize_slavic("у четвер", None) == ("DATE", None)
    assert normalize_slavic("24 лютого 2022 року", None) == ("DATE", "2022-02-24")


def test_dateparser_fails_on_the_forms_the_pre_normaliser_resolves() -> None:
    """Why the module exists: if dateparser learns these forms, the rules can go."""
    base = datetime(2024, 3, 14)
    parser = DateDataParser(languages=["uk", "ru"], settings={"RELATIVE_BASE": base})
    failing = ["у четвер", "у понеділок", "минулого четверга", "тиждень тому",
               "в прошлый четверг", "сегодня утром"]  # fmt: skip
    assert [parser.get_date_data(text).date_obj for text in failing] == [None] * len(failing)
    read = ["минулого тижня", "вчора", "3 дні тому", "24 лютого 2022 року", "в четверг"]
    assert all(parser.get_date_data(text).date_obj is not None for text in read)
