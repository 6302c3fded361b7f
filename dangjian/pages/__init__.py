"""Generating the staged Markdown tree: document pages, listings, tracks, glossary."""
