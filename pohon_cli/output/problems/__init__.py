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
from pohon_cli.rules.lint import FileReport

Writer = Callable[[Sequence[FileReport], TextIO], None]

FORMATS: dict[str, Writer] = {
    "text": text.write,
    "json": json_list.write,
    "github": github.write,
    "sarif": sarif.write,
    "junit": junit.write,
}


def write_text(results: Sequence[Loaded]) -> None:
    """The loader's problems of files other commands load, printed as validate prints them
    but on stderr: stdout is the command's own output (a DOT or JSON piped on)."""
    text.write([FileReport(r.path, tuple(r.problems)) for r in results], sys.stderr)
