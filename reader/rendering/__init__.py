"""Rendering: an article as blocks of plain text, laid out in lines, drawn as Rich Text.

Core module: knows nothing of Textual.
"""
