"""The mutation fuzzer in its quick form: a fixed seed, a few hundred mutants of the seed
tree and the small fixtures, every command run on each (``make fuzz`` runs it for minutes,
with a new seed, and keeps what fails under tests/corpus/fuzz/)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import fuzz
from conftest import DATA

MUTANTS = 250
SEED = 20240101


def test_every_command_that_reads_a_file_is_fuzzed() -> None:
    missing = set(fuzz.registered()) - set(fuzz.FORMATS) - fuzz.NO_FILE
    assert not missing, f"add these commands to tests/support/fuzz.py FORMATS: {sorted(missing)}"


def test_mutants_of_real_files_always_get_an_answer() -> None:
    checked = list(fuzz.campaign(MUTANTS, None, SEED))
    failing = [mutant for mutant in checked if mutant.failures]
    report = "\n\n".join(
        f"{m.name} ({', '.join(m.edits)}):\n" + "\n".join(map(str, m.failures[:3]))
        for m in failing[:5]
    )
    assert not failing, report
    # the mutants reach both sides: files still valid, and broken ones
    valid = sum(mutant.valid for mutant in checked)
    assert 0.05 * MUTANTS < valid < 0.7 * MUTANTS


def test_each_mutation_edits_the_file_and_is_reproducible() -> None:
    data = DATA.read_bytes()
    for name, mutation in fuzz.MUTATIONS.items():
        assert mutation(data, random.Random(1)) == mutation(data, random.Random(1)), name
        assert any(mutation(data, random.Random(s)) != data for s in range(20)), name


def test_the_harness_sees_a_wrong_exit_a_missing_message_and_a_hang(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.yaml")
    failure = fuzz.run(["validate", missing], frozenset({1}))
    assert failure is not None and failure.why == "exit 2, expected 1"
    assert "no such file" in failure.output
    assert fuzz.run(["validate", missing], frozenset({2})) is None
    # A FIFO whose writer never writes blocks in read(), in a `with` that closes the file
    # when the deadline lands (a 1 ms deadline on a real file could land between an open()
    # and its `with`, and leave an unclosed file for the GC). A FIFO with no writer at all
    # is refused by pohon (exit 2), so the test holds a writer open itself.
    fifo = tmp_path / "silent-writer.yaml"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR)  # a writer that never writes (O_RDWR: no wait)
    try:
        failure = fuzz.run(["validate", str(fifo)], frozenset({0, 1}), limit=0.2)
    finally:
        os.close(writer)
    assert failure is not None and failure.why == "no answer within 0.2 s"


def test_a_failing_mutant_is_kept_where_the_corpus_replays_it(tmp_path: Path) -> None:
    saved = fuzz.save(b"versi: [\x00", "pohon_kinerja", tmp_path)
    assert saved.parent == tmp_path and saved.name.startswith("pohon_kinerja--")
    assert saved.read_bytes() == b"versi: [\x00"
    assert fuzz.save(b"versi: [\x00", "pohon_kinerja", tmp_path) == saved  # once
