"""Find the inputs (files, directories, globs, stdin) and run the right reader on each.

This is the ingest error funnel: whatever goes wrong while reading one source (a truncated
gzip stream, an unreadable file) becomes a ``Rejection`` and the batch goes on.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import logging
import zlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from parallax.config import Settings
from parallax.errors import Code
from parallax.ingest.readers import load_builtin_readers
from parallax.ingest.sniff import is_gzip, sniff_format
from parallax.model import RawArticle, Rejection

logger = logging.getLogger(__name__)
STDIN = "<stdin>"
# Formats read record by record; only their records are size-limited, not the whole file.
STREAMING_FORMATS = frozenset({"warc", "jsonl"})
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One input to read: a file on disk, or standard input."""

    name: str
    path: Path | None = None


def expand_sources(
    paths: Iterable[str], *, exclude: Collection[Path] = ()
) -> Iterator[SourceFile | Rejection]:
    """Expand directories (recursively, hidden files skipped) and globs into source files.

    Files in ``exclude`` (the store's own database files) are never read as input.
    """
    skip = {path.resolve() for path in exclude}
    for item in _expand(paths):
        if isinstance(item, Rejection) or item.path is None or item.path.resolve() not in skip:
            yield item


def _expand(paths: Iterable[str]) -> Iterator[SourceFile | Rejection]:
    for given in paths:
        if given == "-":
            yield SourceFile(STDIN)
            continue
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if found.is_file() and not any(part.startswith(".") for part in relative):
                    yield SourceFile(str(found), found)
        elif path.is_file():
            yield SourceFile(str(path), path)
        elif _GLOB_CHARS & set(given):
            matches = sorted(Path(m) for m in glob.glob(given, recursive=True) if Path(m).is_file())
            if not matches:
                yield Rejection(given, "ingest", Code.NOT_FOUND.value, "glob matches no files")
            yield from (SourceFile(str(match), match) for match in matches)
        else:
            yield Rejection(given, "ingest", Code.NOT_FOUND.value, "no such file or directory")


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _open(source: SourceFile, stdin: BinaryIO | None, settings: Settings) -> BinaryIO:
    if source.path is None:
        stream = stdin if stdin is not None else _stdin_buffer()
        return io.BytesIO(stream.read(settings.max_file_bytes + 1))
    return source.path.open("rb")


def _stdin_buffer() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def detect_format(source: SourceFile, head: bytes) -> str:
    """Return the reader name for a source from its first bytes and its name."""
    return sniff_format(head, name=source.name)


def read_source(
    source: SourceFile,
    *,
    settings: Settings,
    fmt: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[RawArticle | Rejection]:
    """Read every article of one source; failures come out as rejections, never exceptions."""
    name = source.name
    try:
        stream = _open(source, stdin, settings)
    except OSError as error:
        yield Rejection(name, "ingest", Code.NOT_FOUND.value, f"cannot open: {error.strerror}")
        return
    with stream:
        head = stream.read(4096)
        stream.seek(0)
        chosen = fmt or detect_format(source, head)
        readers = load_builtin_readers()
        if chosen not in readers:
            known = ", ".join(readers.names())
            yield Rejection(
                name,
                "ingest",
                Code.UNKNOWN_FORMAT.value,
                f"unknown format {chosen!r}; known: {known}",
            )
            return
        size = source.path.stat().st_size if source.path else len(head)
        if chosen not in STREAMING_FORMATS and size > settings.max_file_bytes:
            reason = f"file of {size} bytes exceeds max_file_bytes ({settings.max_file_bytes})"
            yield Rejection(name, "ingest", Code.TOO_LARGE.value, reason)
            return
        body: BinaryIO = stream
        if is_gzip(head) and chosen != "warc":
            body = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
        try:
            yield from readers.get(chosen)(body, source=name, settings=settings)
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            yield Rejection(
                name, "ingest", Code.TRUNCATED.value, f"truncated or corrupt gzip data ({error})"
            )
        except OSError as error:
            yield Rejection(name, "ingest", Code.TRUNCATED.value, f"read failed: {error}")
