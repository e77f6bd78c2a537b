"""Every output format, parsed back: JSON and SARIF as JSON (SARIF checked against the
fields 2.1.0 requires), GitHub annotations by pattern, JUnit as XML; the text report, plain
or coloured; many files in their given order; exit codes for --fail-on and --strict."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CASES, DATA, run

from pohon_cli.output.problems import FORMATS, text
from pohon_cli.output.problems.github import escape_data, escape_property
from pohon_cli.rules import LOADER_CHECK_HELP, LOADER_CHECKS, RULES
from pohon_cli.rules.lint import Settings, lint_path

# One error (PK104 at 13:93), one warning (PK108 at 10:44-10:61), one info (PK110 at 6:61).
TREE = """
versi: 1
instansi: {nama: Komisi Pemilihan Umum Kabupaten Bengkulu Tengah}
tahun: 2024
visi: Menjadi penyelenggara Pemilu yang berintegritas
misi: [{kode: M1, uraian: Meningkatkan kualitas Pemilu}]
unit_kerja: [{kode: TEKNIS, nama: Subbagian Teknis}, {kode: UMUM, nama: Subbagian Umum}]
pohon:
  - kode: K1
    jenjang: kegiatan
    uraian: Pelaksanaan Teknis Pemilu oleh KPU Kota Bengkulu, 100% "tepat"
    penanggung_jawab: TEKNIS
    indikator:
      - {kode: K1.1, uraian: Persentase tahapan tepat waktu, satuan: persen, target: {2024: 110}}
