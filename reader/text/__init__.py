"""The plain-text model of an article: blocks of text with inline spans and exact offsets.

Below everything that reads an article's plain text (entities, rendering,
search). Core module: knows nothing of Textual.
"""
