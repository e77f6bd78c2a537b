"""The cross-file rules (PK124-PK129) over a small workspace: a provinsi, two kabupaten
under it, and a dinas working with one of them (tests/cases/cascade)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CASES, run

WORKSPACE = CASES / "cascade"
KAUR = "kabupaten/kaur.yaml"
RL = "kabupaten/rejang_lebong.yaml"
PROV = "provinsi/bengkulu.yaml"
DINAS = "dinas/kominfo.yaml"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the workspace, and the current folder there (problems name files as given)."""
    shutil.copytree(WORKSPACE, tmp_path / "ws")
    monkeypatch.chdir(tmp_path / "ws")
    return tmp_path / "ws"


def edit(ws: Path, name: str, old: str, new: str) -> None:
    path = ws / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def lines(out: str, code: str) -> list[str]:
    return [line for line in out.splitlines() if f"[{code}]" in line]


def test_the_workspace_is_clean_together_and_alone(ws: Path) -> None:
    assert run("validate", "--strict", ".").stdout.strip() == "0 errors, 0 warnings in 4 files"
    for name in (KAUR, RL, PROV, DINAS):
        assert run("validate", "--strict", name).stdout.strip().startswith("0 errors, 0 w")


# -- PK124 ------------------------------------------------------------------------------------


def test_a_parent_file_that_is_not_there(ws: Path) -> None:
    edit(ws, RL, "berkas: ../provinsi/bengkulu.yaml", "berkas: ../provinsi/bengkul.yaml")
    out = run("validate", ".", expect=1).stdout
    assert lines(out, "PK124") == [
        f"{RL}:7:11: error [PK124] `induk.berkas` names `../provinsi/bengkul.yaml`, which is "
        "not there (write the parent's file as a path relative to this file's folder)"
    ]


def test_a_parent_file_that_does_not_load(ws: Path) -> None:
    edit(ws, PROV, "versi: 1", "versi: 2")
    out = run("validate", KAUR, expect=1).stdout
    assert "`induk.berkas` names `../provinsi/bengkulu.yaml`, which does not load" in out


def test_a_node_kode_the_parent_does_not_have(ws: Path) -> None:
    edit(ws, KAUR, "mendukung: [SS-1]", "mendukung: [SS-9]")
    out = run("validate", KAUR, expect=1).stdout
    assert lines(out, "PK124") == [
        f"{KAUR}:16:17: error [PK124] `SS-9` is not a node of bengkulu.yaml "
        "(did you mean `SS-2` or `SS-1`?)"
    ]


def test_an_indicator_kode_the_parent_does_not_have(ws: Path) -> None:
    edit(ws, KAUR, "mendukung: IKU-1", "mendukung: SS-1")
    out = run("validate", KAUR, expect=1).stdout
    assert lines(out, "PK124") == [
        f"{KAUR}:21:20: error [PK124] `SS-1` is not an indicator of bengkulu.yaml "
        "(`SS-1` is a node there: `mendukung` on an indicator names an indicator)"
    ]


def test_a_partner_file_or_kode_that_is_not_there(ws: Path) -> None:
    edit(ws, KAUR, "kode: DK-1", "kode: DK-2")
    out = run("validate", KAUR, expect=1).stdout
    assert lines(out, "PK124")[0].startswith(f"{KAUR}:30:15: error [PK124] `DK-2` is not a node")
    edit(ws, KAUR, "../dinas/kominfo.yaml", "../dinas/nope.yaml")
    out = run("validate", KAUR, expect=1).stdout
    assert lines(out, "PK124")[0].startswith(
        f"{KAUR}:29:17: error [PK124] `kolaborasi` names `../dinas/nope.yaml`, which is not there"
    )