"""
GITHUB = re.compile(
    r"^::(?P<command>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),"
    r"col=(?P<col>\d+)(?:,endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+))?,"
    r"title=(?P<title>PK\d{3})::(?P<message>.+)$"
)
# the `write` fixture: write(text, name="pohon.yaml") -> path
Write = Callable[..., Path]
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (error|warning|info) \[PK\d{3}\] .+")


@pytest.fixture
def tree(write: Write) -> Path:
    return write(TREE)


def test_json(tree: Path) -> None:
    rows = json.loads(run("validate", tree, "--format", "json", expect=1).stdout)
    assert {tuple(r) for r in rows} == {
        (
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "code",
            "severity",
            "message",
            "hint",
        )
    }
    places = {(r["code"], r["severity"], r["line"], r["column"]) for r in rows}
    assert places == {
        ("PK104", "error", 13, 93),
        ("PK108", "warning", 10, 44),
        ("PK110", "info", 6, 61),
    }
    other = next(r for r in rows if r["code"] == "PK108")
    assert (other["end_line"], other["end_column"]) == (10, 61)
    assert other["file"] == str(tree)


def test_every_sarif_rule_carries_its_documentation(tree: Path) -> None:
    """The loader's checks (PK001-PK024) as the lint rules: a dashboard shows each one's
    fullDescription and help beside the result."""
    log = json.loads(run("validate", tree, "--format", "sarif", expect=1).stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} >= set(LOADER_CHECKS)
    for rule in rules:
        assert rule["fullDescription"]["text"].strip(), rule["id"]
        assert rule["help"]["text"].strip(), rule["id"]
        assert rule["help"]["markdown"].strip(), rule["id"]
    assert set(LOADER_CHECK_HELP) == set(LOADER_CHECKS)


def test_github_annotations(tree: Path) -> None:
    out = run("validate", tree, "--format", "github", expect=1).stdout
    found = [GITHUB.match(line) for line in out.splitlines()]
    assert all(found), out
    by_title = {m["title"]: m for m in found if m}
    assert by_title["PK104"]["command"] == "error"
    assert by_title["PK110"]["command"] == "notice"
    assert (by_title["PK108"]["line"], by_title["PK108"]["end_col"]) == ("10", "61")


def test_github_escaping(write: Write) -> None:
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    path = write(TREE, "odd, name: here.yaml")
    out = run("validate", path, "--format", "github", expect=1).stdout
    assert "file=" + str(path).replace(",", "%2C").replace(":", "%3A") + "," in out


def test_github_actions_gets_text_and_annotations(tree: Path) -> None:
    out = run("validate", tree, expect=1, env={"GITHUB_ACTIONS": "true"}).stdout
    lines = out.splitlines()
    assert sum(bool(LINE.match(line)) for line in lines) == 3
    assert sum(bool(GITHUB.match(line)) for line in lines) == 3
    assert "1 error (" in out and "), 1 warning, 1 info in 1 file" in out
    assert f"1 error ({tree}:13), 0 warnings" not in out
    # an explicit --format is obeyed as given
    assert not GITHUB.match(
        run("validate", tree, "-f", "text", expect=1, env={"GITHUB_ACTIONS": "true"}).stdout
    )


def test_sarif_has_what_2_1_0_requires(tree: Path) -> None:
    log = json.loads(run("validate", tree, DATA, "--format", "sarif", expect=1).stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (only_run,) = log["runs"]
    driver = only_run["tool"]["driver"]
    assert driver["name"] == "pohon"
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids)) and set(ids) == set(RULES) | set(LOADER_CHECKS)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert only_run["columnKind"] == "unicodeCodePoints"
    results = only_run["results"]
    assert len(results) > 3
    for result in results:
        assert result["message"]["text"]
        assert result["level"] in ("error", "warning", "note")
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"]
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {tree.as_uri(), "data/pohon_kinerja.yaml"} or DATA.is_absolute()


def test_sarif_names_a_broken_file(write: Write) -> None:
    log = json.loads(run("validate", write("versi: [\n"), "-f", "sarif", expect=1).stdout)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "PK001" and result["level"] == "error"


def test_junit(tree: Path, write: Write) -> None:
    clean = write(TREE.replace("KPU Kota Bengkulu", "KPU Kabupaten Bengkulu Tengah"), "b.yaml")
    xml = run("validate", tree, clean, "--format", "junit", expect=1).stdout
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    first, second = root.findall("testsuite")
    assert first.get("name") == str(tree)
    assert (first.get("tests"), first.get("failures")) == ("3", "1")
    (failure,) = first.iter("failure")
    assert failure.get("type") == "PK104"
    assert (root.get("tests"), root.get("failures")) == ("5", "2")
    assert [case.get("name") for case in second.iter("testcase")] == [
        "PK110 at 6:61",
        "PK104 at 13:93",
    ]
    # with --strict the warning fails too, the info still passes
    strict = ET.fromstring(run("validate", tree, "-f", "junit", "--strict", expect=1).stdout)
    assert strict.get("failures") == "2"


def test_junit_for_a_clean_file(write: Write) -> None:
    clean = TREE.replace("KPU Kota Bengkulu", "KPU Kabupaten Bengkulu Tengah")
    clean = clean.replace("110", "100").replace("{kode: UMUM, nama: Subbagian Umum}", "")
    clean = clean.replace("[{kode: TEKNIS, nama: Subbagian Teknis}, ]", "[{kode: TEKNIS, nama: T}]")
    root = ET.fromstring(run("validate", write(clean), "-f", "junit").stdout)
    (case,) = root.iter("testcase")
    assert case.get("name") == "valid" and root.get("failures") == "0"


def test_text_is_plain_when_not_a_terminal(tree: Path) -> None:
    out = run("validate", tree, expect=1).stdout
    assert "\x1b" not in out
    lines = out.splitlines()
    assert all(LINE.match(line) for line in lines[:-1])
    assert lines[-1] == f"1 error ({tree}:13), 1 warning, 1 info in 1 file"


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal, as a real one does."""

    def isatty(self) -> bool:
        return True


def test_text_is_coloured_on_a_terminal_unless_no_color(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = lint_path(tree, Settings())
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = _Terminal()
    text.write([report], coloured)
    assert "\x1b[" in coloured.getvalue()
    plain_text = re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue())
    assert f"{tree}:13:93: error [PK104]" in plain_text
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Terminal()
    text.write([report], plain)
    assert "\x1b" not in plain.getvalue()
    # the error first, the info (line 6) last: worst first, each in line order
    first, *_, last, _summary = plain.getvalue().splitlines()
    assert first.startswith(f"{tree}:13:93: error [PK104]")
    assert last.startswith(f"{tree}:6:61: info [PK110]")


