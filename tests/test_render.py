"""``pohon render``: real dot, real files. Pictures are read back as SVG (XML) and compared
with the tree they were drawn from."""

from __future__ import annotations

import html
import itertools
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CASES, DATA, ROOT, run
from generate import generate
from hypothesis import given
from trees import trees

from pohon_cli.dot import run_dot
from pohon_cli.filters import Filter, select
from pohon_cli.i18n import speaking
from pohon_cli.load import load_path
from pohon_cli.model import Tree
from pohon_cli.render import (
    BIG_PAGE,
    LEVEL_STYLES,
    cut,
    draw,
    draw_units,
    format_value,
)
from pohon_cli.render.labels import escape as _text
from pohon_cli.render.labels import wrap as _wrap
from pohon_cli.render.page import _heading

SVG = "{http://www.w3.org/2000/svg}"
INJECTION = CASES / "render" / "injection.yaml"
DOCS = ROOT / "docs"


def load(path: Path) -> Tree:
    loaded = load_path(path)
    assert loaded.tree is not None, loaded.problems
    return loaded.tree


@pytest.fixture(scope="module")
def seed() -> Tree:
    return load(DATA)


def texts(svg: Path) -> list[str]:
    """Every run of text in the picture, as a reader sees it (parsing also proves the SVG
    is well-formed XML)."""
    root = ET.parse(svg).getroot()
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def boxes(svg: Path) -> dict[str, list[str]]:
    """Node boxes by the kode printed first in them (the legend's bands left out)."""
    found: dict[str, list[str]] = {}
    for group in ET.parse(svg).getroot().iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if group.get("class") != "node" or title is None or not (title.text or "").startswith("n"):
            continue
        words = [t.text or "" for t in group.iter(f"{SVG}text")]
        found[words[0]] = words
    return found


def edges(svg: Path) -> list[tuple[str, str]]:
    """(parent kode, child kode) for every line drawn between two boxes."""
    root = ET.parse(svg).getroot()
    kode_of: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for group in root.iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if title is None or title.text is None:
            continue
        if group.get("class") == "node":
            first = group.find(f".//{SVG}text")
            kode_of[title.text] = first.text or "" if first is not None else ""
        elif group.get("class") == "edge":
            tail, head = title.text.split("->")  # "n0:s->n1:n": ids with their ports
            pairs.append((tail.split(":")[0], head.split(":")[0]))
    return [(kode_of[t], kode_of[h]) for t, h in pairs if t.startswith("n")]


def words(text: str) -> str:
    return " ".join(text.split())


def test_svg_is_xml_with_every_kode_and_uraian(seed: Tree, tmp_path: Path) -> None:
    out = tmp_path / "pohon.svg"
    run("render", DATA, "-o", out)
    found = texts(out)
    runs = set(found)
    joined = words(" ".join(found))
    assert set(seed.nodes) <= runs
    for node in seed.nodes.values():
        assert words(node.description) in joined, node.code
        for indicator in node.indicators:
            assert indicator.code in runs
            assert words(indicator.description) in joined, indicator.code
    assert set(boxes(out)) == set(seed.nodes)


@pytest.mark.parametrize(
    ("name", "magic"), [("p.png", b"\x89PNG\r\n\x1a\n"), ("p.pdf", b"%PDF-"), ("p.svg", b"<?xml")]
)
def test_format_follows_the_extension(tmp_path: Path, name: str, magic: bytes) -> None:
    run("render", DATA, "-o", tmp_path / name)
    assert (tmp_path / name).read_bytes().startswith(magic)


def test_format_option_wins_when_there_is_no_extension(tmp_path: Path) -> None:
    run("render", DATA, "--format", "pdf", "-o", tmp_path / "poster")
    assert (tmp_path / "poster").read_bytes().startswith(b"%PDF-")
    run("render", DATA, "-o", tmp_path / "plain")
    assert (tmp_path / "plain").read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "x.txt"), "cannot tell the format from `.txt`"),
        (("--format", "png", "-o", "x.svg"), "does not match"),
        (("--format", "jpeg", "-o", "x"), "unknown format `jpeg`"),
        (("--split", "tahun", "-o", "out"), "unknown --split `tahun`"),
        (("--split", "misi", "-o", "out.svg"), "must name a folder"),
        (("--units", "--misi", "M1", "-o", "u.svg"), "--units draws every unit kerja"),
    ],
)
def test_mistakes_in_the_arguments_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("render", DATA, *args, expect=2)
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_file_to_write(tmp_path: Path) -> None:
    result = run("render", DATA, "-o", tmp_path, expect=2)
    assert "is a folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_dot_format_is_the_source_and_can_go_to_stdout(seed: Tree) -> None:
    result = run("render", DATA, "--format", "dot", "-o", "-")
    assert result.stdout == draw(seed).source


