"""``eval dates --language``: the Russian and Ukrainian stages' dates scored on TimeML.

No public Russian or Ukrainian TimeML set is in the shared data, so these documents are our own:
gold TIMEX3 marked by the TimeML guidelines (a preposition is not part of the expression, a
modifier such as "прошлый" and a postposition such as "назад" are), dated by their DCT.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.errors import ConfigError
from parallax.eval.dates import evaluate_dates


def timeml(*parts: str) -> str:
    """A TimeML document created on 2025-07-08 (a Tuesday) whose text is ``parts`` joined."""
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n<TimeML><DOCID>1</DOCID>"
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2025-07-08" functionInDocument="CREATION_TIME">'
        f"2025-07-08</TIMEX3></DCT><TEXT>{''.join(parts)}</TEXT></TimeML>"
    )


RUSSIAN = timeml(
    'Переговоры прошли в <TIMEX3 tid="t1" type="DATE" value="2025-07-03">прошлый четверг'
    '</TIMEX3>, а <TIMEX3 tid="t2" type="DATE" value="2022-02-24">24 февраля 2022 года</TIMEX3>'
    ' началась война. <TIMEX3 tid="t3" type="DATE" value="2025-07-05">Три дня назад</TIMEX3>'
    " всё изменилось."
)
UKRAINIAN = timeml(
    'Переговори відбулися у <TIMEX3 tid="t1" type="DATE" value="2025-07-03">четвер</TIMEX3>, '
    'а <TIMEX3 tid="t2" type="DATE" value="2022-02-24">24 лютого 2022 року</TIMEX3> почалася '
    'війна. <TIMEX3 tid="t3" type="DATE" value="2025-07-01">Тиждень тому</TIMEX3> все '
    "змінилося."
)


@pytest.mark.parametrize("language, document", [("ru", RUSSIAN), ("uk", UKRAINIAN)])
def test_the_language_stage_dates_are_scored(tmp_path: Path, language: str, document: str) -> None:
    (tmp_path / f"{language}.tml").write_text(document, encoding="utf-8")
    scores = evaluate_dates(tmp_path, language=language)
    assert (scores["documents"], scores["gold"], scores["predicted"]) == (1.0, 3.0, 3.0)
    # Every value resolves against the DCT; the stage's span of a weekday keeps its
    # preposition ("в прошлый четверг", "у четвер"), which TimeML leaves out: relaxed only.
    assert scores["value_f1"] == pytest.approx(1.0)
    assert scores["relaxed_f1"] == pytest.approx(1.0)
    assert scores["strict_f1"] == pytest.approx(2 / 3)


def test_english_rules_do_not_read_russian_dates(tmp_path: Path) -> None:
    (tmp_path / "ru.tml").write_text(RUSSIAN, encoding="utf-8")
    assert (
        evaluate_dates(tmp_path)["value_f1"] < evaluate_dates(tmp_path, language="ru")["value_f1"]
    )


def test_a_language_without_a_stage_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ru.tml").write_text(RUSSIAN, encoding="utf-8")
    with pytest.raises(ConfigError, match="language zh"):
        evaluate_dates(tmp_path, language="zh")


def test_the_cli_takes_the_language(tmp_path: Path) -> None:
    (tmp_path / "uk.tml").write_text(UKRAINIAN, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["eval", "dates", "--data", str(tmp_path), "--language", "uk", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"value_f1": 1.0' in result.output
