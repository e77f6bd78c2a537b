"""The pre-commit hook other repositories use, and our own pre-commit config, run pohon."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
import yaml
from conftest import ROOT, run


def _yaml(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_hook_for_other_repositories() -> None:
    (hook,) = _yaml(".pre-commit-hooks.yaml")
    assert hook["id"] == "pohon-validate"
    assert hook["language"] == "python" and hook["types"] == ["yaml"]
    script, command = hook["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert script in scripts["scripts"] and command == "validate"
    hidden = re.compile(hook["exclude"])
    assert hidden.search(".github/workflows/ci.yaml") and hidden.search("a/.hidden.yml")
    assert not hidden.search("data/pohon_kinerja.yaml")


def test_our_own_config_validates_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    hooks = [hook for repo in _yaml(".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]]
    ours = next(hook for hook in hooks if hook["id"] == "pohon-validate")
    assert ours["entry"] == "pohon validate data/" and ours["pass_filenames"] is False
    monkeypatch.chdir(ROOT)
    run(*ours["entry"].split()[1:])
