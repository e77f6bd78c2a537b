"""Reviewing a change with ``pohon diff`` in a real git repository: an added indicator
shows what a reviewer judges it by (satuan, targets, penanggung jawab), a revision
written without its path says how to write it, and a new value the lint rules refuse
is marked in every format."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, run

BASE = (CASES / "diff" / "base.yaml").read_text(encoding="utf-8")
TREE = "data/pohon.yaml"
# I4, added under K2 in the second commit; I3's target raised to a persen of 120.
ADDED = """\
              - kode: I4
                uraian: Persentase TPS yang menerima logistik tepat waktu
                satuan: persen
                target: {2024: 95, 2025: 100}
                penanggung_jawab: B
"""
REFUSED = ("target: {2024: 1.10}", "target: {2024: 120}")


IDENTITY = ["-c", "user.name=Perencana", "-c", "user.email=perencana@example.org"]
IDENTITY += ["-c", "commit.gpgsign=false"]


def git(repo: Path, *args: str) -> None:
    """Run git in ``repo`` as a test set-up step, with an identity and no signing."""
    subprocess.run(
        ["git", *IDENTITY, *args],
        cwd=repo,
        capture_output=True,
        check=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose HEAD~1 holds BASE and whose HEAD adds I4 and raises I3's
    target to 120 (a persen above 100: PK104, an error); the working directory is its top."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "kantor"
    (root / "data").mkdir(parents=True)
    git(root, "init", "-q")
    (root / TREE).write_text(BASE, encoding="utf-8")
    git(root, "add", TREE)
    git(root, "commit", "-q", "-m", "Pohon kinerja 2024")
    after = BASE.replace(*REFUSED)
    at = after.index("      - kode: S2\n")
    (root / TREE).write_text(after[:at] + ADDED + after[at:], encoding="utf-8")
    git(root, "commit", "-q", "-am", "I4 added, I3 raised")
    monkeypatch.chdir(root)
    return root


def json_rows(*args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(run("diff", *args, "-f", "json").stdout)
    return rows


def test_an_added_indicator_shows_its_satuan_targets_and_owner(repo: Path) -> None:
    text = run("diff", f"HEAD~1:{TREE}", TREE).stdout.splitlines()
    at = next(i for i, x in enumerate(text) if x.startswith("  I4  added indicator: "))
    assert text[at + 1].strip() == "satuan persen · target 2024: 95, 2025: 100 · penanggung jawab B"
    table = run("diff", f"HEAD~1:{TREE}", TREE, "-f", "markdown").stdout
    assert "| Satuan · target · penanggung jawab |" in table
    assert "| satuan persen · target 2024: 95, 2025: 100 · penanggung jawab B |" in table
    (added,) = (r for r in json_rows(f"HEAD~1:{TREE}", TREE) if r["kind"] == "added")
    assert added["added"] == {
        "satuan": "persen",
        "target": {"2024": "95", "2025": "100"},
        "penanggung_jawab": "B",
        "penanggung_jawab_lain": [],
    }


def test_an_added_indicator_without_its_own_owner_names_its_nodes(repo: Path) -> None:
    (repo / TREE).write_text(
        (repo / TREE).read_text("utf-8").replace("                penanggung_jawab: B\n", ""),
        encoding="utf-8",
    )
    out = run("diff", f"HEAD~1:{TREE}", TREE).stdout
    assert "penanggung jawab C\n" in out  # K2's unit, which answers for I4


def test_a_revision_without_its_path_says_how_to_write_it(repo: Path) -> None:
    result = run("diff", "HEAD~1", TREE, expect=2)
    assert result.stdout == ""
    assert f"did you mean `HEAD~1:{TREE}`?" in result.stderr
    # from a folder below the top, the path is still from the top of the repository
    result = run("diff", "HEAD~1", repo / TREE, expect=2)
    assert f"did you mean `HEAD~1:{TREE}`?" in result.stderr
    assert "did you mean `main:" not in run("diff", TREE, "HEAD", expect=2).stderr
    assert f"`HEAD:{TREE}`" in run("diff", TREE, "HEAD", expect=2).stderr
    # a name that is neither a file nor a revision is still a missing file
    assert "no such file" in run("diff", "nothing.yaml", TREE, expect=2).stderr


def test_a_value_the_lint_rules_refuse_is_marked(repo: Path) -> None:
    text = run("diff", f"HEAD~1:{TREE}", TREE).stdout
    (line,) = (x for x in text.splitlines() if "target 2024: 1.10 → 120" in x)
    assert "⚠ PK104 the target for 2024 of `I3` is 120" in line
    assert "1 with a value the lint rules refuse" in text.splitlines()[-1]
    # the added indicator and its lawful targets are not marked; nor is a warning
    assert not any("⚠" in x for x in text.splitlines() if "I4" in x)
    table = run("diff", f"HEAD~1:{TREE}", TREE, "-f", "markdown").stdout
    assert "| Refused by lint |" in table
    (row,) = (r for r in table.splitlines() if r.startswith("| `I3` "))
    assert row.endswith(
        "| ⚠ PK104 the target for 2024 of \\`I3\\` is 120, but "
        "\\`satuan: persen\\` lies between 0 and 100 |"
    )
    rows = {r["kode"]: r for r in json_rows(f"HEAD~1:{TREE}", TREE)}
    assert [r["code"] for r in rows["I3"]["refused"]] == ["PK104"]
    assert rows["I4"]["refused"] == []


def test_an_added_indicator_with_a_refused_target_is_marked(repo: Path) -> None:
    path = repo / TREE
    path.write_text(path.read_text("utf-8").replace("2025: 100}", "2025: 130}"), "utf-8")
    rows = {r["kode"]: r for r in json_rows(f"HEAD~1:{TREE}", TREE)}
    assert [r["code"] for r in rows["I4"]["refused"]] == ["PK104"]


def test_a_refusal_silenced_in_the_configuration_is_not_marked(repo: Path) -> None:
    (repo / "pohon.toml").write_text('ignore = ["PK104"]\n', encoding="utf-8")
    assert "⚠" not in run("diff", f"HEAD~1:{TREE}", TREE).stdout
