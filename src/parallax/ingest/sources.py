"""Find the inputs (files, directories, globs, stdin) and run the right reader on each.

This is the ingest error funnel: whatever goes wrong while reading one source (a truncated
gzip stream, an unreadable file, a FIFO, a cap passed) becomes a ``Rejection`` and the batch
goes on.

A source is named by its path as given. A file name that is not valid UTF-8 (POSIX allows any
bytes) is named with its undecodable bytes written as ``\\xNN`` escapes, since the store keeps
names as UTF-8 text; the file itself is still read through its real path.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import hashlib
import io
import logging
import stat
import zlib
from collections.abc import Collection, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from parallax.config import Settings
from parallax.errors import Code
from parallax.ingest.decode import wide_codec
from parallax.ingest.limits import CountingStream, SourceLimitExceeded, limit_rejection
from parallax.ingest.readers import SPLITTERS, Deferred, load_builtin_readers, parsed
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
    paths: Iterable[str], *, exclude: Collection[Path] = (), names: Mapping[str, str] | None = None
) -> Iterator[SourceFile | Rejection]:
    """Expand directories (recursively, hidden files skipped) and globs into source files.

    Files in ``exclude`` (the store's own database files) are never read as input. A file
    given in ``names`` is recorded under the name it maps to (an upload under its own name,
    not the temporary path it was saved at).
    """
    skip = {path.resolve() for path in exclude}
    renamed = names or {}
    for item in _expand(paths):
        if isinstance(item, SourceFile) and item.path is not None and str(item.path) in renamed:
            item = SourceFile(renamed[str(item.path)], item.path)
        if isinstance(item, Rejection) or item.path is None or item.path.resolve() not in skip:
            yield item


def source_name(path: str) -> str:
    """Return the name a source is stored and shown under: ``path``, with the bytes of a file
    name that do not decode as UTF-8 (kept by Python as lone surrogates) as ``\\xNN``."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system produced: keep it visible
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _source(path: Path) -> SourceFile:
    return SourceFile(source_name(str(path)), path)


def _kind(path: Path) -> str | None:
    """Return what a path that exists but is no regular file or directory is, else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device",
             stat.S_ISBLK: "a device"}  # fmt: skip
    return next((name for test, name in kinds.items() if test(mode)), None)


def _missing(given: str, path: Path) -> Rejection:
    name = source_name(given)
    kind = _kind(path)
    if kind:
        return Rejection(name, "ingest", Code.NOT_FOUND.value, f"not a regular file ({kind})")
    if path.is_symlink():
        reason = "a symbolic link that leads nowhere (or in a loop)"
        return Rejection(name, "ingest", Code.NOT_FOUND.value, reason)
    return Rejection(name, "ingest", Code.NOT_FOUND.value, "no such file or directory")


def _expand(paths: Iterable[str]) -> Iterator[SourceFile | Rejection]:
    for given in paths:
        if given == "-":
            yield SourceFile(STDIN)
            continue
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if any(part.startswith(".") for part in relative):
                    continue
                if found.is_file():
                    yield _source(found)
                elif not found.is_dir():
                    yield _missing(str(found), found)
        elif path.is_file():
            yield _source(path)
        elif _GLOB_CHARS & set(given):
            matches = sorted(Path(m) for m in glob.glob(given, recursive=True) if Path(m).is_file())
            if not matches:
                reason = "glob matches no files"
                yield Rejection(source_name(given), "ingest", Code.NOT_FOUND.value, reason)
            yield from (_source(match) for match in matches)
        else:
            yield _missing(given, path)


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def source_digest(source: SourceFile) -> str | None:
    """Return the digest the ledger knows a source by; None for standard input and for a file
    that cannot be read (reading it then says why, as a rejection)."""
    if source.path is None:
        return None
    try:
        return file_digest(source.path)
    except OSError:
        return None


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
    return parsed(split_source(source, settings=settings, fmt=fmt, stdin=stdin), settings)


def split_source(
    source: SourceFile,
    *,
    settings: Settings,
    fmt: str | None = None,
    stdin: BinaryIO | None = None,
) -> Generator[RawArticle | Rejection | Deferred]:
    """Read one source as :func:`read_source` does, but leave the records of a format with a
    splitter (HTML, WARC) unparsed, for another process to parse."""
    name = source.name
    try:
        stream = _open(source, stdin, settings)
    except OSError as error:
        yield Rejection(name, "ingest", Code.NOT_FOUND.value, f"cannot open: {error.strerror}")
        return
    with stream:
        head = stream.read(4096)
        stream.seek(0)
        if not head:  # whatever its name says, an empty file holds nothing to read
            yield Rejection(name, "ingest", Code.EMPTY.value, "empty input")
            return
        body: BinaryIO = stream
        wide = wide_codec(head)
        if wide:
            # Every reader reads UTF-8 (or sniffs a charset): a UTF-16 or UTF-32 source is read
            # through a recoder, so a UTF-16 JSON Lines file or page reads like any other.
            body = codecs.EncodedFile(stream, "utf-8", wide)
            head = head.decode(wide, "ignore").encode("utf-8")
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
        if is_gzip(head) and chosen != "warc":
            body = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
        # A WARC reader bounds itself by its records' declared lengths (warcio decompresses).
        if chosen != "warc":
            body = CountingStream(body, settings.max_source_bytes)  # type: ignore[assignment]
        read = SPLITTERS.get(chosen) if chosen in SPLITTERS else readers.get(chosen)
        try:
            yield from read(body, source=name, settings=settings)
        except SourceLimitExceeded as error:
            yield limit_rejection(name, error.setting, error.limit, "bytes")
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            yield Rejection(
                name, "ingest", Code.TRUNCATED.value, f"truncated or corrupt gzip data ({error})"
            )
        except OSError as error:
            yield Rejection(name, "ingest", Code.TRUNCATED.value, f"read failed: {error}")
        except UnicodeDecodeError as error:  # from the recoder of a UTF-16 or UTF-32 source
            reason = f"bytes that are not {error.encoding} text"
            yield Rejection(name, "ingest", Code.ENCODING.value, reason)
        except Exception as error:
            # Readers turn bad input into rejections; one that raises anyway has met input it
            # was not written for, and that must still cost only this source.
            logger.exception("reading %s failed", name)
            reason = f"unexpected error while reading: {type(error).__name__}"
            yield Rejection(name, "ingest", Code.BAD_RECORD.value, reason)
