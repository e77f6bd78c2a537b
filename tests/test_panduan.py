"""The planner's guide quotes what pohon says: each quoted run of a file in
tests/cases/panduan/ must print exactly the lines the guide shows, so that the guide cannot
drift from the messages it teaches."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import CASES, ROOT
from typer.testing import CliRunner

from pohon_cli.cli import app

GUIDE = ROOT / "docs" / "panduan.md"
FILES = CASES / "panduan"
_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def _runs() -> list[tuple[list[str], list[str]]]:
    """Each ``$ pohon ...`` of the guide on one of its example files, and the lines after it."""
    found: list[tuple[list[str], list[str]]] = []
    for block in _BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        command: list[str] | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                words = shlex.split(line[2:], comments=True)
                quoted = words[0] == "pohon" and any((FILES / w).is_file() for w in words)
                command = words[1:] if quoted else None
                if command is not None:
                    found.append((command, []))
            elif command is not None:
                found[-1][1].append(line)
    return found


def test_the_guide_quotes_its_examples() -> None:
    assert len(_runs()) >= 15


@pytest.mark.parametrize("args, shown", _runs(), ids=lambda v: " ".join(v) if v else "")
def test_the_guide_shows_what_pohon_says(
    args: list[str], shown: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # in a copy: the guide's runs write posters, sheets and (import --force) pohon.yaml
    work = tmp_path / "panduan"
    shutil.copytree(FILES, work)
    monkeypatch.chdir(work)
    # the guide quotes a terminal 100 columns wide; "…" marks where it leaves lines out
    result = CliRunner().invoke(app, args, env={"COLUMNS": "100"})
    shown = [line for line in shown if line != "…"]
    said = (result.stdout + (result.stderr if result.stderr_bytes else "")).splitlines()
    # the guide may shorten a long output: what it shows is said, in that order
    assert said[: len(shown)] == shown or all(line in said for line in shown), (
        "docs/panduan.md quotes:\n" + "\n".join(shown) + "\n\npohon says:\n" + "\n".join(said)
    )
