"""``pohon validate`` as a command: exit codes, the line format, files and directories."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import DATA, run

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (error|warning|info) \[PK\d{3}\] .+")

BROKEN = """
versi: 1
instansi: {nama: Kantor}
tahun: 2024
visi: v
misi: [{kode: M1, uraian: m}]
pohon:
  - kode: T1
    jenjang: tujuan
    uraiann: u
"""


def test_seed_is_valid() -> None:
    assert "0 errors" in run("validate", DATA).stdout


def test_problems_exit_1_with_file_line_col(write: Callable[[str], Path]) -> None:
    path = write(BROKEN)
    out = run("validate", path, expect=1).stdout
    lines = [line for line in out.splitlines() if LINE.match(line)]
    assert f"{path}:9:5: error [PK010] unknown key `uraiann` in this node" in out
    assert len(lines) == 2  # the unknown key, and the missing uraian


def test_directory_means_every_yaml_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(BROKEN.lstrip(), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text(DATA.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not yaml", encoding="utf-8")
    out = run("validate", tmp_path, expect=1).stdout
    assert "in 2 files" in out
    assert "a.yaml:9:5" in out


def test_unreadable_and_usage_errors_exit_2(tmp_path: Path) -> None:
    assert "no such file" in run("validate", tmp_path / "nope.yaml", expect=2).stderr
    assert "no *.yaml" in run("validate", tmp_path, expect=2).stderr
    assert "unknown format" in run("validate", DATA, "--format", "xml", expect=2).stderr
    run("validate", expect=2)


def test_json_format_is_parseable(write: Callable[[str], Path]) -> None:
    import json

    rows = json.loads(run("validate", write(BROKEN), "--format", "json", expect=1).stdout)
    assert {(r["line"], r["column"], r["code"]) for r in rows} >= {(9, 5, "PK010")}


def test_console_script_never_shows_a_traceback(tmp_path: Path) -> None:
    """The real entry point, in a subprocess, on a file of random bytes."""
    path = tmp_path / "noise.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    done = subprocess.run(
        [sys.executable, "-m", "pohon_cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert LINE.match(done.stdout.splitlines()[0])


def test_parallel_and_serial_runs_report_the_same(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"f{i}.yaml").write_text(BROKEN.lstrip().replace("T1", f"T{i}"), "utf-8")
    serial = run("validate", "--jobs", "1", tmp_path, expect=1).stdout
    parallel = run("validate", "--jobs", "3", tmp_path, expect=1).stdout
    assert serial == parallel
    assert serial.count("[PK010]") == 3
    run("validate", "--jobs", "-1", tmp_path, expect=2)


def test_help_lists_commands_in_the_order_a_planner_meets_them() -> None:
    from pohon_cli.cli.app import COMMAND_ORDER

    out = run("--help", env={"NO_COLOR": "1", "COLUMNS": "100"}).stdout
    found = [re.search(rf"^\W*{name}\s", out, re.M) for name in COMMAND_ORDER]
    positions = [m.start() for m in found if m is not None]
    assert len(positions) == len(COMMAND_ORDER)
    assert positions == sorted(positions)


INTERRUPT_WHILE_IMPORTING = """
import importlib.abc, os, signal, sys

class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "pohon_cli.cli.app":  # the commands are still being imported
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["pohon", "validate", sys.argv[1]]
from pohon_cli.entry import main
main()
"""


def test_ctrl_c_while_starting_exits_130_with_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPT_WHILE_IMPORTING, str(DATA)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr, done.stdout) == (130, "pohon: interrupted\n", "")
