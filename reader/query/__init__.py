"""The query language: parsed once, evaluated once, for the app's ``/`` and the CLI alike."""
