"""Reading and writing files the user names, safely.

Reading: only regular files, and never more than a limit, whatever the file says its size is
(/dev/zero says 0 and never ends; a FIFO blocks until someone writes to it).
Writing: where the user pointed. A symbolic link is followed and its target replaced; a special file
(/dev/null, a FIFO, a terminal) is written in place, never replaced by a regular file; a regular file
is replaced through a temporary file and a rename, so readers see the old or the new file whole.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError


def printable(path: str | Path) -> str:
    """A path for a one-line message: control characters (a newline in a file name) shown escaped."""
    text = os.fspath(path)
    if text.isprintable():  # the usual name, at C speed (a build reads every one of them)
        return text
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return repr(text)[1:-1]
    return text


def read_regular(path: str | Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file, refused (InputError) when it is anything else or longer than limit."""
    name = printable(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just after
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{name}: is a directory, not a {what}")
        if not stat.S_ISREG(mode):
            raise InputError(f"{name}: not a regular file (a device, FIFO or socket cannot be a {what})")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    if len(data) > limit:
        raise InputError(f"{name}: over the {limit:,} byte limit for one {what}")
    return data


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write data where path points (see the module's docstring). Raises OSError."""
    target = Path(os.path.realpath(path))  # a symbolic link's target, through any chain of links
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", os.fspath(path))
        with open(target, "wb") as handle:  # a device or FIFO: write to it, never replace it
            handle.write(data)
        return
    # A short temporary name: the target's own may already be near the 255-byte limit of a name.
    fd, tmp = tempfile.mkstemp(prefix=".kgbuild-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))  # keep the replaced file's permissions
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; the result is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
