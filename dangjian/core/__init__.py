"""The domain core: the content model, the kinds table, diagnostics, documents and URLs."""
