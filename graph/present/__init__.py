"""Presentation: what pages and the CLI show (chain map HTML, page lookups, text tables)."""
