"""Configuration: where it is found, what it may say, how it merges with the command line,
and a clear message (file and line, exit 2) for every mistake in it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import run

from pohon_cli.config import ConfigError, Overrides, merge, read_config
from pohon_cli.config_files import find_config

# A tree with one warning of each of PK101 (T1 has no indicator) and PK114 (an activity).
TREE = """\
versi: 1
instansi: {nama: Dinas Pendidikan Kota Contoh}
tahun: 2024
visi: Terwujudnya pendidikan yang bermutu
misi: [{kode: M1, uraian: Meningkatkan mutu pendidikan}]
pohon:
  - kode: T1
    jenjang: tujuan
    uraian: Peningkatan mutu pendidikan
"""


def _tree(folder: Path, name: str = "pohon.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(TREE, encoding="utf-8")
    return path


def _toml(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def _codes(out: str) -> list[str]:
    return [line.split("[", 1)[1][:5] for line in out.splitlines() if " [PK" in line]


def test_no_config_means_every_rule_at_its_default(tmp_path: Path) -> None:
    assert _codes(run("validate", _tree(tmp_path)).stdout) == ["PK101", "PK114"]


def test_nearest_pyproject_with_tool_pohon_is_found(tmp_path: Path) -> None:
    _toml(tmp_path / "pyproject.toml", '[tool.pohon]\nignore = ["PK101"]\n')
    # a pyproject.toml without [tool.pohon] on the way does not count
    _toml(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "pohon-data"\n')
    path = _tree(tmp_path / "sub" / "data")
    assert find_config(path.parent) == tmp_path / "pyproject.toml"
    assert _codes(run("validate", path).stdout) == ["PK114"]


def test_pohon_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _toml(tmp_path / "pyproject.toml", '[tool.pohon]\nignore = ["PK101"]\n')
    _toml(tmp_path / "pohon.toml", 'ignore = ["goal-as-activity"]\n')
    assert find_config(tmp_path) == tmp_path / "pohon.toml"
    assert _codes(run("validate", _tree(tmp_path)).stdout) == ["PK101"]


def test_nearest_config_wins_per_file(tmp_path: Path) -> None:
    _toml(tmp_path / "pohon.toml", 'ignore = ["PK101"]\n')
    _toml(tmp_path / "b" / "pohon.toml", 'ignore = ["PK114"]\n')
    out = run("validate", _tree(tmp_path / "a"), _tree(tmp_path / "b")).stdout
    assert _codes(out) == ["PK114", "PK101"]


def test_select_severity_and_fail_on(tmp_path: Path) -> None:
    _toml(
        tmp_path / "pyproject.toml",
        """
        [tool.pohon]
        select = ["PK101", "PK114"]
        severity = { PK114 = "error", result-without-indicator = "info" }
        fail-on = "info"
        """,
    )
    out = run("validate", _tree(tmp_path), expect=1).stdout
    assert "error [PK114]" in out and "info [PK101]" in out
    assert "1 error (" in out and "), 0 warnings, 1 info in 1 file" in out


def test_rule_options(tmp_path: Path) -> None:
    _toml(
        tmp_path / "pohon.toml",
        """
        [rules.PK101]
        levels = ["sasaran", "kegiatan"]

        [rules.goal-as-activity]
        activity-words = ["pelaksanaan"]
        """,
    )
    assert _codes(run("validate", _tree(tmp_path)).stdout) == []


def test_a_growth_rate_in_persen_may_fall_below_zero_with_min(tmp_path: Path) -> None:
    """A Bappeda's growth targets in persen can be negative: `min` lowers the floor."""
    tree = tmp_path / "pohon.yaml"
    tree.write_text(
        TREE
        + "    indikator:\n"
        + "      - {kode: I1, uraian: Pertumbuhan PDRB, satuan: persen,"
        + " target: {2024: -0.5}}\n",
        encoding="utf-8",
    )
    out = run("validate", tree, "--select", "PK104", expect=1).stdout
    assert "is -0.5, but `satuan: persen` lies between 0 and 100" in out
    _toml(tmp_path / "pohon.toml", "[rules.PK104]\nmin = -10\n")
    assert _codes(run("validate", tree, "--select", "PK104").stdout) == []


def test_command_line_wins_over_the_config(tmp_path: Path) -> None:
    _toml(
        tmp_path / "pohon.toml",
        """
        ignore = ["PK114"]
        fail-on = "warning"
        """,
    )
    path = _tree(tmp_path)
    assert _codes(run("validate", path, expect=1).stdout) == ["PK101"]
    # --select replaces the config's choice, --fail-on its threshold
    out = run("validate", path, "--select", "PK114", "--fail-on", "error").stdout
    assert _codes(out) == ["PK114"]
    # --ignore removes from what the config selects
    assert _codes(run("validate", path, "--ignore", "PK101").stdout) == []


