"""What a command pays for at start-up, and that paying less changes nothing it says.

``pohon validate`` (what a pre-commit hook runs) imports neither Typer's help module nor
the problem formats it does not print; the app with only the command being run says
exactly what the app with every command says. Times are `make bench`'s, not tests'."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import DATA, ROOT
from typer.testing import CliRunner

from pohon_cli.cli import app
from pohon_cli.cli.app import app_for

LOADED = """
import sys
from pohon_cli.entry import main
try:
    main()
finally:
    print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args], capture_output=True, text=True, cwd=ROOT, check=False
    )
    return set(done.stderr.split())


def test_validate_imports_only_what_it_prints() -> None:
    loaded = _modules_after("validate", "--no-cache", str(DATA))
    assert "pohon_cli.rules.lint" in loaded  # it did run
    for unused in (
        "typer.rich_utils",
        "pohon_cli.output.problems.junit",
        "pohon_cli.output.problems.sarif",
        "pohon_cli.load.yaml_words",
    ):
        assert unused not in loaded, unused


def test_help_still_loads_typers_help_module() -> None:
    assert "typer.rich_utils" in _modules_after("validate", "--help")


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "id", "validate"],
        ["--lang=en", "rules", "PK101"],
        ["iku", str(DATA)],
    ],
)
def test_the_app_for_a_command_has_that_command_only(args: list[str]) -> None:
    narrowed = app_for(args)
    assert narrowed is not app
    assert len(narrowed.registered_commands) == 1


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["-h", "validate"], ["--lang"], ["--lang", "--help", "validate"],
     ["valdate"], ["--", "validate"], ["--version"]],
)  # fmt: skip
def test_anything_else_gets_every_command(args: list[str]) -> None:
    assert app_for(args) is app


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(DATA)],
        ["validate", "--help"],
        ["validate"],
        ["validate", "--jobs", "x", str(DATA)],
        ["validate", "--nope", str(DATA)],
        ["validate", "--format", "nope", str(DATA)],
        ["show", "--help"],
        ["show", str(DATA), "--depth", "2"],
        ["iku", str(DATA)],
        ["diff", str(DATA)],
        ["rules", "PK101"],
        ["render", "--help"],
        ["export", "--help"],
    ],
)
def test_the_narrowed_app_says_what_the_whole_app_says(args: list[str], lang: str) -> None:
    env = {"COLUMNS": "100", "NO_COLOR": "1", "POHON_LANG": lang}
    line = ["--lang", lang, *args]
    whole = CliRunner().invoke(app, line, env=env)
    narrowed = CliRunner().invoke(app_for(line), line, env=env)
    assert app_for(line) is not app
    assert (narrowed.exit_code, narrowed.stdout, narrowed.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
