"""PK114 on a perangkat daerah's tree: the nomenclature names are never judged, their
`hasil` is, and the option that names the nomenclature levels; PK109 and the induk's misi."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import CASES, DATA, run

# a program named by the nomenclature, whose name starts with an activity word
TREE = """\
versi: 1
instansi: {nama: Dinas Contoh}
tahun: 2026
jenjang: [tujuan, program, kegiatan]
pohon:
  - kode: T1
    jenjang: tujuan
    uraian: Meningkatnya keselamatan lalu lintas
    anak:
      - kode: "2.15.02"
        jenjang: program
        uraian: Penyelenggaraan Lalu Lintas dan Angkutan Jalan
        anak:
          - {kode: K1, jenjang: kegiatan, uraian: Penetapan Rencana Induk}
"""


def _pk114(out: str) -> list[str]:
    return [line for line in out.splitlines() if "[PK114]" in line]


def test_a_nomenclature_name_is_not_judged_by_default(tmp_path: Path) -> None:
    path = tmp_path / "pohon.yaml"
    path.write_text(TREE, encoding="utf-8")
    assert _pk114(run("validate", path).stdout) == []


def test_nomenclature_levels_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "pohon.yaml"
    path.write_text(TREE, encoding="utf-8")
    (tmp_path / "pohon.toml").write_text(
        textwrap.dedent("""\
            [rules.PK114]
            nomenclature-levels = []
        """),
        encoding="utf-8",
    )
    assert _pk114(run("validate", path).stdout) == [
        f"{path}:12:17: warning [PK114] the uraian of the program `2.15.02` is written as "
        'an activity ("Penyelenggaraan ..."), not as the result it should bring about (state '
        "the condition reached, e.g. Meningkatnya ..., Terwujudnya ..., Tersedianya ...; "
        "activities belong at the `kegiatan` level)"
    ]


def test_the_message_says_which_key() -> None:
    out = run("validate", CASES / "rules" / "PK114-hasil.yaml").stdout
    [first, second] = _pk114(out)
    assert ":21:20: warning [PK114] the hasil of the kegiatan `2.15.02.2.01` is written" in first
    assert "`hasil` states what the kegiatan brings about; its name stays in `uraian`" in first
    assert ":26:24: warning [PK114] the hasil of the sub_kegiatan" in second


def test_the_option_is_documented() -> None:
    out = run("rules", "PK114").stdout
    assert "nomenclature-levels:" in out
    assert '["program", "kegiatan", "sub_kegiatan"]' in out


def test_the_seed_keeps_its_pk114_warnings() -> None:
    """The seed has no PK114 before or after: its program uraian are conditions."""
    assert _pk114(run("validate", DATA).stdout) == []
