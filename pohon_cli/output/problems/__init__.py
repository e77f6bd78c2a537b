"""Problems found in files: one writer per format, picked by name from FORMATS.

Every writer takes the lint results of all files (in the order given), a text stream and
the screen (``pohon_cli.output.writer``); none decides an exit code. Adding a format is
adding a module and a line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TextIO

from pohon_cli.load import Loaded
from pohon_cli.output.problems import text
from pohon_cli.output.terminal import Screen
from pohon_cli.output.writer import Writer
from pohon_cli.rules.lint import CheckedFile


def _imported_when_used(name: str) -> Writer[Sequence[CheckedFile]]:
    """The writer of module ``name``, imported when it first writes: a pre-commit hook
    prints text, and pays nothing for JUnit's XML library or SARIF's rule table."""

    def write(reports: Sequence[CheckedFile], out: TextIO, screen: Screen | None = None) -> None:
        module = importlib.import_module(f"{__name__}.{name}")
        module.write(reports, out, screen)

    return write


FORMATS: dict[str, Writer[Sequence[CheckedFile]]] = {
    "text": text.write,
    "json": _imported_when_used("json_list"),
    "github": _imported_when_used("github"),
    "sarif": _imported_when_used("sarif"),
    "junit": _imported_when_used("junit"),
}


def write_load_problems(results: Sequence[Loaded], out: TextIO, screen: Screen) -> None:
    """The loader's problems of files another command loads, as validate prints them. The
    caller writes them on stderr: every command but validate writes a document on stdout,
    and a broken input leaves stdout empty (exit 1), whatever the format, so a program
    never parses half a document or a problem report as one."""
    text.write([CheckedFile(r.path, tuple(r.problems)) for r in results], out, screen)
