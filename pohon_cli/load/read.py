"""A file's bytes, read within limits: never more than MAX_BYTES, never waiting for ever.

The first step of loading. A file that cannot be read at all (missing, a directory, no
permission, too big, a pipe nobody writes to) is an InputError: the command exits 2.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from pohon_cli.i18n import _
from pohon_cli.problem import InputError

# A tree of 100,000 nodes is about 90 MB; a bigger file is a mistake, or a device.
MAX_BYTES = 128 * 1024 * 1024
# How long a named pipe may stay without a writer (steps of 50 ms) before it is refused.
PIPE_WAIT_STEPS = 10


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or InputError (exit 2) when it cannot be read at all.

    Never more than MAX_BYTES, whatever the file is: a device that never ends
    (``/dev/zero``) is refused once it passes the limit, and a named pipe nobody writes to
    is refused at once rather than waited on for ever (``<(command)`` still reads)."""
    p = Path(path)
    too_big = InputError(
        _(
            "{path}: the file is larger than {size} MB; pohon reads files up to that size "
            "(split the tree into several files)",
            path=path,
            size=MAX_BYTES // (1024 * 1024),
        )
    )
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(_("{path}: is a directory, not a file", path=path))
        if info.st_size > MAX_BYTES:
            raise InputError(
                _(
                    "{path}: the file is {size} MB; pohon reads files up to {limit} MB "
                    "(split the tree into several files)",
                    path=path,
                    size=info.st_size // (1024 * 1024),
                    limit=MAX_BYTES // (1024 * 1024),
                )
            )
        if stat.S_ISFIFO(info.st_mode):
            data = _read_pipe(p)
        else:
            with open(p, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        if str(path) == "-":
            raise InputError(
                _(
                    "-: pohon reads a file, not standard input; name the file "
                    "(or /dev/stdin to read what is piped in)"
                )
            ) from None
        raise InputError(_("{path}: no such file", path=path)) from None
    except PermissionError:
        raise InputError(_("{path}: permission denied", path=path)) from None
    except OSError as error:
        raise InputError(
            _("{path}: cannot read: {reason}", path=path, reason=error.strerror or error)
        ) from None
    if len(data) > MAX_BYTES:
        raise too_big
    return data


def _read_pipe(path: Path) -> bytes:
    """A named pipe: read when something writes to it; refused when nothing does."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb", buffering=0) as handle:
        first: bytes | None = b""
        # a writer already waiting to open the pipe is let in by this open: give it a moment
        for _step in range(PIPE_WAIT_STEPS):
            try:
                first = handle.read(65536)
            except BlockingIOError:  # a writer is there, not yet written: wait for it
                first = None
            if first != b"":
                break
            time.sleep(0.05)
        if first == b"":
            raise InputError(
                _(
                    "{path}: a named pipe that nothing writes to; "
                    "start the program that writes to it first, or name a file",
                    path=path,
                )
            )
        os.set_blocking(fd, True)
        chunks = [first or b""]
        size = len(chunks[0])
        while size <= MAX_BYTES:
            chunk = handle.read(min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
