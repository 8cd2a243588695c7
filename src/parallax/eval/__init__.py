"""parallax.eval."""
