"""A store writer run as a separate process by the crash and concurrency tests.

Usage: python -m tests.store.writer FOLDER NAME COUNT ARTICLES
Adds tag ``NAME-i`` to article ``a<i % ARTICLES>`` for i in range(COUNT) and
prints ``i`` after each write has returned (that is, was acknowledged).
"""

from __future__ import annotations

import sys
from pathlib import Path

from reader.store import AnnotationStore


def main() -> None:
    folder, name, count, articles = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    store = AnnotationStore(Path(folder))
    store.load()
    for number in range(count):
        store.edit_tags([f"a{number % articles}"], add=[f"{name}-{number}"])
        if number % 7 == 3:
            store.set_flag(f"a{number % articles}", "starred", number % 2 == 0)
        print(number, flush=True)


if __name__ == "__main__":
    main()
