"""pohon as a wheel and an sdist: ``python -m build`` makes both from a tagged copy of this
checkout (offline: ``--no-isolation`` uses the setuptools of the test's virtualenv), the
version is the one in ``pohon_cli/__init__.py``, and the wheel, installed alone into a
fresh virtualenv, runs from a folder that is not this checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from scratch import BROKEN, ROOT, SEED, output, pohon_release, sh

from pohon_cli import __version__

# the modules, the web page's template, script and styles (render/web/), and the message
# catalogues (locale/): their .po source and the .mo pohon reads
_DATA = {".py", ".html", ".js", ".css", ".po", ".mo"}
PACKAGE = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "pohon_cli").rglob("*")
    if p.is_file() and (p.suffix in _DATA or p.name == "py.typed") and "__pycache__" not in p.parts
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it, in one folder."""
    release = pohon_release(tmp_path_factory.mktemp("pohon"))
    out = tmp_path_factory.mktemp("dist")
    sh(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ".", cwd=release)
    return out


def _one(dist: Path, pattern: str) -> Path:
    (found,) = dist.glob(pattern)
    return found


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "pohon_cli.__version__"}


def test_the_wheel_holds_the_package_and_its_metadata(dist: Path) -> None:
    wheel = _one(dist, "*.whl")
    assert wheel.name == f"pohon-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = Parser().parsestr(
            archive.read(f"pohon-{__version__}.dist-info/METADATA").decode()
        )
        entry_points = archive.read(f"pohon-{__version__}.dist-info/entry_points.txt").decode()
    assert sorted(n for n in names if n.startswith("pohon_cli/")) == PACKAGE
    assert metadata["Version"] == __version__ and metadata["License-Expression"] == "MIT"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]
    assert set(map(Requirement, required)) == set(map(Requirement, project["dependencies"]))
    assert "pohon = pohon_cli.entry:main" in entry_points


def test_the_sdist_holds_what_the_wheel_is_built_from(dist: Path) -> None:
    with tarfile.open(_one(dist, "*.tar.gz")) as archive:
        top = f"pohon-{__version__}/"
        names = {m.name.removeprefix(top) for m in archive.getmembers() if m.isfile()}
    assert {"pyproject.toml", "README.md", "MANIFEST.in", "PKG-INFO"} <= names
    assert set(PACKAGE) <= names
    assert not any(n.startswith("tests/") for n in names), "a partial test suite"


def test_the_installed_wheel_runs_outside_the_checkout(dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    sh(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python, pohon = venv / "bin" / "python", venv / "bin" / "pohon"
    wheel = _one(dist, "*.whl")
    sh(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
       "--no-index", wheel, cwd=tmp_path)  # fmt: skip
    # pohon's dependencies from the test's virtualenv, after pohon itself: a path in a
    # .pth file, whose own .pth files (this checkout's editable install) are not read
    purelib = sh(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                 cwd=tmp_path).stdout.strip()  # fmt: skip
    (Path(purelib) / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    where = sh(python, "-c", "import pohon_cli; print(pohon_cli.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(venv)), output(where)

    work = tmp_path / "work"
    work.mkdir()
    assert sh(pohon, "--version", cwd=work).stdout == f"pohon {__version__}\n"
    (work / "good.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (work / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    sh(pohon, "validate", "good.yaml", cwd=work)
    broken = sh(pohon, "validate", "--format", "json", "broken.yaml", cwd=work, expect=1)
    assert "versi" in broken.stdout, output(broken)
    schema = sh(pohon, "schema", cwd=work).stdout
    assert json.loads(schema) == json.loads(
        (ROOT / "schemas" / "pohon_kinerja.schema.json").read_text(encoding="utf-8")
    )
    # the web page's script and styles are package data: the installed wheel has them
    sh(pohon, "render", "good.yaml", "-o", "tree.html", cwd=work)
    page = (work / "tree.html").read_text(encoding="utf-8")
    assert "pohonRendered" in page and "</style>" in page, page[:300]
    bare = sh(pohon, cwd=work, expect=2).stderr.splitlines()
    assert bare[-1].startswith("pohon: missing command"), bare
    # the catalogues are package data: the installed wheel speaks Indonesian too
    said = sh(pohon, "--lang", "id", cwd=work, expect=2).stderr.splitlines()
    assert said[-1].startswith("pohon: Perintah belum ditulis."), said


def test_pip_sees_the_same_version_as_pohon_version() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "pip", "show", "pohon"], capture_output=True, text=True, check=True
    ).stdout
    assert f"\nVersion: {__version__}\n" in shown
