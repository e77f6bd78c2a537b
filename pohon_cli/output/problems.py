"""Reports of problems found in files: one writer per format, picked from FORMATS."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence

from pohon_cli.load import Loaded


def _counts(results: Sequence[Loaded]) -> str:
    problems = [p for r in results for p in r.problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    files = len(results)
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {files} file{'s' * (files != 1)}"
    )


def write_text(results: Sequence[Loaded]) -> None:
    out = sys.stdout
    for result in results:
        for problem in result.problems:
            out.write(problem.text() + "\n")
    out.write(_counts(results) + "\n")


def write_json(results: Sequence[Loaded]) -> None:
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
        for r in results
        for p in r.problems
    ]
    sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


FORMATS: dict[str, Callable[[Sequence[Loaded]], None]] = {"text": write_text, "json": write_json}