def test_a_cycle_of_parents_is_reported_not_followed(ws: Path) -> None:
    edit(
        ws, PROV, "tahun: 2026", "induk:\n  nama: X\n  berkas: ../kabupaten/kaur.yaml\ntahun: 2026"
    )
    out = run("validate", ".", expect=1).stdout
    cycle = lines(out, "PK124")
    assert (
        f"{KAUR}:6:11: error [PK124] the `induk.berkas` chain comes back to this file: "
        "kaur.yaml → bengkulu.yaml → kaur.yaml" in cycle[0]
    )
    assert any(line.startswith(f"{PROV}:7:11:") for line in cycle)
    run("validate", KAUR, expect=1)  # alone too: no endless walk


def test_a_file_that_does_not_load_is_left_to_its_own_errors(ws: Path) -> None:
    edit(ws, KAUR, "mendukung: [SS-1]", "mendukung: {SS-1: 1}")
    out = run("validate", ".", expect=1).stdout
    assert lines(out, "PK012") == [
        f"{KAUR}:16:16: error [PK012] `mendukung` must be a list, not a mapping"
    ]
    # kaur.yaml is not checked across files; the link to it says it does not load
    assert lines(out, "PK124") == [
        f"{DINAS}:15:18: error [PK124] `kolaborasi` names `../kabupaten/kaur.yaml`, which does "
        "not load (fix that file first: `pohon validate` on it says what is wrong)"
    ]


# -- PK125 ------------------------------------------------------------------------------------


def test_a_drifted_wording(ws: Path) -> None:
    edit(ws, KAUR, "Persentase  data pemilih yang akurat", "Persentase data pemilih akurat")
    out = run("validate", KAUR).stdout
    assert lines(out, "PK125") == [
        f"{KAUR}:34:17: warning [PK125] `KR-IK2` carries `IKU-2` of the parent's file, whose "
        "uraian reads otherwise: Persentase data pemilih yang akurat (write the parent's "
        "uraian word for word)"
    ]


def test_white_space_is_no_drift(ws: Path) -> None:
    # the fixture writes two spaces in "Persentase  data"
    assert "Persentase  data" in (ws / KAUR).read_text(encoding="utf-8")
    assert not lines(run("validate", KAUR).stdout, "PK125")


# -- PK126 ------------------------------------------------------------------------------------


def test_a_weaker_target(ws: Path) -> None:
    edit(ws, KAUR, "target: {2026: 92}", "target: {2026: 85}")
    out = run("validate", KAUR).stdout
    assert lines(out, "PK126") == [
        f"{KAUR}:38:24: warning [PK126] the 2026 target 85 plans worse than the parent's 90 "
        "for `IKU-2` (polaritas naik) (plan at least the parent's target, or say in "
        "`catatan` why not)"
    ]


def test_a_lower_target_is_stronger_when_lower_is_better(ws: Path) -> None:
    edit(ws, PROV, "polaritas: naik", "polaritas: turun")
    assert len(lines(run("validate", KAUR).stdout, "PK126")) == 1  # 92 vs 90, turun: worse
    edit(ws, KAUR, "target: {2026: 92}", "target: {2026: 88}")
    assert lines(run("validate", KAUR).stdout, "PK126") == []


def test_a_split_that_does_not_add_up_is_reported_on_the_parent(ws: Path) -> None:
    edit(ws, KAUR, "target: {2026: 400}", "target: {2026: 300}")
    out = run("validate", ".").stdout
    assert lines(out, "PK126") == [
        f"{PROV}:34:28: warning [PK126] the 2 offices carrying `IKU-1` plan 2026 targets that "
        "add up to 900, not 1000 (pembagian: jumlah) (share the target among the offices so "
        "that it adds up)"
    ]
    # the child alone is not compared with a split target: the other offices are not given
    assert lines(run("validate", KAUR).stdout, "PK126") == []


def test_a_split_by_average(ws: Path) -> None:
    edit(ws, PROV, "pembagian: jumlah", "pembagian: rata_rata")
    edit(ws, PROV, "target: {2026: 1000}", "target: {2026: 500}")
    assert lines(run("validate", ".").stdout, "PK126") == []  # (400 + 600) / 2
    edit(ws, KAUR, "target: {2026: 400}", "target: {2026: 401}")
    assert "average 500.5, not 500" in run("validate", ".").stdout


