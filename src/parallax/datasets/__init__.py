"""Readers of the public data sets the models are trained and evaluated on.

One module per data set or family, each a pure reader returning typed records: it never trains
or scores, and imports nothing from :mod:`parallax.training` or :mod:`parallax.eval`.
"""
