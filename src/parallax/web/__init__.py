"""Server-rendered pages over the same ``Corpus`` calls as the API (Jinja2, autoescaped)."""
