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
MAX_TITLE_UNSPACED_CHARS = 60
"""Longest headline, in characters, in a script written without spaces between words."""

# Scripts written without spaces between words: there a "word" count means nothing, and a
# headline is measured in characters (Han, kana, Hangul is spaced but dense, Thai, Lao, Khmer,
# Myanmar, Tibetan).
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff"
    "\u1780-\u17ff\u1000-\u109f\u0f00-\u0fff\uff66-\uff9f]"
)
# Full-width sentence ends; one of them inside a line, with more text after it, means the line
# holds more than one sentence.
_SENTENCE_END = re.compile(r"[。！？!?]+[」』）)\"'”’]*(?=[^\s。！？!?])")
_BODY_ENDINGS = (".", ",", ";", ":", "。", "，", "、", "；", "：")


def is_unspaced(text: str) -> bool:
    """Return True when most letters of ``text`` belong to scripts written without spaces."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return False
    return sum(1 for char in letters if _UNSPACED.match(char)) * 2 > len(letters)


def looks_like_title(line: str) -> bool:
    """Return True for a short line that reads as a headline rather than a sentence of body.

    Words are counted where a script spaces them; in Chinese, Japanese, Thai and the like a
    headline is at most ``MAX_TITLE_UNSPACED_CHARS`` characters, holds one sentence, and ends
    in no full stop.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_TITLE_CHARS or stripped.endswith(_BODY_ENDINGS):
        return False
    if is_unspaced(stripped):
        return len(stripped) <= MAX_TITLE_UNSPACED_CHARS and not _SENTENCE_END.search(stripped)
    return len(stripped.split()) <= MAX_TITLE_WORDS


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
