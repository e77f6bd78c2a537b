"""Problems as GitHub Actions workflow commands, shown as annotations on the changed lines:
``::error file=F,line=L,col=C,title=CODE::message``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pohon_cli.output.terminal import Screen
from pohon_cli.rules.lint import CheckedFile

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """GitHub's escaping of a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub's escaping of a property value (file, title): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(reports: Sequence[CheckedFile], out: TextIO, screen: Screen | None = None) -> None:
    for report in reports:
        for p in report.problems:
            properties = [f"file={escape_property(p.file)}", f"line={p.line}", f"col={p.column}"]
            if p.end_line is not None and p.end_column is not None:
                properties += [f"endLine={p.end_line}", f"endColumn={p.end_column}"]
            properties.append(f"title={escape_property(p.code)}")
            message = p.message + (f" ({p.hint})" if p.hint else "")
            out.write(f"::{_COMMAND[p.severity]} {','.join(properties)}::{escape_data(message)}\n")
