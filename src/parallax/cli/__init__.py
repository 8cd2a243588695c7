"""parallax.cli."""
