"""The neutral title of a compared story, kept in the store so that lists show it.

Lists (the CLI's ``stories``, the list pages, the API) name a story by its stored title and
read no article to do so. The comparison stage stores the title the story's page shows
(:func:`parallax.titles.neutral_title`) each time it computes or checks the story's comparison,
from the headlines of the story's articles as they are then and that comparison; a story that
gained articles gets its title again with its comparison, and a title that did not change
writes nothing.

A story one outlet tells whose articles have no headline is named by its key entities and
dates: a shared fact needs two outlets, so its comparison would add nothing but the key
entities the story already has, and the stage names it without computing one (the comparison
of such a story, its framing models and its sentence vectors were most of the stage's time
over a corpus of many small stories).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from parallax.model import Story
from parallax.store.sqlite import SQLiteStore
from parallax.titles import Headline, neutral_title, outlet_count

if TYPE_CHECKING:
    from parallax.comparison import StoryComparison


def _entities_only(story: Story) -> StoryComparison:
    """What a one-outlet story's title reads of its comparison: no claim group, the story's
    key entities (a comparison's key entities are its story's, :func:`compare_story`)."""
    from parallax.comparison import StoryComparison

    return StoryComparison(
        story_id=story.id, outlets=(), groups=(), pairs=(), version="",
        key_entities=tuple(story.entities),
    )  # fmt: skip


def keep_title(
    store: SQLiteStore, story: Story, comparison: Callable[[], StoryComparison | None]
) -> bool:
    """Store the neutral title of ``story``; return whether the stored title changed.

    ``comparison`` returns the story's comparison; it is asked for only when the headlines do
    not settle the title (see :func:`parallax.titles.neutral_title`).
    """
    headlines = [Headline(title, outlet) for title, outlet in store.story_headlines(story.id)]
    outlets = outlet_count(headlines)
    if outlets == 1:
        # Every claim group of a one-outlet story has that one outlet: no shared fact, and
        # the names title reads only the comparison's key entities, the story's own.
        comparison = partial(_entities_only, story)
    found = neutral_title(story, headlines, outlets, comparison)
    return store.save_story_title(story.id, found.title)
