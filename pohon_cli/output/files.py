"""Writing files so that nothing is ever half-written: a temporary file in the target's
folder, renamed over the target only once every byte is on disk."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pohon_cli.i18n import _
from pohon_cli.problem import InputError


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically: readers see the old file or
    the new one, never a part. On any failure the temporary file is removed and the
    target is untouched. A new file gets the usual permissions (0666 less the umask);
    an existing one keeps its own.

    A symbolic link is followed, so the link stays and the file it names is replaced. A
    device or a named pipe (``-o /dev/null``) is written in place: replacing it would put a
    plain file where the device was. A name of a descriptor pohon already holds
    (``/dev/stdout``, ``/dev/fd/3``) is written through that descriptor, whatever it is:
    a pipe, a terminal, or a file the shell opened for appending (``>> log``), which a
    rename would replace and reopening would truncate."""
    write_all_atomic([(path, data)])


def save(path: str, data: bytes | str) -> None:
    """``write_atomic``, with a folder that is missing or read-only as a usage error."""
    try:
        write_atomic(path, data)
    except OSError as error:
        reason = error.strerror or str(error)
        if isinstance(error, FileNotFoundError):
            reason = _("no such folder")
        raise InputError(_("{path}: cannot write: {reason}", path=path, reason=reason)) from None


def write_all_atomic(files: Sequence[tuple[str | Path, bytes | str]]) -> None:
    """Write several files all or none: every one goes to a temporary file beside its
    target first, and only when all are on disk are they renamed into place, so a failure
    on the last page leaves the first one unwritten too (devices and pipes, which cannot
    wait, are written last, once the files are in place)."""
    pending: list[_Pending] = []
    in_place: list[tuple[Path, bytes]] = []
    try:
        for path, data in files:
            payload = data.encode("utf-8") if isinstance(data, str) else data
            target, mode, special = _resolve(Path(path))
            if special:
                in_place.append((target, payload))
            else:
                pending.append(_Pending.write(target, payload, mode))
        for item in pending:
            item.commit()
    except BaseException:
        for item in pending:
            item.discard()
        raise
    for folder in sorted({item.target.parent for item in pending}):
        _sync_folder(folder)
    for target, payload in in_place:
        _write_in_place(target, payload)


# /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: a descriptor of this process
_DESCRIPTOR = re.compile(r"/dev/(?:(stdout)|(stderr)|fd/(\d+))|/proc/self/fd/(\d+)")


def _descriptor(target: Path) -> int | None:
    """The open descriptor ``target`` names, or None for any other path."""
    found = _DESCRIPTOR.fullmatch(target.as_posix())
    if found is None:
        return None
    stdout, stderr, fd, proc_fd = found.groups()
    number = 1 if stdout else 2 if stderr else int(fd or proc_fd)
    try:
        os.fstat(number)
    except OSError:
        return None  # not open here: an ordinary path
    return number


def _resolve(target: Path) -> tuple[Path, int | None, bool]:
    """The file to replace (a link followed), its permissions (None: a new file), and
    whether it is written in place: a device, a named pipe, or a descriptor this process
    holds. A folder in the way stops everything before a byte is written."""
    if _descriptor(target) is not None:
        return target, None, True
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        info = target.stat()
    except FileNotFoundError:
        return target, None, False
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, _("a folder is in the way"), str(target))
    if not stat.S_ISREG(info.st_mode):
        return target, None, True
    return target, info.st_mode & 0o7777, False


@dataclass(slots=True)
class _Pending:
    """A temporary file written whole beside its target, not yet renamed over it."""

    target: Path
    temp: Path
    mode: int | None
    done: bool = False

    @classmethod
    def write(cls, target: Path, payload: bytes, mode: int | None) -> _Pending:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        while True:
            temp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
            try:
                fd = os.open(temp, flags, 0o666)
                break
            except FileExistsError:
                continue
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if mode is not None:
                os.chmod(temp, mode)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        return cls(target, temp, mode)

    def commit(self) -> None:
        os.replace(self.temp, self.target)
        self.done = True

    def discard(self) -> None:
        if not self.done:
            with contextlib.suppress(OSError):
                os.unlink(self.temp)


def _write_in_place(target: Path, payload: bytes) -> None:
    """Write to a device or a named pipe as it is; a pipe nothing reads is an error, not a
    wait without end. A descriptor already held is written through a duplicate of it."""
    held = _descriptor(target)
    if held is not None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()  # what Python printed before goes first
        _write_all(os.dup(held), payload)
        return
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, _("a named pipe that nothing reads from")) from None
        raise
    os.set_blocking(fd, True)
    _write_all(fd, payload)


def _write_all(fd: int, payload: bytes) -> None:
    """Every byte through ``fd`` (a write may take only part), then the descriptor closed."""
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (through links too); false when either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def refuse_input(target: str | Path, source: str | Path) -> None:
    """Stop before an output would overwrite the file read: pohon never writes its input."""
    if same_file(target, source):
        raise InputError(
            _("{path}: is the input file; pohon never writes to its input", path=target)
        )


def refuse_input_inside(folder: str | Path, source: str | Path) -> None:
    """Stop before a folder that is replaced whole would take the input file with it."""
    inside = Path(source).resolve()
    if inside.is_relative_to(Path(folder).resolve()):
        raise InputError(
            _(
                "{path}: holds the input file {source}; pohon never writes to its input",
                path=folder,
                source=source,
            )
        )


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def safe_name(text: str) -> str:
    """A kode as a file name: letters, digits, ``.``, ``_`` and ``-`` kept, anything else
    (``/``, spaces, ``:``) as ``_``; never empty, never starting with a dot."""
    name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in text)
    name = name.lstrip(".")
    return name or "_"
