"""The README's recipe for a planners' repository, run as written in scratch git
repositories: the workflow's step ``uses: OWNER/pohon@vX`` (the steps of action.yml that
are scripts, run as GitHub runs a composite action's steps) and the pre-commit example
(``pre-commit run`` with the README's config, from a tagged copy of this checkout).

Both install pohon the way a runner does, with pip from the package index pip is
configured with (pre-commit's virtualenv and the action's need pohon's dependencies)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from scratch import (
    BROKEN,
    ROOT,
    SEED,
    TAG,
    commit_all,
    output,
    planners_repository,
    pohon_release,
    readme_block,
    sh,
)

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
# what GitHub evaluates in a composite action's scripts; anything else would go unevaluated
INPUT = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")


def _readme_action_step() -> dict[str, Any]:
    steps = readme_block("workflow")["jobs"]["validate"]["steps"]
    (step,) = [s for s in steps if str(s.get("uses", "")).startswith("OWNER/pohon@")]
    return dict(step)


def _inputs(given: dict[str, Any]) -> dict[str, str]:
    declared = ACTION["inputs"]
    assert set(given) <= set(declared), f"inputs action.yml does not declare: {given}"
    return {name: str(given.get(name, spec.get("default", ""))) for name, spec in declared.items()}


def _expand(text: str, inputs: dict[str, str]) -> str:
    expanded = INPUT.sub(lambda m: inputs[m.group(1)], text)
    assert "${{" not in expanded, f"an expression the test does not evaluate: {text}"
    return expanded


class Runner:
    """A GitHub runner's part in a composite action: its environment and its files."""

    def __init__(self, tmp: Path, action_path: Path, workspace: Path) -> None:
        self.temp = tmp / "runner"
        self.temp.mkdir()
        self.workspace = workspace
        self.files = {
            n: self.temp / n.lower() for n in ("GITHUB_PATH", "GITHUB_ENV", "GITHUB_OUTPUT")
        }
        self.env = {
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION_PATH": str(action_path),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(self.temp),
            "RUNNER_OS": "Linux",
        } | {name: str(path) for name, path in self.files.items()}

    def step(self, step: dict[str, Any], inputs: dict[str, str], expect: int | None) -> Any:
        """One ``run:`` step, as ``shell: bash`` runs it: a script file, ``-eo pipefail``."""
        assert step["shell"] == "bash" and "if" not in step, step
        script = self.temp / "step.sh"
        script.write_text(_expand(step["run"], inputs), encoding="utf-8")
        env = {k: _expand(str(v), inputs) for k, v in step.get("env", {}).items()}
        return sh("bash", "--noprofile", "--norc", "-eo", "pipefail", script,
                  cwd=self.workspace, expect=expect, **self.env, **env)  # fmt: skip

    def action(self, inputs: dict[str, str]) -> None:
        """Every step of action.yml; the ``uses:`` ones are GitHub's own actions."""
        for step in ACTION["runs"]["steps"]:
            if "uses" in step:
                assert step["uses"].split("@")[0] in (
                    "actions/setup-python",  # the test's Python is first on the PATH
                    "github/codeql-action/upload-sarif",
                )
                continue
            self.step(step, inputs, expect=0)


def _validate_step() -> dict[str, Any]:
    return dict(next(s for s in ACTION["runs"]["steps"] if s.get("id") == "validate"))


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pohon_release(tmp_path_factory.mktemp("pohon"))


def test_the_readme_names_the_release_of_this_version() -> None:
    assert _readme_action_step()["uses"] == f"OWNER/pohon@{TAG}"
    (repo,) = readme_block("hook")["repos"]
    assert repo["repo"] == "https://github.com/OWNER/pohon" and repo["rev"] == TAG
    assert [hook["id"] for hook in repo["hooks"]] == ["pohon-validate"]


def test_the_readme_says_how_to_run_pohon_after_make_demo() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = "\n".join(readme.splitlines()[:8])
    assert ".venv/bin/pohon" in top, "the first lines say where make demo put pohon"
    for way in (". .venv/bin/activate", "pipx install .", f"pohon@{TAG}'", f"pohon-{TAG[1:]}-py3"):
        assert way in readme, way


def test_the_action_the_workflow_uses(release: Path, tmp_path: Path) -> None:
    repo = planners_repository(tmp_path / "planners", SEED.read_text(encoding="utf-8"))
    inputs = _inputs(_readme_action_step().get("with", {}))
    runner = Runner(tmp_path, release, repo)
    runner.action(inputs)

    sarif_file = repo / inputs["sarif-file"]
    sarif = json.loads(sarif_file.read_text(encoding="utf-8"))
    upload = next(s for s in ACTION["runs"]["steps"] if "upload-sarif" in s.get("uses", ""))
    assert _expand(upload["with"]["sarif_file"], inputs) == inputs["sarif-file"]
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["version"] == TAG.removeprefix("v")
    assert run["results"] and {r["level"] for r in run["results"]} <= {"warning", "note"}
    venv_bin = runner.files["GITHUB_PATH"].read_text(encoding="utf-8").strip()
    assert sh(Path(venv_bin) / "pohon", "--version", cwd=repo).stdout == f"pohon {TAG[1:]}\n"

    # the same action on a broken tree: the step fails with 1, SARIF and annotations say why
    (repo / "data" / "pohon_kinerja.yaml").write_text(BROKEN, encoding="utf-8")
    commit_all(repo, "a broken tree")
    failed = runner.step(_validate_step(), inputs, expect=1)
    assert "::error file=data/pohon_kinerja.yaml" in failed.stdout, output(failed)
    (run,) = json.loads(sarif_file.read_text(encoding="utf-8"))["runs"]
    assert "error" in {r["level"] for r in run["results"]}

    # a path that is not there: 2, and no empty SARIF file left for the upload
    sarif_file.unlink()
    missing = runner.step(_validate_step(), inputs | {"paths": "nowhere/"}, expect=2)
    assert "pohon: nowhere" in missing.stderr and not sarif_file.exists(), output(missing)


def test_the_pre_commit_hook_from_the_tag(release: Path, tmp_path: Path) -> None:
    repo = planners_repository(tmp_path / "planners", SEED.read_text(encoding="utf-8"))
    config = readme_block("hook")
    config["repos"][0]["repo"] = str(release)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    commit_all(repo, "pohon before each commit")
    cache = str(tmp_path / "pre-commit-cache")
    pre_commit = (sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never")

    passed = sh(*pre_commit, cwd=repo, PRE_COMMIT_HOME=cache)
    assert re.search(r"^pohon validate\.+Passed$", passed.stdout, re.M), output(passed)

    (repo / "data" / "pohon_kinerja.yaml").write_text(BROKEN, encoding="utf-8")
    sh("git", "add", "-A", cwd=repo)
    failed = sh(*pre_commit, cwd=repo, expect=1, PRE_COMMIT_HOME=cache)
    assert re.search(r"^pohon validate\.+Failed$", failed.stdout, re.M), output(failed)
    assert "data/pohon_kinerja.yaml:" in failed.stdout and "versi" in failed.stdout
