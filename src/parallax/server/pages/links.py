"""What pages link to beyond themselves: the stories articles belong to, the breadcrumbs of
an article, and the profiles behind state badges on lists (so that no page is a dead end and
state affiliation shows wherever an outlet is listed)."""

from __future__ import annotations

from collections.abc import Iterable

from parallax.corpus import Corpus
from parallax.model import Article, Outlet, Story
from parallax.query import StoryQuery
from parallax.report.glance import affiliation
from parallax.report.views import segment

#: The most stories an outlet or entity page lists (the story list, filtered, has the rest).
PAGE_STORIES = 10

Crumbs = list[tuple[str, str | None]]


def badge_profiles(corpus: Corpus, names: Iterable[str | None]) -> dict[str, Outlet]:
    """The registry's profiles of the outlets named that wear a state badge, by name.

    Only a profile of exactly that name counts (stories and articles carry the registry's
    names): a badge is a claim about an outlet, never made on a near match.
    """
    found = {name: corpus.outlets.registry.find(name) for name in set(names) if name}
    return {
        name: p for name, p in found.items() if p is not None and p.name == name and affiliation(p)
    }


def stories_of(corpus: Corpus, article_ids: Iterable[str]) -> dict[str, Story]:
    """The story each of these articles belongs to, by article id (ungrouped ones left out)."""
    stories: dict[str, Story | None] = {}
    found: dict[str, Story] = {}
    for article_id in article_ids:
        assigned = corpus.stories.of(article_id)
        if assigned is None:
            continue
        story_id = assigned[0]
        if story_id not in stories:
            stories[story_id] = corpus.stories.get(story_id)
        story = stories[story_id]
        if story is not None:
            found[article_id] = story
    return found


def article_crumbs(corpus: Corpus, article: Article) -> Crumbs:
    """Stories › the article's story › the article; Articles › the article when ungrouped."""
    title = article.title or f"Article {article.id}"
    found = corpus.stories.title_of(article.id)  # not the whole story: it may be thousands
    if found is None:
        return [("Articles", "/articles"), (title, None)]
    story_id, story_title = found
    story_title = story_title or f"Story {story_id}"
    return [("Stories", "/stories"), (story_title, f"/stories/{segment(story_id)}"), (title, None)]


def stories_with(corpus: Corpus, query: StoryQuery) -> tuple[list[Story], int]:
    """The first stories a filter keeps (an outlet's, an entity's) and how many it keeps."""
    page = corpus.stories.page(query)
    return list(page.items), corpus.stories.count(query)
