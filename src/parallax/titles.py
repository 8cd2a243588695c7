"""A story's neutral title: the rule, over its articles' headlines and its comparison.

A story's grouper keeps the headline of its most central article. When outlets word the story
differently, showing one outlet's headline takes that outlet's side, so a story is called:

1. the wording most outlets share, when at least two outlets use it (``basis`` "shared");
2. the headline of the only outlet, when one outlet tells the story (``basis`` "single");
3. else the shared event: a fact every outlet reports, in the outlets' own voice (no quote
   marks, no "I" or "we": a quote is one side's words) and short enough to be a title
   (``basis`` "event");
4. else the names the story is about, those the outlets' headlines use first, and its dates
   (``basis`` "names").

The comparison stage stores the title this gives when it compares a story, so that every list
shows it without reading the story's articles; the story page and its report apply the same
rule to what they show (:mod:`parallax.report.headline`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from parallax.comparison import ClaimGroup, StoryComparison
from parallax.model import Story

#: The longest shared fact used as a title; a longer one reads as a paragraph.
TITLE_CHARS = 110
#: How many names a title built from names lists.
TITLE_NAMES = 3

_NOT_WORD = re.compile(r"[^\w]+")
_QUOTE_MARKS = '"“”«»„'
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "we", "we're", "our", "my", "me", "us"})


class Headed(Protocol):
    """What the rule reads of an article: its headline and its outlet (an ``Article`` is one)."""

    @property
    def title(self) -> str | None: ...

    @property
    def outlet(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Headline:
    """An article's headline and outlet, as the store gives them without the article."""

    title: str | None
    outlet: str | None


@dataclass(frozen=True, slots=True)
class NeutralTitle:
    """A story's neutral title, the rule that chose it, and the shared fact it is (if one)."""

    title: str
    basis: str
    event: ClaimGroup | None = None


def _wording(title: str) -> str:
    """A headline's wording for comparison: case, punctuation and spacing ignored."""
    return " ".join(_NOT_WORD.sub(" ", title.casefold()).split())


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


def outlet_count(articles: Sequence[Headed]) -> int:
    """How many outlets tell a story (an article with no outlet counts under "unknown")."""
    return len({article.outlet or "unknown" for article in articles})


def _shared_wording(articles: Sequence[Headed]) -> str | None:
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
    articles: Sequence[Headed],
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


def neutral_title(
    story: Story,
    articles: Sequence[Headed],
    outlets: int,
    comparison: Callable[[], StoryComparison | None],
) -> NeutralTitle:
    """Return a story's neutral title, its basis and the shared fact it is made of (if one).

    Args:
        story: The story (its key entities and dates name it when nothing else does).
        articles: Its articles' headlines and outlets, in the order its page lists them (by
            date, undated last): the only outlet's first headline names a one-outlet story.
        outlets: How many outlets tell the story.
        comparison: Returns the story's comparison; asked for only when the headlines do not
            settle the title.
    """
    wording = _shared_wording(articles)
    if wording is not None:
        return NeutralTitle(wording, "shared")
    titled = [a.title.strip() for a in articles if a.title and a.title.strip()]
    if outlets == 1 and titled:
        return NeutralTitle(titled[0], "single")
    found = comparison()
    shared = shared_facts(found)
    titles = (g for g in shared if len(g.outlets) == outlets and plain(g.summary))
    event = next((g for g in titles if len(g.summary.strip()) <= TITLE_CHARS), None)
    if event is not None:
        return NeutralTitle(" ".join(event.summary.split()).rstrip("."), "event", event)
    return NeutralTitle(_names_title(story, articles, found, shared), "names")
