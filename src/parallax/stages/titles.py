"""The neutral title of a compared story, kept in the store so that lists show it.

Lists (the CLI's ``stories``, the list pages, the API) name a story by its stored title and
read no article to do so. The comparison stage stores the title the story's page shows
(:func:`parallax.titles.neutral_title`) each time it computes or checks the story's comparison,
from the headlines of the story's articles as they are then and that comparison; a story that
gained articles gets its title again with its comparison, and a title that did not change
writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from parallax.model import Story
from parallax.store.sqlite import SQLiteStore
from parallax.titles import Headline, neutral_title, outlet_count

if TYPE_CHECKING:
    from parallax.comparison import StoryComparison


def keep_title(
    store: SQLiteStore, story: Story, comparison: Callable[[], StoryComparison | None]
) -> bool:
    """Store the neutral title of ``story``; return whether the stored title changed.

    ``comparison`` returns the story's comparison; it is asked for only when the headlines do
    not settle the title (see :func:`parallax.titles.neutral_title`).
    """
    headlines = [Headline(title, outlet) for title, outlet in store.story_headlines(story.id)]
    found = neutral_title(story, headlines, outlet_count(headlines), comparison)
    return store.save_story_title(story.id, found.title)
