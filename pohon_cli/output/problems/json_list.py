"""Problems for programs: a JSON list of objects, one per problem, in file order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pohon_cli.output import json_writer
from pohon_cli.output.terminal import Screen
from pohon_cli.rules.lint import CheckedFile


def write(reports: Sequence[CheckedFile], out: TextIO, screen: Screen | None = None) -> None:
    rows = [
        {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "end_line": p.end_line,
            "end_column": p.end_column,
            "code": p.code,
            "severity": p.severity,
            "message": p.message,
            "hint": p.hint,
        }
        for report in reports
        for p in report.problems
    ]
    json_writer.write(rows, out, ensure_ascii=False)
    out.write("\n")
