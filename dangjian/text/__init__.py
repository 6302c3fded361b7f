"""Pure text parsing: numerals, titles, regulation and work-plan structure, citations."""
