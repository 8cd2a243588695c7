"""parallax.store."""