def test_many_files_keep_the_order_given(tmp_path: Path) -> None:
    names = ["c.yaml", "a.yaml", "b.yaml", "d.yaml"]
    for name in names:
        (tmp_path / name).write_text(TREE.lstrip(), encoding="utf-8")
    out = run("validate", *(tmp_path / n for n in names), "-f", "json", expect=1).stdout
    files = [Path(row["file"]).name for row in json.loads(out)]
    assert list(dict.fromkeys(files)) == names
    # a directory: its files, sorted
    out = run("validate", tmp_path, expect=1).stdout
    assert [Path(m["file"]).name for m in map(LINE.match, out.splitlines()) if m][::3] == sorted(
        names
    )
    assert "4 errors (" in out and "), 4 warnings, 4 info in 4 files" in out


def test_every_format_is_registered() -> None:
    assert set(FORMATS) == {"text", "json", "github", "sarif", "junit"}


def test_exit_codes_follow_fail_on(write: Write) -> None:
    warning_only = write(TREE.replace("110", "100"))
    run("validate", warning_only)
    run("validate", warning_only, "--fail-on", "warning", expect=1)
    run("validate", warning_only, "--strict", expect=1)
    info_only = write(
        TREE.replace("110", "100").replace("Kota Bengkulu", "Kabupaten Bengkulu Tengah")
    )
    run("validate", info_only, "--strict")
    run("validate", info_only, "--fail-on", "info", expect=1)
    run("validate", info_only, "--ignore", "PK110", "--fail-on", "info")
    assert "not a severity" in run("validate", info_only, "--fail-on", "warn", expect=2).stderr
    assert (
        "--strict means"
        in run("validate", info_only, "--strict", "--fail-on", "error", expect=2).stderr
    )


def test_unknown_codes_on_the_command_line(tree: Path) -> None:
    err = run("validate", tree, "--select", "PK104,PK1O8", expect=2).stderr
    assert "--select: `PK1O8` is not a rule (did you mean" in err
    assert "loader check" in run("validate", tree, "--ignore", "PK001", expect=2).stderr
    out = run("validate", tree, "--select", "persen-out-of-range", "--select", "PK110", expect=1)
    assert [
        m["code"]
        for m in json.loads(
            run("validate", tree, "--select", "PK104,PK110", "-f", "json", expect=1).stdout
        )
    ] == ["PK110", "PK104"]
    assert "[PK108]" not in out.stdout


def test_no_inline_suppress_shows_everything(write: Write) -> None:
    silenced = TREE.replace(
        '"tepat"\n', '"tepat"  # pohon: disable=PK108 -- the district reports to the city\n'
    )
    path = write(silenced)
    assert "[PK108]" not in run("validate", path, expect=1).stdout
    out = run("validate", path, "--no-inline-suppress", expect=1).stdout
    assert "[PK108]" in out and "[PK118]" not in out


# Every command that reads a file, with the format a program would parse.
READERS = [
    ("show", "-f", "json"),
    ("indicators", "-f", "csv"),
    ("units", "-f", "json"),
    ("stats", "-f", "json"),
    ("report", "-f", "json"),
    ("export", "-f", "markdown"),
    ("render", "-f", "dot", "-o", "-"),
]


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_a_broken_file_leaves_stdout_empty_in_every_command(
    command: tuple[str, ...], write: Write
) -> None:
    """The rule of every command but validate: stdout is the document or nothing; the
    problems go to stderr as validate prints them, and the exit code is 1."""
    broken = write(TREE.replace("jenjang: kegiatan", "jenjang: kegiatann"))
    name, *options = command
    result = run(name, broken, *options, expect=1)
    assert result.stdout == ""
    assert re.match(rf"{re.escape(str(broken))}:9:14: error \[PK023\]", result.stderr)
    old = write(TREE, "old.yaml")
    for pair in ((old, broken), (broken, old)):
        result = run("diff", *pair, "-f", "json", expect=1)
        assert result.stdout == "" and "[PK023]" in result.stderr


def test_a_file_name_that_is_not_utf8_in_every_format(tmp_path: Path) -> None:
    """Its bytes reach Python as lone surrogates, which a UTF-8 stdout refuses: each
    format still comes out whole, the name escaped, and SARIF keeps the byte (%FF)."""
    (tmp_path / os.fsdecode(b"bad\xff.yaml")).write_text(
        TREE.replace("kegiatan", "kegiatann"), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    outputs = {}
    for name in ("text", "json", "sarif", "junit", "github"):
        done = subprocess.run(
            [sys.executable, "-m", "pohon_cli", "validate", ".", "-f", name],
            cwd=tmp_path,
            capture_output=True,
            env=env,
            check=False,
        )
        assert (done.returncode, done.stderr) == (1, b""), done.stderr.decode()
        outputs[name] = done.stdout.decode("utf-8")  # valid UTF-8, or this fails
    assert json.loads(outputs["json"])[0]["file"] == os.fsdecode(b"bad\xff.yaml")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(outputs["sarif"])["runs"][0]["results"]
    }
    assert uris == {"bad%FF.yaml"}
    ET.fromstring(outputs["junit"])
    assert "bad\\udcff.yaml:" in outputs["text"]


