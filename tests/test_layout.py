"""The shape of the code: rooms small enough to read, and imports that run one way only
(the contracts are in pyproject.toml's [tool.importlinter])."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "pohon_cli"
# Past these a module, class or function does more than one job: split it along the flow
# (docs/development.md), not into helpers.
MODULE_LINES = 500
CLASS_LINES = 200
FUNCTION_LINES = 80


def _too_big() -> list[str]:
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT)
        if (lines := text.count("\n")) > MODULE_LINES:
            found.append(f"{name}: {lines} lines (at most {MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                limit = CLASS_LINES
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                limit = FUNCTION_LINES
            else:
                continue
            size = (node.end_lineno or node.lineno) - node.lineno + 1
            if size > limit:
                found.append(f"{name}:{node.lineno}: {node.name} is {size} lines (at most {limit})")
    return found


def test_no_module_class_or_function_is_too_big() -> None:
    too_big = _too_big()
    assert not too_big, "\n".join(too_big)


def test_imports_run_one_way() -> None:
    program = Path(sys.executable).parent / "lint-imports"
    found = str(program) if program.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is missing: make venv installs import-linter (dev extras)")
    done = subprocess.run(
        [found, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
