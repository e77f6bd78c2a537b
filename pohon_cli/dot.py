"""The edge where Graphviz's ``dot`` runs: DOT source in, the picture's bytes out.

``dot`` is found on PATH and run with an argument list (never a shell) under a timeout,
so a tree too big to lay out stops with a message instead of hanging.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

from pohon_cli.i18n import N_, _, tr

DEFAULT_TIMEOUT = 60.0

# the commands as they are typed; the words around them are translated where shown
INSTALL_HINT = N_(
    "Graphviz's `dot` program is not on PATH; install Graphviz, which provides `dot`:\n"
    "  Debian/Ubuntu: {debian}\n"
    "  macOS:         {macos}\n"
    "  Windows:       {windows}   (or: {choco})\n"
    "  elsewhere:     {url}\n"
    "--format dot writes the DOT source and works without Graphviz."
)
_INSTALL = {
    "debian": "sudo apt-get install graphviz",
    "macos": "brew install graphviz",
    "windows": "winget install graphviz",
    "choco": "choco install graphviz",
    "url": "https://graphviz.org/download/",
}


class DotError(Exception):
    """``dot`` could not draw the picture; the message says why and what to do."""


class DotMissing(DotError):
    """``dot`` is not on PATH."""


@dataclass(frozen=True, slots=True)
class Drawn:
    """What ``dot`` made, with the warnings it printed (e.g. a page scaled down)."""

    data: bytes
    warnings: tuple[str, ...] = ()


def find_dot() -> str:
    found = shutil.which("dot")
    if found is None:
        raise DotMissing(tr(INSTALL_HINT, **_INSTALL))
    return found


def run_dot(source: str, fmt: str, timeout: float = DEFAULT_TIMEOUT) -> Drawn:
    """Lay out ``source`` with ``dot -T<fmt>``; DotError when dot is missing, fails or
    takes longer than ``timeout`` seconds (it is then killed)."""
    program = find_dot()
    try:
        done = subprocess.run(
            [program, f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DotError(
            _(
                "dot took longer than {seconds} s and was stopped: the page is too big to "
                "lay out; split it (--split misi, --root KODE, --depth N) or raise --timeout",
                seconds=format(timeout, "g"),
            )
        ) from None
    except OSError as error:
        raise DotError(
            _("cannot run {program}: {reason}", program=program, reason=error.strerror or error)
        ) from None
    messages = tuple(
        line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()
    )
    if done.returncode != 0 or not done.stdout:
        detail = "; ".join(messages[-3:]) or _("exit status {code}", code=done.returncode)
        raise DotError(_("dot could not draw {format}: {detail}", format=fmt, detail=detail))
    return Drawn(done.stdout, messages)


def natural_size(source: str, timeout: float = DEFAULT_TIMEOUT) -> tuple[float, float]:
    """Width and height in inches of the page as ``dot`` lays it out, unscaled (from the
    first line of ``-Tplain``: ``graph SCALE WIDTH HEIGHT``)."""
    first = run_dot(source, "plain", timeout).data.split(b"\n", 1)[0].split()
    try:
        return float(first[2]), float(first[3])
    except (IndexError, ValueError):
        raise DotError(_("dot gave no page size: {first}", first=repr(first))) from None


def _source(source: str, timeout: float) -> Drawn:
    """The DOT text itself: needs no Graphviz."""
    return Drawn(source.encode("utf-8"))


def _drawn_by_dot(fmt: str) -> Callable[[str, float], Drawn]:
    def draw(source: str, timeout: float) -> Drawn:
        return run_dot(source, fmt, timeout)

    return draw


# Output format -> how to make it from DOT source; the name is also the file extension.
FORMATS: dict[str, Callable[[str, float], Drawn]] = {
    "svg": _drawn_by_dot("svg"),
    "png": _drawn_by_dot("png"),
    "pdf": _drawn_by_dot("pdf"),
    "dot": _source,
}
