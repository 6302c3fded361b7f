"""A group of sites: a shared library's inventory, citations resolved into it, merged search."""
