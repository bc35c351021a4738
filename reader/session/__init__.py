"""The session: the one core both front ends open (paths, settings, library, store, entities)."""
