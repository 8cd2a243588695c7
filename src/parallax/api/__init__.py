"""The HTTP face: a FastAPI app serving the JSON API under ``/api`` and the web pages.

Build it with :func:`parallax.api.app.create_app`; ``parallax serve`` runs it with uvicorn.
"""
