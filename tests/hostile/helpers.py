"""Helpers for the hostile-input tests: another user, a full disk, real CLI runs in-process."""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

NOBODY = 65534
PRELOAD = (
    "filelock",
    "zipfile",
    "yaml",
    "tinydb",
    "reader.cli",
    "reader.store.backups",
    "reader.library.samples",
    "reader.entities",
)


def shared_folder() -> Path:
    """A fresh folder under /tmp that another user can enter (pytest's tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="broadsheet-hostile-", dir="/tmp"))
    folder.chmod(0o755)
    return folder


def chown_tree(root: Path, uid: int) -> None:
    for folder, _, files in os.walk(root):
        os.chown(folder, uid, uid)
        for name in files:
            os.chown(os.path.join(folder, name), uid, uid)


@contextlib.contextmanager
def as_user(uid: int = NOBODY) -> Iterator[None]:
    """Run the block with effective user ``uid`` (root only), so permissions really apply."""
    if os.geteuid() != 0:
        pytest.skip("needs root to act as another user")
    for name in PRELOAD:  # The interpreter's own files may not be readable by that user.
        importlib.import_module(name)
    import reader.commands as commands

    for name in commands.COMMAND_MODULES:
        importlib.import_module(f"reader.commands.{name}")
    os.setegid(uid)
    os.seteuid(uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def failing(code: int) -> OSError:
    return OSError(code, os.strerror(code))


DISK_FULL = errno.ENOSPC
READ_ONLY = errno.EROFS
