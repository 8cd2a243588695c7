"""What a corpus holds, read through four small typed objects: ``corpus.articles``,
``corpus.stories``, ``corpus.entities`` and ``corpus.outlets``.

Each resource turns the names a person gives (an outlet's name, an entity's canonical name)
into the ids the store keys on, then asks :mod:`parallax.store` for rows. Lists page by
keyset with one query type per list (:mod:`parallax.query`). Presentation (reports, exports,
pages) calls these; they import no presentation.
"""

from parallax.resources.articles import Articles
from parallax.resources.entities import Entities
from parallax.resources.outlets import Outlets
from parallax.resources.stories import Stories

__all__ = ["Articles", "Entities", "Outlets", "Stories"]
