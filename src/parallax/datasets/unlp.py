"""UNLP 2025 manipulation techniques: Ukrainian and Russian Telegram posts (CC BY-NC-SA 4.0).

A folder holds JSON Lines files (``posts.jsonl``, or the organisers' ``train.jsonl``), one post a
line: ``id``, ``content``, ``lang``, ``techniques`` (a list of technique names, or null for a
post with none) and ``trigger_words`` (``[start, end)`` character offsets of the manipulative
spans, or null). Every ``*.jsonl`` file under the folder is read, so a split is chosen by
pointing at a folder that holds only it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError


@dataclass(frozen=True, slots=True)
class UnlpPost:
    """One post: its text, language, techniques and manipulative spans (inside the text)."""

    id: str
    text: str
    language: str
    techniques: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def _post(record: dict[str, object], path: Path, number: int) -> UnlpPost:
    text = record.get("content")
    post_id = record.get("id")
    if not isinstance(text, str) or not isinstance(post_id, str):
        raise InputError(
            Code.BAD_RECORD, "expected string id and content", path=str(path), record=str(number)
        )
    techniques = record.get("techniques") or []
    words = record.get("trigger_words") or []
    if not isinstance(techniques, list) or not isinstance(words, list):
        raise InputError(
            Code.BAD_RECORD,
            "expected lists of techniques and trigger_words",
            path=str(path),
            record=str(number),
        )
    # A few gold spans fall (partly) outside the text: they are clipped to it, or dropped.
    spans = sorted(
        {
            (max(0, int(start)), min(len(text), int(end)))
            for start, end in words
            if min(len(text), int(end)) > max(0, int(start))
        }
    )
    return UnlpPost(
        post_id,
        text,
        str(record.get("lang") or ""),
        tuple(sorted({str(t) for t in techniques})),
        tuple(spans),
    )


def read_unlp(data: Path) -> list[UnlpPost]:
    """Return every post of the ``*.jsonl`` files under ``data`` (a folder or one file), by id.

    Raises:
        InputError: no JSON Lines file (P114), or a malformed line (P115).
    """
    files = [data] if data.is_file() else sorted(data.rglob("*.jsonl"))
    if not files:
        raise InputError(Code.NOT_FOUND, "expected *.jsonl files of posts", path=str(data))
    posts: dict[str, UnlpPost] = {}
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(
                    Code.BAD_RECORD, f"not JSON: {error.msg}", path=str(path), record=str(number)
                ) from error
            if not isinstance(record, dict):
                raise InputError(
                    Code.BAD_RECORD, "expected a JSON object", path=str(path), record=str(number)
                )
            post = _post(record, path, number)
            posts[post.id] = post
    return [posts[key] for key in sorted(posts)]
