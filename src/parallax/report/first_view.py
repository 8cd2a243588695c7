"""A story page's first view made at once: what is stored, and the comparison when it is.

A page whose comparison is stored (or is one a page never computes: a story larger than
``page_compare_articles``) is whole at once. Otherwise its comparison costs seconds for a
long story (the framing models, stance and alignment over every article), so the server
computes it apart (:mod:`parallax.server.comparing`) and serves the page meanwhile with the
timeline, coverage, outlets and articles, and a section that says the comparison is being
computed: :attr:`~parallax.report.story.StoryView.pending`. Reports and the CLI compute it
inline (:func:`~parallax.report.story.story_view`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parallax.report.story import (
    SECONDS_PER_CHAR,
    PageScope,
    StoryView,
    story_articles,
    view_of,
)

if TYPE_CHECKING:
    from parallax.comparison import StoryComparison
    from parallax.corpus import Corpus
    from parallax.model import Story


def stored_page_comparison(
    corpus: Corpus, story: Story
) -> tuple[StoryComparison | None, PageScope | None] | None:
    """What :func:`~parallax.report.story.page_comparison` returns when it computes nothing:
    the stored comparison when it is current, or the stored one or none for a story larger
    than ``page_compare_articles`` (whose page never computes one); None when the page would
    compute it."""
    limit = corpus.settings.page_compare_articles
    never_computed = 0 < limit < len(story.article_ids)
    if not corpus.stories.compared(story.id):
        # Nothing stored: no need to read every analysis for the key of a current comparison
        # (38 CPU ms for 25 articles) only to learn that there is none; the job reads them.
        return (None, None) if never_computed else None
    stored = corpus.compare(story.id, stored_only=True, save=False)
    if never_computed:
        return stored, None
    return None if stored is None else (stored, None)


def page_view_now(corpus: Corpus, story: Story) -> StoryView:
    """The view of a story's page made without computing its comparison: whole when the page
    would not compute one, else ``pending`` (timeline, coverage, each outlet's articles and
    profile; no comparison yet)."""
    articles = story_articles(corpus, story)
    ready = stored_page_comparison(corpus, story)
    comparison, scope = ready if ready is not None else (None, None)
    return view_of(corpus, story, articles, comparison, scope, pending=ready is None)


def pending_seconds(view: StoryView, budget: int) -> float:
    """About how many CPU seconds the comparison a pending page waits for takes: all of the
    story's text, or of a one-outlet story at most ``budget`` characters (0: no budget)."""
    chars = sum(len(article.text) for article in view.articles)
    if len(view.story.outlets) <= 1 and budget > 0:
        chars = min(chars, budget)
    return chars * SECONDS_PER_CHAR
