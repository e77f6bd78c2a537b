"""The corpus of hostile files: each gets exactly the problems it expects, at their places,
and every command answers it with an exit code and a message, never a traceback or a hang.

A file under tests/corpus/ says what it expects on its first line: ``# expect: ok`` (the
loader finds nothing) or ``# expect: PK004@3:8 PK012@9:1`` (exactly these codes at these
lines and columns). A line ``# says: ...`` among the first ones holds words the problems
must say: the message or hint a person reads, not only the code. Files under
tests/corpus/fuzz/ are inputs ``make fuzz`` found failing: they expect only an answer. A
``.gz`` file is a large input kept small. The largest inputs
(50 MB, 10,000-deep nesting, lines of megabytes) are generated here, at test time.
"""

from __future__ import annotations

import gzip
import os
import random
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import fuzz
import pytest
from conftest import DATA, ROOT, run
from generate import generate

from pohon_cli.load import MAX_BYTES, load_bytes, load_path

CORPUS = ROOT / "tests" / "corpus"
FILES = sorted(p for p in CORPUS.rglob("*") if p.name.endswith((".yaml", ".yaml.gz")))
EXPECT = re.compile(r"#\s*expect:\s*(.+?)\s*$")
ITEM = re.compile(r"(PK\d{3})(?:@(\d+):(\d+))?")
SAYS = re.compile(r"#\s*says:\s*(.+?)\s*$")
# Inputs on which a command that is not the loader's fails today: what fails, and where.
# They stay xfail (not strict) until the owner fixes it; the report names each.
KNOWN: dict[str, str] = {}
GB = 1024**3


def content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def expectation(data: bytes) -> list[tuple[str, int | None, int | None]] | None:
    """The problems a corpus file expects (empty for ``ok``); None when it says nothing."""
    for encoding in ("utf-8-sig", "utf-16", "utf-32", "utf-16-le"):
        first = data[:400].decode(encoding, errors="ignore").split("\n", 1)[0]
        found = EXPECT.match(first.strip("\r"))
        if found is not None:
            if found.group(1) == "ok":
                return []
            return [
                (code, int(line) if line else None, int(col) if col else None)
                for code, line, col in ITEM.findall(found.group(1))
            ]
    return None


def params(files: list[Path]) -> list[object]:
    return [
        pytest.param(
            path,
            id=str(path.relative_to(CORPUS)),
            marks=[pytest.mark.xfail(reason=KNOWN[path.name])] if path.name in KNOWN else [],
        )
        for path in files
    ]


EXPECTING = [p for p in FILES if expectation(content(p)) is not None]


def test_every_corpus_file_outside_fuzz_says_what_it_expects() -> None:
    silent = [p for p in FILES if p not in EXPECTING and p.parent.name != "fuzz"]
    assert silent == []
    assert len(EXPECTING) >= 40


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in EXPECTING])
def test_the_loader_finds_exactly_what_the_file_expects(path: Path) -> None:
    data = content(path)
    expected = expectation(data)
    assert expected is not None
    found = load_bytes(data, path.name).problems
    report = "\n".join(p.text() for p in found) or "no problems"
    assert len(found) == len(expected), report
    for problem, (code, line, column) in zip(found, expected, strict=True):
        assert problem.code == code, report
        assert line is None or (problem.line, problem.column) == (line, column), report
        assert problem.message and problem.file == path.name
    for words in said(data):
        assert words in report, report


def said(data: bytes) -> list[str]:
    """The words a corpus file's problems must say, from its ``# says:`` lines."""
    head = data[:2000].decode("utf-8", errors="ignore").split("\n")[:5]
    return [found.group(1) for line in head if (found := SAYS.match(line.strip("\r")))]


