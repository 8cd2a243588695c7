"""Each step of the pipeline written once: ingest, analyze, group, compare, and the store's sink.

``Corpus`` runs these steps into a store (:class:`~parallax.stages.sinks.StoreSink`); the
runners run the same steps in worker processes and write shards, which ``load`` puts into a
store through the same sink.
"""
