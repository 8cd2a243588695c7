"""Articles beyond English, end to end: the language found at ingest, stored, filtered,
searched in Cyrillic, Chinese and with diacritics; Russian and Ukrainian read by their own NLP
stages, the languages without one skipped with the reason.

The texts are short news-style paragraphs written for these tests (one event told in five
languages), not taken from any outlet.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from parallax.cli import app
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.export import article_document
from parallax.query import ArticleQuery
from parallax.server.app import create_app

TEXTS = {
    "ru": (
        "Переговоры о прекращении огня продолжатся в четверг в Женеве",
        "Переговоры о прекращении огня продолжатся в четверг в Женеве, сообщили в министерстве "
        "иностранных дел. Делегации обсудят обмен пленными и гуманитарные коридоры для "
        "мирных жителей. Президент Зеленский заявил, что надеется на скорый результат.",
    ),
    "uk": (
        "Переговори про припинення вогню триватимуть у четвер у Женеві",
        "Переговори про припинення вогню триватимуть у четвер у Женеві, повідомили в "
        "міністерстві закордонних справ. Делегації обговорять обмін полоненими та гуманітарні "
        "коридори для цивільних. Президент Зеленський заявив, що сподівається на швидкий "
        "результат.",
    ),
    "zh": (
        "停火谈判将于周四在日内瓦继续",
        "外交部表示，停火谈判将于周四在日内瓦继续。双方代表团将讨论交换战俘和为平民开辟人道主义"
        "走廊的问题。总统泽连斯基表示，他希望尽快取得结果。",
    ),
    "de": (
        "Waffenstillstandsgespräche werden am Donnerstag in Genf fortgesetzt",
        "Die Waffenstillstandsgespräche werden am Donnerstag in Genf fortgesetzt, teilte das "
        "Außenministerium mit. Die Delegationen beraten über einen Gefangenenaustausch und "
        "humanitäre Korridore für Zivilisten. Präsident Selenskyj äußerte die Hoffnung auf ein "
        "schnelles Ergebnis.",
    ),
    "en": (
        "Ceasefire talks to resume on Thursday in Geneva",
        "Ceasefire talks will resume on Thursday in Geneva, the foreign ministry said. The "
        "delegations will discuss a prisoner exchange and humanitarian corridors for "
        "civilians. President Zelensky said he hoped for a quick result.",
    ),
}


def _record(written_in: str, **extra: str) -> dict[str, str]:
    title, text = TEXTS[written_in]
    return {"url": f"https://news.example/{written_in}", "title": title, "text": text,
            "published": "2024-03-14", **extra}  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    records = [_record(language) for language in TEXTS]
    # A declared language wins over the text's ("en-GB" is English; the producer says the
    # Russian text is Ukrainian, and the producer is believed).
    records.append(_record("en", url="https://news.example/declared-en", language="en-GB"))
    records.append(_record("ru", url="https://news.example/declared-uk", lang="uk"))
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    found = Corpus(tmp_path / "c.db", settings=Settings())
    report = found.ingest([str(source)])
    assert {language: count for language, count, _ in report.languages} == {
        "en": 2, "uk": 2, "ru": 1, "zh": 1, "de": 1,
    }  # fmt: skip
    reasons = {language: reason for language, _, reason in report.languages}
    assert reasons["en"] is None
    assert reasons["ru"] is None  # the Russian stage (natasha, in the dev extra)
    assert reasons["uk"] is None  # the Ukrainian stage (pymorphy3, in the dev extra)
    return found


def _languages(corpus: Corpus, **filters: str) -> dict[str, str | None]:
    page = corpus.articles.page(ArticleQuery(limit=50, **filters))  # type: ignore[arg-type]
    return {item.url.rsplit("/", 1)[-1]: item.language for item in page.items if item.url}


def test_each_article_gets_its_language_and_a_declared_one_wins(corpus: Corpus) -> None:
    assert _languages(corpus) == {
        "ru": "ru", "uk": "uk", "zh": "zh", "de": "de", "en": "en",
        "declared-en": "en", "declared-uk": "uk",
    }  # fmt: skip


def test_lists_and_stories_filter_by_language(corpus: Corpus) -> None:
    assert set(_languages(corpus, language="uk")) == {"uk", "declared-uk"}
    assert set(_languages(corpus, language="RU")) == {"ru"}
    assert corpus.articles.count(ArticleQuery(language="zh")) == 1
    assert [a.language for a in corpus.articles.list(language="de")] == ["de"]


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("зеленский", {"ru", "declared-uk"}),  # Cyrillic, folded to lower case
        ("ЗЕЛЕНСЬКИЙ", {"uk"}),
        ("Женеві", {"uk"}),
        ("日内瓦", {"zh"}),  # three characters: a trigram match
        ("谈判", {"zh"}),  # two characters: a substring of the trigram index
        ("停火 周四", {"zh"}),  # every word must occur
        ("停火 战争", set()),
        ("aussenministerium", set()),  # ß is a letter, not a diacritic
        ("prasident selenskyj", {"de"}),  # diacritics folded
        ("humanitare", {"de"}),
        ("geneva", {"en", "declared-en"}),
    ],
)
def test_search_reads_every_script(corpus: Corpus, words: str, found: set[str]) -> None:
    page = corpus.articles.search(ArticleQuery(q=words, limit=50))
    assert {hit.article.url.rsplit("/", 1)[-1] for hit in page.items if hit.article.url} == found
    assert corpus.articles.count(ArticleQuery(q=words)) == len(found)
    if found and words.startswith("日"):
        assert all("\x02" in hit.snippet for hit in page.items)  # the match is marked
    hits = corpus.articles.hits(words)  # what `parallax search` prints
    assert len(hits) == len(found)


def test_languages_without_a_stage_are_skipped_with_the_reason_and_russian_is_read(
    corpus: Corpus,
) -> None:
    report = corpus.analyze()
    assert report.analyzed == 7
    assert report.entities > 0
    assert dict(report.skipped) == {
        "language de: no analysis pipeline yet": 1,
        "language zh: no analysis pipeline yet": 1,
    }
    by_url = {a.url: a for a in corpus.articles.list()}
    german = corpus.articles.analysis(by_url["https://news.example/de"].id)
    assert german.skipped == "language de: no analysis pipeline yet"
    assert (german.mentions, german.quotes, german.dates, german.claims) == ((), (), (), ())
    russian = corpus.articles.analysis(by_url["https://news.example/ru"].id)
    assert russian.skipped is None
    assert {(m.text, m.entity) for m in russian.mentions} >= {("Женеве", "Женева")}
    # "продолжатся в четверг": future tense, so the Thursday after the article's Thursday
    assert [(d.text, d.value) for d in russian.dates] == [("в четверг", "2024-03-21")]
    [reported] = russian.quotes
    # One person across scripts: the Russian quote's speaker is the entity the English
    # article's "President Zelensky" is, named in Latin script (how the corpus names it).
    assert (reported.kind, reported.speaker) == ("reported", "Volodymyr Zelensky")
    assert reported.text == "надеется на скорый результат"
    assert russian.version.endswith(" ru:" + _russian_version())
    ukrainian = corpus.articles.analysis(by_url["https://news.example/uk"].id)
    assert ukrainian.skipped is None
    # "триватимуть у четвер": future tense, so the Thursday after the article's Thursday
    assert [(d.text, d.value) for d in ukrainian.dates] == [("у четвер", "2024-03-21")]
    assert [q.text for q in ukrainian.quotes] == ["сподівається на швидкий результат"]
    english = corpus.articles.analysis(by_url["https://news.example/en"].id)
    assert english.skipped is None
    assert " ru:" not in english.version  # English analyses keep the version they had
    assert any(mention.text == "Geneva" for mention in english.mentions)
    assert "Volodymyr Zelensky" in {q.speaker for q in english.quotes}
    exported = article_document(corpus, by_url["https://news.example/de"])
    assert exported["language"] == "de"
    assert exported["analysis_skipped"] == "language de: no analysis pipeline yet"
    assert corpus.analyze().analyzed == 0  # every language's version is up to date


def _russian_version() -> str:
    from parallax.nlp.russian import RussianStage

    return RussianStage().version()


def test_the_cli_pages_and_api_show_languages_and_skipped_analyses(corpus: Corpus) -> None:
    db = corpus.db
    runner = CliRunner(env={"COLUMNS": "200"})
    analysed = runner.invoke(app, ["analyze", "--db", db, "--no-compare"])
    assert analysed.exit_code == 0, analysed.output
    assert "1 skipped: language zh: no analysis pipeline yet" in analysed.output
    german = next(a for a in corpus.articles.list() if a.url == "https://news.example/de")
    shown = runner.invoke(app, ["show", german.id, "--db", db])
    assert re.search(r"^language +de +$", shown.output, re.MULTILINE), shown.output
    assert "skipped: language de: no analysis pipeline yet" in shown.output
    listed = runner.invoke(app, ["articles", "--db", db, "--language", "uk"])
    ukrainian = {a.id for a in corpus.articles.list() if a.language == "uk"}
    assert len(ukrainian) == 2
    assert {a.id for a in corpus.articles.list() if a.id in listed.output} == ukrainian
    with TestClient(create_app(db, settings=Settings())) as client:
        rows = client.get("/api/articles", params={"language": "zh"}).json()["items"]
        assert [(row["url"], row["language"]) for row in rows] == [
            ("https://news.example/zh", "zh")
        ]
        assert client.get("/api/articles", params={"language": "r u"}).status_code == 422
        detail = client.get(f"/api/articles/{german.id}").json()
        assert detail["analysis_skipped"] == "language de: no analysis pipeline yet"
        page = client.get(f"/articles/{german.id}").text
        assert "Not analysed:</strong> language de: no analysis pipeline yet" in page
        listing = client.get("/articles", params={"language": "ru"}).text
        assert '<span class="language" title="language">ru</span>' in listing
        assert "Переговори" not in listing and "Переговоры" in listing
        found = client.get("/search", params={"q": "谈判"}).text
        assert "停火谈判将于周四在日内瓦继续" in found


@pytest.mark.timeout(300)
def test_run_workers_skip_the_same_articles_and_load_keeps_the_reason(tmp_path: Path) -> None:
    from parallax.runners import write_shards

    source = tmp_path / "in" / "articles.jsonl"
    source.parent.mkdir()
    source.write_text(
        "".join(json.dumps(_record(language), ensure_ascii=False) + "\n" for language in TEXTS)
    )
    out = tmp_path / "shards"
    write_shards([str(source)], out, engine="local", workers=1, settings=Settings())
    db = tmp_path / "loaded.db"
    with Corpus(db, settings=Settings(db=str(db))) as corpus:
        report = corpus.load_shards(out)
        assert report.analyzed_here == 0
        skipped = {
            a.language: corpus.articles.analysis(a.id).skipped for a in corpus.articles.list()
        }
    assert skipped == {
        "en": None,
        "ru": None,  # read by the Russian stage in the worker, loaded as it is
        "uk": None,
        **{code: f"language {code}: no analysis pipeline yet" for code in ("zh", "de")},
    }
