"""The application itself: bare ``pohon`` and ``pohon --version``."""

from __future__ import annotations

from conftest import run

from pohon_cli import __version__
from pohon_cli.cli.app import COMMAND_ORDER


def test_bare_pohon_is_a_usage_error_that_says_what_is_missing() -> None:
    result = run(expect=2)
    assert result.stdout == "", "the help of a usage error goes to stderr"
    *help_lines, last = result.stderr.rstrip("\n").splitlines()
    assert all(name in "\n".join(help_lines) for name in COMMAND_ORDER)
    assert last == "pohon: missing command, such as `pohon validate data/` (see pohon --help)"


def test_help_asked_for_is_the_document() -> None:
    result = run("--help")
    assert "validate" in result.stdout and result.stderr == ""


def test_version() -> None:
    assert run("--version").stdout == f"pohon {__version__}\n"


def test_a_usage_error_in_indonesian_is_said_in_indonesian() -> None:
    done = run("validate", "--no-such-option", "--lang", "id", "data", expect=2)
    assert done.stderr.startswith("pohon validate: Opsi --no-such-option tidak ada"), done.stderr
    assert done.stderr.rstrip().endswith("(lihat pohon validate --help)"), done.stderr


def test_a_command_refusing_its_arguments_in_indonesian() -> None:
    done = run("render", "data/pohon_kinerja.yaml", "-o", "x.foo", "--lang", "id", expect=2)
    assert done.stderr == (
        "pohon: format tidak dapat ditentukan dari `.foo`: gunakan --format "
        "dot | html | pdf | png | svg\n"
    )
    english = run("render", "data/pohon_kinerja.yaml", "-o", "x.foo", expect=2)
    assert english.stderr.startswith("pohon: cannot tell the format from `.foo`")
