"""The terminal front end: the Textual app, its screens, widgets and dialogs.

The only package that imports Textual. It orchestrates: every query, edit
and open goes through :class:`reader.session.Session`.
"""
