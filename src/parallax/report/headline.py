"""What a story is called on its page and in its report, and the facts its outlets share.

A story's stored title is the headline of one of its articles. When outlets word the story
differently, showing one outlet's headline takes that outlet's side, so the page shows:

1. the wording most outlets share, when at least two outlets use it (``basis`` "shared");
2. the headline of the only outlet, when one outlet tells the story (``basis`` "single");
3. else the shared event: a fact every outlet reports, in the outlets' own voice (no quote
   marks, no "I" or "we": a quote is one side's words) and short enough to be a title
   (``basis`` "event");
4. else the names the story is about, those the outlets' headlines use first, and its dates
   (``basis`` "names").

The summary is one paragraph of the facts more than one outlet reports (claim groups of the
comparison): most widely reported first, and facts in the outlets' own voice before quotes; a
fragment that opens inside a quote is left out. Nothing here builds markup.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from parallax.comparison import ClaimGroup, StoryComparison
from parallax.model import Article, Story
from parallax.report.story import StoryView, served_comparison, story_articles

if TYPE_CHECKING:
    from parallax.corpus import Corpus

#: The longest shared fact used as a title; a longer one reads as a paragraph.
TITLE_CHARS = 110
#: How many shared facts the summary paragraph gives.
SUMMARY_FACTS = 3
#: How many names a title built from names lists.
TITLE_NAMES = 3

_NOT_WORD = re.compile(r"[^\w]+")
_QUOTE_MARKS = '"“”«»„'
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "we", "we're", "our", "my", "me", "us"})


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


def _wording(title: str) -> str:
    """A headline's wording for comparison: case, punctuation and spacing ignored."""
    return " ".join(_NOT_WORD.sub(" ", title.casefold()).split())


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "”", '"')) else text + "."


def plain(summary: str) -> bool:
    """Whether a fact is in an outlet's own voice: no quote marks, no first person."""
    words = {w.strip(".,;:!?").replace("’", "'") for w in summary.lower().split()}
    return not any(mark in summary for mark in _QUOTE_MARKS) and not words & _FIRST_PERSON


def _whole(summary: str) -> bool:
    """Whether a fact reads on its own: it neither opens nor ends inside a quote."""
    text = summary.strip()
    straight = text.count('"') % 2 == 0
    curly = text.count("“") == text.count("”")
    return not text.startswith(tuple(_QUOTE_MARKS)) and straight and curly


def shared_facts(comparison: StoryComparison | None) -> tuple[ClaimGroup, ...]:
    """The claim groups more than one outlet reports: most outlets first, plain facts before
    quotes, then earliest; a fragment of a quote (see :func:`_whole`) is left out."""
    if comparison is None:
        return ()
    shared = [
        group for group in comparison.groups if len(group.outlets) > 1 and _whole(group.summary)
    ]
    shared.sort(
        key=lambda g: (
            -len(g.outlets),
            not plain(g.summary),
            g.first_reported or date.max,
            len(g.summary),
            g.id,
        )
    )
    return tuple(shared)


def _shared_wording(articles: Sequence[Article]) -> str | None:
    """The headline most outlets use, when two or more outlets use one wording."""
    outlets: dict[str, set[str]] = {}
    spellings: Counter[str] = Counter()
    for article in articles:
        if article.title and article.title.strip():
            wording = _wording(article.title)
            outlets.setdefault(wording, set()).add(article.outlet or "")
            spellings[article.title.strip()] += 1
    if not outlets:
        return None
    wording = max(outlets, key=lambda w: (len(outlets[w]), w))
    if len(outlets[wording]) < 2:
        return None
    return max((s for s in spellings if _wording(s) == wording), key=lambda s: (spellings[s], s))


def _in(name: str, text: str) -> bool:
    words = [w for w in _wording(name).split() if len(w) >= 3]
    return bool(words) and any(w in _wording(text).split() for w in words)


def _names_title(
    story: Story,
    articles: Sequence[Article],
    comparison: StoryComparison | None,
    shared: tuple[ClaimGroup, ...],
) -> str:
    """The key names the outlets' headlines (then their shared facts) use most, and the dates."""
    names = list(comparison.key_entities if comparison else ())
    names += [name for name in story.entities if name not in names]
    titles = [a.title for a in articles if a.title]
    facts = [group.summary for group in shared]

    def weight(name: str) -> tuple[int, int]:
        return sum(_in(name, t) for t in titles), sum(_in(name, f) for f in facts)

    ranked = sorted(names, key=lambda name: (-weight(name)[0], -weight(name)[1]))
    names = []
    for name in ranked:  # "Georgetown" and "Georgetown University" name one thing
        key = _wording(name)
        if not any(key in _wording(n) or _wording(n) in key for n in names):
            names.append(name)
    names = names[:TITLE_NAMES]
    first, last = story.first_seen, story.last_seen
    when = first.isoformat() if first else ""
    if first and last and last != first:
        when = f"{first.isoformat()} to {last.isoformat()}"
    about = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
    if about and when:
        return f"{about}, {when}"
    return about or when or f"Story {story.id}"


def _title(
    story: Story,
    articles: Sequence[Article],
    outlets: int,
    comparison: Callable[[], StoryComparison | None],
) -> tuple[str, str, ClaimGroup | None]:
    """A story's neutral title, its basis and the shared fact it is made of (if it is one).

    ``articles`` are in page order and ``outlets`` is how many outlets tell the story; the
    comparison is asked for only when the headlines do not settle the title.
    """
    wording = _shared_wording(articles)
    if wording is not None:
        return wording, "shared", None
    titled = [a.title.strip() for a in articles if a.title and a.title.strip()]
    if outlets == 1 and titled:
        return titled[0], "single", None
    found = comparison()
    shared = shared_facts(found)
    titles = (g for g in shared if len(g.outlets) == outlets and plain(g.summary))
    event = next((g for g in titles if len(g.summary.strip()) <= TITLE_CHARS), None)
    if event is not None:
        return " ".join(event.summary.split()).rstrip("."), "event", event
    return _names_title(story, articles, found, shared), "names", None


def story_headline(view: StoryView) -> StoryHeadline:
    """Return the neutral title of a story and the facts its outlets share."""
    outlets = len(view.columns)
    title, basis, event = _title(view.story, view.articles, outlets, lambda: view.comparison)
    rest = tuple(g for g in shared_facts(view.comparison) if g is not event)
    return StoryHeadline(title, basis, rest[:SUMMARY_FACTS])


def story_title(corpus: Corpus, story: Story) -> str:
    """Return the neutral title a stored story's page shows (:func:`story_headline`), for the
    faces that list stories without their pages (the CLI): the comparison is the page's
    (:func:`~parallax.report.story.served_comparison`), read only when the headlines do not
    settle the title."""
    articles = story_articles(corpus, story)
    outlets = len({article.outlet or "unknown" for article in articles})
    return _title(story, articles, outlets, lambda: served_comparison(corpus, story))[0]
