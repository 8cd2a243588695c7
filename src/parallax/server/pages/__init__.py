"""Server-rendered pages over the same corpus reads as the API (Jinja2, autoescaped).

The templates and the stylesheet here are also the HTML report's (:mod:`parallax.report`), which
loads them by package name: this module imports nothing.
"""
