"""parallax.nlp."""
