"""Parallax: how the news tells one story from many sides."""
