"""The lint rules: every rule fails and passes on a case file at exact places, its own
documentation examples are true, the registry is consistent, and the seed's real mistakes
are found."""

from __future__ import annotations

import ast
import importlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CASES, DATA, ROOT, run

from pohon_cli.i18n import LANGUAGES, Language, speaking
from pohon_cli.problem import Problem
from pohon_cli.rules import (
    LOADER_CHECK_HELP,
    LOADER_CHECKS,
    RULES,
    every_rule,
    find_rule,
    rule_by_code,
)
from pohon_cli.rules.lint import Settings, lint_path

RULE_CASES = sorted((CASES / "rules").glob("*.yaml"))
# code@line:col, or code@line:col-endline:endcol
EXPECT = re.compile(r"^(PK\d{3})@(\d+):(\d+)(?:-(\d+):(\d+))?$")

# What an example leaves out is filled in from here, so that it loads.
EXAMPLE_HEADER = {
    "versi": "versi: 1",
    "instansi": "instansi: {nama: Komisi Pemilihan Umum Kabupaten Contoh}",
    "tahun": "tahun: 2024",
    "visi": "visi: Menjadi penyelenggara Pemilu yang berintegritas",
    "misi": "misi: [{kode: M1, uraian: Meningkatkan kualitas Pemilu}]",
}


def _place(problem: Problem) -> str:
    end = f"-{problem.end_line}:{problem.end_column}" if problem.end_line else ""
    return f"{problem.code}@{problem.line}:{problem.column}{end}"


def _expected(path: Path) -> set[str]:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("# expect: "), f"{path.name}: the first line says what it expects"
    words = first.removeprefix("# expect: ").split()
    if words == ["nothing"]:
        return set()
    assert all(EXPECT.match(w) for w in words), first
    return set(words)


@pytest.mark.parametrize("path", RULE_CASES, ids=lambda p: p.stem)
def test_rule_case(path: Path) -> None:
    code = path.name[:5]
    report = lint_path(path, Settings())
    assert [p for p in report.problems if p.code in LOADER_CHECKS] == [], "the case must load"
    found = {_place(p) for p in report.problems if p.code == code}
    assert found == _expected(path)


# the cross-file rules are tested over a workspace, in tests/rules/test_cascade.py
ONE_FILE_RULES = [code for code, rule in RULES.items() if rule.across is None]


@pytest.mark.parametrize("code", ONE_FILE_RULES)
def test_every_rule_has_a_failing_and_a_passing_case(code: str) -> None:
    fail = CASES / "rules" / f"{code}-fail.yaml"
    assert fail.exists() and _expected(fail), f"{fail.name} must exist and expect problems"
    assert (CASES / "rules" / f"{code}-pass.yaml").exists()


def _complete(example: str) -> str:
    present = set(re.findall(r"^([a-z_]+):", example, re.M))
    header = [line for key, line in EXAMPLE_HEADER.items() if key not in present]
    return "\n".join(header) + "\n" + example


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", ONE_FILE_RULES)
def test_documented_examples_are_true(
    code: str, language: Language, write: Callable[[str, str], Path]
) -> None:
    """`pohon rules CODE` shows a bad and a good example, in each language (an example with
    words in it is translated): the bad one fails, the good one not."""
    rule = RULES[code]
    with speaking(language):
        examples = ((rule.example("bad"), True), (rule.example("good"), False))
    for example, fails in examples:
        report = lint_path(write(_complete(example), f"{code}.yaml"), Settings())
        assert [p for p in report.problems if p.code in LOADER_CHECKS] == []
        assert any(p.code == code for p in report.problems) is fails, (example, report)


def test_registry_is_consistent() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert rule.code == code and re.fullmatch(r"PK1\d\d", code)
        assert rule.summary.endswith(".") and "\n" not in rule.summary
        # a cross-file rule has no one-file example: its rationale says how it runs
        assert rule.rationale and (rule.bad != rule.good or rule.across is not None)
        assert find_rule(rule.name) is rule and find_rule(code.lower()) is rule
        assert len({option.name for option in rule.options}) == len(rule.options)


