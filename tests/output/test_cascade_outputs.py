"""The writers of ``report DIR`` (output/rollup.py) and of ``diff`` of two folders
(output/diff_folders.py): numbers with their digits, Markdown that keeps its cells, and
colour only where the text formats allow it."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

from conftest import CASES, run

FOLDER = CASES / "workspace_report"
COLOUR = {"FORCE_COLOR": "1", "NO_COLOR": "", "COLUMNS": "200"}


def copied(tmp_path: Path) -> Path:
    target = tmp_path / "w"
    shutil.copytree(FOLDER, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_roll_up_keeps_the_digits_written(tmp_path: Path) -> None:
    folder = copied(tmp_path)
    edit(folder / "kabupaten" / "kpu_a.yaml", "realisasi: {2026: 85}", "realisasi: {2026: 85.10}")
    edit(folder / "kabupaten" / "kpu_b.yaml", "realisasi: {2026: 80}", "realisasi: {2026: 80.20}")
    out = run("report", "-f", "json", folder).stdout
    data = json.loads(out, parse_float=Decimal)
    rata = next(g for g in data["gabungan"] if g["kode"] == "IKU-RATA")
    # (85.10 + 80.20 + 81) / 3, exact; the realisasi as written
    assert rata["gabungan"] == Decimal("82.1")
    assert rata["kantor"][0]["realisasi"] == Decimal("85.10")
    assert '"realisasi": 85.10' in out
    assert rata["berbeda"] is True


def test_markdown_keeps_a_pipe_in_a_name_inside_its_cell(tmp_path: Path) -> None:
    folder = copied(tmp_path)
    edit(folder / "kabupaten" / "kpu_a.yaml", "nama: KPU Kabupaten A", "nama: KPU | A")
    md = run("report", "-f", "markdown", folder).stdout
    rows = [line for line in md.splitlines() if "KPU \\| A" in line]
    assert rows, md
    head = next(line for line in md.splitlines() if line.startswith("| kantor "))
    assert all(row.count(" | ") == head.count(" | ") for row in rows[:1])


def test_colour_only_in_text_and_never_in_json(tmp_path: Path) -> None:
    folder = copied(tmp_path)
    assert "\x1b[" in run("report", folder, env=COLOUR).stdout
    assert "\x1b[" not in run("report", "-f", "json", folder, env=COLOUR).stdout
    new = copied(tmp_path / "n")
    edit(new / "kabupaten" / "kpu_b.yaml", "2026: 300}", "2026: 310}")
    coloured = run("diff", folder, new, env=COLOUR).stdout
    assert "\x1b[" in coloured and "kabupaten/kpu_b.yaml" in coloured
    assert "\x1b[" not in run("diff", "-f", "markdown", folder, new, env=COLOUR).stdout


def test_no_file_carries_anything(tmp_path: Path) -> None:
    folder = tmp_path / "only"
    folder.mkdir()
    shutil.copy(FOLDER / "provinsi" / "kpu_contoh.yaml", folder)
    out = run("report", folder, env={"COLUMNS": "200"}).stdout
    assert "no office carries an indicator of its parent (mendukung: KODE)" in out
    data = json.loads(run("report", "-f", "json", folder).stdout)
    assert data["gabungan"] == []


def test_two_equal_folders_say_so(tmp_path: Path) -> None:
    out = run("diff", FOLDER, copied(tmp_path)).stdout
    assert out.endswith("4 files in both: 0 changed (0 changes), 4 unchanged; 0 added, 0 removed\n")
    data = json.loads(run("diff", "-f", "json", FOLDER, FOLDER).stdout)
    assert all(f["changes"] == [] for f in data["files"])
