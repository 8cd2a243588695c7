"""Parallax: how the news tells one story from many sides.

The public API: open a :class:`Corpus` (one SQLite file), ``ingest`` articles, then query,
search and export them. Everything the CLI and web layer do goes through these names.
"""

from parallax.config import Settings, load_settings
from parallax.corpus import Corpus
from parallax.errors import ConfigError, InputError, ParallaxError, StoreError
from parallax.model import (
    Article,
    CleanText,
    IngestReport,
    Outlet,
    RawArticle,
    Rejection,
)
from parallax.stages.ingest import process_article

__all__ = [
    "Article",
    "CleanText",
    "ConfigError",
    "Corpus",
    "IngestReport",
    "InputError",
    "Outlet",
    "ParallaxError",
    "RawArticle",
    "Rejection",
    "Settings",
    "StoreError",
    "load_settings",
    "process_article",
]
__version__ = "0.1.0"
