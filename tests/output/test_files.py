"""Atomic writes: the old file or the new one, never a part, and no temporary file left."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest
from conftest import DATA

from pohon_cli.output.files import safe_name, write_atomic


def test_writes_text_as_utf8_and_bytes_as_they_are(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "Ünïcödé\n")
    write_atomic(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "a.txt").read_bytes() == "Ünïcödé\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin"]


def test_replacing_keeps_the_old_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "shared.svg"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.svg", "x")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.svg").stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # os.replace cannot put a file over a folder
    (target / "inside").write_text("kept")
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert (target / "inside").read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]


def test_a_missing_folder_is_an_error_not_a_guess(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no" / "such.svg", "x")


@pytest.mark.parametrize(
    ("kode", "name"),
    [("M1", "M1"), ("M/2", "M_2"), ("../x", "_x"), ("Misi 1", "Misi_1"), ("日本", "__"), ("", "_")],
)
def test_safe_name_makes_a_kode_a_plain_file_name(kode: str, name: str) -> None:
    assert safe_name(kode) == name


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.svg"
    real.write_text("old")
    link = tmp_path / "link.svg"
    link.symlink_to(real.name)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.svg", "real.svg"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_written_in_place_never_replaced_by_a_file(tmp_path: Path) -> None:
    # as /dev/null or /dev/stdout would be: renaming over them put a plain file there
    fifo = tmp_path / "out.dot"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="nothing reads from"):
        write_atomic(fifo, "digraph {}")  # no reader: an error, not a wait without end
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    for _ in range(200):  # until the reader has the pipe open
        try:
            write_atomic(fifo, "digraph {}")
            break
        except OSError:
            time.sleep(0.01)
    reader.join(10)
    assert got == [b"digraph {}"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.dot"]


def _pohon(*args: str, stdout: int | IO[bytes]) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "pohon_cli", *args]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, check=False)


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
def test_dev_stdout_appended_by_the_shell_keeps_what_was_there(tmp_path: Path) -> None:
    """`pohon render -o /dev/stdout --format dot >> log`: written through the descriptor the
    shell opened for appending, never by replacing (or truncating) the file behind it."""
    log = tmp_path / "log.txt"
    log.write_text("hello\n", encoding="utf-8")
    inode = log.stat().st_ino
    with log.open("ab") as appended:
        done = _pohon("render", str(DATA), "-o", "/dev/stdout", "--format", "dot", stdout=appended)
    assert done.returncode == 0, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("hello\ndigraph pohon {") and text.rstrip().endswith("}")
    assert log.stat().st_ino == inode


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
def test_dev_stdout_into_a_pipe_is_written_through_it() -> None:
    for args in (
        ("render", str(DATA), "-o", "/dev/stdout", "--format", "dot"),
        ("export", str(DATA), "-o", "/dev/stdout", "--format", "markdown"),
    ):
        done = _pohon(*args, stdout=subprocess.PIPE)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith((b"digraph pohon {", b"## Cascading")), done.stdout[:80]
