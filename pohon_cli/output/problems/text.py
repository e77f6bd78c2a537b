"""Problems for people: one greppable line each, ``path:line:col: severity [CODE] message``,
grouped by file, then a summary. Coloured with Rich on a terminal; plain text, without a
single escape code, when the output is not a terminal or NO_COLOR is set."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.text import Text

from pohon_cli.output.show_text import detect
from pohon_cli.problem import Problem
from pohon_cli.rules.lint import CheckedFile

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def write(reports: Sequence[CheckedFile], out: TextIO) -> None:
    if use_colour(out):
        _write_rich(reports, out)
    else:
        _write_plain(reports, out)


def use_colour(out: TextIO) -> bool:
    """Colour only on a terminal (or with FORCE_COLOR), never when NO_COLOR is set
    (https://no-color.org) nor on TERM=dumb: the rule of every text view (``detect``)."""
    return detect(out).colour


def summary(reports: Sequence[CheckedFile]) -> str:
    """ "2 errors, 5 warnings in 3 files" (and the infos, when there are any)."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for report in reports:
        for problem in report.problems:
            counts[problem.severity] += 1
    parts = [_plural(counts["error"], "error"), _plural(counts["warning"], "warning")]
    if counts["info"]:
        parts.append(f"{counts['info']} info")
    return f"{', '.join(parts)} in {_plural(len(reports), 'file')}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _write_plain(reports: Sequence[CheckedFile], out: TextIO) -> None:
    blank = False
    for report in reports:
        if not report.problems:
            continue
        if blank:
            out.write("\n")
        for problem in report.problems:
            out.write(problem.text() + "\n")
        blank = True
    out.write(summary(reports) + "\n")


def _write_rich(reports: Sequence[CheckedFile], out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True)
    blank = False
    for report in reports:
        if not report.problems:
            continue
        if blank:
            console.print()
        for problem in report.problems:
            console.print(_line(problem))
        blank = True
    failed = any(report.failed for report in reports)
    console.print(Text(summary(reports), style="bold red" if failed else "bold"))


def _line(problem: Problem) -> Text:
    line = Text()
    line.append(f"{problem.where()}:", style="bold")
    line.append(" ")
    line.append(problem.severity, style=_STYLE[problem.severity])
    line.append(f" [{problem.code}]", style="dim")
    line.append(f" {problem.message}")
    if problem.hint:
        line.append(f" ({problem.hint})", style="dim")
    return line