@pytest.mark.parametrize("path", params(FILES))
def test_every_command_answers_every_file(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # in an empty folder: a tag that would run `touch pohon-pwned` must leave nothing here
    monkeypatch.chdir(tmp_path)
    target = tmp_path / path.name.removesuffix(".gz")
    target.write_bytes(content(path))
    base_name = path.name.split("--")[0] if path.parent.name == "fuzz" else fuzz.SEED.stem
    base = fuzz.bases().get(base_name, fuzz.SEED)
    failures = fuzz.check(target, base, random.Random(0), every=True)
    assert failures == [], "\n\n".join(map(str, failures))
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


# -- what stays text stays text, exactly as written


def test_yaml_1_1_surprises_stay_text_exactly_as_written() -> None:
    tree = load_path(CORPUS / "yaml11_surprises.yaml").tree
    assert tree is not None
    node = tree.nodes["1.10"]
    assert (node.description, node.note) == ("no", "on")
    [indicator] = node.indicators
    assert indicator.code == "010"
    assert (indicator.description, indicator.unit) == ("off", "yes")
    assert (indicator.definition, indicator.formula, indicator.data_source) == (
        "2024-01-01",
        "1e3",
        "0x1F",
    )
    assert indicator.targets == {
        2024: Decimal("1.10"),
        2025: "1e3",
        2026: "010",
        2027: "2024-01-01",
        2028: "no",
        2029: ".5",
        2030: "1_000",
        2031: "1:20",
        2032: "+1",
        2033: ".inf",
    }
    assert str(indicator.targets[2024]) == "1.10"
    assert str(indicator.baseline) == "-0.0"


def test_a_quoted_merge_key_is_a_key_and_a_plain_one_as_a_value_is_text() -> None:
    tree = load_path(CORPUS / "merge_key_quoted.yaml").tree
    assert tree is not None
    assert tree.header.scales == {"<<": ("kurang", "cukup", "baik")}
    assert tree.nodes["T1"].description == "<<"


def test_years_written_as_text_and_as_numbers_are_the_same_years() -> None:
    tree = load_path(CORPUS / "years_as_strings_and_numbers.yaml").tree
    assert tree is not None
    assert tree.nodes["T1"].indicators[0].targets == {2024: 100, 2025: 110, 2026: 120}


def test_numbers_far_beyond_a_float_keep_every_digit() -> None:
    tree = load_path(CORPUS / "huge_number.yaml").tree
    assert tree is not None
    [indicator] = tree.nodes["T1"].indicators
    assert str(indicator.targets[2024]) == "9" * 400 + ".5"
    assert isinstance(indicator.baseline, Decimal)
    # str() would write -1E-401: the digits are all there, in the exponent form
    assert format(indicator.baseline, "f") == "-0." + "0" * 400 + "1"


def test_small_numbers_keep_their_digits_in_every_output(tmp_path: Path) -> None:
    small = CORPUS / "small_numbers.yaml"
    for command in fuzz.registered():
        if command not in fuzz.FORMATS:
            continue
        runs = fuzz.calls(
            command, str(small), str(small), b"", random.Random(0), every=True, filtered=False
        )
        for argv in runs:
            out = fuzz.invoke(argv)[1]
            assert "E-7" not in out and "E-8" not in out, f"pohon {' '.join(argv)}:\n{out}"


def test_text_in_any_script_is_kept() -> None:
    tree = load_path(CORPUS / "unicode_everywhere.yaml").tree
    assert tree is not None
    assert "Ť1" in tree.nodes
    assert tree.nodes["Ť1"].indicators[0].code == "指标"
    assert tree.nodes["Ť1"].indicators[0].targets == {2024: "∞"}


def test_a_kode_too_long_says_how_long() -> None:
    found = [p.message for p in load_path(CORPUS / "kode_too_long.yaml").problems]
    assert found == [
        "`kode` is 201 characters long; at most 200",
        "item 1 of `misi` is 201 characters long; at most 200",
    ]


# -- generated: too big to keep in the repository

HEADER = """\
versi: 1
instansi: {nama: Kantor Contoh}
tahun: 2024
visi: Visi contoh
misi: [{kode: M1, uraian: Misi satu}]
"""
DEEP = 10_000


def _opening(i: int) -> str:
    """A node written in flow style up to the opening of its children."""
    return f"{{kode: N{i}, jenjang: tujuan, uraian: u, anak: ["


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # at the bracket, dash or key that opens the 1,000th level inside the top mapping
        pytest.param("x: " + "[" * DEEP + "]" * DEEP + "\n", (1, 3 + 1000), id="flow-lists"),
        pytest.param(
            "x: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n", (1, 4 * 1000), id="flow-mappings"
        ),
        pytest.param("x: " + "[" * DEEP + "\n", (1, 3 + 1000), id="flow-unclosed"),
        pytest.param("x:\n" + "- " * DEEP + "x\n", (2, 2 * 1000 - 1), id="block-lists"),
        pytest.param(
            "x:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(3000)) + " " * 3001 + "b\n",
            (1000, 1001),  # the `:` after `a` that makes line 1000 a mapping
            id="block-mappings",
        ),
        pytest.param(
            HEADER + "pohon: [" + "".join(_opening(i) for i in range(DEEP)) + "]}" * DEEP + "]\n",
            # the `{` of node N499: `pohon: [` is the first flow level, each node opens two
            (6, len("pohon: [") + sum(len(_opening(i)) for i in range(499)) + 1),
            id="tree-in-flow",
        ),
    ],
)
def test_nesting_ten_thousand_deep_is_refused_at_its_place(
    text: str, place: tuple[int, int], tmp_path: Path
) -> None:
    """Too deep to read is PK005 (too big), as docs/rules.md's table says, not a syntax error."""
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    [problem] = load_path(path).problems
    assert (problem.code, problem.line, problem.column) == ("PK005", *place)
    assert "nested too deep" in problem.message
    assert problem.hint is not None and "flatten" in problem.hint
    assert fuzz.check(path, DATA) == []


