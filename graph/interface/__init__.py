"""Interfaces: the command line and plain-language questions, both thin over the library."""
