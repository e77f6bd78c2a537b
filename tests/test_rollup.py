"""The roll-up of capaian up the cascade (pohon_cli/rollup.py) on the fixture workspace
tests/cases/workspace_report: a provinsi and three kabupaten carrying its IKU."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CASES

from pohon_cli.load import load_path
from pohon_cli.load.workspace import build
from pohon_cli.report import Settings, settings_with
from pohon_cli.rollup import Cascade, Rollup, roll_up

FOLDER = CASES / "workspace_report"
PARENT = FOLDER / "provinsi" / "kpu_contoh.yaml"
KIDS = [FOLDER / "kabupaten" / f"kpu_{k}.yaml" for k in "abc"]


def cascade(
    files: list[Path], year: int | None = None, by_name: dict[str, Settings] | None = None
) -> Cascade:
    """The roll-up of ``files``, with the settings of the offices named in ``by_name``."""
    workspace = build((str(p), load_path(p).tree) for p in files)
    chosen = {
        key: (by_name or {})[o.tree.header.institution.name]
        for key, o in workspace.offices.items()
        if o.tree is not None and o.tree.header.institution.name in (by_name or {})
    }
    return roll_up(workspace, chosen, year)


def rolled(result: Cascade, kode: str, year: int = 2026) -> Rollup:
    return next(r for r in result.rollups if r.indicator.code == kode and r.year == year)


@pytest.fixture(scope="module")
def whole() -> Cascade:
    return cascade([PARENT, *KIDS])


def test_offices_are_listed_under_their_parent(whole: Cascade) -> None:
    listed = [(o.institution, o.depth, o.parent) for o in whole.offices]
    assert listed[0] == ("KPU Prov. Contoh", 0, None)
    assert [name for name, depth, _ in listed[1:]] == [
        "KPU Kabupaten A",
        "KPU Kabupaten B",
        "KPU Kabupaten C",
    ]
    assert all(depth == 1 and parent == str(PARENT) for _, depth, parent in listed[1:])


def test_an_office_counts_its_indicators_per_band(whole: Cascade) -> None:
    b = next(o for o in whole.offices if o.institution == "KPU Kabupaten B")
    assert b.overall.average == Decimal("86.30")
    assert dict(b.bands) == {
        "Sangat Baik": 2,
        "Baik": 1,
        "Cukup": 1,
        "Kurang": 0,
        "Sangat Kurang": 0,
    }


def test_jumlah_adds_the_offices_realisasi_and_flags_the_parents_own(whole: Cascade) -> None:
    r = rolled(whole, "IKU-JML")
    assert (r.value, r.raw, r.band, r.status) == (
        Decimal(970),
        Decimal("97.00"),
        "Sangat Baik",
        "dinilai",
    )
    assert r.own is not None and r.own.realisasi == Decimal(950) and r.own.raw == Decimal("95.00")
    assert r.differs
    # 2025: the offices add up to the provinsi's own 900
    earlier = rolled(whole, "IKU-JML", 2025)
    assert (earlier.value, earlier.raw, earlier.differs) == (Decimal(900), Decimal("100.00"), False)


def test_rata_rata_takes_the_mean(whole: Cascade) -> None:
    r = rolled(whole, "IKU-RATA")
    assert (r.value, r.raw, r.differs) == (Decimal(82), Decimal("102.50"), False)


def test_without_pembagian_each_office_meets_the_parents_target_by_itself(
    whole: Cascade,
) -> None:
    r = rolled(whole, "IKU-SAMA")
    assert r.value is None and r.raw is None
    assert (r.reached, r.compared) == (2, 3)
    assert (r.lowest, r.highest) == (Decimal("94.44"), Decimal("105.56"))
    against = {s.institution: s.against for s in r.shares}
    assert against == {
        "KPU Kabupaten A": Decimal("105.56"),
        "KPU Kabupaten B": Decimal("94.44"),
        "KPU Kabupaten C": Decimal("101.11"),
    }
    # each office's own capaian is against its own target, as pohon report has it
    own = {s.institution: s.row.raw for s in r.shares if s.row is not None}
    assert own["KPU Kabupaten A"] == Decimal("103.26")


def test_quarters_are_combined_by_konsolidasi_and_a_year_in_progress_is_marked(
    whole: Cascade,
) -> None:
    r = rolled(whole, "IKU-TW")
    # Kabupaten A: 50+50+60+45 = 205; Kabupaten B: tw1-tw3 = 135 (in progress)
    assert (r.value, r.raw, r.partial) == (Decimal(340), Decimal("85.00"), True)
    assert len(r.shares) == 2


def test_a_year_given_rolls_up_that_year_only(whole: Cascade) -> None:
    result = cascade([PARENT, *KIDS], 2025)
    assert [(r.indicator.code, r.year) for r in result.rollups] == [
        ("IKU-JML", 2025),
        ("IKU-RATA", 2025),
        ("IKU-SAMA", 2025),
        ("IKU-TW", 2025),
    ]
    assert rolled(result, "IKU-RATA", 2025).status == "tanpa_target"
    assert all(o.year == 2025 for o in result.offices)


def test_a_missing_realisasi_is_not_zero_in_a_sum(tmp_path: Path) -> None:
    for path in [PARENT, *KIDS]:
        target = tmp_path / path.relative_to(FOLDER)
        target.parent.mkdir(exist_ok=True)
        text = path.read_text(encoding="utf-8")
        target.write_text(
            text.replace("realisasi: {2025: 220, 2026: 250}", "realisasi: {2025: 220}")
        )
    result = cascade(sorted(tmp_path.rglob("*.yaml")))
    r = rolled(result, "IKU-JML")
    assert r.status == "tanpa_realisasi" and r.value is None
    assert r.reason is not None and "KPU Kabupaten C has no realisasi for 2026" in r.reason


def test_the_parents_bands_rate_the_roll_up() -> None:
    strict = settings_with(bands=[("Tercapai", Decimal(100)), ("Belum", Decimal(0))])
    result = cascade([PARENT, *KIDS], by_name={"KPU Provinsi Contoh": strict})
    assert rolled(result, "IKU-JML").band == "Belum"
    assert rolled(result, "IKU-RATA").band == "Tercapai"


def test_a_file_without_children_rolls_nothing_up() -> None:
    result = cascade([PARENT])
    assert result.rollups == ()
    assert [o.institution for o in result.offices] == ["KPU Prov. Contoh"]


def test_a_child_given_alone_is_rolled_up_into_the_parent_its_induk_names() -> None:
    result = cascade([KIDS[0]])
    # the parent is loaded (not given), so the roll-up has the one office given
    assert [o.institution for o in result.offices] == ["KPU Prov. Contoh", "KPU Kabupaten A"]
    assert rolled(result, "IKU-JML").value == Decimal(420)
