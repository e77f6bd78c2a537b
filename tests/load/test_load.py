"""The loader: every bad input gives a problem at the exact line and column, never an exception."""

from __future__ import annotations

import os
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DATA

from pohon_cli.load import MAX_BYTES, load_bytes, load_path, load_text, read_bytes
from pohon_cli.problem import InputError

HEADER = """\
versi: 1
instansi: {nama: Kantor Contoh}
tahun: 2024
visi: Visi contoh
misi:
  - {kode: M1, uraian: Misi satu}
unit_kerja:
  - {kode: U1, nama: Bagian satu}
"""
# HEADER is 8 lines long: the first line after it is line 9.


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """The 1-based (line, column) where the ``nth`` ``needle`` starts in ``text``."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def problems(text: str) -> list[tuple[int, int, str]]:
    loaded = load_text(text, "t.yaml")
    return [(p.line, p.column, p.code) for p in loaded.problems]


def messages(text: str) -> list[str]:
    return [p.text() for p in load_text(text, "t.yaml").problems]


def test_the_seed_loads_without_problems() -> None:
    loaded = load_path(DATA)
    assert loaded.problems == []
    assert loaded.ok and loaded.tree is not None


def test_minimal_tree_loads() -> None:
    loaded = load_text(HEADER + "pohon: []\n", "t.yaml")
    assert loaded.ok, loaded.problems


# -- YAML itself


def test_syntax_error_points_at_the_place() -> None:
    # at the `[` left open, not at the end of the file where libyaml gave up
    assert problems(HEADER + "pohon:\n  - kode: [a\n") == [(10, 11, "PK001")]


def test_tab_indentation_says_to_use_spaces() -> None:
    [text] = messages(HEADER + "pohon:\n\t- kode: a\n")
    assert text.startswith("t.yaml:10:1: error [PK001]")
    assert "indent with spaces" in text


def test_python_tag_is_refused_not_run() -> None:
    text = HEADER + "pohon: !!python/object/apply:os.system ['echo pwned']\n"
    found = messages(text)
    assert found[0].startswith("t.yaml:9:8: error [PK004]")
    assert "never runs code" in found[0]


def test_unknown_tags_are_refused() -> None:
    assert (9, 8, "PK004") in problems(HEADER + "pohon: !foo []\n")


def test_duplicate_key_is_an_error_not_a_silent_overwrite() -> None:
    text = HEADER.replace("tahun: 2024\n", "tahun: 2024\ntahun: 2025\n") + "pohon: []\n"
    found = messages(text)
    assert found == [
        "t.yaml:4:1: error [PK003] duplicate key `tahun`: it is already set on line 3, "
        "and one of the two values would be lost (keep one of them)"
    ]


def test_merge_keys_are_refused() -> None:
    text = HEADER + "base: &b {jenjang: tujuan}\npohon:\n  - <<: *b\n    kode: T1\n"
    assert (11, 5, "PK004") in problems(text)


def test_second_document_is_refused() -> None:
    assert problems(HEADER + "pohon: []\n---\nversi: 1\n") == [(10, 1, "PK004")]


def test_alias_bomb_fails_fast_in_bounded_memory() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    start = time.monotonic()
    found = problems("\n".join(lines) + "\n")
    assert time.monotonic() - start < 5  # a guard against a hang, not a benchmark
    assert found[0][2] == "PK005"
    assert found[0][0] in range(2, 11)


def test_absurd_nesting_is_a_problem_not_a_recursion_error() -> None:
    deep = "x: " + "[" * 100_000 + "]" * 100_000 + "\n"
    [text] = messages(deep)
    # the 1,000th `[`: too deep to read is PK005 (the table in docs/rules.md), not a syntax error
    assert text == (
        "t.yaml:1:1003: error [PK005] lists and mappings are nested too deep here: the YAML "
        "reader stops at about 1,000 levels (flatten the structure: a pohon file needs only "
        "a few dozen levels)"
    )
    block = "".join("  " * i + "- \n" for i in range(3000))
    assert problems(block) == [(1000, 1999, "PK005")]  # the 1,000th `-`


def test_tree_nested_deeper_than_the_limit(tmp_path: Path) -> None:
    lines = [HEADER + "jenjang: [" + ", ".join(f"l{i}" for i in range(50)) + "]", "pohon:"]
    indent = "  "
    for i in range(70):
        lines.append(f"{indent}- kode: N{i}")
        lines.append(f"{indent}  jenjang: l{min(i, 49)}")
        lines.append(f"{indent}  uraian: u")
        lines.append(f"{indent}  anak:")
        indent += "    "
    codes = {code for _, _, code in problems("\n".join(lines) + "\n")}
    assert "PK005" in codes


# -- scalars: nothing converted behind the user's back


def test_numbers_keep_their_digits_and_yaml11_words_stay_text() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: 1.10\n"
        "    jenjang: tujuan\n"
        "    uraian: no\n"
        "    indikator:\n"
        "      - kode: 010\n"
        "        uraian: on\n"
        "        satuan: 2024-01-01\n"
        "        target: {2024: 1.10, 2025: 1e3, 2026: '100', 2027: WTP}\n"
        "        baseline: 007\n"
    )
    loaded = load_text(text, "t.yaml")
    assert loaded.ok, loaded.problems
    assert loaded.tree is not None
    node = loaded.tree.nodes["1.10"]
    assert node.description == "no"
    [indicator] = node.indicators
    assert (indicator.code, indicator.description, indicator.unit) == ("010", "on", "2024-01-01")
    assert indicator.targets == {
        2024: Decimal("1.10"),
        2025: "1e3",
        2026: "100",
        2027: "WTP",
    }
    assert str(indicator.targets[2024]) == "1.10"
    assert indicator.baseline == "007"


def test_years_as_strings_and_numbers_are_the_same_year() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    indikator:\n"
        "      - {kode: I1, uraian: u, target: {'2024': 1, 2025: 2}}\n"
    )
    loaded = load_text(text, "t.yaml")
    assert loaded.tree is not None
    assert loaded.tree.nodes["T1"].indicators[0].targets == {2024: 1, 2025: 2}


def test_the_same_year_twice_is_a_duplicate_key() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    indikator:\n"
        "      - {kode: I1, uraian: u, target: {2024: 1, 2024: 2}}\n"
    )
    assert problems(text) == [(*at(text, "2024: 2"), "PK003")]


def test_bom_and_crlf_are_accepted_with_right_positions() -> None:
    text = (HEADER + "pohon:\n  - kode: T1\n    jenjang: tujuann\n    uraian: u\n").replace(
        "\n", "\r\n"
    )
    loaded = load_bytes(b"\xef\xbb\xbf" + text.encode(), "t.yaml")
    assert [(p.line, p.column, p.code) for p in loaded.problems] == [(11, 14, "PK023")]


def test_mixed_line_endings_keep_line_numbers() -> None:
    text = HEADER.replace("tahun: 2024\n", "tahun: 2024\r\n") + "pohon: 3\n"
    assert problems(text) == [(9, 8, "PK012")]


@pytest.mark.parametrize(
    ("data", "where", "what"),
    [
        ("versi: 1\n".encode("utf-16"), (1, 1), "UTF-16"),
        ("versi: 1\n".encode("utf-32"), (1, 1), "UTF-32"),
        (b"versi: 1\nvisi: caf\xe9\n", (2, 10), "not valid UTF-8"),
    ],
)
def test_other_encodings_are_refused_at_their_place(
    data: bytes, where: tuple[int, int], what: str
) -> None:
    [problem] = load_bytes(data, "t.yaml").problems
    assert ((problem.line, problem.column), problem.code) == (where, "PK002")
    assert what in problem.message and problem.hint


def test_nul_and_control_bytes_are_found() -> None:
    [problem] = load_bytes(b"versi: 1\nvisi: a\x00b\n", "t.yaml").problems
    assert (problem.line, problem.column, problem.code) == (2, 8, "PK002")
    assert "U+0000" in problem.message


def test_empty_file_and_a_list_at_the_top() -> None:
    assert problems("") == [(1, 1, "PK012")]
    assert problems("# only a comment\n") == [(1, 1, "PK012")]
    assert problems("- a\n- b\n") == [(1, 1, "PK012")]


def test_keys_that_are_not_words() -> None:
    text = HEADER + "pohon: []\n? [a, b]\n: c\n"
    assert (10, 3, "PK012") in problems(text)


# -- the format


def test_misspelt_keys_get_did_you_mean() -> None:
    text = HEADER + "pohon:\n  - kode: T1\n    jenjang: tujuan\n    urian: u\n"
    found = messages(text)
    assert (
        "t.yaml:12:5: error [PK010] unknown key `urian` in this node (did you mean `uraian`?)"
        in found
    )
    assert "t.yaml:10:5: error [PK011] this node has no `uraian` (add `uraian: ...`)" in found


def test_misspelt_top_level_key_and_wrong_types() -> None:
    text = HEADER.replace("visi:", "vsii:") + "pohon: []\n"
    found = problems(text)
    assert (4, 1, "PK010") in found
    assert (1, 1, "PK011") not in found  # visi is optional (a perangkat daerah has none)
    found = problems(HEADER.replace("tahun:", "tahn:") + "pohon: []\n")
    assert (3, 1, "PK010") in found
    assert (1, 1, "PK011") in found  # tahun is missing: pointed at the start of the file


@pytest.mark.parametrize("written", ["pohn", "phon", "Pohon"])
def test_a_misspelt_pohon_key_is_told_it_means_pohon(written: str) -> None:
    text = HEADER + f"{written}:\n  - kode: T1\n"
    line, column = at(text, f"{written}:")
    assert messages(text) == [  # once: not also "the file has no `pohon`"
        f"t.yaml:{line}:{column}: error [PK010] unknown key `{written}` in this top level "
        "(did you mean `pohon`?)"
    ]


def test_an_unknown_top_level_key_lists_pohon_among_the_allowed() -> None:
    text = HEADER + "pohon: []\nwibble: 1\n"
    [found] = messages(text)
    assert found.startswith("t.yaml:10:1: error [PK010] unknown key `wibble` in this top level")
    assert found.endswith(", jenjang, pohon)")


def test_wrong_kinds_of_value() -> None:
    text = HEADER.replace("tahun: 2024", "tahun: dua ribu") + (
        "pohon:\n"
        "  - kode: [T1]\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    nasional: ya\n"
        "    indikator:\n"
        "      - {kode: I1, uraian: u, polaritas: naikk, target: {2024: [90, 80], 24: 1}}\n"
    )
    found = problems(text)
    assert found == [
        (*at(text, "dua ribu"), "PK012"),  # tahun is not a year
        (*at(text, "[T1]"), "PK012"),  # kode is a list
        (*at(text, "ya"), "PK012"),  # nasional: ya
        (*at(text, "naikk"), "PK012"),  # polaritas naikk
        (*at(text, "[90, 80]"), "PK012"),  # range upside down
        (*at(text, "24: 1"), "PK012"),  # 24 is not a year
    ]
    text_messages = "\n".join(messages(text))
    assert "did you mean `naik`?" in text_messages
    assert "90 is above 80" in text_messages


def test_every_problem_in_a_file_is_reported() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    misi: [M9]\n"
        "    penanggung_jawab: U2\n"
        "    anak:\n"
        "      - kode: S1\n"
        "        jenjang: sasaran_strategs\n"
        "        uraian: u\n"
        "      - kode: T1\n"
        "        jenjang: sasaran\n"
        "        uraian: u\n"
        "      - rujuk: S2\n"
    )
    found = messages(text)
    assert found == [
        "t.yaml:13:12: error [PK021] `M9` is not a misi of this file (use one of `M1`)",
        "t.yaml:14:23: error [PK021] `U2` is not a unit kerja of this file (use one of `U1`)",
        "t.yaml:17:18: error [PK023] `sasaran_strategs` is not one of the levels in `jenjang` "
        "(did you mean `sasaran_strategis` or `sasaran`?)",
        "t.yaml:19:15: error [PK020] the kode `T1` is used twice: first on line 10 "
        "(every node and indicator needs its own kode)",
        "t.yaml:22:16: error [PK021] `rujuk: S2` names no node in this file",
    ]


def test_unknown_atasan_and_atasan_cycle() -> None:
    text = (
        HEADER.replace(
            "  - {kode: U1, nama: Bagian satu}\n",
            "  - {kode: U1, nama: a, atasan: U2}\n"
            "  - {kode: U2, nama: b, atasan: U1}\n"
            "  - {kode: U3, nama: c, atasan: U9}\n",
        )
        + "pohon: []\n"
    )
    assert problems(text) == [
        (*at(text, "U2}"), "PK024"),
        (*at(text, "U1}"), "PK024"),
        (*at(text, "U9}"), "PK021"),
    ]


def test_child_level_must_be_below_parent() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: S1\n"
        "    jenjang: sasaran\n"
        "    uraian: u\n"
        "    anak:\n"
        "      - kode: T1\n"
        "        jenjang: tujuan\n"
        "        uraian: u\n"
    )
    [problem] = load_text(text, "t.yaml").problems
    assert (problem.line, problem.column, problem.code) == (15, 18, "PK022")
    assert "a `tujuan` cannot sit under a `sasaran`" in problem.message


def test_references_point_at_nodes_not_indicators_nor_ancestors() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    indikator: [{kode: I1, uraian: u}]\n"
        "    anak:\n"
        "      - kode: S1\n"
        "        jenjang: sasaran\n"
        "        uraian: u\n"
        "        anak:\n"
        "          - rujuk: I1\n"
        "          - rujuk: T1\n"
        "          - rujuk: S1\n"
    )
    found = problems(text)
    assert (19, 20, "PK021") in found  # an indicator
    # T1 above S1 and S1 itself: wrong level (PK022) and a cycle (PK024), both reported
    assert {(20, 20, "PK022"), (21, 20, "PK022")} <= set(found)
    assert {(20, 20, "PK024"), (21, 20, "PK024")} <= set(found)


def test_reference_takes_only_rujuk() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    anak:\n"
        "      - kode: S1\n"
        "        jenjang: sasaran\n"
        "        uraian: u\n"
        "  - kode: T2\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    anak:\n"
        "      - {rujuk: S1, misi: [M1]}\n"
    )
    assert problems(text) == [(21, 21, "PK010")]


def test_shared_node_has_every_parent() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    anak:\n"
        "      - {kode: S1, jenjang: sasaran, uraian: u, anak: [{rujuk: K1}]}\n"
        "      - {kode: S2, jenjang: sasaran, uraian: u, anak: [{kode: K1, jenjang: kegiatan,"
        " uraian: k}]}\n"
    )
    loaded = load_text(text, "t.yaml")
    assert loaded.ok and loaded.tree is not None, loaded.problems
    assert loaded.tree.parents["K1"] == ("S2", "S1")
    assert loaded.tree.children["S1"] == ("K1",)


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_path(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load_path(tmp_path)


def test_a_level_name_with_a_hyphen_or_a_space_says_what_to_write() -> None:
    """Offices write their own level names; a hyphen or a space gets the name to write,
    once, and nodes already written with it are not each called unknown."""
    text = (
        HEADER + "jenjang: [tujuan, sasaran-program, Sasaran Kegiatan]\n"
        "pohon:\n"
        "  - kode: T1\n    jenjang: tujuan\n    uraian: u\n    anak:\n"
        "      - kode: S1\n        jenjang: sasaran_program\n        uraian: u\n"
    )
    assert messages(text) == [
        f"t.yaml:{at(text, 'sasaran-program')[0]}:{at(text, 'sasaran-program')[1]}: error "
        "[PK012] item 2 of `jenjang` is not a level name: the text `sasaran-program` "
        "(write `sasaran_program`, here and in each node's `jenjang`: a level name is one "
        "word of letters, digits and _)",
        f"t.yaml:{at(text, 'Sasaran K')[0]}:{at(text, 'Sasaran K')[1]}: error "
        "[PK012] item 3 of `jenjang` is not a level name: the text `Sasaran Kegiatan` "
        "(write `Sasaran_Kegiatan`, here and in each node's `jenjang`: a level name is one "
        "word of letters, digits and _)",
    ]


def test_a_dash_is_not_standard_input_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="not standard input; name the file"):
        load_path("-")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_nobody_writes_to_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pohon.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="a named pipe that nothing writes to"):
        read_bytes(fifo)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pohon.yaml"
    os.mkfifo(fifo)
    data = DATA.read_bytes()

    def writer() -> None:
        with open(fifo, "wb") as handle:  # waits for the reader, as a shell redirection does
            handle.write(data)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert load_path(fifo).ok
    finally:
        thread.join(10)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_without_end_is_refused_at_the_size_limit() -> None:
    # /dev/zero has size 0 and never ends: without a bound it would fill the memory
    with pytest.raises(InputError, match=f"larger than {MAX_BYTES // (1024 * 1024)} MB"):
        read_bytes("/dev/zero")


def test_empty_lists_and_texts_are_named_plainly() -> None:
    text = (
        "versi: 1\ninstansi: {nama: K}\ntahun: 2024\nvisi: V\n"
        'misi: [{kode: "", uraian: M}]\njenjang: []\npohon:\n'
        "  - {kode: T1, jenjang: tujuan, uraian: U}\n"
    )
    messages = [p.message for p in load_text(text, "t.yaml").problems]
    # not pydantic's "at most None" nor "tuple should have at least 1 item after validation";
    # and with no level named, no node is reported against an empty list of levels
    assert messages == ["`kode` cannot be empty", "`jenjang` cannot be an empty list"]


def test_one_bad_key_in_a_node_hides_none_of_its_other_problems() -> None:
    """An invalid node still takes its kode and has its level checked: a CI run reports
    every problem at once, not one per round; a reference to it adds nothing."""
    text = (
        HEADER + "jenjang: [tujuan, sasaran_pd]\n"
        "pohon:\n"
        "  - kode: T1\n    jenjang: tujuan\n    uraian: u\n    anak:\n"
        "      - kode: S1\n        jenjang: sasaran_pdd\n        uraian: u\n"
        "        penanggungjawab: X\n"
        "        indikator:\n          - {kode: S1, uraian: i}\n"
        "      - rujuk: S1\n"
        "  - kode: T1\n    jenjang: tujuan\n    urian: typo\n"
    )
    assert problems(text) == [
        (*at(text, "sasaran_pdd"), "PK023"),
        (*at(text, "penanggungjawab"), "PK010"),
        (*at(text, "S1, uraian"), "PK020"),
        (at(text, "- kode: T1", 2)[0], 5, "PK011"),  # the second T1 has no uraian
        (*at(text, "T1", 2), "PK020"),
        (*at(text, "urian"), "PK010"),
    ]