# -- PK127 ------------------------------------------------------------------------------------


def test_an_unserved_sasaran_and_indicator(ws: Path) -> None:
    edit(ws, RL, "mendukung: [SS-1, SS-2]", "mendukung: [SS-2]")
    edit(ws, KAUR, "mendukung: [SS-1]", "mendukung: [SS-2]")
    edit(ws, KAUR, "        mendukung: IKU-1\n", "")
    edit(ws, RL, "        mendukung: IKU-1\n", "")
    out = run("validate", ".").stdout
    assert lines(out, "PK127") == [
        f"{PROV}:25:15: warning [PK127] no child office serves the sasaran_strategis `SS-1`: "
        "Meningkatnya partisipasi pemilih (name it in `mendukung` of a child office's node, "
        "or drop it)",
        f"{PROV}:30:19: warning [PK127] no child office carries the indicator `IKU-1` of "
        "`SS-1` (name it in `mendukung` of a child office's indicator)",
    ]
    # only when the parent is given with its children: not for a child alone
    assert lines(run("validate", KAUR).stdout, "PK127") == []
    assert lines(run("validate", PROV).stdout, "PK127") == []


# -- PK128 ------------------------------------------------------------------------------------


def test_a_one_sided_crosscutting_link(ws: Path) -> None:
    edit(ws, DINAS, "kode: KR-2, peran", "kode: KR-1, peran")
    out = run("validate", KAUR).stdout
    assert lines(out, "PK128") == [
        f"{KAUR}:29:9: warning [PK128] `DK-1` of ../dinas/kominfo.yaml does not name `KR-2` "
        "back in its `kolaborasi` (add to `DK-1` there: kolaborasi: [{berkas: "
        "../kabupaten/kaur.yaml, kode: KR-2}])"
    ]


# -- PK129 ------------------------------------------------------------------------------------


def test_a_name_of_another_office(ws: Path) -> None:
    edit(ws, KAUR, "pemilih di Kabupaten Kaur", "pemilih di KPU Kabupaten Rejang Lebong")
    out = run("validate", ".").stdout
    assert lines(out, "PK129") == [
        f"{KAUR}:14:49: warning [PK129] `KR-1` names another office of the cascade: KPU "
        "Kabupaten Rejang Lebong (write this office's own name, or leave the name out)"
    ]


def test_its_own_name_and_unrelated_files_are_not_other_offices(ws: Path) -> None:
    edit(ws, KAUR, "pemilih di Kabupaten Kaur", "pemilih di KPU Kabupaten Kaur")
    assert lines(run("validate", ".").stdout, "PK129") == []
    # the provinsi's name inside a dinas file that links nowhere near it: another cascade
    edit(ws, DINAS, "yang terpadu\n", "yang terpadu di KPU Provinsi Bengkulu\n")
    edit(ws, DINAS, "berkas: ../kabupaten/kaur.yaml", "berkas: ../kabupaten/nope.yaml")
    edit(ws, KAUR, "berkas: ../dinas/kominfo.yaml", "berkas: ../dinas/nope.yaml")
    assert lines(run("validate", DINAS, expect=1).stdout, "PK129") == []


# -- settings, suppression, formats -----------------------------------------------------------


def test_a_suppression_comment_silences_a_cross_file_problem(ws: Path) -> None:
    edit(
        ws,
        KAUR,
        "target: {2026: 92}",
        "target: {2026: 85}  # pohon: disable=PK126 -- agreed with the provinsi",
    )
    out = run("validate", "--strict", KAUR).stdout
    assert out.strip() == "0 errors, 0 warnings in 1 file"


def test_an_unused_cross_file_suppression_is_reported(ws: Path) -> None:
    edit(ws, KAUR, "target: {2026: 92}", "target: {2026: 92}  # pohon: disable=PK126")
    out = run("validate", KAUR).stdout
    assert "`PK126` is disabled here but reports nothing on line 38" in out


