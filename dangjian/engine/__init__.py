"""Rendering with MkDocs and Material: the only package that imports MkDocs."""