def test_split_misi_writes_one_file_per_misi_with_exactly_its_nodes(
    seed: Tree, tmp_path: Path
) -> None:
    result = run("render", DATA, "--split", "misi", "-o", tmp_path / "out")
    serving = {m.code: select(seed, Filter(misi=m.code)).matched for m in seed.header.missions}
    expected = {f"{misi}.svg" for misi, nodes in serving.items() if nodes}
    assert {p.name for p in (tmp_path / "out").iterdir()} == expected
    for misi, nodes in serving.items():
        if nodes:
            assert set(boxes(tmp_path / "out" / f"{misi}.svg")) == nodes, misi
        else:  # the seed's M6: no node serves it, so no page, and the user is told
            assert f"no page for {misi}" in result.stderr


def test_split_misi_page_is_the_same_as_the_misi_filter(tmp_path: Path) -> None:
    run("render", DATA, "--split", "misi", "--format", "dot", "-o", tmp_path)
    run("render", DATA, "--misi", "M3", "-o", tmp_path / "m3.dot")
    assert (tmp_path / "M3.dot").read_text() == (tmp_path / "m3.dot").read_text()


def test_a_shared_node_is_drawn_once_with_an_edge_from_each_parent(
    seed: Tree, tmp_path: Path
) -> None:
    out = tmp_path / "all.svg"
    run("render", DATA, "-o", out)
    drawn = edges(out)
    assert sum(text == "P-PEMILU" for text in texts(out)) == 1
    assert sorted(p for p, c in drawn if c == "P-PEMILU") == sorted(seed.parents["P-PEMILU"])
    assert len(drawn) == len(set(drawn)) == sum(len(p) for p in seed.parents.values())


def test_split_unit_pages_show_the_unit_nodes_and_their_context(seed: Tree, tmp_path: Path) -> None:
    chosen = select(seed, Filter(unit="SUBBAG-HUKUM"))
    for lang, context in (("id", "konteks"), ("en", "context")):
        run("render", DATA, "--split", "unit", "-o", tmp_path / lang, "--lang", lang)
        page = boxes(tmp_path / lang / "SUBBAG-HUKUM.svg")
        assert set(page) == chosen.kept
        for kode, words_in_box in page.items():
            assert any(context in w for w in words_in_box) == chosen.is_context(kode), kode
    tmp_path = tmp_path / "id"
    assert not (tmp_path / "STAF.svg").exists()  # answers for nothing


def test_split_unit_of_a_file_without_unit_kerja_says_so(tmp_path: Path) -> None:
    """Regression: it said "no node matches the filters" when no filter was given."""
    tree = tmp_path / "pohon.yaml"
    tree.write_text(
        "versi: 1\ninstansi: {nama: Kecamatan Contoh}\ntahun: 2026\nvisi: V\n"
        "misi: [{kode: M1, uraian: M}]\npohon:\n"
        "  - {kode: T1, jenjang: tujuan, uraian: Meningkatnya layanan, misi: [M1]}\n",
        encoding="utf-8",
    )
    result = run("render", tree, "--split", "unit", "-o", tmp_path / "out", expect=1)
    assert result.stderr.strip() == (
        "pohon: the file declares no unit_kerja: there is no page to draw"
    )
    assert not (tmp_path / "out").exists()
    run("render", tree, "--split", "misi", "-o", tmp_path / "out")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["M1.svg"]


def test_filters_choose_the_nodes(tmp_path: Path) -> None:
    out = tmp_path / "part.svg"
    run("render", DATA, "--root", "S-AMAN", "--depth", "2", "-o", out)
    assert set(boxes(out)) == {"S-AMAN", "P-PEMILU"}


def test_unknown_filter_value_exits_2_with_a_suggestion(tmp_path: Path) -> None:
    result = run("render", DATA, "--misi", "M9", "-o", tmp_path / "x.svg", expect=2)
    assert "no misi `M9`" in result.stderr
    result = run("render", DATA, "--root", "s-aman", "-o", tmp_path / "x.svg", expect=2)
    assert "did you mean `S-AMAN`" in result.stderr
    assert not (tmp_path / "x.svg").exists()


def test_targets_of_the_chosen_year(tmp_path: Path) -> None:
    run("render", DATA, "--root", "SS-SDM", "--depth", "1", "-o", tmp_path / "a.svg")
    assert {"TARGET 2024", "WTP opini", "70 indeks"} <= set(texts(tmp_path / "a.svg"))
    run(
        "render",
        DATA,
        "--root",
        "SS-SDM",
        "--depth",
        "1",
        "--year",
        "2023",
        "-o",
        tmp_path / "b.svg",
    )
    found = texts(tmp_path / "b.svg")
    assert "TARGET 2023" in found
    assert "— opini" in found  # no target for 2023: shown as missing, never as 0


