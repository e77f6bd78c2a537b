"""Every command's ``--help`` reads cleanly at the widths people use: no double space
inside a sentence and no line broken before the width (Typer keeps a docstring's hard
line breaks after its first paragraph, and Rich eats ``[words]`` it takes for markup)."""

from __future__ import annotations

import itertools
import re

import pytest
import typer
from conftest import run

from pohon_cli.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
WIDTHS = (80, 120)


def _description(name: str, width: int) -> list[str]:
    """The prose above the first box of ``pohon NAME --help``, without its margins."""
    out = run(name, "--help", env={"COLUMNS": str(width), "NO_COLOR": "1"}).stdout
    prose = out.split("╭", 1)[0].splitlines()
    usage = next(i for i, line in enumerate(prose) if "Usage:" in line)
    return [line.strip() for line in prose[usage + 1 :]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_help_prose_wraps_cleanly(name: str, width: int) -> None:
    lines = _description(name, width)
    text = "\n".join(lines)
    assert not re.search(r"\S  +\S", text), f"a double space in `pohon {name} --help`:\n{text}"
    for line, following in itertools.pairwise(lines):
        if not line or not following:
            continue
        # Rich puts one space of margin on each side: the next word would have fit
        fits = len(line) + 1 + len(following.split()[0]) <= width - 2
        assert not fits, f"`pohon {name} --help` breaks after {line!r} at {width} columns"


@pytest.mark.parametrize("name", COMMANDS)
def test_option_help_has_no_double_space_nor_markup(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        said = getattr(param, "help", None) or ""
        assert "  " not in said and "\n" not in said, f"{name} {param.name}: {said!r}"
        # Rich takes [words] for a style and drops them
        assert not re.search(r"(?<!\\)\[[a-z]", said), f"{name} {param.name}: {said!r}"


def _help_in_indonesian(name: str, width: int) -> str:
    return run(name, "--help", "--lang", "id", env={"COLUMNS": str(width), "NO_COLOR": "1"}).stdout


def test_validate_help_in_indonesian_has_its_words_and_typer_titles() -> None:
    out = _help_in_indonesian("validate", 100)
    for said in (
        "Penggunaan: pohon validate",
        "Periksa berkas pohon: YAML, format",
        "─ Argumen ─",
        "─ Opsi ─",
        "Jalankan hanya aturan ini",
        "Tampilkan pesan ini lalu keluar.",
        "[bawaan: 0]",
    ):
        assert said in out, f"{said!r} not in:\n{out}"
    for english in ("Usage:", "Options", "Arguments", "Check pohon files", "Run only these"):
        assert english not in out, f"{english!r} left in:\n{out}"


@pytest.mark.parametrize("name", COMMANDS)
def test_indonesian_help_prose_wraps_cleanly(name: str) -> None:
    """The translated docstrings keep their paragraphs and no hard break inside one."""
    out = _help_in_indonesian(name, 80)
    prose = out.split("╭", 1)[0].splitlines()
    usage = next(i for i, line in enumerate(prose) if "Penggunaan:" in line)
    lines = [line.strip() for line in prose[usage + 1 :]]
    text = "\n".join(lines)
    assert not re.search(r"\S  +\S", text), f"a double space in `pohon {name} --help`:\n{text}"
    for line, following in itertools.pairwise(lines):
        if line and following:
            assert len(line) + 1 + len(following.split()[0]) > 78, f"{name}: {line!r}\n{text}"
