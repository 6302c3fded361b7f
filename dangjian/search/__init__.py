"""The site search: Pagefind, run on the rendered HTML."""
