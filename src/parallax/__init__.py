"""Parallax: how the news tells one story from many sides.

The public API: open a :class:`Corpus` (one SQLite file), ``ingest`` articles, then read
them through ``corpus.articles``, ``corpus.stories``, ``corpus.entities`` and
``corpus.outlets``, whose lists take an :class:`ArticleQuery` or a :class:`StoryQuery`.
Everything the CLI and web layer do goes through these names.
"""

import logging

from parallax.config import Settings, load_settings
from parallax.corpus import Corpus
from parallax.errors import ConfigError, InputError, ParallaxError, StoreError
from parallax.model import Article, CleanText, Outlet, RawArticle, Rejection
from parallax.outcomes import IngestReport
from parallax.query import ArticleQuery, StoryQuery
from parallax.stages.ingest import process_article

# The library never prints and configures no logging: one NullHandler on the package logger
# keeps its records silent unless the application sets up logging.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "ArticleQuery",
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
    "StoryQuery",
    "load_settings",
    "process_article",
]
__version__ = "0.1.0"
