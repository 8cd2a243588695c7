"""The HTTP face: a FastAPI app serving the JSON API under ``/api`` and the web pages.

Build it with :func:`parallax.server.app.create_app`; ``parallax serve`` runs it with uvicorn.
The two faces are siblings that never import each other: :mod:`parallax.server.json` (the API
routes and what HTTP adds to the JSON form) and :mod:`parallax.server.pages` (the pages, their
templates and static files). What both need lives here: :mod:`~parallax.server.deps`,
:mod:`~parallax.server.errors`, :mod:`~parallax.server.cache` and
:mod:`~parallax.server.stories`. This package imports nothing itself: reports load the page
templates from :mod:`parallax.server.pages` without starting the web stack.
"""
