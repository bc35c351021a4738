"""Full-text search: a SQLite FTS5 index of every article under HOME/cache.

Core module: knows nothing of Textual. ``tokens`` says what a word is (the
same rule for the index, the snippets and any brute-force check);
``index`` keeps the SQLite file and answers word, phrase and prefix lookups.
"""