def _rules_defined_in(path: Path) -> list[str]:
    """The names a module binds at its top level to a ``Rule(...)``, read from its source."""
    return [
        target.id
        for statement in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(statement, ast.Assign | ast.AnnAssign)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Name)
        and statement.value.func.id == "Rule"
        for target in (
            statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        )
        if isinstance(target, ast.Name)
    ]


def test_every_rule_a_family_defines_is_in_its_tuple_and_the_registry() -> None:
    """The registry reads each family's ``RULES``: a rule left out of it would never run."""
    package = ROOT / "pohon_cli" / "rules"
    registered: list[str] = []
    for path in sorted(package.glob("*.py")):
        names = _rules_defined_in(path)
        if not names:
            continue
        module = importlib.import_module(f"pohon_cli.rules.{path.stem}")
        family = getattr(module, "RULES", ())
        defined = [getattr(module, name) for name in names]
        assert len(family) == len(defined), f"{path.name}: RULES lists every rule, once"
        assert all(any(rule is listed for listed in family) for rule in defined), path.name
        registered += [rule.code for rule in family]
        assert all(RULES.get(rule.code) is rule for rule in family), path.name
    assert sorted(registered) == list(RULES), "one code per rule, in code order"


def test_every_rule_and_rule_by_code_read_the_registry() -> None:
    assert every_rule() == tuple(RULES.values())
    for rule in every_rule():
        assert rule_by_code(rule.code) is rule and rule_by_code(rule.code.lower()) is rule
    with pytest.raises(KeyError):
        rule_by_code("PK001")


def test_seed_shows_its_real_mistakes_as_warnings() -> None:
    """The published document's copy-paste and unit mistakes, and nothing that fails CI."""
    out = run("validate", DATA).stdout
    assert "0 errors" in out
    lines = out.splitlines()

    def codes(kode: str) -> set[str]:
        return {
            m.group(1)
            for line in lines
            if f"`{kode}`" in line
            for m in [re.search(r"\[(PK\d+)\]", line)]
            if m
        }

    for kode in ("IK-RANCANGAN-PKPU", "IK-EVALUASI-AKIP", "IK-BMN", "IKK-NASKAH", "IK-APLIKASI"):
        assert "PK108" in codes(kode), kode
    assert "PK107" in codes("IK-OPINI-BPK")  # "Persentasi Opini BPK" in persen
    assert "PK109" in codes("M6")
    assert "PK101" in codes("P-PEMILU") and "PK101" in codes("P-DUKMAN")
    assert "PK110" in codes("STAF")
    # national items are inherited as written, and are not the office's to fix
    assert not codes("IKU-AMAN") and not codes("T3") - {"PK101"}
    assert all(" warning " in line or " info " in line for line in lines if "[PK" in line)


def test_the_docs_list_every_rule_and_show_the_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    rules_page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| {rule.code} | {rule.severity} | `{rule.name}` | {rule.summary} |" in rules_page
    validate_page = (ROOT / "docs" / "validate.md").read_text(encoding="utf-8")
    monkeypatch.chdir(ROOT)
    shown = run("validate", "data/pohon_kinerja.yaml").stdout
    assert f"$ pohon validate data/pohon_kinerja.yaml\n{shown}```" in validate_page


def test_rules_command_lists_and_explains() -> None:
    listed = run("rules").stdout
    for rule in RULES.values():
        assert re.search(rf"^{rule.code}\s+{rule.severity}\s+{rule.name}\s+", listed, re.M)
    explained = run("rules", "other-institution").stdout
    assert explained.startswith("PK108 other-institution (default severity: warning)")
    assert "\nBad:\n" in explained and "\nGood:\n" in explained
    assert "[tool.pohon.rules.PK108]" in explained and "institution-words" in explained
    assert "KPU Kota Bengkulu" in run("rules", "pk108").stdout
    assert "always an error" in run("rules", "PK021").stdout


