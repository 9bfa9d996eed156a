"""Reading and writing files the user names, safely.

Reading: only regular files, and never more than a limit, whatever the file says its size is
(/dev/zero says 0 and never ends; a FIFO blocks until someone writes to it).
Writing: where the user pointed. A symbolic link is followed and its target replaced; a special file
(/dev/null, a FIFO, a terminal) is written in place, never replaced by a regular file; a descriptor
the process holds (/dev/stdout, /dev/fd/N) is written through, at its own offset; a regular file
is replaced through a temporary file and a rename, so readers see the old or the new file whole.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import tempfile
from collections.abc import Iterable
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


def visible(text: str) -> str:
    """Text safe to print on a terminal: control and format characters (an escape sequence that would
    retitle the terminal or move its cursor, a right-to-left override) shown as escapes, not obeyed."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else
                   (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") for ch in text)


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


# Names of a descriptor this process already holds: "/dev/stdout" into a pipe or appended to a file
# (">> log") means that descriptor, at its offset, not the file it happens to be open on.
_DESCRIPTOR_NAME = re.compile(r"/dev/(?P<std>stdout|stderr)|/dev/fd/(?P<fd>\d+)|/proc/(?P<pid>self|\d+)/fd/(?P<pfd>\d+)")
_STANDARD = {"stdout": 1, "stderr": 2}


def _descriptor_named(path: Path) -> int | None:
    match = _DESCRIPTOR_NAME.fullmatch(os.path.normpath(os.fspath(path)))
    if match is None or match.group("pid") not in (None, "self", str(os.getpid())):
        return None
    if match.group("std"):
        return _STANDARD[match.group("std")]
    return int(match.group("fd") or match.group("pfd"))


def check_output(path: Path, store: Path) -> None:
    """Refuse (InputError) an output path no file can be written to, or one inside the store, whose own
    files (its marker, its database) an export must never replace."""
    if _descriptor_named(path) is not None:
        return
    if path.is_dir():
        raise InputError(f"{printable(path)}: is a directory; give a file name")
    if not path.parent.exists():
        raise InputError(f"{printable(path.parent)}: no such directory")
    target, inside = os.path.realpath(path), os.path.realpath(store)
    if target == inside or target.startswith(inside.rstrip(os.sep) + os.sep):
        raise InputError(f"{printable(path)}: is inside the store {printable(store)}; write the output elsewhere")


def atomic_write_bytes(path: Path, data: bytes, follow_links: bool = True, durable: bool = True) -> None:
    """Write data where path points (see the module's docstring); with follow_links False, a symbolic
    link at path is replaced itself, its target untouched (the store's own files). With durable False
    the file is not synced to disk here (the caller syncs many at once: sync_files). Raises OSError."""
    if not follow_links:
        _replace(Path(path), data, None, durable)
        return
    descriptor = _descriptor_named(path)
    if descriptor is not None:
        # written through a copy of the descriptor: a pipe gets the bytes, an appended file keeps its lines
        with os.fdopen(os.dup(descriptor), "wb") as handle:
            handle.write(data)
        return
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
    _replace(target, data, mode, durable)


def _replace(target: Path, data: bytes, mode: int | None, durable: bool = True) -> None:
    """Replace the file named target by one holding data, through a temporary file and a rename."""
    # A short temporary name: the target's own may already be near the 255-byte limit of a name.
    fd, tmp = tempfile.mkstemp(prefix=".kgbuild-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
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


def sync_files(paths: Iterable[Path]) -> None:
    """Sync files written without it (atomic_write_bytes(durable=False)) to disk, and the folders that
    name them: one call for a batch of files, off the path of the work that wrote them. On Linux one
    syncfs() a file system does it (a hundred fsyncs, each a journal commit, took 30 times as long
    while a build wrote its database); elsewhere each file and folder is synced. Raises OSError."""
    folders = {Path(path).parent for path in paths}
    syncfs = _syncfs()
    if syncfs is not None:
        devices = {}
        for folder in folders:
            devices.setdefault(os.stat(folder).st_dev, folder)
        for folder in devices.values():
            _synced(folder, syncfs)
        return
    for path in paths:
        _synced(path, os.fsync)
    for folder in sorted(folders):
        _synced(folder, os.fsync)


def _synced(path: Path, sync) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        sync(descriptor)
    finally:
        os.close(descriptor)


@functools.cache
def _syncfs():
    """Linux's syncfs(fd) (the file system that holds fd, synced), or None where there is none."""
    try:
        import ctypes

        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None

    def syncfs(descriptor: int) -> None:
        if call(descriptor) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error))
    return syncfs
