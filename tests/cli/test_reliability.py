"""Nothing is lost, nothing runs: inputs are never written, outputs appear whole or not at
all, Ctrl-C stops cleanly, no code path evaluates or shells out, and text from a file is
escaped in every machine format (JSON, CSV, markdown, SVG)."""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import fuzz
import pytest
from conftest import DATA, ROOT, run
from generate import generate

from pohon_cli.load import load_path

PACKAGE = ROOT / "pohon_cli"
PROC_IO = Path("/proc/self/io")


def files_under(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder``: its bytes and modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- nothing is lost


def test_no_command_writes_to_its_input_or_anywhere_not_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    tree = data / "pohon.yaml"
    shutil.copy2(DATA, tree)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    # every command in every format, on the tree and on a broken copy of it
    broken = data / "rusak.yaml"
    broken.write_bytes(DATA.read_bytes().replace(b"jenjang: program", b"jenjang: [", 1))
    before = files_under(tmp_path)
    for path in (tree, broken):
        assert fuzz.check(path, tree, every=True) == []
    assert files_under(tmp_path) == before
    # the commands that write: only what -o names
    run("render", tree, "-o", "out/pohon.dot")
    run("render", tree, "--split", "misi", "-f", "dot", "-o", "pages")
    run("render", broken, "-o", "rusak.dot", expect=1)
    if "export" in fuzz.registered():
        run("export", tree, "-o", "out/pohon.xlsx")
        run("export", tree, "-f", "csv", "-o", "csv")
        run("export", tree, "-f", "markdown", "-o", "out/pohon.md")
        run("export", broken, "-o", "rusak.xlsx", expect=1)
    after = files_under(tmp_path)
    new = set(after) - set(before)
    assert {"work/out/pohon.dot", "work/pages/M1.dot"} <= new
    assert all(name.startswith(("work/out/", "work/pages/", "work/csv/")) for name in new), new
    assert {k: v for k, v in after.items() if k in before} == before


def test_kodes_that_look_like_paths_stay_inside_the_folder_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kodes = ["../../lepas", "/tmp/mutlak", "a/b", ".tersembunyi", "CON", "x" * 200, "M1"]
    misi = ", ".join(f"{{kode: {json.dumps(k)}, uraian: m}}" for k in kodes)
    tree = tmp_path / "pohon.yaml"
    tree.write_text(
        f"versi: 1\ninstansi: {{nama: K}}\ntahun: 2024\nvisi: v\nmisi: [{misi}]\npohon:\n"
        + "".join(
            f"  - {{kode: T{i}, jenjang: tujuan, uraian: u, misi: [{json.dumps(k)}]}}\n"
            for i, k in enumerate(kodes)
        ),
        encoding="utf-8",
    )
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = files_under(tmp_path)
    run("render", tree, "--split", "misi", "-f", "dot", "-o", "pages")
    new = sorted(set(files_under(tmp_path)) - set(before))
    assert len(new) == len(kodes)
    for name in new:
        assert name.startswith("work/pages/") and name.count("/") == 2, name
        assert not Path(name).name.startswith(".") and len(Path(name).name) < 255
    assert not Path("/tmp/mutlak.dot").exists()


def test_an_output_that_is_the_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "pohon.dot"  # a tree saved with a misleading name
    shutil.copy2(DATA, source)
    linked = tmp_path / "linked.dot"
    os.link(source, linked)
    before = files_under(tmp_path)
    assert "input" in run("render", source, "-o", source, expect=2).stderr
    assert "input" in run("render", source, "-o", linked, expect=2).stderr
    # export too: a Markdown file or workbook named as the input, or a CSV folder (replaced
    # whole) that holds the input
    assert "input" in run("export", source, "-f", "markdown", "-o", source, expect=2).stderr
    assert "input" in run("export", source, "-f", "xlsx", "-o", linked, expect=2).stderr
    assert "input" in run("export", source, "-f", "csv", "-o", tmp_path, expect=2).stderr
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    in_csv = sheets / "pohon.csv"  # a tree kept where an earlier export wrote its sheets
    shutil.copy2(DATA, in_csv)
    before = files_under(tmp_path)
    assert "input" in run("export", in_csv, "-f", "csv", "-o", sheets, expect=2).stderr
    assert files_under(tmp_path) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "--format", "json"],
        ["indicators", "--format", "csv"],
        ["units", "--format", "json"],
        ["stats", "--format", "json"],
        ["report", "--format", "json"],
        ["export", "--format", "markdown"],
        ["render", "--format", "dot", "-o", "-"],
        ["render", "--units", "--format", "dot", "-o", "-"],
    ],
)
def test_a_broken_file_leaves_stdout_to_the_output_and_reports_on_stderr(
    argv: list[str], tmp_path: Path
) -> None:
    broken = tmp_path / "rusak.yaml"
    broken.write_bytes(DATA.read_bytes().replace(b"jenjang: program", b"jenjang: [", 1))
    [problem] = load_path(broken).problems
    result = run(argv[0], broken, *argv[1:], expect=1)
    assert result.stdout == ""  # piped into dot or a JSON reader: nothing, not a problem
    assert problem.text() in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "-2024.yaml"],
        ["show", "{data}", "--year", "abc"],
        ["show", "{data}", "--depth", "x"],
        ["show"],
        ["diff", "--output=x:{data}", "{data}"],
        ["render", "{data}"],
        ["render", "{data}", "-o", "x.svg", "--timeout", "-1"],
        ["stats", "{data}", "extra"],
        ["no-such-command"],
        ["--no-such-option"],
    ],
)
def test_a_command_line_click_refuses_is_one_line_and_exit_2(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy2(DATA, tmp_path / "-2024.yaml")
    result = run(*(a.format(data=DATA) for a in argv), expect=2)
    assert result.stderr.startswith("pohon") and result.stderr.count("\n") == 1, result.stderr
    assert "--help" in result.stderr and "\u256d" not in result.stderr  # not in a box
    if argv[1:2] == ["-2024.yaml"]:
        assert "./-2024.yaml" in result.stderr  # how to name a file that starts with -


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "argv", [["show"], ["validate", "--format", "json"], ["render", "-f", "dot", "-o", "-"]]
)
def test_stdout_that_cannot_be_written_is_one_line_and_exit_2(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:  # a disk that is full
        done = subprocess.run(
            [sys.executable, "-m", "pohon_cli", argv[0], str(DATA), *argv[1:]],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "pohon: cannot write the output: No space left on device\n"


def test_a_render_that_fails_leaves_the_old_output_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    out.write_bytes(b"<svg>old</svg>")
    broken = tmp_path / "rusak.yaml"
    broken.write_text("versi: [\n", encoding="utf-8")
    before = files_under(tmp_path)
    run("render", broken, "-o", out, expect=1)  # a broken tree
    run("render", DATA, "-o", out, expect=2, env={"PATH": str(tmp_path)})  # no dot
    run("render", DATA, "-o", out, "--misi", "M9", expect=2)  # a misi the file lacks
    assert files_under(tmp_path) == before


def test_pages_are_written_all_or_none(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "M5.dot").mkdir(parents=True)  # the last page's name is taken by a folder
    result = run("render", DATA, "--split", "misi", "-f", "dot", "-o", pages, expect=2)
    assert "M5.dot: cannot write" in result.stderr
    assert sorted(p.name for p in pages.iterdir()) == ["M5.dot"]  # M1..M4 not written
    blocked = tmp_path / "a-file"
    blocked.write_text("kept")
    result = run("render", DATA, "-f", "dot", "-o", blocked / "sub" / "x.dot", expect=2)
    assert result.stderr.endswith("a-file is a file, not a folder\n")
    assert blocked.read_text() == "kept"


def test_an_export_that_fails_leaves_the_old_output_and_no_temporary_file(tmp_path: Path) -> None:
    if "export" not in fuzz.registered():
        pytest.skip("no export command")
    book = tmp_path / "lkj.xlsx"
    book.write_bytes(b"old workbook")
    sheets = tmp_path / "csv"
    sheets.mkdir()
    (sheets / "catatan.txt").write_text("not a sheet: the folder is not export's to replace")
    broken = tmp_path / "rusak.yaml"
    broken.write_text("versi: [\n", encoding="utf-8")
    before = files_under(tmp_path)
    run("export", broken, "-o", book, expect=1)
    run("export", DATA, "-f", "csv", "-o", sheets, expect=2)
    run("export", DATA, "-o", tmp_path / "lkj.unknown", expect=2)
    assert files_under(tmp_path) == before


def test_a_dot_that_runs_too_long_is_stopped_and_leaves_nothing(tmp_path: Path) -> None:
    big = tmp_path / "besar.yaml"
    big.write_text("".join(generate(4000)), encoding="utf-8")
    out = tmp_path / "out.svg"
    out.write_bytes(b"<svg>old</svg>")
    before = files_under(tmp_path)
    stopped = run("render", big, "-o", out, "--timeout", "1", expect=2)
    assert "stopped" in stopped.stderr
    assert files_under(tmp_path) == before


# -- Ctrl-C


@pytest.fixture(scope="module")
def start_up() -> int:
    """The bytes Python reads to import pohon's command line (modules, .pyc files): the
    handler of Ctrl-C is in place once a child has read this much and then some."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pohon_cli.cli, pathlib; print(pathlib.Path('/proc/self/io').read_text())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return rchar(done.stdout)


def rchar(io_text: str) -> int:
    """The bytes a process has read so far, from the text of /proc/<pid>/io."""
    found = re.search(r"^rchar: (\d+)$", io_text, re.MULTILINE)
    assert found is not None, io_text
    return int(found.group(1))


def started(argv: list[str], reads: int) -> subprocess.Popen[str]:
    """Start ``python -m pohon_cli ARGV`` in its own process group, as a terminal runs it,
    and return once it has read ``reads`` bytes."""
    child = subprocess.Popen(
        [sys.executable, "-m", "pohon_cli", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    io_file = Path(f"/proc/{child.pid}/io")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        try:
            done = rchar(io_file.read_text())
        except PermissionError:
            child.kill()
            pytest.skip("cannot read the child's /proc/<pid>/io")
        except FileNotFoundError:  # it has just ended
            break
        if done >= reads:
            return child
        time.sleep(0.01)
    child.kill()
    raise AssertionError(f"pohon {argv} ended or stalled before reading {reads} bytes")


def interrupted(child: subprocess.Popen[str]) -> tuple[int, str, str]:
    os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    out, err = child.communicate(timeout=120)
    return child.returncode, out, err


@pytest.fixture(scope="module")
def big_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "besar.yaml"
    path.write_text("".join(generate(20_000)), encoding="utf-8")
    return path


@pytest.mark.skipif(not PROC_IO.exists(), reason="needs /proc/<pid>/io to see the child work")
def test_ctrl_c_exits_130_with_one_line_and_no_traceback(big_tree: Path, start_up: int) -> None:
    child = started(["validate", str(big_tree)], start_up + big_tree.stat().st_size)
    code, out, err = interrupted(child)
    assert code == 130, err
    assert err == "pohon: interrupted\n"
    assert out == ""


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in found.read_text().split()] if found.exists() else []


@pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
    reason="needs /proc/<pid>/task/<pid>/children to see the workers",
)
def test_ctrl_c_stops_parallel_validation_and_its_workers(tmp_path: Path) -> None:
    text = "".join(generate(8000))
    for i in range(4):
        (tmp_path / f"pohon{i}.yaml").write_text(text, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", "pohon_cli", "validate", "--jobs", "2", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not children(child.pid) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = children(child.pid)
    if not workers:
        child.kill()
        pytest.skip("validate ran without worker processes here")
    time.sleep(0.5)  # the workers are loading files
    code, out, err = interrupted(child)
    assert (code, err, out) == (130, "pohon: interrupted\n", "")
    time.sleep(0.5)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()], "workers left running"


@pytest.mark.skipif(not PROC_IO.exists(), reason="needs /proc/<pid>/io to see the child work")
def test_ctrl_c_while_drawing_leaves_no_partial_file(tmp_path: Path, start_up: int) -> None:
    tree = tmp_path / "besar.yaml"
    tree.write_text("".join(generate(3000)), encoding="utf-8")
    out = tmp_path / "out.svg"
    before = files_under(tmp_path)
    child = started(["render", str(tree), "-o", str(out)], start_up + tree.stat().st_size)
    time.sleep(1.0)  # into the layout, which takes dot far longer on this tree
    code, _out, err = interrupted(child)
    assert code == 130, err
    # the one line of the interrupt, after render's own advice on so big a page if any
    *before_it, last = err.splitlines()
    assert last == "pohon: interrupted", err
    assert all(line.startswith("pohon: warning: ") for line in before_it), err
    assert files_under(tmp_path) == before


# -- nothing runs: the package's own source


UNSAFE_YAML = ("unsafe_load", "full_load", "load_all", "UnsafeLoader", "FullLoader", "Loader")


def unsafe_calls(source: str) -> Iterator[str]:
    """Every call in ``source`` that could run code or a shell: eval, exec, os.system,
    shell=True, a command given as one string, yaml.load without the safe loader."""
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in UNSAFE_YAML
            and isinstance(node.value, ast.Name)
            and node.value.id == "yaml"
        ):
            yield f"line {node.lineno}: yaml.{node.attr}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n.split(".")[0] in ("pickle", "marshal", "shelve") for n in names):
                yield f"line {node.lineno}: imports {', '.join(names)}"
        if not isinstance(node, ast.Call):
            continue
        func = ast.unparse(node.func)
        keywords = {k.arg: k.value for k in node.keywords}
        if func in ("eval", "exec", "compile", "__import__", "os.system", "os.popen"):
            yield f"line {node.lineno}: {func}()"
        if func.startswith(("subprocess.", "os.exec", "os.spawn")):
            shell = keywords.get("shell")
            if shell is not None and not (isinstance(shell, ast.Constant) and shell.value is False):
                yield f"line {node.lineno}: {func}(shell=...)"
            command = node.args[0] if node.args else keywords.get("args")
            if isinstance(command, ast.Constant | ast.JoinedStr | ast.BinOp):
                yield f"line {node.lineno}: {func}() with the command as one string"
        if func == "yaml.load":
            loader = keywords.get("Loader") or (node.args[1] if len(node.args) > 1 else None)
            name = ast.unparse(loader) if loader is not None else ""
            if not name.endswith(("SafeLoader", "CSafeLoader")):
                yield f"line {node.lineno}: yaml.load without the safe loader"


def test_the_package_never_evaluates_nor_shells_out() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for what in unsafe_calls(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    # and the loader is the safe one, C or Python
    loader = 'getattr(yaml, "CSafeLoader", yaml.SafeLoader)'
    assert loader in (PACKAGE / "load" / "parse.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "snippet",
    [
        "eval(text)",
        "exec(code)",
        "os.system('dot ' + path)",
        "subprocess.run('dot -Tsvg', shell=True)",
        "subprocess.run(f'git show {rev}')",
        "subprocess.check_output(['git', 'show'], shell=flag)",
        "yaml.load(text)",
        "yaml.load(text, Loader=yaml.Loader)",
        "yaml.unsafe_load(text)",
        "yaml.full_load(text)",
        "import pickle",
    ],
)
def test_the_source_scan_catches_each_unsafe_call(snippet: str) -> None:
    assert list(unsafe_calls(snippet))


def test_the_source_scan_accepts_the_safe_forms() -> None:
    safe = (
        "subprocess.run([program, '-Tsvg'], input=data, shell=False)\n"
        "yaml.load(text, Loader=yaml.CSafeLoader)\n"
        "loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
    )
    assert list(unsafe_calls(safe)) == []


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    "spec",
    [
        "--output={out}:data/pohon_kinerja.yaml",
        "-c core.pager=touch {out}:data/pohon_kinerja.yaml",
        "HEAD --output={out}:data/pohon_kinerja.yaml",
        "$(touch {out}):data/pohon_kinerja.yaml",
    ],
)
def test_a_revision_cannot_pass_for_an_option_or_a_command(
    spec: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """diff runs git with what the user wrote as REV: it must stay a revision."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "pwned"
    run("diff", spec.format(out=out), DATA, expect=2)
    assert not out.exists()


# -- text from a file is escaped in every machine format

MARKUP = ROOT / "tests" / "corpus" / "markup.yaml"
# Outputs known to let markup through today (reported to their owners): command -> why.
KNOWN: dict[str, str] = {}


@pytest.fixture(scope="module")
def markup() -> dict[str, str]:
    """The texts of the markup corpus file, as the loader reads them."""
    tree = load_path(MARKUP).tree
    assert tree is not None
    [(node, indicator)] = list(tree.indicators())
    return {
        "nama": tree.header.institution.name,
        "visi": tree.header.vision or "",
        "misi": tree.header.missions[0].description,
        "unit": tree.header.units[0].name,
        "node": node.description,
        "indicator": indicator.description,
    }


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def formats(command: str) -> tuple[str, ...]:
    return fuzz.FORMATS.get(command, ())


def with_known(commands: list[str]) -> list[object]:
    return [
        pytest.param(c, marks=[pytest.mark.xfail(reason=KNOWN[c])] if c in KNOWN else [])
        for c in commands
    ]


READERS = [
    c
    for c in ("show", "indicators", "stats", "units", "report", "export")
    if c in fuzz.registered()
]
# Which texts each command's JSON carries.
CARRIES = {
    "show": ("visi", "misi", "node", "indicator"),
    "indicators": ("indicator",),
    "units": ("unit",),
    "report": ("indicator",),
    "diff": ("visi", "node", "indicator"),
}


@pytest.mark.parametrize("command", [*READERS, "diff"])
def test_json_outputs_parse_and_keep_every_text_exactly(
    command: str, markup: dict[str, str]
) -> None:
    if "json" not in formats(command):
        pytest.skip(f"{command} has no --format json")
    args = [MARKUP, DATA] if command == "diff" else [MARKUP]
    found = set(strings(json.loads(run(command, *args, "--format", "json").stdout)))
    for key in CARRIES.get(command, ()):
        assert markup[key] in found, key


def tables(markdown: str) -> Iterator[list[str]]:
    """The rows of each table in a markdown text, as lists of lines."""
    block: list[str] = []
    for line in [*markdown.split("\n"), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            yield block
            block = []


@pytest.mark.parametrize("command", with_known([*READERS, "diff"]))
def test_markdown_tables_stay_tables_and_carry_no_html(command: str) -> None:
    if "markdown" not in formats(command):
        pytest.skip(f"{command} has no --format markdown")
    args = [MARKUP, DATA] if command == "diff" else [MARKUP]
    text = run(command, *args, "--format", "markdown").stdout
    found = list(tables(text))
    assert found, text
    for rows in found:
        # a | or a line break in a text must not split a row (GFM: even inside `code`)
        cells = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(cells) == 1, "\n".join(rows)
    for line in text.split("\n"):
        assert "baris-kedua" not in line or line.startswith(("|", "#", "-", "*")), line
    # markup from the file is shown, not run: &lt; or a backslash escape before each <
    assert re.search(r"(?<!\\)<(script|b>|i>|!--|/td)", text) is None, text


def test_csv_keeps_every_text_in_its_cell(markup: dict[str, str]) -> None:
    if "csv" not in formats("indicators"):
        pytest.skip("indicators has no --format csv")
    rows = list(csv.reader(io.StringIO(run("indicators", MARKUP, "--format", "csv").stdout)))
    assert len({len(row) for row in rows}) == 1
    cells = {cell for row in rows for cell in row}
    # a cell a spreadsheet would run as a formula starts with ' (and a line break is one \n)
    assert "'" + markup["indicator"].replace("\r\n", "\n") in cells


def broken_markup(folder: Path) -> Path:
    """The markup file with line breaks in a level, a key and a kode."""
    text = MARKUP.read_text(encoding="utf-8")
    text = text.replace("jenjang: tujuan", 'jenjang: "a\\nb"\n    "kunci\\nbaru": x')
    text = text.replace('penanggung_jawab: "U<1>"', 'penanggung_jawab: "U\\n2"')
    path = folder / "rusak.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_the_loader_finds_is_one_line(tmp_path: Path) -> None:
    """Editors and CI read problems line by line: a text quoted in a message keeps to it."""
    found = load_path(broken_markup(tmp_path)).problems
    assert {p.code for p in found} == {"PK010", "PK012", "PK023"}  # the level "a\\nb" too
    for problem in found:
        assert "\n" not in problem.text() and "\r" not in problem.text(), problem.text()
    assert any("kunci\\nbaru" in p.message for p in found)


def test_every_problem_validate_prints_is_one_line() -> None:
    rows = json.loads(run("validate", MARKUP, "--format", "json", expect=1).stdout)
    assert rows
    text = run("validate", MARKUP, expect=1).stdout.rstrip("\n").split("\n")
    assert len(text) == len(rows) + 1  # one line per problem, and the count


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
def test_svg_is_well_formed_and_runs_nothing(tmp_path: Path) -> None:
    out = tmp_path / "pohon.svg"
    run("render", MARKUP, "-o", out)
    root = ET.parse(out).getroot()  # well-formed: every < and & from the file escaped
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert "script" not in tags and "foreignObject" not in tags
    assert "alert(1)" in " ".join(root.itertext())  # the text is there, as text
    assert not any(
        value.lstrip().lower().startswith("javascript:")
        for element in root.iter()
        for value in element.attrib.values()
    )
