"""The bottom layer: atomic writes, bounded file reading, inert text, where files live.

Imports nothing else of Broadsheet.
"""
