"""One person in three languages and two scripts is one entity of the corpus, with a name per
language: English read by spaCy, Russian by natasha, Ukrainian by the Ukrainian stage with the
NER model of the non-commercial extra (read from its folder in this checkout).

The articles are short news-style paragraphs written for this test, not taken from an outlet.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.nlp import ukrainian
from parallax.server.app import create_app

UK_MODEL = (
    Path(__file__).resolve().parents[1]
    / "extras"
    / "ner-uk-nc"
    / "src"
    / "parallax_ner_uk_nc"
    / "model"
)

TEXTS = {
    "en": "Ukrainian President Volodymyr Zelenskyy met European leaders in Brussels on Monday. "
    "Zelenskyy said the talks on air defence had gone well.",
    "ru": "Президент Украины Владимир Зеленский встретился с европейскими лидерами в Брюсселе. "
    "По словам Зеленского, переговоры о противовоздушной обороне прошли успешно.",
    "uk": "Президент України Володимир Зеленський зустрівся з європейськими лідерами в "
    "Брюсселі. За словами Зеленського, переговори про протиповітряну оборону пройшли успішно.",
}


def test_zelensky_in_english_russian_and_ukrainian_is_one_entity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ukrainian.ENV_VARIABLE, str(UK_MODEL))
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(
        json.dumps({"url": f"https://news.example/{code}", "title": "Talks in Brussels",
                    "text": text, "language": code, "published": "2024-03-11"},
                   ensure_ascii=False) + "\n"
        for code, text in TEXTS.items()
    ), encoding="utf-8")  # fmt: skip
    corpus = Corpus(tmp_path / "c.db", settings=Settings())
    corpus.ingest([str(source)])
    corpus.analyze(workers=1)
    people = {
        (row[0], row[1])
        for row in corpus.store.connection.execute(
            "SELECT a.language, m.entity_id FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.label = 'PERSON'"
        )
    }
    assert {language for language, _ in people} == {"en", "ru", "uk"}
    [entity_id] = {entity for _, entity in people}
    names = corpus.entities.names(entity_id)
    assert names["ru"] == "Владимир Зеленский"  # natasha's base form of "Зеленского"
    assert names["uk"] == "Володимир Зеленський"
    assert names["en"].startswith("Volodymyr Zelensk")
    entity = corpus.store.entity(entity_id)
    assert entity is not None and entity.name.startswith("Volodymyr Zelensk")  # Latin names it
    corpus.close()
    # The entity's page names it in each language, each name marked with its language.
    app = create_app(tmp_path / "c.db", settings=Settings())
    with TestClient(app, headers={"accept": "text/html"}) as web:
        page = web.get(f"/entities/{entity_id}").text
    assert '<span lang="ru">Владимир Зеленский</span>' in page
    assert '<span lang="uk">Володимир Зеленський</span>' in page