def test_control_characters_in_a_file_name(tmp_path: Path) -> None:
    """JUnit stays well-formed (XML cannot hold \\x01 even escaped) and the text report
    keeps one line per problem, without an escape code to drive the terminal."""
    broken = TREE.replace("kegiatan", "kegiatann")
    for name in ("a\x01\x1b[31m.yaml", 'b\nc]]>&"<.yaml'):
        (tmp_path / name).write_text(broken, encoding="utf-8")
    root = ET.fromstring(run("validate", tmp_path, "-f", "junit", expect=1).stdout)
    names = [suite.get("name") for suite in root.iter("testsuite")]
    assert names == [f"{tmp_path}/a\\x01\\x1b[31m.yaml", f'{tmp_path}/b\nc]]>&"<.yaml']
    for failure in root.iter("failure"):
        assert (failure.text or "").count("\n") == 0
    out = run("validate", tmp_path, expect=1).stdout
    assert "\x1b" not in out and "\x01" not in out
    lines = [line for line in out.splitlines() if "[PK" in line]
    assert list(dict.fromkeys(line.split(":")[0] for line in lines)) == [
        f"{tmp_path}/a\\x01\\x1b[31m.yaml",
        f'{tmp_path}/b\\nc]]>&"<.yaml',
    ]
    assert len(lines) == 8 and all(LINE.match(line) for line in lines)


