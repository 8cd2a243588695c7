"""Turn the paths given to ``parallax run`` into source files, local or in object storage.

Local paths expand exactly as ``parallax ingest`` expands them (directories recursively,
globs, hidden files skipped), so articles keep the same ``source`` names. A URI (``s3://``,
``gs://``, ``hdfs://``, ``file://``) names one object or a prefix whose objects are listed
through pyarrow's filesystems.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, ConfigError
from parallax.ingest.sources import STDIN, expand_sources
from parallax.model import Rejection
from parallax.runners.work import is_uri


@dataclass(frozen=True, slots=True)
class Planned:
    """One input: a source to process (``location`` set) or a rejection of what was given."""

    name: str
    location: str | None = None
    rejection: Rejection | None = None


def _expand_uri(uri: str) -> Iterator[Planned]:
    """List one object or every object under a prefix; options (``?region=...``) carry over."""
    from pyarrow import fs  # type: ignore[import-untyped]

    bare, _, query = uri.partition("?")
    options = f"?{query}" if query else ""
    try:
        filesystem, path = fs.FileSystem.from_uri(uri)
        info = filesystem.get_file_info(path)
        if info.type == fs.FileType.File:
            yield Planned(bare, uri)
            return
        if info.type != fs.FileType.Directory:
            yield Planned(bare, rejection=_not_found(bare, "no such object or prefix"))
            return
        found = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
    except (OSError, ValueError) as error:  # pyarrow raises both for a bad or unreachable URI
        yield Planned(bare, rejection=_not_found(bare, f"cannot list: {error}"))
        return
    scheme, base = bare.split("://", 1)[0], path.rstrip("/")
    for item in sorted(found, key=lambda item: item.path):
        relative = item.path[len(base) :].lstrip("/").split("/")
        if item.type == fs.FileType.File and not any(p.startswith(".") for p in relative):
            name = f"{scheme}://{item.path}"
            yield Planned(name, name + options)


def _not_found(name: str, reason: str) -> Rejection:
    return Rejection(name, "ingest", Code.NOT_FOUND.value, reason)


def plan_sources(paths: Iterable[str], *, out: Path) -> list[Planned]:
    """Return every source under ``paths`` in ingest order; the run's own directory is skipped.

    Raises:
        ConfigError: standard input was given (a run needs files every worker can open).
    """
    planned: list[Planned] = []
    skip = out.resolve()
    for given in paths:
        if given == "-":
            raise ConfigError(
                Code.CONFIG, "parallax run reads files, not standard input; use parallax ingest -"
            )
        if is_uri(given):
            planned.extend(_expand_uri(given))
            continue
        for item in expand_sources([given]):
            if isinstance(item, Rejection):
                planned.append(Planned(item.source, rejection=item))
            elif item.path is not None and item.name != STDIN:
                resolved = item.path.resolve()
                if not resolved.is_relative_to(skip):
                    planned.append(Planned(item.name, str(resolved)))
    return planned
