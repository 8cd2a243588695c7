"""One person in three languages and two scripts is one entity of the corpus, with a name per
language: English read by spaCy, Russian by natasha, and Ukrainian as a Ukrainian stage gives
it (its base form; stored here by hand, as this checkout may have no Ukrainian stage).

The articles are short news-style paragraphs written for this test, not taken from an outlet.
"""

from __future__ import annotations

import json
from pathlib import Path

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Mention, now

TEXTS = {
    "en": "Ukrainian President Volodymyr Zelenskyy met European leaders in Brussels on Monday. "
    "Zelenskyy said the talks on air defence had gone well.",
    "ru": "Президент Украины Владимир Зеленский встретился с европейскими лидерами в Брюсселе. "
    "По словам Зеленского, переговоры о противовоздушной обороне прошли успешно.",
    "uk": "Президент України Володимир Зеленський зустрівся з європейськими лідерами в "
    "Брюсселі. За словами Зеленського, переговори про протиповітряну оборону пройшли успішно.",
}


def _uk_mentions(article_id: str, text: str) -> list[Mention]:
    found = []
    for surface, base, label in (("Володимир Зеленський", "Володимир Зеленський", "PERSON"),
                                 ("Зеленського", "Володимир Зеленський", "PERSON"),
                                 ("України", "Україна", "GPE")):  # fmt: skip
        start = text.index(surface)
        found.append(Mention(article_id, start, start + len(surface), surface, label, base, "uk"))
    return found


def test_zelensky_in_english_russian_and_ukrainian_is_one_entity(tmp_path: Path) -> None:
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
    ids = {
        row[1]: row[0]
        for row in corpus.store.connection.execute("SELECT id, language FROM articles")
    }
    version = corpus.store.connection.execute(
        "SELECT version FROM analyses WHERE article_id = ?", (ids["en"],)
    ).fetchone()[0]
    corpus.store.save_analysis(
        ids["uk"], version, mentions=_uk_mentions(ids["uk"], TEXTS["uk"]), quotes=(),
        dates=(), claims=(), analyzed_at=now(),
    )  # fmt: skip
    corpus.analyze(workers=1)  # nothing left to analyse: the entities are merged again
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
