"""The text report of ``pohon validate``: the errors first, and a summary that says where
they are, so that one error is not lost among the seed's warnings (issue 14, item 3)."""

from __future__ import annotations

from pathlib import Path

from conftest import run, with_one_error

from pohon_cli.output.problems.text import summary
from pohon_cli.problem import Problem, Severity
from pohon_cli.rules.lint import CheckedFile


def test_the_error_comes_first_and_the_summary_names_its_line(tmp_path: Path) -> None:
    path, line = with_one_error(tmp_path)
    out = run("validate", path, expect=1).stdout.splitlines()
    assert out[0].startswith(f"{path}:{line}:"), out[0]
    assert " error [PK104] " in out[0]
    assert out[-1] == f"1 error ({path}:{line}), 25 warnings, 1 info in 1 file"
    severities = [row.split(": ")[1].split(" ")[0] for row in out[:-1]]
    assert severities == ["error"] + ["warning"] * 25 + ["info"]


def _problem(file: str, line: int, severity: Severity = "error") -> Problem:
    return Problem(file, line, 1, "PK104", severity, "a persen of 120")


def test_each_group_keeps_the_order_of_the_file() -> None:
    from pohon_cli.output.problems.text import worst_first

    problems = [
        _problem("a.yaml", 3, "warning"),
        _problem("a.yaml", 9),
        _problem("a.yaml", 1, "info"),
        _problem("a.yaml", 2),
        _problem("a.yaml", 1, "warning"),
    ]
    assert [(p.severity, p.line) for p in worst_first(problems)] == [
        ("error", 2),
        ("error", 9),
        ("warning", 1),
        ("warning", 3),
        ("info", 1),
    ]


def test_the_summary_names_lines_per_file_and_stops_after_five() -> None:
    a = CheckedFile("a.yaml", tuple(_problem("a.yaml", n) for n in (15, 40, 40)))
    b = CheckedFile("b.yaml", (_problem("b.yaml", 3), _problem("b.yaml", 8, "warning")))
    assert summary([a, b]) == "4 errors (a.yaml:15, 40; b.yaml:3), 1 warning in 2 files"
    many = CheckedFile("x.yaml", tuple(_problem("x.yaml", n) for n in range(1, 9)))
    assert (
        summary([many]) == "8 errors (x.yaml:1, 2, 3, 4, 5 and 3 more lines), 0 warnings in 1 file"
    )
    assert summary([CheckedFile("c.yaml", ())]) == "0 errors, 0 warnings in 1 file"
