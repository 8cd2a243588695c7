"""Read one JSON document: an object (one article), an array of objects, or an object holding
them in an ``articles`` or ``items`` list, pretty-printed or not.

Each object is read as a JSON Lines record is (the same fields and aliases, see
:mod:`parallax.ingest.jsonl`); ``record`` is ``"item N"``, counted from 1. The document is read
whole, up to ``max_file_bytes``. Data that holds several documents one after another is JSON
Lines after all (its first line was too long to tell) and is read as such.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from parallax.config import Settings
from parallax.errors import Code, InputError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.jsonl import document_items, read_items, read_jsonl
from parallax.ingest.readers import READERS
from parallax.model import RawArticle, Rejection


@READERS.register("json")
def read_json(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[RawArticle | Rejection]:
    """Yield one article or rejection per object of a JSON document."""
    limit = settings.max_file_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        reason = f"JSON document larger than max_file_bytes ({limit} bytes); raise it to read it"
        yield Rejection(source, "ingest", Code.TOO_LARGE.value, reason)
        return
    try:
        text = decode_bytes(data, source=source)
    except InputError as error:
        yield Rejection(source, "ingest", error.code.value, error.reason, error.record)
        return
    try:
        value = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from read_jsonl(io.BytesIO(data), source=source, settings=settings)
            return
        reason = f"malformed JSON document: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        yield Rejection(source, "ingest", Code.MALFORMED_JSON.value, reason)
        return
    except (ValueError, RecursionError) as exc:
        yield Rejection(source, "ingest", Code.MALFORMED_JSON.value, f"malformed JSON: {exc}")
        return
    yield from read_items(document_items(value), source=source, settings=settings)
