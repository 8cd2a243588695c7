"""The ParallaxError tree and the catalogue of coded messages.

Codes: P1xx ingest (reading and decoding input), P2xx nlp, P3xx stories, P4xx compare,
P5xx store, P6xx configuration and usage.

    ParallaxError
    ├── InputError        bad input: one file or record; recorded as a rejection, never fatal
    ├── StoreError        the database cannot be opened or migrated
    └── ConfigError       a setting or option is invalid
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Short coded messages: what is wrong; the CLI adds where."""

    EMPTY = "P101"
    BINARY = "P102"
    ENCODING = "P103"
    TOO_LARGE = "P104"
    TRUNCATED = "P105"
    MALFORMED_JSON = "P106"
    BAD_DATE = "P107"
    NO_TEXT = "P108"
    BAD_HTML = "P109"
    BAD_FEED = "P110"
    BAD_WARC = "P111"
    UNKNOWN_FORMAT = "P112"
    MISSING_FIELD = "P113"
    NOT_FOUND = "P114"
    BAD_RECORD = "P115"
    SOURCE_LIMIT = "P116"
    NOT_ARTICLE = "P117"
    NLP_FAILED = "P201"
    STORE = "P501"
    LOCKED = "P502"
    CONFIG = "P601"
    UNGUARDED_SCRIPT = "P602"


class ParallaxError(Exception):
    """Base of every error Parallax raises on purpose."""

    def __init__(
        self, code: Code, reason: str, *, path: str | None = None, record: str | None = None
    ) -> None:
        self.code = code
        self.reason = reason
        self.path = path
        self.record = record
        super().__init__(self.line())

    def line(self) -> str:
        """Render as ``path[:record]: CODE reason``."""
        where = ""
        if self.path:
            where = f"{self.path}:{self.record}: " if self.record else f"{self.path}: "
        return f"{where}{self.code.value} {self.reason}"


class InputError(ParallaxError):
    """An input file or record cannot be read; the batch goes on without it."""


class StoreError(ParallaxError):
    """The store cannot be opened, migrated or written."""


class ConfigError(ParallaxError):
    """A setting or command-line option is invalid."""
