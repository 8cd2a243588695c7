"""Parallax: how the news tells one story from many sides.

The public API: open a :class:`Corpus` (one SQLite file), ``ingest`` articles, then read
them through ``corpus.articles``, ``corpus.stories``, ``corpus.entities`` and
``corpus.outlets``, whose lists take an :class:`ArticleQuery` or a :class:`StoryQuery`.
Everything the CLI and web layer do goes through these names.

The names are imported when first used (PEP 562), so importing one submodule (an ingest
worker's ``parallax.stages.ingest``, say) does not load the whole library and its NLP models.
"""

import importlib
import logging
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

if _TYPE_CHECKING:
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

#: Each public name and the module that defines it.
_HOMES = {
    "Article": "parallax.model",
    "ArticleQuery": "parallax.query",
    "CleanText": "parallax.model",
    "ConfigError": "parallax.errors",
    "Corpus": "parallax.corpus",
    "IngestReport": "parallax.outcomes",
    "InputError": "parallax.errors",
    "Outlet": "parallax.model",
    "ParallaxError": "parallax.errors",
    "RawArticle": "parallax.model",
    "Rejection": "parallax.model",
    "Settings": "parallax.config",
    "StoreError": "parallax.errors",
    "StoryQuery": "parallax.query",
    "load_settings": "parallax.config",
    "process_article": "parallax.stages.ingest",
}

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


def __getattr__(name: str) -> _Any:
    """Import a public name from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'parallax' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
