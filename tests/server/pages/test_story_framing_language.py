"""A story told in a language no framing model reads (here Korean) says so on its page, in its
JSON and in its Markdown report, instead of showing the English models' findings or claiming
that none were found."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from parallax.comparison import not_english_note
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.report import build_report, write_report
from parallax.report.wording import FRAMING_NOT_ENGLISH
from parallax.server.app import create_app
from tests.compare.test_framing_languages import KOREAN
from tests.server.pages.test_pages import assert_inert


def test_a_korean_story_says_its_framing_was_not_looked_for(tmp_path: Path) -> None:
    source = tmp_path / "korean.jsonl"
    record = {
        "url": "https://www.yna.co.kr/view/AKR20250701000100001",
        "title": "정부, 새 경제 대책 발표",
        "outlet": "Yonhap",
        "published": "2025-07-01",
        "language": "ko",
        "text": KOREAN,
    }
    source.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(source)])
        corpus.analyze()
        corpus.group_stories()
        [story] = corpus.stories.list()
        markdown = write_report(build_report(corpus, [story.id]), "md") or ""
    with TestClient(create_app(db, settings=Settings()), headers={"accept": "text/html"}) as web:
        text = " ".join(assert_inert(web.get(f"/stories/{story.id}").text).all_text().split())
        comparison = web.get(f"/api/stories/{story.id}/comparison").json()
    assert text.count(FRAMING_NOT_ENGLISH) == 1
    assert not_english_note("ko") in text
    assert "No loaded term" not in text
    [outlet] = comparison["outlets"]
    assert outlet["framing"]["notes"] == [not_english_note("ko")]
    assert outlet["framing"]["terms"] == outlet["framing"]["techniques"] == []
    assert outlet["framing"].get("biased_sentences", []) == outlet["framing"]["tone"] == []
    assert markdown.count(FRAMING_NOT_ENGLISH) == 1
