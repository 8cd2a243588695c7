"""Server-rendered pages over the same corpus reads as the API (Jinja2, autoescaped).

The templates and the stylesheet are :mod:`parallax.report`'s (``report/templates``,
``report/static``): a page and a report render from the same ones and cannot drift.
"""