def test_rules_command_speaks_indonesian() -> None:
    """`pohon rules PK115 --lang id`: the rule's doc in Indonesian, with its examples; the
    table's summaries in Indonesian, its codes, names and severities as they are."""
    explained = run("rules", "PK115", "--lang", "id").stdout
    assert explained.startswith("PK115 unchallenging-target (tingkat bawaan: warning)\n")
    assert "Target lebih buruk daripada realisasi tahun sebelumnya atau baseline." in explained
    assert "Target harus dapat dicapai dan menantang" in explained
    assert "\nContoh yang salah:\n" in explained and "\nContoh yang benar:\n" in explained
    assert "target: {2024: 75}" in explained and "target: {2024: 80}" in explained
    assert (
        "Opsi, di bawah [tool.pohon.rules.PK104]:" in run("rules", "PK104", "--lang", "id").stdout
    )
    # the one example with words in it says them in the language spoken
    assert "-- indikator provinsi" in run("rules", "PK118", "--lang", "id").stdout
    assert "-- the province's indicator" in run("rules", "PK118").stdout
    listed = run("rules", "--lang", "id").stdout
    assert re.search(r"^PK115\s+warning\s+unchallenging-target\s+Target lebih buruk", listed, re.M)
    assert "PK001–PK024 adalah pemeriksaan pemuat berkas: selalu kesalahan." in listed


def test_rule_table_headings_follow_the_language() -> None:
    import io

    from pohon_cli.output.terminal import Screen
    from pohon_cli.output.views.rules import write_table

    out = io.StringIO()
    with speaking("id"):
        write_table(RULES.values(), out, Screen(width=120, colour=True))
    assert all(word in out.getvalue() for word in ("kode", "tingkat", "nama", "ringkasan"))


def test_rule_messages_speak_indonesian() -> None:
    """Whole sentences, each translated as one: the polaritas, the side and what the target
    is measured against are in one message, not assembled."""
    said = run("validate", CASES / "rules" / "PK115-fail.yaml", "--lang", "id").stdout
    assert (
        "dengan `polaritas: turun`, target `T1.2` tahun 2024 (3) berada di atas baseline (2.5)"
        in said
    )
    assert (
        "tanpa `polaritas` (target tunggal dianggap naik), target `T1.4` tahun 2024 (4), " in said
    )
    said = run("validate", CASES / "rules" / "PK118-fail.yaml", "--lang", "id").stdout
    assert "komentar penonaktifan ini tidak dapat dibaca" in said
    assert "`PK114` dinonaktifkan di sini, tetapi tidak melaporkan apa pun pada baris 10" in said


def test_every_loader_check_is_explained_with_what_to_do() -> None:
    """`pohon rules PK0xx` says what the check means and how to fix it, as SARIF does."""
    for code, help_text in LOADER_CHECK_HELP.items():
        explained = " ".join(run("rules", code.lower()).stdout.split())
        assert explained.startswith(f"{code} (a loader check: always an error)")
        assert " ".join(help_text.split()) in explained, code


def test_rules_command_unknown_code_exits_2_with_a_suggestion() -> None:
    err = run("rules", "PK1O8", expect=2).stderr
    assert "`PK1O8` is not a rule" in err and "`PK108`" in err
    assert "did you mean `other-institution`" in run("rules", "other-institutions", expect=2).stderr


def test_numbers_in_messages_keep_their_digits(write: Callable[[str, str], Path]) -> None:
    """str() of a Decimal writes 0.0000001 as 1E-7: every message goes through number_text."""
    path = write(
        _complete(
            "pohon:\n"
            "  - kode: T1\n    jenjang: tujuan\n    uraian: Meningkatnya mutu\n"
            "    indikator:\n"
            "      - {kode: A, uraian: Persentase a, satuan: persen, polaritas: naik,\n"
            "         realisasi: {2023: 0.0000002}, target: {2024: 0.0000001}}\n"
            "      - {kode: B, uraian: Persentase b, satuan: persen, target: {2024: -0.0000001}}\n"
            "      - {kode: C, uraian: Persentase c, satuan: persen, polaritas: naik,\n"
            "         target: {2024: [0.0000001, 0.0000002]}}\n"
            "      - {kode: D, uraian: Jumlah d, satuan: unit, polaritas: naik,\n"
            "         target_induk: {2024: 0.0000003}, target: {2024: 0.0000001}}\n"
        ),
        "tiny.yaml",
    )
    out = run("validate", path, expect=1).stdout
    for code in ("PK104", "PK115", "PK119", "PK120"):
        assert f"[{code}]" in out, code
    assert "-0.0000001" in out and "(0.0000002)" in out and "(0.0000003)" in out
    # the loader's own messages too: a range written high to low
    broken = write(
        path.read_text(encoding="utf-8").replace("0.0000002]", "0.00000002]"),
        "broken.yaml",
    )
    out += run("validate", broken, expect=1).stdout
    assert "[PK012]" in out and "0.0000001 is above 0.00000002" in out
    assert not re.search(r"\dE[-+]\d", out), out


