"""The JSON API under ``/api``: one route module per resource, each route one corpus read."""
