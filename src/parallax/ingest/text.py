"""Read plain-text articles, including the dated shape of the seed articles.

The dated shape::

     date 2025-07-08 Optional title on the date line, or an appeal scraped with it
    <blank line>
    Body paragraphs ...
    https://example.org/the-article-url      (optional last line)

The date line, a title and a trailing URL become metadata: their spans go into
``RawArticle.meta_spans`` so cleaning leaves them out of the text. A file without a date line
is read as an article whose publication date is unknown (flag ``published-unknown``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from parallax.config import Settings
from parallax.errors import Code, InputError
from parallax.ingest.clean import strip_boilerplate
from parallax.ingest.decode import decode_bytes
from parallax.ingest.readers import READERS
from parallax.model import RawArticle, Rejection

DATE_LINE = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(?P<date>\S+)[ \t]*")
URL_LINE = re.compile(r"(?m)^[ \t]*(?P<url>https?://[^\s<>\"]+)[ \t]*\Z")
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 300


def looks_like_title(line: str) -> bool:
    """Return True for a short line that reads as a headline rather than a sentence of body."""
    words = line.split()
    return (
        0 < len(words) <= MAX_TITLE_WORDS
        and len(line) <= MAX_TITLE_CHARS
        and not line.rstrip().endswith((".", ",", ";", ":"))
    )


def parse_date_token(token: str, *, source: str) -> date:
    """Parse the ISO date of a date line; raise InputError for an impossible date."""
    try:
        return date.fromisoformat(token)
    except ValueError as exc:
        raise InputError(
            Code.BAD_DATE, f"impossible date in date line: {token!r}", path=source, record="1"
        ) from exc


def parse_text_article(text: str, *, source: str) -> RawArticle:
    """Split a decoded text file into metadata spans and body; see the module docstring."""
    meta_spans: list[tuple[int, int]] = []
    published: date | None = None
    title: str | None = None
    url: str | None = None
    head_start = 0
    match = DATE_LINE.match(text)
    if match:
        published = parse_date_token(match.group("date"), source=source)
        meta_spans.append((0, match.end()))
        head_start = match.end()
    # A title is the first line, when it is headline-shaped and the article goes on after it.
    line_end = text.find("\n", head_start)
    line_end = len(text) if line_end < 0 else line_end
    head = text[head_start:line_end]
    if head.strip() and strip_boilerplate(head) == head.strip() and looks_like_title(head):
        rest = text[line_end:].strip()
        if rest:
            title = head.strip()
            meta_spans.append((head_start, line_end))
    url_match = URL_LINE.search(text.rstrip())
    if url_match and url_match.start() > head_start:
        url = url_match.group("url")
        meta_spans.append((url_match.start(), url_match.end()))
    return RawArticle(
        source=source,
        raw_text=text,
        format="text",
        url=url,
        title=title,
        published=published,
        published_source="date-line" if published else "unknown",
        meta_spans=tuple(meta_spans),
        flags=() if published else ("published-unknown",),
    )


@READERS.register("text")
def read_text(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[RawArticle | Rejection]:
    """Read one plain-text article from ``stream``."""
    data = stream.read(settings.max_file_bytes + 1)
    try:
        if len(data) > settings.max_file_bytes:
            raise InputError(
                Code.TOO_LARGE,
                f"file larger than max_file_bytes ({settings.max_file_bytes})",
                path=source,
            )
        yield parse_text_article(decode_bytes(data, source=source), source=source)
    except InputError as error:
        yield Rejection(source, "ingest", error.code.value, error.reason, error.record)
