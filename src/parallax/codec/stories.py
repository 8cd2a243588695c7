"""Stories and their timelines: as exported, and as a story page, report or the API shows them.

The two orders of a story's keys and the two forms of a timeline entry are kept because both
are published: the export's (``docs/export-schema.json``: an entry lists its articles, outlets
and the spans behind it) and the report's (each span with its article's publication date).
"""

from __future__ import annotations

from typing import Any

from parallax.codec import Shape, pick
from parallax.model import Story, TimelineEntry, TimelineSource

#: A story as the API and the JSON report show it.
STORY: Shape = (
    "id", "title", "article_ids", "outlets", "entities", "first_seen", "last_seen", "grouper",
)  # fmt: skip
#: A story in the export (before its ``timeline`` and ``comparison``).
EXPORT_STORY: Shape = (
    "id", "title", "article_ids", "entities", "first_seen", "last_seen", "outlets", "grouper",
)  # fmt: skip
#: A timeline entry in the export: its articles and outlets, and the span behind each source.
EXPORT_TIMELINE_ENTRY: Shape = (
    "date", "precision", "basis", "section", "scheduled", "summary", "article_ids", "outlets",
    "spans=sources", "extractor",
)  # fmt: skip
EXPORT_SPAN: Shape = ("article_id", "outlet", "start", "end", "text")
#: A timeline entry in a report: each span with its article's publication date.
TIMELINE_ENTRY: Shape = (
    "date", "precision", "basis", "section", "scheduled", "summary", "extractor", "spans=sources",
)  # fmt: skip


def timeline_entry_to_dict(entry: TimelineEntry) -> dict[str, Any]:
    """Return the export form of a timeline entry, with the span behind each source."""
    return pick(entry, EXPORT_TIMELINE_ENTRY, {TimelineSource: EXPORT_SPAN})


def story_to_dict(story: Story, timeline: list[TimelineEntry]) -> dict[str, Any]:
    """Return the export form of a story with its timeline."""
    return pick(story, EXPORT_STORY) | {
        "timeline": [timeline_entry_to_dict(entry) for entry in timeline]
    }


def story_fields(story: Story) -> dict[str, Any]:
    """Return a story as the API and the JSON report show it (without its timeline)."""
    return pick(story, STORY)


def timeline_to_dict(entry: TimelineEntry) -> dict[str, Any]:
    """Return a timeline entry as a report shows it (each span with its publication date)."""
    return pick(entry, TIMELINE_ENTRY)