def test_a_year_the_file_never_names_is_refused_as_show_refuses_it(tmp_path: Path) -> None:
    """Regression: render drew every target as "—" and exited 0."""
    refused = "no target or realisasi for 1999 in this file; its years: 2020, 2021, 2022"
    assert refused in run("show", DATA, "--year", "1999", expect=2).stderr
    result = run("render", DATA, "--year", "1999", "-o", tmp_path / "x.svg", expect=2)
    assert refused in result.stderr
    result = run(
        "render", DATA, "--year", "1999", "--split", "misi", "-o", tmp_path / "out", expect=2
    )
    assert refused in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_files_own_tahun_is_always_a_year_to_draw(tmp_path: Path) -> None:
    path = tmp_path / "pohon.yaml"
    path.write_text(
        "versi: 1\n"
        "instansi: {nama: Kantor Contoh}\n"
        "tahun: 2024\n"
        "visi: Visi\n"
        "misi: [{kode: M1, uraian: Misi satu}]\n"
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: Meningkatnya satu\n"
        "    indikator:\n"
        "      - {kode: I1, uraian: Jumlah, satuan: jumlah, target: {2025: 10}}\n",
        encoding="utf-8",
    )
    run("render", path, "--year", "2024", "-o", tmp_path / "a.svg")
    assert "TARGET 2024" in texts(tmp_path / "a.svg")
    run("render", path, "--year", "2025", "-o", tmp_path / "b.svg")
    assert "10 jumlah" in texts(tmp_path / "b.svg")
    assert (
        "its years: 2024, 2025"
        in run("render", path, "--year", "2026", "-o", tmp_path / "c.svg", expect=2).stderr
    )


def test_values_are_printed_as_written() -> None:
    from decimal import Decimal

    assert format_value(Decimal("1.10")) == "1.10"
    assert format_value((Decimal("80"), Decimal("90.5"))) == "80–90.5"
    assert format_value("WTP") == "WTP"


# -- text is data ----------------------------------------------------------------------


