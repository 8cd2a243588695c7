"""Remove scraped boilerplate from article text, keeping an exact map back to the raw text.

Cleaning only ever deletes characters, so every offset into the cleaned text maps to one
offset into the raw text (``CleanText.segments``). The rules live in the packaged data file
``parallax/data/boilerplate.toml``; this module only applies them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from parallax.model import CleanText, OffsetSegment, RawArticle, Removal

EXTRACTOR = "parallax.clean.rules.v1"
_KINDS = ("block", "paragraph", "inline")


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    """One named pattern from the packaged rule file."""

    name: str
    kind: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def load_rules() -> tuple[BoilerplateRule, ...]:
    """Load and compile the packaged boilerplate rules."""
    text = resources.files("parallax.data").joinpath("boilerplate.toml").read_text("utf-8")
    rules = []
    for row in tomllib.loads(text)["rule"]:
        if row["kind"] not in _KINDS:
            raise ValueError(f"boilerplate rule {row['name']!r} has unknown kind {row['kind']!r}")
        flags = re.DOTALL if row["kind"] == "block" else 0
        rules.append(BoilerplateRule(row["name"], row["kind"], re.compile(row["pattern"], flags)))
    return tuple(rules)


def find_boilerplate(text: str) -> list[Removal]:
    """Return the spans of ``text`` that the boilerplate rules match, in text order."""
    removals: list[Removal] = []
    for rule in load_rules():
        if rule.kind == "block" or rule.kind == "inline":
            removals += [
                Removal(m.start(), m.end(), rule.name) for m in rule.pattern.finditer(text)
            ]
        else:
            for line in re.finditer(r"[^\n]+", text):
                stripped = line.group().strip()
                if stripped and rule.pattern.fullmatch(stripped):
                    removals.append(Removal(line.start(), line.end(), rule.name))
    return sorted(removals, key=lambda removal: (removal.raw_start, removal.raw_end))


def strip_boilerplate(text: str) -> str:
    """Return ``text`` without boilerplate, whitespace tidied (used on short header lines)."""
    return clean_raw_text(text).text


def _kept_indices(length: int, removed: list[tuple[int, int]]) -> list[int]:
    keep = bytearray([1]) * length
    for start, end in removed:
        keep[max(start, 0) : min(end, length)] = bytes(max(0, min(end, length) - max(start, 0)))
    return [index for index, flag in enumerate(keep) if flag]


def _tidy_whitespace(raw: str, kept: list[int]) -> list[int]:
    """Drop whitespace so paragraphs are separated by one blank line and words by one space.

    Only deletes: from each run of whitespace it keeps at most two newlines (a paragraph break),
    or one newline, or the first space; runs at either end of the text go entirely.
    """
    chars = "".join(raw[index] for index in kept)
    result: list[int] = []
    position = 0
    for match in re.finditer(r"\s+", chars):
        result += kept[position : match.start()]
        position = match.end()
        if match.start() == 0 or match.end() == len(chars):
            continue
        run = range(match.start(), match.end())
        newlines = [i for i in run if chars[i] == "\n"]
        if newlines:
            result += [kept[i] for i in newlines[:2]]
        else:
            result.append(kept[match.start()])
    result += kept[position:]
    return result


def _segments(kept: list[int]) -> tuple[OffsetSegment, ...]:
    if not kept:
        return ()
    segments: list[OffsetSegment] = []
    start, run_start = 0, 0
    for offset, (previous, current) in enumerate(pairwise(kept), start=1):
        if current != previous + 1:
            segments.append(OffsetSegment(run_start, kept[run_start], offset - run_start))
            run_start = offset
    segments.append(OffsetSegment(run_start, kept[run_start], len(kept) - run_start))
    del start
    return tuple(segments)


def clean_raw_text(raw_text: str, *, meta_spans: tuple[tuple[int, int], ...] = ()) -> CleanText:
    """Clean ``raw_text``: drop metadata spans, boilerplate and carriage returns, tidy spaces."""
    removals = [Removal(start, end, "metadata") for start, end in meta_spans]
    removals += find_boilerplate(raw_text)
    removals += [
        Removal(m.start(), m.end(), "control")
        for m in re.finditer(r"[\r\x00-\x08\x0b\x0e-\x1f\u200b\ufeff]+", raw_text)
    ]
    kept = _kept_indices(len(raw_text), [(r.raw_start, r.raw_end) for r in removals])
    kept = _tidy_whitespace(raw_text, kept)
    text = "".join(raw_text[index] for index in kept)
    removals.sort(key=lambda removal: (removal.raw_start, removal.raw_end))
    return CleanText(text=text, segments=_segments(kept), removals=tuple(removals))


def clean_text(raw: RawArticle) -> CleanText:
    """Clean one article's raw text; offsets into the result map back through ``segments``."""
    return clean_raw_text(raw.raw_text, meta_spans=raw.meta_spans)
