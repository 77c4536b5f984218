"""Atomic file writes: write a temporary file beside the target, then replace it in one step.

A crash or kill during the write leaves either the old file or the new one, never a torn file.
"""

from __future__ import annotations

__all__ = ["write_bytes_atomic", "write_text_atomic"]

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_text_atomic(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write `text` to `path` so that readers only ever see a complete file."""
    write_bytes_atomic(path, text.encode(encoding))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers only ever see a complete file (images, archives).

    A symbolic link at `path` is replaced by the new file (its target is neither written nor
    consulted); anything else that is not a regular file (a directory, named pipe, device or
    socket) raises an OSError and is left alone.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp_name, mode)  # mkstemp makes the file 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing regular file's permissions; a new file (also one replacing a symbolic
    link, whatever the link points to) gets the usual 0666 minus the umask, like `open`."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        return info.st_mode & 0o777
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if info is not None and not stat.S_ISLNK(info.st_mode):
        raise OSError(errno.EEXIST, "not a regular file", str(path))
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
