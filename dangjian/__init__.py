"""党建知识站 (dangjian): a static site generator for a party committee's intranet.

The package is split into a domain core (model, loading, validation, resolution and
page generation), which never imports MkDocs, and thin adapters (``engine``,
``mkdocs_plugin``, ``cli``) that hand the staged Markdown tree to MkDocs.
"""

__version__ = "0.1.0"
