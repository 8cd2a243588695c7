"""A story page and its Markdown report say, in words, when an outlet's Russian or Ukrainian
text was not searched for manipulation techniques (their model installs separately), instead of
claiming that no technique was found."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.compare.framing import text_findings
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.models import techniques_unlp
from parallax.models.techniques_unlp import ENV_VARIABLE
from parallax.report import build_report, write_report
from parallax.report.wording import FRAMING_NOT_LOOKED_FOR
from parallax.server.app import create_app
from tests.conftest import EXAMPLES
from tests.server.pages.test_pages import assert_inert


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    monkeypatch.setattr(techniques_unlp, "EXTRA_PACKAGE", "parallax_no_such_extra")
    text_findings.cache_clear()


def test_a_russian_column_says_its_techniques_were_not_looked_for(
    tmp_path: Path, no_model: None
) -> None:
    # The multilingual embedder puts the bundled Russian and Ukrainian examples in the seeds'
    # story.
    settings = Settings(story_embedder="multilingual")
    db = tmp_path / "corpus.db"
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(EXAMPLES)])
        corpus.analyze()
        corpus.group_stories()
        (story,) = [s for s in corpus.stories.list() if len(s.article_ids) == 4]
        markdown = write_report(build_report(corpus, [story.id]), "md") or ""
    with TestClient(create_app(db, settings=settings), headers={"accept": "text/html"}) as web:
        html = web.get(f"/stories/{story.id}").text
    text = assert_inert(html).all_text()
    # Once, in the Russian outlet's column only; the English columns still say what they found.
    assert text.count(FRAMING_NOT_LOOKED_FOR) == 1
    assert markdown.count(FRAMING_NOT_LOOKED_FOR) == 1
