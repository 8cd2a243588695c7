"""What a story is called on its page and in its report, and the facts its outlets share.

The title is the neutral one (:func:`parallax.titles.neutral_title`: a wording several
outlets share, the only outlet's headline, the shared event, else the names the story is
about), the same rule by which the comparison stage stores each story's title for the lists.

The summary is one paragraph of the facts more than one outlet reports (claim groups of the
comparison): most widely reported first, and facts in the outlets' own voice before quotes; a
fragment that opens inside a quote is left out. Nothing here builds markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.comparison import ClaimGroup
from parallax.report.story import StoryView
from parallax.titles import neutral_title, outlet_count, shared_facts

#: How many shared facts the summary paragraph gives.
SUMMARY_FACTS = 3


@dataclass(frozen=True, slots=True)
class StoryHeadline:
    """A story's neutral title, how it was chosen, and the facts its outlets share."""

    title: str
    basis: str
    shared: tuple[ClaimGroup, ...]

    @property
    def summary(self) -> str:
        """The shared facts as one paragraph ("" when no fact is shared)."""
        return " ".join(_sentence(group.summary) for group in self.shared)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "”", '"')) else text + "."


def story_headline(view: StoryView) -> StoryHeadline:
    """Return the neutral title of a story and the facts its outlets share."""
    articles = view.articles
    found = neutral_title(view.story, articles, outlet_count(articles), lambda: view.comparison)
    rest = tuple(g for g in shared_facts(view.comparison) if g is not found.event)
    return StoryHeadline(found.title, found.basis, rest[:SUMMARY_FACTS])
