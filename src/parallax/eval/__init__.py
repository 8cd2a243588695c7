"""Evaluation: score the extractors, the grouper and the models on public data sets.

Readers live in :mod:`parallax.datasets`, fitting in :mod:`parallax.training`; product code
imports none of the three.
"""