def test_pk119_says_what_report_computes(write: Callable[[str, str], Path]) -> None:
    """The warning on a naik or turun range says which side scores more than 100, and
    `pohon report` scores it so."""
    path = write(
        _complete(
            "pohon:\n"
            "  - kode: T1\n    jenjang: tujuan\n    uraian: Meningkatnya mutu\n"
            "    indikator:\n"
            "      - {kode: A, uraian: Persentase a, satuan: persen, polaritas: naik,\n"
            "         target: {2024: [80, 90]}, realisasi: {2024: 92}}\n"
            "      - {kode: B, uraian: Lama proses, satuan: bulan, polaritas: turun,\n"
            "         target: {2024: [7, 8]}, realisasi: {2024: 6.5}}\n"
        ),
        "ranges.yaml",
    )
    out = run("validate", path).stdout
    assert "one above 90 scores more" in out and "one below 7 scores more" in out
    rows = json.loads(run("report", path, "--format", "json").stdout)["indikator"]
    assert [(r["kode"], r["capaian"]) for r in rows] == [("A", 102.22), ("B", 107.14)]


def test_pk116_says_once_per_year_with_the_count_and_the_first_value() -> None:
    """Target columns one year past the periode: one warning for the year, at its first
    value, saying how many values and which indicator comes first; SARIF keeps its shape."""
    path = CASES / "rules" / "PK116-columns.yaml"
    out = run("validate", path).stdout
    assert out.count("[PK116]") == 2, out
    assert (
        "PK116-columns.yaml:18:36: warning [PK116] 3 targets and 1 realisasi of 3 "
        "indicators are for 2025, outside the periode 2020–2024; the first is the target "
        "of `T1.1`"
    ) in out, out
    assert "correct the `periode`" in out
    # one value outside: the message of one value, as before
    assert "`T1.2` has a realisasi for 2019, outside the periode 2020–2024" in out
    sarif = json.loads(run("validate", "-f", "sarif", path).stdout)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["PK116", "PK116"]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (18, 36)


def test_a_missing_polaritas_is_naik_for_a_single_target_in_pk115_and_pk120() -> None:
    """No polaritas: a single target is naik, so a target below last year's realisasi
    (PK115) or the induk's target (PK120) is worse; a range is not PK119's."""
    out = run("validate", CASES / "rules" / "PK115-fail.yaml").stdout
    assert (
        "without `polaritas` (a single target is naik), the target of `T1.3` for 2024 (65) "
        "is below the realisasi of 2023 (70)"
    ) in out, out
    # the targets worse than the baseline: one problem for the indicator, at the first
    assert (
        "PK115-fail.yaml:33:24: warning [PK115] without `polaritas` (a single target is "
        "naik), the targets of `T1.4` for 2024 (4), 2025 (5), 2026 (6) are all below the "
        "baseline (9)"
    ) in out, out
    out = run("validate", CASES / "rules" / "PK119-pass.yaml").stdout
    assert "PK119" not in out, out


def test_a_whole_year_without_targets_is_one_problem() -> None:
    """PK103 and PK117 say a file-wide gap once (tahun against the target columns; a
    realisasi column with no target column), and a single gap per indicator as before."""
    out = run("validate", CASES / "rules" / "PK103-tahun.yaml").stdout
    assert out.count("[PK103]") == 1, out
    assert (
        "PK103-tahun.yaml:5:8: warning [PK103] none of the 3 indicators with targets has one "
        "for 2025, the file's tahun (their targets are for 2026, 2027); the first is `T1.1`"
    ) in out, out
    out = run("validate", CASES / "rules" / "PK117-column.yaml").stdout
    assert out.count("[PK117]") == 2, out
    assert (
        "PK117-column.yaml:17:21: warning [PK117] 2 indicators have a realisasi for 2023, a "
        "year no indicator has a target for; the first is `T1.1`"
    ) in out, out
    assert "`T1.3` has a realisasi for 2025 but no target for that year" in out
