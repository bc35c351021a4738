"""Bringing articles into the library: files, folders, web pages, feeds and OPML lists.

Core package: knows nothing of Textual (a test guards this). The flow:

- ``tasks`` turns each path or URL into steps (folders, feeds and OPML files
  become more steps) and each step into a :class:`NewArticle`;
- ``local_files``, ``network`` (downloads within limits), ``encoding``,
  ``sniffing``, ``extraction`` (trafilatura), ``feeds`` (feedparser, OPML)
  and ``plaintext`` do the reading and converting;
- ``store`` writes each article atomically as Markdown with front matter
  (``article_file``, file names from ``naming``) unless it is a duplicate;
- ``runner`` runs the steps, reports progress, and returns an
  :class:`ImportReport` (``report``);
- ``options`` holds :class:`ImportOptions` and :class:`Limits`.

This file imports nothing, so that ``reader.importing.options`` and
``reader.importing.report`` can be used without loading trafilatura,
feedparser and urllib3; import what you need from the modules.
"""
