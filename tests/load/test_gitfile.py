"""REV:PATH read through a real git repository (git init, commits, tags): the content
git has, and a clear exit-2 message for every way it can go wrong."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, ROOT, run

from pohon_cli.load import gitfile
from pohon_cli.problem import InputError

DATA_2025 = ROOT / "data" / "pohon_kinerja_2025.yaml"
TREE = "data/pohon_kinerja.yaml"


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a test set-up step, with an identity and no signing."""
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Perencana",
            "-c",
            "user.email=perencana@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding the 2024 tree (tag v2024), then the 2025 tree at the same
    path (tag v2025), with git not looking above it for another repository."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "kantor"
    (root / "data").mkdir(parents=True)
    git(root, "init", "-q")
    (root / TREE).write_bytes(DATA.read_bytes())
    git(root, "add", TREE)
    git(root, "commit", "-q", "-m", "Pohon kinerja 2024")
    git(root, "tag", "v2024")
    (root / TREE).write_bytes(DATA_2025.read_bytes())
    git(root, "commit", "-q", "-am", "Pohon kinerja 2025")
    git(root, "tag", "-a", "v2025", "-m", "Renstra 2025-2029")
    return root


def test_reads_the_file_as_it_was_at_each_revision(repo: Path) -> None:
    assert gitfile.read(f"v2024:{TREE}", repo) == DATA.read_bytes()
    assert gitfile.read(f"v2025:{TREE}", repo) == DATA_2025.read_bytes()
    assert gitfile.read(f"HEAD~1:{TREE}", repo) == DATA.read_bytes()
    # the index (":PATH"), and a plain path next to it
    assert gitfile.read(f":{TREE}", repo) == DATA_2025.read_bytes()
    assert gitfile.read(TREE, repo) == DATA_2025.read_bytes()


def test_diff_of_two_tags(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    through_git = run("diff", f"v2024:{TREE}", f"v2025:{TREE}", "-f", "json").stdout
    files = run("diff", DATA, DATA_2025, "-f", "json").stdout
    assert json.loads(through_git) == json.loads(files)
    assert len(json.loads(through_git)) > 0
    text = run("diff", f"v2024:{TREE}", f"v2025:{TREE}", "--exit-code", expect=1).stdout
    assert text.startswith(f"pohon diff v2024:{TREE} → v2025:{TREE}\n")
    # the working copy against HEAD: nothing changed yet
    run("diff", f"HEAD:{TREE}", TREE, "--exit-code")


def test_problems_point_at_the_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = (repo / TREE).read_text(encoding="utf-8").replace("tahun: 2025", "tahun: dua")
    (repo / TREE).write_text(broken, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "A typo")
    monkeypatch.chdir(repo)
    result = run("diff", f"v2025:{TREE}", f"HEAD:{TREE}", expect=1)
    line = broken.splitlines().index("tahun: dua") + 1
    assert result.stderr.startswith(f"HEAD:{TREE}:{line}:8: error [PK012]")


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(InputError, match="not inside a git repository"):
        gitfile.read(f"v2024:{TREE}", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert "not inside a git repository" in run("diff", f"v2024:{TREE}", DATA, expect=2).stderr


def test_an_unknown_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="`v2042` is not a revision of this repository"):
        gitfile.read(f"v2042:{TREE}", repo)
    with pytest.raises(InputError, match="did you mean `v2024`"):
        gitfile.read(f"v2204:{TREE}", repo)
    monkeypatch.chdir(repo)
    result = run("diff", f"v2042:{TREE}", f"v2025:{TREE}", expect=2)
    assert result.stderr.startswith(f"pohon: v2042:{TREE}: `v2042` is not a revision")


def test_a_path_missing_at_the_revision(repo: Path) -> None:
    with pytest.raises(InputError, match=r"no file `data/pohon\.yaml` at `v2024`"):
        gitfile.read("v2024:data/pohon.yaml", repo)
    with pytest.raises(InputError, match="is a folder at that revision"):
        gitfile.read("v2024:data", repo)


def test_a_revision_is_never_an_option(repo: Path) -> None:
    target = repo / "written"
    with pytest.raises(InputError, match="cannot start with `-`"):
        gitfile.read(f"--output={target}:{TREE}", repo)
    assert not target.exists()


def test_what_is_a_path_and_what_is_a_revision(tmp_path: Path) -> None:
    odd = tmp_path / "v2024:pohon.yaml"
    odd.write_text("x", encoding="utf-8")
    assert gitfile.parse("v2024:pohon.yaml", tmp_path) == odd
    assert gitfile.parse("v2024:data/pohon.yaml", tmp_path) == gitfile.Revision(
        "v2024", "data/pohon.yaml"
    )
    assert gitfile.parse(":pohon.yaml") == gitfile.Revision("", "pohon.yaml")
    assert gitfile.parse("C:\\data\\pohon.yaml") == Path("C:\\data\\pohon.yaml")
    assert gitfile.parse("pohon.yaml", tmp_path) == tmp_path / "pohon.yaml"
    with pytest.raises(InputError, match="name the file after the colon"):
        gitfile.parse("v2024:")


def test_git_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an empty PATH: the same as a machine without git
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(InputError, match="git is not installed"):
        gitfile.read(f"v2024:{TREE}", tmp_path)


def test_dots_in_a_path_at_a_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # git reads `data/../data/x` literally and finds nothing: pohon reads what it means
    assert gitfile.read(f"v2024:data/../{TREE}", repo) == DATA.read_bytes()
    assert gitfile.read(f"v2024:./data/./{TREE.split('/')[1]}", repo) == DATA.read_bytes()
    with pytest.raises(InputError, match="leads outside the repository"):
        gitfile.read("v2024:data/../../etc/passwd", repo)
    with pytest.raises(InputError, match="leads outside the repository"):
        gitfile.read("v2024:../etc/passwd", repo)  # relative to the folder git runs in
    with pytest.raises(InputError, match="not an absolute path"):
        gitfile.read("v2024:/etc/passwd", repo)
    monkeypatch.chdir(repo / "data")
    assert run("diff", "v2024:../data/pohon_kinerja.yaml", "pohon_kinerja.yaml").stdout
    result = run("diff", "v2024:../../pohon_kinerja.yaml", "pohon_kinerja.yaml", expect=2)
    assert result.stderr.count("\n") == 1 and "outside the repository" in result.stderr
