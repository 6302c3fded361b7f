"""The offline bundle: its file:// search, the zip, and verifying it."""
