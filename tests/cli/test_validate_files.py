"""Which files ``pohon validate`` checks: a file named twice (directly, through a folder,
as ``./x`` or through a symbolic link) is checked and reported once, under the name it
was first given, in the order first named."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import DATA, run


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    text = DATA.read_text(encoding="utf-8")
    (data / "x.yaml").write_text(text, encoding="utf-8")
    (data / "a.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return data


def _files(*args: str) -> list[str]:
    rows = json.loads(run("validate", "-f", "json", *args).stdout)
    return list(dict.fromkeys(row["file"] for row in rows))


def test_a_file_and_its_folder(folder: Path) -> None:
    assert _files("data/x.yaml", "data/") == ["data/x.yaml", "data/a.yaml"]
    out = run("validate", "data/x.yaml", "data/").stdout
    assert out.endswith("in 2 files\n")
    assert out.count("data/x.yaml:58:11: warning [PK109]") == 1


def test_the_same_file_under_other_names(folder: Path) -> None:
    assert _files("data/x.yaml", "./data/x.yaml", "data//x.yaml") == ["data/x.yaml"]
    assert _files(str(folder / "x.yaml"), "data/x.yaml") == [str(folder / "x.yaml")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symbolic_link_is_the_file_it_points_to(folder: Path) -> None:
    (folder.parent / "link.yaml").symlink_to(folder / "x.yaml")
    assert _files("link.yaml", "data/") == ["link.yaml", "data/a.yaml"]