def test_force_color_colours_the_text_report_as_it_does_every_text_view(tree: Path) -> None:
    coloured = run("validate", tree, expect=1, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in coloured.stdout
    for off in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        plain = run("validate", tree, expect=1, env={"FORCE_COLOR": "1", **off}).stdout
        assert "\x1b" not in plain


MACHINE = [
    ("validate", "-f", "json"),
    ("validate", "-f", "sarif"),
    ("validate", "-f", "junit"),
    ("validate", "-f", "github"),
    ("show", "-f", "json"),
    ("indicators", "-f", "json"),
    ("indicators", "-f", "csv"),
    ("indicators", "-f", "markdown"),
    ("units", "-f", "json"),
    ("stats", "-f", "json"),
    ("stats", "-f", "markdown"),
    ("report", "-f", "json"),
    ("report", "-f", "csv"),
    ("report", "-f", "markdown"),
    ("export", "-f", "markdown"),
]


@pytest.mark.parametrize("command", MACHINE, ids=" ".join)
def test_machine_formats_ignore_the_terminal_settings(command: tuple[str, ...], tree: Path) -> None:
    """The same bytes whatever COLUMNS, TERM, NO_COLOR or FORCE_COLOR say: no colour, no
    wrapping (a long uraian stays on its line)."""
    name, *options = command
    expect = 1 if name == "validate" else 0
    plain = run(name, tree, *options, expect=expect, env={"FORCE_COLOR": ""}).stdout
    for env in ({"FORCE_COLOR": "1", "COLUMNS": "20"}, {"COLUMNS": "400", "TERM": "dumb"}):
        assert run(name, tree, *options, expect=expect, env=env).stdout == plain
    assert "\x1b" not in plain and plain.endswith("\n")


SMALL = CASES / "show" / "small.yaml"
INDICATOR_KEYS = {"kode", "uraian", "satuan", "polaritas", "baseline", "target", "realisasi"}
INDICATOR_KEYS |= {"polaritas_tertulis"}
INDICATOR_KEYS |= {"capaian", "penanggung_jawab", "penanggung_jawab_lain", "nasional", "baris"}


# added in issue 12, on nodes and indicators of show, indicators and report rows
BUDGET_KEYS = frozenset(("anggaran", "realisasi_anggaran", "serapan_anggaran"))


def test_json_keys_are_the_ones_the_docs_list() -> None:
    """The keys are an interface: a program reads them, docs/output.md lists them, this
    test keeps them; each node and indicator says on which line it is written."""
    shown = json.loads(run("show", SMALL, "-f", "json").stdout)
    assert set(shown) == {
        *("file", "instansi", "tahun", "visi", "misi", "jenjang", "filter", "pohon"),
    }
    top = shown["pohon"][0]
    assert set(top) == {
        *("kode", "jenjang", "uraian", "hasil", "misi", "penanggung_jawab", "jenis"),
        *("nasional", "catatan", "konteks", "baris", "indikator", "anak", "penanggung_jawab_lain"),
        *BUDGET_KEYS,
    }
    assert set(top["indikator"][0]) == INDICATOR_KEYS | BUDGET_KEYS | {
        "target_induk",
        "target_triwulan",
        "target_induk_triwulan",
        "definisi",
        "formula",
        "sumber_data",
        "catatan",
    }
    text = SMALL.read_text(encoding="utf-8").splitlines()
    assert text[top["baris"] - 1].endswith("- kode: T1")
    assert "kode: I-T1" in text[top["indikator"][0]["baris"] - 1]

    (row, *_) = json.loads(run("indicators", SMALL, "-f", "json").stdout)
    assert set(row) == INDICATOR_KEYS | BUDGET_KEYS | {"simpul", "jenjang", "target_triwulan"}
    assert row["baris"] == top["indikator"][0]["baris"]

    report = json.loads(run("report", SMALL, "-f", "json").stdout)
    assert set(report) == {"file", "tahun", "pengaturan", "indikator", "tanpa_realisasi"} | {
        "ringkasan",
        "serapan_anggaran",
    }
    assert set(report["indikator"][0]) == {
        *("kode", "uraian", "simpul", "satuan", "polaritas", "penanggung_jawab", "target"),
        *("target_tertulis", "target_triwulan", "polaritas_tertulis"),
        *("realisasi_tertulis", "realisasi", "dasar", "sementara", "status", "capaian"),
        *("capaian_dibatasi", "predikat", "keterangan", "baris", "penanggung_jawab_lain"),
        *BUDGET_KEYS,
    }
    assert report["indikator"][0]["baris"] == row["baris"]
    assert set(report["ringkasan"]) == {"simpul", "unit", "misi", "keseluruhan"}
    assert set(report["serapan_anggaran"]) == {
        *("simpul_dan_indikator", "misi", "keseluruhan", "efisiensi"),
    }
    assert "sebagai_mitra" in report["ringkasan"]["unit"][0]
    assert "sebagai_mitra" not in report["ringkasan"]["simpul"][0]

    stats = json.loads(run("stats", SMALL, "-f", "json").stdout)
    assert set(stats) == {
        *("file", "instansi", "year", "nodes", "indicators", "levels", "indicators_per_node"),
        *("shared", "units", "nodes_without_unit", "indicators_without_unit", "missions"),
        *("nodes_without_mission", "without_target", "with_realisasi"),
    }
    units = json.loads(run("units", SMALL, "-f", "json").stdout)
    assert set(units) == {"unit_kerja", "tanpa_unit"}
    assert set(units["unit_kerja"][0]) == {
        *("kode", "nama", "atasan", "tugas", "jumlah_simpul", "jumlah_indikator", "simpul"),
    }
    assert set(units["unit_kerja"][0]["simpul"][0]) == {
        *("kode", "jenjang", "penanggung_jawab", "penanggung_jawab_lain", "indikator"),
    }


@pytest.mark.parametrize(("strict", "expect"), [((), 0), (("--strict",), 1)])
def test_a_reader_that_stops_early_keeps_validates_verdict(
    tmp_path: Path, strict: tuple[str, ...], expect: int
) -> None:
    """`pohon validate data/ | head -1`: the exit code is still the verdict on the files
    (click would exit 1 for the broken pipe: "problems" in a clean tree)."""
    for n in range(20):  # annotations well beyond a pipe's buffer
        (tmp_path / f"p{n:02}.yaml").write_bytes(DATA.read_bytes())
    process = subprocess.Popen(
        [sys.executable, "-m", "pohon_cli", "validate", str(tmp_path), "-f", "github", *strict],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == expect
    assert first.startswith(b"::") and stderr == b""
