"""Loading and validating a project's source files into content."""