def test_a_tree_nested_deeper_than_a_plan_is_refused(tmp_path: Path) -> None:
    """Deeper than the loader's limit but within YAML's: refused by pohon, not by libyaml."""
    levels = [f"l{i}" for i in range(50)]
    text = (
        HEADER
        + f"jenjang: [{', '.join(levels)}]\npohon: ["
        + "".join(f"{{kode: N{i}, jenjang: l{min(i, 49)}, uraian: u, anak: [" for i in range(300))
        + "]}" * 300
        + "]\n"
    )
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    codes = {p.code for p in load_path(path).problems}
    assert "PK005" in codes
    assert fuzz.check(path, DATA) == []


def test_lines_of_a_megabyte(tmp_path: Path) -> None:
    long = "Meningkatnya " + "kualitas layanan " * 60_000  # about a megabyte
    valid = tmp_path / "long.yaml"
    valid.write_text(
        HEADER + f"pohon:\n  - {{kode: T1, jenjang: tujuan, uraian: {long.strip()}}}\n",
        encoding="utf-8",
    )
    assert load_path(valid).ok
    assert fuzz.check(valid, DATA) == []
    broken = tmp_path / "broken.yaml"
    line = f"pohon: [{{kode: T1, jenjang: tujuan, uraian: {long.strip()}, jenis: hasil}}]"
    broken.write_text(HEADER + line + "\n", encoding="utf-8")
    [problem] = load_path(broken).problems
    assert (problem.code, problem.line, problem.column) == ("PK012", 6, line.index("hasil") + 1)
    broken.write_text(HEADER + "pohon: [" + "1, " * 300_000 + "\n", encoding="utf-8")
    [problem] = load_path(broken).problems
    assert (problem.code, problem.line, problem.column) == ("PK001", 7, 1)


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    [problem] = load_path(path).problems
    assert (problem.code, problem.line, problem.column) == ("PK012", 1, 1)
    assert "empty" in problem.message
    assert fuzz.check(path, DATA) == []


def test_a_file_beyond_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk, no time
    out = run("validate", path, expect=2)
    assert "pohon reads files up to" in out.stderr
    assert out.stderr.count("\n") == 1


MEASURE = """\
import resource, subprocess, sys, time
started = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=600)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(done.returncode, peak * (1 if sys.platform == "darwin" else 1024), time.monotonic() - started)
sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
"""


def answer_within_bounds(path: Path) -> tuple[int, str]:
    """Run ``pohon validate`` on ``path`` in a child process; its exit code and output, after
    checking it answered with a message, no traceback, under 2 GB of memory."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "pohon_cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    code, peak, _seconds = done.stdout.split()
    assert int(peak) < 2 * GB, f"peak memory {int(peak) / GB:.2f} GB"
    assert int(code) in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip()
    return int(code), done.stderr


@pytest.fixture(scope="module")
def fifty_megabytes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A realistic tree of about 58,000 nodes: 50 MB of YAML."""
    path = tmp_path_factory.mktemp("big") / "fifty.yaml"
    with path.open("w", encoding="utf-8") as handle:
        for chunk in generate(58_000):
            handle.write(chunk)
    assert path.stat().st_size >= 50 * 1024 * 1024
    return path


def test_a_fifty_megabyte_tree_is_answered_under_two_gigabytes(fifty_megabytes: Path) -> None:
    _code, output = answer_within_bounds(fifty_megabytes)
    assert "in 1 file" in output


def test_fifty_megabytes_of_empty_mappings_are_refused_with_a_message(tmp_path: Path) -> None:
    """The shape that costs the most memory per byte: a mapping every four bytes."""
    path = tmp_path / "mappings.yaml"
    path.write_text(HEADER + "pohon: [" + "{}, " * (13 * 1024 * 1024) + "]\n", encoding="utf-8")
    assert path.stat().st_size >= 50 * 1024 * 1024
    code, output = answer_within_bounds(path)
    assert code == 1
    assert "more than 1,500,000 lists and mappings" in output


@pytest.mark.skipif(
    os.environ.get("HYPOTHESIS_PROFILE") != "long", reason="a minute of parsing: make fuzz"
)
def test_fifty_megabytes_of_numbers_are_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "values.yaml"
    path.write_text(HEADER + "pohon: [" + "1, " * (17 * 1024 * 1024) + "]\n", encoding="utf-8")
    code, output = answer_within_bounds(path)
    assert code == 1
    assert "more than 6,000,000 values" in output


def test_fifty_megabytes_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "line.yaml"
    text = HEADER + "catatan: " + "kata " * (10 * 1024 * 1024) + "\npohon: []\n"
    path.write_text(text, encoding="utf-8")
    code, output = answer_within_bounds(path)
    assert code == 1
    assert f"{path}:6:1: error [PK010]" in output
