"""Every kind of hostile input gets exactly one rejection line naming it and why (or is stored
when it is a real article), and a good file after it in the same batch is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.corpus import Corpus
from parallax.ingest.sources import source_name
from parallax.model import Rejection
from tests.reliability.catalogue import CASES, NOTHING, SETTINGS, STORED, Case

pytestmark = pytest.mark.reliability

GOOD = (
    "The council voted on Thursday to rebuild the old bridge over the river, and work will "
    "start in the spring, the mayor said after the meeting.\n"
)


def test_the_catalogue_covers_every_kind() -> None:
    assert len({case.id for case in CASES}) == len(CASES) >= 72


@pytest.mark.parametrize("case", CASES, ids=str)
def test_one_line_per_hostile_input_and_the_batch_goes_on(tmp_path: Path, case: Case) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = case.make(folder)
    good = folder / "zz-good.txt"  # sorted after every case's file: read after it
    good.write_text(GOOD)
    heard: list[Rejection] = []
    with Corpus(tmp_path / "c.db", settings=SETTINGS) as corpus:
        report = corpus.ingest([str(folder)], on_rejection=heard.append)
        sources = [article.source for article in corpus.store.articles()]
        stored_rejections = corpus.store.rejections()
    assert str(good) in sources, "the good file after the hostile one must be stored"
    assert report.rejected == len(heard) == len(stored_rejections)
    if case.expect == STORED:
        assert heard == []
        assert len(sources) == 2, sources
    elif case.expect == NOTHING:
        assert heard == [] and sources == [str(good)]
    else:
        assert len(heard) == 1, [r.line() for r in heard]
        (rejection,) = heard
        assert rejection.source == source_name(str(hostile))
        assert rejection.code in case.expect, rejection.line()
        assert rejection.reason and "\n" not in rejection.line()
