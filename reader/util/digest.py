"""BLAKE2b for the caches' digests, without loading OpenSSL first.

``hashlib.blake2b`` is the built-in ``_blake2.blake2b``; importing ``hashlib``
also loads the OpenSSL bindings, about 5 ms that a quick ``broadsheet list``
does not need.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python without the built-in module
    from hashlib import blake2b

__all__ = ["blake2b"]
