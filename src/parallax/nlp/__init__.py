"""The NLP stage: entities, quotes, dates and claims from an article's cleaned text.

The only package that imports spaCy. Start at :mod:`parallax.nlp.pipeline`
(``load_pipeline``, ``analyze_text``, ``analyze_texts``); corpus-wide entity merging is
:func:`parallax.nlp.aliases.merge_entities`. Extractors are registered, with versions, in the
registries of :mod:`parallax.nlp.types`.
"""