def test_each_layer_selects_then_ignores(tmp_path: Path) -> None:
    config = read_config(_toml(tmp_path / "pohon.toml", 'select = ["PK101", "PK102"]\n'))
    assert merge(config, Overrides()).enabled == {"PK101", "PK102"}
    assert merge(config, Overrides(select=("PK114",))).enabled == {"PK114"}
    assert merge(config, Overrides(ignore=("PK101",))).enabled == {"PK102"}
    assert merge(config, Overrides()).fail_on == "error"
    assert merge(config, Overrides(fail_on="info")).fail_on == "info"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[tool.pohon]\nfail_on = 'warning'\n",
            "pyproject.toml:2: `tool.pohon.fail_on`: unknown key (did you mean `fail-on`?)",
        ),
        (
            "[tool.pohon]\nignore = ['PK1O8']\n",
            "pyproject.toml:2: `tool.pohon.ignore`: `PK1O8` is not a rule (did you mean",
        ),
        (
            "[tool.pohon]\nignore = 'PK108'\n",
            "pyproject.toml:2: `tool.pohon.ignore` must be a list of rule codes",
        ),
        ("[tool.pohon]\nignore = ['PK021']\n", "`PK021` is a loader check, not a lint rule"),
        (
            "[tool.pohon]\n\nseverity = {PK108 = 'fatal'}\n",
            "pyproject.toml:3: `tool.pohon.severity.PK108`: `fatal` is not a severity",
        ),
        (
            "[tool.pohon]\nfail-on = 'warn'\n",
            "pyproject.toml:2: `tool.pohon.fail-on`: `warn` is not a severity: "
            "use error, warning or info (did you mean `warning`?)",
        ),
        (
            "[tool.pohon.rules.PK108]\ninstitution-word = ['KPU']\n",
            "pyproject.toml:2: `tool.pohon.rules.PK108.institution-word`: unknown option "
            "(did you mean `institution-words`",
        ),
        (
            "[tool.pohon.rules.PK104]\nmax = 'seratus'\n",
            "pyproject.toml:2: `tool.pohon.rules.PK104.max` must be a number",
        ),
        (
            "[tool.pohon.rules.PK102]\nlevels = []\n",
            "`tool.pohon.rules.PK102.levels`: unknown option (PK102 has no options)",
        ),
        ("[tool.pohon]\nignore = [\n", "pyproject.toml:2: not valid TOML"),
        ("[tool.pohon]\nignore = ['PK101'\nselect = []\n", "not valid TOML"),
    ],
)
def test_bad_config_exits_2_with_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    _toml(tmp_path / "pyproject.toml", text)
    err = run("validate", _tree(tmp_path), expect=2).stderr
    assert message in err, err
    assert "Traceback" not in err


def test_config_error_is_an_input_error(tmp_path: Path) -> None:
    path = _toml(tmp_path / "pohon.toml", "select = 3\n")
    with pytest.raises(ConfigError, match=r"pohon.toml:1: `select` must be a list"):
        read_config(path)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "pohon.toml:2: `bahasa` must be id (Bahasa Indonesia) or en (English), not 'fr'"),
        ("id", "pohon.toml:2: `bahasa` harus id (Bahasa Indonesia) atau en (English), bukan 'fr'"),
    ],
)
def test_a_language_pohon_does_not_speak_is_an_error_at_its_line(
    tmp_path: Path, lang: str, message: str
) -> None:
    """`bahasa = "fr"` next to the file: exit 2, the file and line, in the language asked."""
    _toml(tmp_path / "pohon.toml", 'ignore = []\nbahasa = "fr"\n')
    err = run("validate", "--lang", lang, _tree(tmp_path), expect=2).stderr
    assert message in err, err
    assert "Traceback" not in err


def test_a_language_pohon_does_not_speak_stops_before_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found from the folder pohon runs in, `bahasa` chooses the language before the line is
    parsed: a wrong one stops every command, with the file and its line."""
    _toml(tmp_path / "pohon.toml", 'bahasa = "fr"\n')
    monkeypatch.chdir(tmp_path)
    err = run("validate", _tree(tmp_path), expect=2, env={"POHON_LANG": ""}).stderr
    assert "pohon.toml:1: `bahasa` must be id (Bahasa Indonesia) or en (English), not 'fr'" in err
    assert "Traceback" not in err


def test_config_errors_are_said_in_indonesian(tmp_path: Path) -> None:
    _toml(tmp_path / "pohon.toml", 'selectt = ["PK101"]\n')
    err = run("validate", "--lang", "id", _tree(tmp_path), expect=2).stderr
    assert "pohon.toml:1: `selectt`: kunci tidak dikenal (mungkin maksudnya `select`?)" in err


def test_toml_errors_are_said_in_indonesian(tmp_path: Path) -> None:
    _toml(tmp_path / "pohon.toml", "ignore = \n")
    err = run("validate", "--lang", "id", _tree(tmp_path), expect=2).stderr
    assert "pohon.toml:1:10: bukan TOML yang sah: nilai tidak sah" in err, err
