"""``writes_links``: the quick test on a file's text that decides whether a run needs a
workspace at all. Found from the words, it must say what the line-start pattern says."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pohon_cli.load.workspace import _LINK_KEYS, writes_links

# the pieces a link key's line is made of, and the near misses around them
_PIECES = st.sampled_from(
    ["berkas", "mendukung", "kolaborasi", ":", " ", "\n", "-", "{", "\t", "x", "#", "  - "]
)


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("pohon:\n  - kode: A\n", False),
        ("induk:\n  berkas: ../kpu_ri.yaml\n", True),
        ("  - mendukung: [SS1]\n", True),
        ("kolaborasi:\n  - {berkas: a.yaml, kode: S2}\n", True),
        ("uraian: Program yang mendukung kolaborasi berkas: arsip\n", False),
        ("  -\n    berkas: a.yaml\n", True),
        ("# berkas: a.yaml\n", False),
        ("", False),
    ],
)
def test_links_written_as_keys_only(text: str, links: bool) -> None:
    assert writes_links(text) is links


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_same_answer_as_the_line_start_pattern(text: str) -> None:
    assert writes_links(text) is (_LINK_KEYS.search(text) is not None)
