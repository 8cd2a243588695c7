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

from parallax.model import CleanText, OffsetSegment, RawArticle, Removal

EXTRACTOR = "parallax.clean.rules.v1"
_KINDS = ("block", "paragraph", "inline")
# The whitespace runs that lose a character: two or more, one that is not a space, or a space
# at either end. A lone space between words is kept whole, so it is never visited.
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]|\A | \Z")
_LINE = re.compile(r"[^\n]+")


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
    lines: list[tuple[int, int, str]] | None = None  # each non-blank line, stripped (once)
    for rule in load_rules():
        if rule.kind == "block" or rule.kind == "inline":
            removals += [
                Removal(m.start(), m.end(), rule.name) for m in rule.pattern.finditer(text)
            ]
        else:
            if lines is None:
                lines = [
                    (line.start(), line.end(), stripped)
                    for line in _LINE.finditer(text)
                    if (stripped := line.group().strip())
                ]
            fullmatch = rule.pattern.fullmatch
            removals += [
                Removal(start, end, rule.name)
                for start, end, stripped in lines
                if fullmatch(stripped)
            ]
    return sorted(removals, key=lambda removal: (removal.raw_start, removal.raw_end))


def strip_boilerplate(text: str) -> str:
    """Return ``text`` without boilerplate, whitespace tidied (used on short header lines)."""
    return clean_raw_text(text).text


def _kept_runs(length: int, removed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` runs of a text of ``length`` characters that no removal
    covers, in order."""
    runs: list[tuple[int, int]] = []
    position = 0
    for start, end in sorted((max(start, 0), min(end, length)) for start, end in removed):
        if start > position:
            runs.append((position, start))
        position = max(position, end)
    if position < length:
        runs.append((position, length))
    return runs


def _tidy_whitespace(chars: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` runs of ``chars`` to keep so that paragraphs are separated
    by one blank line and words by one space.

    Only deletes: from each run of whitespace it keeps at most two newlines (a paragraph break),
    or one newline, or the first space; runs at either end of the text go entirely.
    """
    kept: list[list[int]] = []

    def keep(start: int, end: int) -> None:
        # A run that goes on where the last one ended extends it: a single space between two
        # words is kept whole, and the text stays one run between the spaces it loses.
        if end <= start:
            return
        if kept and kept[-1][1] == start:
            kept[-1][1] = end
        else:
            kept.append([start, end])

    position = 0
    for match in _WHITESPACE.finditer(chars):
        start, end = match.span()
        keep(position, start)
        position = end
        if start == 0 or end == len(chars):
            continue
        first = chars.find("\n", start, end)
        if first < 0:
            keep(start, start + 1)
            continue
        keep(first, first + 1)
        second = chars.find("\n", first + 1, end)
        if second >= 0:
            keep(second, second + 1)
    keep(position, len(chars))
    return [(start, end) for start, end in kept]


def _segments(
    runs: list[tuple[int, int]], tidy: list[tuple[int, int]]
) -> tuple[OffsetSegment, ...]:
    """Map the kept runs of the joined text (``tidy``) back to the raw text through the runs
    it was joined from, merging pieces that follow each other in both."""
    segments: list[OffsetSegment] = []
    # Where each raw run begins in the joined text.
    starts: list[int] = []
    total = 0
    for start, end in runs:
        starts.append(total)
        total += end - start
    run = 0
    clean = 0
    for start, end in tidy:
        while start < end:
            while starts[run] + runs[run][1] - runs[run][0] <= start:
                run += 1
            raw = runs[run][0] + start - starts[run]
            length = min(end, starts[run] + runs[run][1] - runs[run][0]) - start
            last = segments[-1] if segments else None
            if last and last.raw_start + last.length == raw:
                segments[-1] = OffsetSegment(last.start, last.raw_start, last.length + length)
            else:
                segments.append(OffsetSegment(clean, raw, length))
            clean += length
            start += length
    return tuple(segments)


def clean_raw_text(raw_text: str, *, meta_spans: tuple[tuple[int, int], ...] = ()) -> CleanText:
    """Clean ``raw_text``: drop metadata spans, boilerplate and carriage returns, tidy spaces."""
    removals = [Removal(start, end, "metadata") for start, end in meta_spans]
    removals += find_boilerplate(raw_text)
    removals += [
        Removal(m.start(), m.end(), "control")
        for m in re.finditer(r"[\r\x00-\x08\x0b\x0e-\x1f\u200b\ufeff]+", raw_text)
    ]
    # Kept text is handled as runs, never character by character: a page's text is long.
    runs = _kept_runs(len(raw_text), [(r.raw_start, r.raw_end) for r in removals])
    chars = "".join(raw_text[start:end] for start, end in runs)
    tidy = _tidy_whitespace(chars)
    text = "".join(chars[start:end] for start, end in tidy)
    removals.sort(key=lambda removal: (removal.raw_start, removal.raw_end))
    return CleanText(text=text, segments=_segments(runs, tidy), removals=tuple(removals))


def clean_text(raw: RawArticle) -> CleanText:
    """Clean one article's raw text; offsets into the result map back through ``segments``."""
    return clean_raw_text(raw.raw_text, meta_spans=raw.meta_spans)
