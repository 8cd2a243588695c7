"""Ingest: sources → RawArticle, one streaming reader per input format."""
