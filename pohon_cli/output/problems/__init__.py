"""Reports of problems found in files: one writer per format, picked by name from FORMATS.

Every writer takes the reports of all files (in the order given) and a text stream; none
decides an exit code. Adding a format is adding a module and a line here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from pohon_cli.load import Loaded
from pohon_cli.output.problems import github, json_list, junit, sarif, text
from pohon_cli.rules.lint import CheckedFile

Writer = Callable[[Sequence[CheckedFile], TextIO], None]

FORMATS: dict[str, Writer] = {
    "text": text.write,
    "json": json_list.write,
    "github": github.write,
    "sarif": sarif.write,
    "junit": junit.write,
}


def report_broken(results: Sequence[Loaded]) -> None:
    """The loader's problems of files another command loads, as validate prints them, on
    stderr: every command but validate writes a document on stdout, and a broken input
    leaves stdout empty (exit 1), whatever the format, so a program never parses half a
    document or a problem report as one."""
    text.write([CheckedFile(r.path, tuple(r.problems)) for r in results], sys.stderr)
