"""Shared test helpers: run the CLI in-process and assert its exit code with its output."""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pohon_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "pohon_kinerja.yaml"
CASES = Path(__file__).resolve().parent / "cases"

# `pohon validate` keeps a cache in the folder it runs in; the tests keep theirs apart
# (one per session), so that no test leaves a .pohon_cache where it ran. The cache's own
# tests set the variable themselves.
# The suite speaks English, whatever the machine's locale or POHON_LANG; the tests of the
# language choice set these themselves.
os.environ["POHON_LANG"] = "en"
os.environ.setdefault("POHON_CACHE_DIR", tempfile.mkdtemp(prefix="pohon-test-cache-"))


class Run:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


def run(*args: str | Path, expect: int = 0, env: dict[str, str] | None = None) -> Run:
    """Run ``pohon ARGS`` and fail with its output unless it exits ``expect``."""
    runner = CliRunner()
    result = runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    stderr = result.stderr if result.stderr_bytes is not None else ""
    assert result.exit_code == expect, (
        f"pohon {' '.join(map(str, args))} exited {result.exit_code}, expected {expect}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{stderr}"
    )
    return Run(result.exit_code, result.stdout, stderr)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented YAML text to a file in a temporary folder and return its path."""

    def _write(text: str, name: str = "pohon.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


def with_one_error(folder: Path) -> tuple[Path, int]:
    """The seed with one target of 120 persen (an error, PK104), and the line it is on."""
    lines = DATA.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "target: {2024: 100}" in line and i > 150)
    lines[at] = lines[at].replace("{2024: 100}", "{2024: 120}")
    path = folder / "pohon_kinerja.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, at + 1
