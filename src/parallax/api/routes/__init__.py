"""API routes, one module per resource; each route calls one ``Corpus`` method."""
