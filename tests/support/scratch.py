"""Scratch git repositories for the tests of the recipe in the README: pohon as another
repository receives it (this checkout, committed and tagged as a release), a planners'
repository with a tree in data/, and the README's own code blocks read back as YAML."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from pohon_cli import __version__

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "pohon_kinerja.yaml"
TAG = f"v{__version__}"
# the seed with a format version pohon does not read: an error, exit 1
BROKEN = SEED.read_text(encoding="utf-8").replace("\nversi: 1\n", "\nversi: 9\n", 1)
# a directory holding the Python that runs the tests, put first on the PATH as
# actions/setup-python would put the one it installs
PYTHON_BIN = str(Path(sys.executable).parent)


# The wheels of pohon's dependencies that `make venv` keeps: pip installs from them alone,
# so the recipe's tests need no network (without them, pip asks its index).
WHEELHOUSE = ROOT / ".venv" / "wheelhouse"


def environment(**extra: str) -> dict[str, str]:
    """The environment of a scratch repository's commands: no GIT_* from a hook that runs
    the tests, an author for the commits, no virtualenv but the test's Python first, and
    pip offline with the wheels `make venv` kept."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.pop("VIRTUAL_ENV", None)
    env |= {
        "GIT_AUTHOR_NAME": "pohon tests",
        "GIT_AUTHOR_EMAIL": "tests@pohon.invalid",
        "GIT_COMMITTER_NAME": "pohon tests",
        "GIT_COMMITTER_EMAIL": "tests@pohon.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": env.get("HOME", "/tmp"),
        "PATH": PYTHON_BIN + os.pathsep + env.get("PATH", ""),
    }
    if WHEELHOUSE.is_dir():
        env |= {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELHOUSE)}
    return env | extra


def sh(
    *args: str | Path, cwd: Path, expect: int | None = 0, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a command; fail with its output unless it exits ``expect`` (None: any code)."""
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if expect is not None:
        assert done.returncode == expect, (
            f"{' '.join(map(str, args))} exited {done.returncode}, expected {expect}\n"
            f"{output(done)}"
        )
    return done


def output(done: subprocess.CompletedProcess[str]) -> str:
    return f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"


def commit_all(repo: Path, message: str) -> None:
    sh("git", "add", "-A", cwd=repo)
    sh("git", "commit", "-q", "--no-verify", "-m", message, cwd=repo)


def pohon_release(where: Path) -> Path:
    """This checkout as the repository another one names: every file git would keep
    (uncommitted edits included, ignored files such as .venv/ left out), committed and
    tagged ``v<version>``."""
    listed = sh("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = where / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    sh("git", "init", "-q", "-b", "main", cwd=where)
    commit_all(where, "pohon, as released")
    sh("git", "tag", TAG, cwd=where)
    return where


def planners_repository(where: Path, tree: str) -> Path:
    """A planners' repository with one tree, data/pohon_kinerja.yaml, committed."""
    (where / "data").mkdir(parents=True)
    (where / "data" / "pohon_kinerja.yaml").write_text(tree, encoding="utf-8")
    sh("git", "init", "-q", "-b", "main", cwd=where)
    commit_all(where, "the tree")
    return where


def readme_block(marker: str) -> Any:
    """The YAML code block between the README's ``--8<-- [start:MARKER]`` and its end."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = f"<!-- --8<-- [start:{marker}] -->", f"<!-- --8<-- [end:{marker}] -->"
    section = readme.split(start, 1)[1].split(end, 1)[0]
    found = re.search(r"^```yaml\n(.*?)^```", section, re.M | re.S)
    assert found, f"no ```yaml block between the README's {marker} markers"
    return yaml.safe_load(found.group(1))
