"""Rendering: a :class:`reader.text.document.Document` laid out in lines, drawn as Rich Text.

Core module: knows nothing of Textual.
"""