def test_text_is_escaped_for_html_labels_and_graphviz_escapes() -> None:
    assert _text('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    assert _text(r"\N \G \L") == r"\\N \\G \\L"


def test_wrapping_breaks_between_words_and_keeps_line_breaks() -> None:
    assert _wrap("satu dua tiga empat", 9) == ["satu dua", "tiga", "empat"]
    assert _wrap("Perundang-undangan", 5) == ["Perundang-undangan"]
    assert _wrap("baris satu\nbaris dua", 40) == ["baris satu", "baris dua"]


def test_injected_text_round_trips_as_text(tmp_path: Path) -> None:
    tree = load(INJECTION)
    out = tmp_path / "inj.svg"
    run("render", INJECTION, "-o", out)
    found = texts(out)  # valid XML, or this raises
    joined = words(" ".join(found))
    expected = [tree.header.institution.name, tree.header.vision or ""]
    for node in tree.nodes.values():
        expected += [node.code, node.description]
        expected += [i.code for i in node.indicators] + [i.description for i in node.indicators]
    expected += [u.name for u in tree.header.units]
    for value in expected:
        assert words(value) in joined, value
    assert '<100> & "x" <persen>' in found
    assert "1.10–2.50 jumlah" in found
    # nothing from the file became markup: the only elements are Graphviz's own
    tags = {e.tag.removeprefix(SVG) for e in ET.parse(out).getroot().iter()}
    assert tags <= {"svg", "g", "title", "polygon", "path", "text", "polyline", "ellipse"}


def test_injected_text_in_split_pages_and_file_names(tmp_path: Path) -> None:
    run("render", INJECTION, "--split", "misi", "-o", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["M_1_.svg", "M_2.svg"]
    heading = texts(tmp_path / "M_1_.svg")
    assert "Misi M<1>" in heading
    assert ': Misi "kutip" & ampersand &amp; <i>tag</i> \\G \\N {kurung}' in heading
    run("render", INJECTION, "--units", "-o", tmp_path / "units.svg")
    assert "1. " not in texts(tmp_path / "units.svg")  # numbers sit in their own cell
    assert 'Tugas "satu" \\L \\\\n <br/>' in texts(tmp_path / "units.svg")


def test_empty_texts_draw_empty_boxes_not_a_dot_error(
    write: Callable[[str], Path], tmp_path: Path
) -> None:
    """Graphviz refuses an empty <B></B> or <FONT></FONT>: found by generating trees."""
    empty = write(
        """
        versi: 1
        instansi: {nama: ""}
        tahun: 2024
        visi: ""
        misi: [{kode: M1, uraian: ""}]
        unit_kerja: [{kode: U1, nama: "", tugas: [""]}, {kode: U2, nama: "", atasan: U1}]
        pohon:
          - kode: T1
            jenjang: tujuan
            uraian: ""
            misi: [M1]
            penanggung_jawab: U1
            indikator:
              - {kode: I1, uraian: "", satuan: "", target: {2024: ""}, penanggung_jawab: U2}
        """
    )
    run("render", empty, "--split", "misi", "-o", tmp_path / "pages")
    run("render", empty, "--units", "-o", tmp_path / "units.svg")
    assert set(boxes(tmp_path / "pages" / "M1.svg")) == {"T1"}
    assert "I1" in texts(tmp_path / "pages" / "M1.svg")


@given(trees(max_nodes=8))
def test_any_valid_tree_draws_as_valid_svg_holding_its_text(tree: Tree) -> None:
    """Generated trees (any UTF-8 text, kodes full of DOT and HTML punctuation) draw
    without a dot error, as well-formed XML, with every kode and uraian as text."""
    svg = ET.fromstring(run_dot(draw(tree).source, "svg", 30).data)
    runs = [t.text or "" for t in svg.iter(f"{SVG}text")]
    joined = words(" ".join(runs))
    for node in tree.nodes.values():
        assert node.code in runs
        assert words(node.description) in joined
        for indicator in node.indicators:
            assert indicator.code in runs
            assert words(indicator.description) in joined
    if tree.header.units:
        ET.fromstring(run_dot(draw_units(tree).source, "svg", 30).data)


# -- files --------------------------------------------------------------------------------


def test_the_input_is_never_written(tmp_path: Path) -> None:
    source = tmp_path / "pohon.yaml"
    source.write_bytes(DATA.read_bytes())
    result = run("render", source, "--format", "svg", "-o", source, expect=2)
    assert "never writes to its input" in result.stderr
    assert source.read_bytes() == DATA.read_bytes()


def test_a_broken_file_is_reported_like_validate_and_nothing_is_written(
    write: Callable[[str], Path], tmp_path: Path
) -> None:
    broken = write(
        """
        versi: 1
        instansi: {nama: X}
        tahun: 2024
        visi: V
        misi: [{kode: M1, uraian: M}]
        pohon:
          - kode: T1
            jenjang: tujuan
            uraain: typo
        """
    )
    result = run("render", broken, "-o", tmp_path / "x.svg", expect=1)
    # on stderr, as every command but validate reports a broken input: `-o -` is stdout
    assert f"{broken}:9:5: error [PK010]" in result.stderr
    assert "did you mean `uraian`" in result.stderr and result.stdout == ""
    assert not (tmp_path / "x.svg").exists()
    # with -o -, stdout is the drawing: a problem there would be piped into the next program
    result = run("render", broken, "-o", "-", "--format", "dot", expect=1)
    assert result.stdout == ""
    assert f"{broken}:9:5: error [PK010]" in result.stderr


def test_nothing_to_draw_exits_1(tmp_path: Path) -> None:
    result = run("render", DATA, "--unit", "STAF", "-o", tmp_path / "x.svg", expect=1)
    assert "nothing to draw" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_without_dot_on_path_exit_2_with_install_hints(tmp_path: Path) -> None:
    """The real command in a child process whose PATH has python but no dot."""
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    out = tmp_path / "x.svg"
    out.write_text("the old picture")
    done = subprocess.run(
        [sys.executable, "-m", "pohon_cli", "render", str(DATA), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    for hint in ("apt-get install graphviz", "brew install graphviz", "winget install graphviz"):
        assert hint in done.stderr
    assert "--format dot" in done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_text() == "the old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.svg"]
    # and the DOT source needs no Graphviz at all
    done = subprocess.run(
        [sys.executable, "-m", "pohon_cli", "render", str(DATA), "-o", str(tmp_path / "x.dot")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "x.dot").read_text().startswith("digraph pohon {")


def test_without_dot_in_process(tmp_path: Path) -> None:
    result = run("render", DATA, "-o", tmp_path / "x.png", env={"PATH": str(tmp_path)}, expect=2)
    assert "brew install graphviz" in result.stderr
    assert list(tmp_path.iterdir()) == []


# -- big trees ------------------------------------------------------------------------------


def big_tree(nodes: int, missions: int = 4) -> str:
    """A pohon file of ``nodes`` nodes: tujuan spread over the misi, each with sasaran and
    kegiatan below; every kegiatan has an indicator."""
    lines = [
        "versi: 1",
        "instansi: {nama: Kantor Besar}",
        "tahun: 2024",
        "visi: Visi",
        "misi:",
        *(f"  - {{kode: M{m}, uraian: Misi {m}}}" for m in range(missions)),
        "jenjang: [tujuan, sasaran, kegiatan]",
        "pohon:",
    ]
    count = 0
    t = 0
    while count < nodes:
        lines += [f"  - kode: T{t}", "    jenjang: tujuan", f"    uraian: Tujuan {t}"]
        lines += [f"    misi: [M{t % missions}]", "    anak:"]
        count += 1
        for s in range(5):
            if count >= nodes:
                break
            lines += [f"      - kode: S{t}.{s}", "        jenjang: sasaran"]
            lines += [f"        uraian: Sasaran {t}.{s}", "        anak:"]
            count += 1
            for k in range(5):
                if count >= nodes:
                    break
                kode = f"K{t}.{s}.{k}"
                lines += [f"          - kode: {kode}", "            jenjang: kegiatan"]
                lines += [f"            uraian: Kegiatan {kode}", "            indikator:"]
                lines += [f"              - {{kode: I{kode}, uraian: Jumlah, target: {{2024: 1}}}}"]
                count += 1
            if lines[-1].endswith("anak:"):
                lines.pop()
        if lines[-1].endswith("anak:"):
            lines.pop()
        t += 1
    return "\n".join(lines) + "\n"


def test_a_big_page_warns_and_names_the_split(tmp_path: Path) -> None:
    source = tmp_path / "big.yaml"
    source.write_text(big_tree(BIG_PAGE + 50))
    result = run("render", source, "-o", tmp_path / "big.dot")
    assert f"has {BIG_PAGE + 50} nodes" in result.stderr
    assert "--split misi" in result.stderr
    # split by misi, every page is small again: no warning
    result = run("render", source, "--split", "misi", "--format", "dot", "-o", tmp_path / "m")
    assert "warning" not in result.stderr
    assert len(list((tmp_path / "m").iterdir())) == 4


def test_a_big_page_gets_the_fast_layout_settings(tmp_path: Path) -> None:
    small = draw(load(DATA)).source
    source = tmp_path / "big.yaml"
    source.write_text(big_tree(BIG_PAGE + 1))
    big = draw(load(source)).source
    assert "nslimit" not in small
    assert "nslimit=0.2" in big
    assert "splines=ortho" not in big


def test_dot_that_takes_too_long_is_stopped_and_leaves_the_old_file(tmp_path: Path) -> None:
    source = tmp_path / "big.yaml"
    source.write_text(big_tree(1500))
    out = tmp_path / "big.svg"
    out.write_text("the old picture")
    result = run("render", source, "-o", out, "--timeout", "0.05", expect=2)
    assert "was stopped" in result.stderr
    assert "--split misi" in result.stderr
    assert out.read_text() == "the old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.svg", "big.yaml"]


# -- colours and the units chart -----------------------------------------------------------


def lightness(colour: str) -> float:
    """CIE L* of an sRGB colour: what is left of it when printed in grey."""

    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def test_levels_stay_apart_in_grey_and_by_border() -> None:
    grey = [lightness(style.fill) for style in LEVEL_STYLES]
    steps = [later - earlier for earlier, later in itertools.pairwise(grey)]
    assert min(steps[:4]) >= 7  # the five default levels: clearly apart in grey
    assert min(steps) > 0
    assert grey[0] >= 55  # black text stays readable on the darkest fill
    borders = [(style.border, style.line) for style in LEVEL_STYLES]
    assert len(set(borders)) == len(borders)


def test_units_chart_shows_each_unit_under_its_atasan(seed: Tree, tmp_path: Path) -> None:
    out = tmp_path / "units.svg"
    run("render", DATA, "--units", "-o", out)
    found = texts(out)
    joined = words(" ".join(found))
    assert "CASCADING AKUNTABILITAS KINERJA" in found
    for unit in seed.header.units:
        assert unit.code in found
        assert words(unit.name.upper()) in joined
        for duty in unit.duties:
            assert words(duty) in joined
    lines = ET.parse(out).getroot().iter(f"{SVG}g")
    drawn = sum(g.get("class") == "edge" for g in lines)
    below = [u for u in seed.header.units if u.parent is not None]
    atasan = {u.parent for u in below}
    assert drawn == len(below) + len(atasan)  # to each unit, and down from each atasan


def test_units_chart_needs_units(write: Callable[[str], Path], tmp_path: Path) -> None:
    lonely = write(
        "versi: 1\ninstansi: {nama: X}\ntahun: 2024\nvisi: V\nmisi: [{kode: M1, uraian: M}]\n"
        "pohon: [{kode: T1, jenjang: tujuan, uraian: T}]\n"
    )
    result = run("render", lonely, "--units", "-o", tmp_path / "u.svg", expect=1)
    assert "no unit_kerja" in result.stderr


# -- the picture in the README --------------------------------------------------------------


def test_the_committed_picture_is_current(seed: Tree) -> None:
    """docs/pohon_M1.svg is drawn from docs/pohon_M1.dot; run `make docs` when this fails.
    The DOT source is compared, since SVG bytes differ between Graphviz versions. The
    docs' pictures are in Indonesian (``--lang id``), as planners read them."""
    committed = (DOCS / "pohon_M1.dot").read_text(encoding="utf-8")
    with speaking("id"):
        assert committed == draw(seed, Filter(misi="M1")).source, "run `make docs`"
    assert set(boxes(DOCS / "pohon_M1.svg")) == select(seed, Filter(misi="M1")).matched


def test_a_text_that_is_only_a_bracket_still_draws(
    write: Callable[[str], Path], tmp_path: Path
) -> None:
    """Graphviz 2.43 fails on an HTML-like label whose text is only "]" (found by Hypothesis
    in a unit's name)."""
    path = write(
        """
        versi: 1
        instansi: {nama: "]"}
        tahun: 2024
        visi: "]"
        misi: [{kode: M1, uraian: "]"}]
        unit_kerja: [{kode: A, nama: "]"}]
        pohon: [{kode: T1, jenjang: tujuan, uraian: "]", penanggung_jawab: A}]
        """
    )
    for extra in ([], ["--units"]):
        out = tmp_path / f"tree{len(extra)}.svg"
        run("render", path, *extra, "-o", out)
        assert "]" in "".join(ET.parse(out).getroot().itertext())


# -- order: siblings as written -----------------------------------------------------------


def _x_positions(source: str) -> dict[str, float]:
    """Each drawn box's kode → the x of its centre, as dot lays the page out (-Tplain)."""
    kode_of = dict(
        re.findall(r'\t(n\d+) \[label=<<TABLE[^>]*><TR><TD ALIGN="LEFT"><B>([^<]*)</B>', source)
    )
    plain = run_dot(source, "plain").data.decode()
    found: dict[str, float] = {}
    for line in plain.splitlines():
        parts = line.split()
        if parts[:1] == ["node"] and parts[1] in kode_of:
            found[kode_of[parts[1]]] = float(parts[2])
    return found


def _out_of_order(tree: Tree, source: str) -> list[str]:
    """Siblings written under one parent (or the roots) that are not drawn left to right
    in the order of the file."""
    x = _x_positions(source)
    # the page's own roots (no parent drawn) stand in the order they are written
    groups = [
        [k for k in tree.nodes if k in x and not any(p in x for p in tree.parents.get(k, ()))]
    ]
    for parent, kids in tree.children.items():
        # a child written under an earlier parent stands where that parent puts it
        groups.append([k for k in kids if k in x and tree.parents[k][0] == parent])
    wrong = []
    for group in groups:
        for left, right in itertools.pairwise(group):
            same_rank = tree.level_index(tree.nodes[left]) == tree.level_index(tree.nodes[right])
            if same_rank and not x[left] < x[right]:
                wrong.append(f"{right} drawn left of {left}")
    return wrong


@pytest.mark.parametrize("misi", [None, "M1", "M2", "M3", "M4", "M5"])
def test_siblings_are_drawn_in_the_order_of_the_file(seed: Tree, misi: str | None) -> None:
    page = draw(seed, Filter(misi=misi))
    assert _out_of_order(seed, page.source) == []


def test_siblings_keep_their_order_on_a_big_generated_tree(tmp_path: Path) -> None:
    source = tmp_path / "big.yaml"
    source.write_text("".join(generate(300)))
    tree = load(source)
    for misi in [None, *(m.code for m in tree.header.missions)]:
        assert _out_of_order(tree, draw(tree, Filter(misi=misi)).source) == [], misi


def test_the_whole_tree_stands_under_a_band_of_misi(seed: Tree, tmp_path: Path) -> None:
    out = tmp_path / "pohon.svg"
    run("render", DATA, "-o", out)
    kode_of: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for group in ET.parse(out).getroot().iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if title is None or title.text is None:
            continue
        if group.get("class") == "node":
            first = group.find(f".//{SVG}text")
            kode_of[title.text] = (first.text or "") if first is not None else ""
        elif group.get("class") == "edge" and title.text.startswith("m"):
            tail, head = title.text.split("->")
            pairs.append((tail.split(":")[0], head.split(":")[0]))
    drawn = {(kode_of[t], kode_of[h]) for t, h in pairs}
    serves = seed.all_missions()
    # each misi above the highest nodes serving it; a node serving several gets a line from each
    expected = {
        (misi, kode)
        for kode in seed.nodes
        for misi in serves[kode]
        if not any(misi in serves[p] for p in seed.parents.get(kode, ()))
    }
    assert ("M1", "T3") in expected
    assert drawn == expected
    assert "bandmisi" not in draw(seed, Filter(misi="M1")).source  # its heading names it


# -- paper --------------------------------------------------------------------------------


def _media_box(pdf: Path) -> tuple[float, float]:
    """The first page's size in points, from the PDF's MediaBox (cairo writes it plain)."""
    found = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert found is not None
    return float(found[1]), float(found[2])


@pytest.mark.parametrize(
    ("args", "points"),
    [
        (("--misi", "M1", "--paper", "A3"), (842, 1191)),
        (("--misi", "M3", "--paper", "A3", "--landscape"), (1191, 842)),
        (("--misi", "M4", "--paper", "F4"), (609, 935)),  # 215 × 330 mm
        (("--paper", "A1", "--landscape"), (2384, 1684)),
    ],
)
def test_a_pdf_on_paper_is_the_sheet(
    tmp_path: Path, args: tuple[str, ...], points: tuple[int, int]
) -> None:
    out = tmp_path / "p.pdf"
    run("render", DATA, *args, "-o", out)
    width, height = _media_box(out)
    assert abs(width - points[0]) <= 2 and abs(height - points[1]) <= 2, (width, height)


def test_a_page_whose_text_would_not_read_is_refused_with_the_sheet_that_fits(
    tmp_path: Path,
) -> None:
    result = run(
        "render", DATA, "--misi", "M3", "--paper", "A3", "-o", tmp_path / "p.pdf", expect=1
    )
    assert "below the 5 pt" in result.stderr
    assert "use --paper A3 --landscape" in result.stderr
    result = run("render", DATA, "--paper", "A4", "-o", tmp_path / "p.svg", expect=1)
    assert "--split misi" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_png_is_drawn_for_print(tmp_path: Path) -> None:
    """200 pixels per inch by default (Graphviz's 96 blurs on paper); on A3 the picture is
    the sheet at that density."""
    out = tmp_path / "p.png"
    run("render", DATA, "--misi", "M1", "--paper", "A3", "-o", out)
    width, height = struct.unpack(">II", out.read_bytes()[16:24])
    assert (abs(width - 2339) <= 3, abs(height - 3307) <= 3) == (True, True), (width, height)
    run("render", DATA, "--misi", "M1", "--paper", "A3", "--dpi", "100", "-o", out)
    assert abs(struct.unpack(">I", out.read_bytes()[16:20])[0] - 1169) <= 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--paper", "B5"), "unknown --paper `B5`"),
        (("--landscape",), "--landscape turns the sheet of --paper"),
        (("--dpi", "10"), "--dpi"),
    ],
)
def test_paper_mistakes_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    assert message in run("render", DATA, *args, "-o", tmp_path / "p.pdf", expect=2).stderr


# -- a tree larger than its paper, cut into pages -----------------------------------------


def _texts(svg: str) -> set[str]:
    return {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}


def test_a_tree_too_large_for_its_paper_is_cut_into_pages_that_fit(tmp_path: Path) -> None:
    """300 nodes on A1: every page is the sheet, every box stands on some page, and a
    page cut from a larger one names the nodes above it."""
    source = tmp_path / "t300.yaml"
    source.write_text("".join(generate(300)), encoding="utf-8")
    loaded = load_path(source)
    assert loaded.tree is not None
    out = tmp_path / "pages"
    run("render", source, "--split", "paper", "--paper", "A1", "-f", "svg", "-o", f"{out}/",
        "--lang", "id")  # fmt: skip
    pages = sorted(out.glob("*.svg"))
    assert len(pages) > 10
    seen: set[str] = set()
    for page in pages:
        svg = page.read_text(encoding="utf-8")
        size = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
        assert size is not None
        assert abs(float(size[1]) - 1684) <= 3 and abs(float(size[2]) - 2384) <= 3, page.name
        seen |= _texts(svg)
    assert set(loaded.tree.nodes) <= seen
    assert any("Bagian dari" in _texts(p.read_text(encoding="utf-8")) for p in pages)
    with speaking("en"):
        assert "<B>Part of</B>: T1" in _heading(loaded.tree, Filter(), ["T1"])


def test_a_misi_page_too_large_is_cut_and_what_cannot_be_cut_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    result = run("render", DATA, "--split", "misi", "--paper", "A4", "--landscape", "-o", out)
    names = {p.stem for p in out.iterdir()}
    assert "M5" not in names and "M5-P-PEMILU" in names
    assert {n.split("-")[0] for n in names} == {"M1", "M2", "M3", "M4", "M5"}
    assert "wrote" in result.stderr
    # one box taller than the sheet: nothing to cut, refused, nothing written
    tall = tmp_path / "tall.yaml"
    rows = "".join(
        f"      - {{kode: I{i}, uraian: Persentase capaian kegiatan nomor {i}, satuan: persen}}\n"
        for i in range(150)
    )
    tall.write_text(
        "versi: 1\ninstansi: {nama: Dinas Contoh}\ntahun: 2025\nvisi: Visi\n"
        "misi: [{kode: M1, uraian: Misi}]\npohon:\n  - kode: T1\n    jenjang: tujuan\n"
        "    uraian: Meningkatnya layanan\n    misi: [M1]\n    indikator:\n" + rows,
        encoding="utf-8",
    )
    result = run(
        "render", tall, "--split", "paper", "--paper", "A4", "-o", tmp_path / "a4", expect=1
    )
    assert "the page (" in result.stderr and "does not fit on A4" in result.stderr
    assert not (tmp_path / "a4").exists() or not any((tmp_path / "a4").iterdir())
    # one file cannot hold several pages: the message says how to cut
    result = run("render", DATA, "--paper", "A4", "-o", tmp_path / "p.svg", expect=1)
    assert "--split paper -o FOLDER/" in result.stderr


def test_split_paper_needs_a_sheet_and_a_drawing(tmp_path: Path) -> None:
    for args in (["--split", "paper"], ["--split", "paper", "--paper", "A3", "-f", "dot"]):
        result = run("render", DATA, *args, "-o", tmp_path / "x", expect=2)
        assert "--split paper cuts the tree into pages that fit --paper" in result.stderr


def test_a_cut_keeps_as_many_levels_on_the_top_page_as_the_sheet_holds(tmp_path: Path) -> None:
    source = tmp_path / "t300.yaml"
    source.write_text("".join(generate(300)), encoding="utf-8")
    loaded = load_path(source)
    assert loaded.tree is not None
    tree = loaded.tree
    page = draw(tree, Filter(root="T1.SS1"))
    below = select(tree, Filter(root="T1.SS1")).matched
    # a sheet that holds eight boxes: the sasaran strategis with its sasaran and programs
    parts = cut(tree, page, fits=lambda trial: trial.nodes <= 8)
    top = parts[0].origin
    assert top is not None and top.chosen.root == "T1.SS1" and top.chosen.depth == 3
    covered: set[str] = set()
    for part in parts:
        assert part.origin is not None
        covered |= select(tree, part.origin.chosen).matched
    assert covered == below
    # without a measure, the top page holds the top and the nodes just under it
    assert cut(tree, page)[0].nodes == 1 + len(tree.children["T1.SS1"])


@pytest.mark.parametrize("blank", ['"\\n"', '" "', '"\\t\\n"'])
def test_a_name_or_statement_of_only_white_space_still_draws(tmp_path: Path, blank: str) -> None:
    # Graphviz refuses <FONT> around nothing but white space: such a text gets no tag
    path = tmp_path / "kosong.yaml"
    path.write_text(
        "versi: 1\n"
        f"instansi: {{nama: {blank}}}\n"
        "tahun: 2026\n"
        "pohon:\n"
        f"  - {{kode: T1, jenjang: tujuan, uraian: Meningkatnya layanan, hasil: {blank}}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "kosong.svg"
    run("render", path, "-o", out)
    assert "T1" in out.read_text(encoding="utf-8")


def test_the_posters_words_in_indonesian() -> None:
    """The poster's own words follow the language: Indonesian with --lang id, English
    with --lang en; the form titles (POHON KINERJA, CASCADING ...) stay in both."""
    kominfo = CASES / "carried" / "dinas_kominfo.yaml"
    dot = run("render", "-f", "dot", kominfo, "-o", "-", "--lang", "id").stdout
    assert '<B>IKK1</B><FONT POINT-SIZE="8"> · dibawa dari K1</FONT>' in dot
    assert "carried" not in dot
    for said in ("POHON KINERJA", "<B>INDIKATOR</B>", "Target tahun "):
        assert said in dot
    units = run("render", "-f", "dot", "--units", DATA, "-o", "-", "--lang", "id").stdout
    assert "CASCADING AKUNTABILITAS KINERJA" in units and "penanggung jawab: " in units
    dot = run("render", "-f", "dot", kominfo, "-o", "-", "--lang", "en").stdout
    assert '<B>IKK1</B><FONT POINT-SIZE="8"> · carried from K1</FONT>' in dot
    for said in ("POHON KINERJA", "<B>INDICATOR</B>", "Targets for "):
        assert said in dot
    assert "INDIKATOR" not in dot and "tahun" not in dot
    units = run("render", "-f", "dot", "--units", DATA, "-o", "-", "--lang", "en").stdout
    assert "CASCADING AKUNTABILITAS KINERJA" in units and "responsible for: " in units
    assert "simpul" not in units and "indikator" not in units


def test_a_page_refused_for_its_paper_is_said_in_indonesian(tmp_path: Path) -> None:
    done = run("render", DATA, "--paper", "A4", "-o", tmp_path / "x.svg", "--lang", "id", expect=1)
    assert done.stderr.startswith("pohon: halaman (") and "tidak muat di A4" in done.stderr
    assert "gunakan --paper A2 --landscape, atau gambar lebih sedikit" in done.stderr
    assert not list(tmp_path.iterdir())
