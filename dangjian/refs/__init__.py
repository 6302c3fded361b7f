"""References: resolving citations and explicit links, anchors and backlinks."""