def test_the_files_settings_apply(ws: Path) -> None:
    edit(ws, KAUR, "target: {2026: 92}", "target: {2026: 85}")
    assert lines(run("validate", "--ignore", "PK126", KAUR).stdout, "PK126") == []
    out = run(
        "validate", "--select", "inherited-target-weaker", "--fail-on", "warning", KAUR, expect=1
    )
    assert len(lines(out.stdout, "PK126")) == 1


@pytest.fixture
def drifted(ws: Path) -> Path:
    edit(ws, KAUR, "Persentase  data pemilih yang akurat", "Persentase data pemilih akurat")
    return ws


@pytest.mark.parametrize("fmt", ["json", "github", "sarif", "junit"])
def test_every_format_shows_a_cross_file_problem_at_its_place(drifted: Path, fmt: str) -> None:
    out = run("validate", "-f", fmt, ".").stdout
    assert "PK125" in out and "kaur.yaml" in out
    if fmt == "json":
        found = [p for p in json.loads(out) if p["code"] == "PK125"]
        assert [(p["line"], p["column"]) for p in found] == [(34, 17)]
    elif fmt == "github":
        assert f"file={KAUR},line=34,col=17" in out
    elif fmt == "sarif":
        result = next(r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "PK125")
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (34, 17)
    else:
        assert f"{KAUR}:34:17" in out


def test_the_parents_own_target_replaces_a_stale_target_induk(ws: Path) -> None:
    # the copy says 95, and KR-IK2 plans 92 below it; the parent's file now sets 90
    edit(ws, KAUR, "target: {2026: 92}", "target_induk: {2026: 95}\n        target: {2026: 92}")
    with_parent = run("validate", KAUR).stdout
    assert lines(with_parent, "PK120") == []
    assert lines(with_parent, "PK126") == []
    # the parent sets 93: one problem, PK126, against the parent's own target
    edit(ws, PROV, "target: {2026: 90}", "target: {2026: 93}")
    above = run("validate", KAUR).stdout
    assert lines(above, "PK120") == []
    assert [line.split(" [")[1][:5] for line in lines(above, "PK126")] == ["PK126"]
    # without the parent's file, the copy is all there is: PK120 judges by it
    (ws / PROV).unlink()
    alone = run("validate", KAUR, expect=1).stdout
    assert len(lines(alone, "PK120")) == 1


# -- in Indonesian ------------------------------------------------------------------------------


def test_the_cross_file_problems_in_indonesian(ws: Path) -> None:
    edit(ws, KAUR, "target: {2026: 400}", "target: {2026: 300}")
    edit(ws, KAUR, "mendukung: IKU-1", "mendukung: SS-1")
    out = run("validate", ".", "--lang", "id", expect=1).stdout
    assert lines(out, "PK124") == [
        f"{KAUR}:21:20: error [PK124] `SS-1` bukan indikator di bengkulu.yaml "
        "(`SS-1` adalah simpul di berkas itu: `mendukung` pada indikator menyebut indikator)"
    ]
    edit(ws, KAUR, "mendukung: SS-1", "mendukung: IKU-1")
    out = run("validate", ".", "--lang", "id").stdout
    assert lines(out, "PK126") == [
        f"{PROV}:34:28: warning [PK126] 2 instansi yang membawa `IKU-1` merencanakan target "
        "2026 yang berjumlah 900, bukan 1000 (pembagian: jumlah) (bagi target di antara "
        "instansi-instansi itu sehingga jumlahnya sesuai)"
    ]


def test_the_workspace_of_offices_in_indonesian() -> None:
    out = run("validate", CASES / "workspace", "--lang", "id").stdout
    assert "[PK129] `IK-KEPUTUSAN` menyebut instansi lain dalam cascading ini: " in out
    assert "[PK127] tidak ada instansi di bawahnya yang mendukung sasaran_strategis `SS4`" in out
    assert "tidak menyebut balik `S2` dalam `kolaborasi`-nya (tambahkan pada `S2` di sana: " in out
