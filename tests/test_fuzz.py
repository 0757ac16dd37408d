"""A bounded sample of the fuzzing run (``make fuzz`` runs 2,000 inputs and more): every
malformed input is refused with a reason or stored whole, and no good file is lost."""

from __future__ import annotations

import pytest

from sendwatch import sources
from sendwatch.db import Store
from tests.support.fuzz import MUTATORS, generate, run


def test_the_generator_makes_every_kind_of_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "DOCX_MAX_UNPACKED", 1024 * 1024)
    hows = {case.how for case in generate(200, seed=3)}
    assert {m.__name__ for m in MUTATORS} <= hows
    assert {"fifo", "link loop"} <= hows


def test_a_sample_of_malformed_inputs(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # Zip bombs just over a smaller limit: the same path, in a fraction of the time.
    monkeypatch.setattr(sources, "DOCX_MAX_UNPACKED", 8 * 1024 * 1024)
    tally = run(store, count=60, seed=7, batch=30, time_limit=60)
    assert tally.inputs == 60 and tally.good >= 4
    assert (tally.crashes, tally.hangs, tally.partial_records, tally.good_files_lost) == (
        0,
        0,
        0,
        0,
    ), tally.problems
    assert tally.refused > 15 and tally.stored > 10
