"""Broadsheet: read and annotate news articles in the terminal."""

__version__ = "0.1.0"
