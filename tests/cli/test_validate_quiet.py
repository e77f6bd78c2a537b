"""``pohon validate --quiet``: only the problems at or above ``--fail-on``, in every
format; the exit code is the one a full run would give."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import DATA, run, with_one_error


def test_quiet_text_shows_the_error_and_says_what_it_left_out(tmp_path: Path) -> None:
    path, line = with_one_error(tmp_path)
    out = run("validate", "--quiet", path, expect=1).stdout.splitlines()
    assert len(out) == 2, out
    assert out[0].startswith(f"{path}:{line}:") and " error [PK104] " in out[0]
    assert out[1] == f"1 error ({path}:{line}) in 1 file; 26 below --fail-on not shown (--quiet)"


def test_quiet_follows_fail_on(tmp_path: Path) -> None:
    path, _line = with_one_error(tmp_path)
    out = run("validate", "-q", "--fail-on", "warning", path, expect=1).stdout
    assert out.count(" warning [") == 25 and " info [" not in out
    assert "; 1 below --fail-on not shown (--quiet)" in out


def test_quiet_on_a_file_with_only_warnings_passes_with_one_line() -> None:
    out = run("validate", "--quiet", DATA).stdout
    assert out == "0 errors in 1 file; 26 below --fail-on not shown (--quiet)\n"


def test_quiet_in_every_machine_format(tmp_path: Path) -> None:
    path, line = with_one_error(tmp_path)
    rows = json.loads(run("validate", "-q", "-f", "json", path, expect=1).stdout)
    assert [(r["code"], r["line"]) for r in rows] == [("PK104", line)]
    sarif = json.loads(run("validate", "-q", "-f", "sarif", path, expect=1).stdout)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["PK104"]
    github = run("validate", "-q", "-f", "github", path, expect=1).stdout.splitlines()
    assert len(github) == 1 and github[0].startswith("::error ")
    suites = ET.fromstring(run("validate", "-q", "-f", "junit", path, expect=1).stdout)
    cases = list(suites.iter("testcase"))
    assert len(cases) == 1 and str(cases[0].get("name")).startswith(f"PK104 at {line}:")
