"""``pohon diff`` of two folders: two directories on disk, and two revisions of a folder
in a real git repository (REV:DIR, read with git ls-tree), in every format."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CASES, run

from pohon_cli.load import gitfile
from pohon_cli.problem import InputError

FOLDER = CASES / "workspace_report"
A = "kabupaten/kpu_a.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=P",
            "-c",
            "user.email=p@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        check=True,
    )


def later(folder: Path) -> None:
    """The next revision of the workspace: a realisasi changed, Kabupaten C's file renamed."""
    path = folder / A
    path.write_text(
        path.read_text(encoding="utf-8").replace("2026: 420}", "2026: 430}"), encoding="utf-8"
    )
    (folder / "kabupaten" / "kpu_c.yaml").rename(folder / "kabupaten" / "kpu_kaur.yaml")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(FOLDER, old)
    shutil.copytree(FOLDER, new)
    later(new)
    return old, new


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the workspace under data/ (tag v1), then its next revision."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "kantor"
    root.mkdir()
    git(root, "init", "-q")
    shutil.copytree(FOLDER, root / "data")
    (root / "data" / ".hidden").mkdir()
    (root / "data" / ".hidden" / "x.yaml").write_text("not: read\n")
    (root / "data" / "README.md").write_text("not a tree\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "one")
    git(root, "tag", "v1")
    later(root / "data")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "two")
    monkeypatch.chdir(root)
    return root


def test_two_directories(folders: tuple[Path, Path]) -> None:
    old, new = folders
    out = run("diff", old, new).stdout
    assert out.splitlines()[:3] == [
        f"pohon diff {old} → {new} (folders)",
        "  added: kabupaten/kpu_kaur.yaml",
        "  removed: kabupaten/kpu_c.yaml",
    ]
    assert f"== {A} ==\npohon diff {old / A} → {new / A}\n" in out
    assert "KA-JML  realisasi 2026: 420 → 430 (+10)" in out
    assert out.endswith("3 files in both: 1 changed (1 change), 2 unchanged; 1 added, 1 removed\n")


def test_exit_code_is_over_the_whole(folders: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = folders
    run("diff", "--exit-code", old, new, expect=1)
    run("diff", "--exit-code", old, old, expect=0)
    # only a file added: still a difference
    same = tmp_path / "same"
    shutil.copytree(old, same)
    shutil.copy(old / A, same / "kabupaten" / "kpu_baru.yaml")
    run("diff", "--exit-code", old, same, expect=1)


def test_json_lists_every_file_in_both_with_its_changes(folders: tuple[Path, Path]) -> None:
    old, new = folders
    data = json.loads(run("diff", "-f", "json", old, new).stdout)
    assert set(data) == {"old", "new", "added", "removed", "files"}
    assert data["added"] == ["kabupaten/kpu_kaur.yaml"]
    assert data["removed"] == ["kabupaten/kpu_c.yaml"]
    assert [f["path"] for f in data["files"]] == [
        "kabupaten/kpu_a.yaml",
        "kabupaten/kpu_b.yaml",
        "provinsi/kpu_contoh.yaml",
    ]
    first = data["files"][0]
    single = json.loads(run("diff", "-f", "json", old / A, new / A).stdout)
    assert first["changes"] == single
    assert data["files"][1]["changes"] == []


def test_markdown_has_a_section_per_changed_file(folders: tuple[Path, Path]) -> None:
    old, new = folders
    md = run("diff", "-f", "markdown", old, new).stdout
    assert md.startswith(f"## pohon diff: `{old}` → `{new}`\n")
    assert "#### Files added (1)\n\n- `kabupaten/kpu_kaur.yaml`\n" in md
    assert f"### pohon diff: `{old / A}` → `{new / A}`" in md


def test_two_revisions_of_a_folder(repo: Path) -> None:
    out = run("diff", "v1:data", "HEAD:data").stdout
    assert "added: kabupaten/kpu_kaur.yaml" in out
    assert f"== {A} ==\npohon diff v1:data/{A} → HEAD:data/{A}\n" in out
    assert ".hidden" not in out
    # a revision against the working folder
    data = json.loads(run("diff", "-f", "json", "v1:data", "data").stdout)
    assert data["files"][0]["old"] == f"v1:data/{A}"
    assert data["files"][0]["new"] == f"data/{A}"


def test_git_lists_the_yaml_files_of_a_folder(repo: Path) -> None:
    where = gitfile.parse("v1:data")
    assert isinstance(where, gitfile.Revision)
    assert gitfile.files_in(where) == [
        "kabupaten/kpu_a.yaml",
        "kabupaten/kpu_b.yaml",
        "kabupaten/kpu_c.yaml",
        "provinsi/kpu_contoh.yaml",
    ]
    with pytest.raises(InputError, match="is a blob at that revision, not a folder"):
        gitfile.files_in(gitfile.Revision("v1", f"data/{A}"))
    with pytest.raises(InputError, match="the index holds files, not folders"):
        gitfile.files_in(gitfile.Revision("", "data"))


def test_a_revision_that_does_not_exist(repo: Path) -> None:
    result = run("diff", "v9:data", "data", expect=2)
    assert "v9:data: `v9` is not a revision of this repository" in result.stderr
    result = run("diff", "v1:nowhere", "data", expect=2)
    assert "no file `nowhere` at `v1`" in result.stderr


def test_a_folder_on_one_side_and_a_file_on_the_other(repo: Path) -> None:
    result = run("diff", "v1:data", f"data/{A}", expect=2)
    assert "`v1:data` is a folder but `data/kabupaten/kpu_a.yaml` is not" in result.stderr
    result = run("diff", f"v1:data/{A}", "data", expect=2)
    assert "`data` is a folder but `v1:data/kabupaten/kpu_a.yaml` is not" in result.stderr
    result = run("diff", ":data", "data", expect=2)
    assert "the index, :PATH, holds files only" in result.stderr


def test_a_broken_file_in_a_folder_is_exit_1_at_its_place(folders: tuple[Path, Path]) -> None:
    old, new = folders
    broken = new / A
    broken.write_text(broken.read_text(encoding="utf-8").replace("tahun: 2026", "tahun: dua"))
    result = run("diff", old, new, expect=1)
    assert result.stdout == ""
    assert f"{broken}:7:8" in result.stderr


def test_filters_are_for_one_file(folders: tuple[Path, Path]) -> None:
    old, new = folders
    result = run("diff", "--misi", "M1", old, new, expect=2)
    assert "compare two files to filter" in result.stderr
