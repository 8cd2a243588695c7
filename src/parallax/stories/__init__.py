"""Articles → stories: incremental grouping with an explanation for every assignment.

``StoryIndex.assign`` takes one :class:`StoryInput` at a time, in publication order, and returns
an :class:`Assignment`; ``StoryIndex.stories`` lists the stories as :class:`parallax.model.Story`.
"""

from parallax.stories.assign import StoryIndex
from parallax.stories.features import StoryInput
from parallax.stories.settings import StorySettings
from parallax.stories.types import Assignment, Candidate

__all__ = ["Assignment", "Candidate", "StoryIndex", "StoryInput", "StorySettings"]
