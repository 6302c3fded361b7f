"""The one pipeline behind every entry point: prepare (load → validate → restrict → resolve →
strictness), then stage a variant, and check what was rendered before it is published."""
