"""The secondary reader reads in time linear in a page's length, however its words repeat.

Timed as a ratio within one run (machines here are shared and noisy): a page four times as
long may take about four times as long, never the sixteen times a quadratic pattern would.
"""

from __future__ import annotations

import time

import pytest

from sendwatch.readers import read

HEAD = "Barnsley SEND inspection news from Ofsted and the CQC\n\n"


def _seconds(body: str) -> float:
    start = time.perf_counter()
    read(HEAD + body, "page.txt")
    return time.perf_counter() - start


@pytest.mark.parametrize(
    "unit",
    [
        "significant weakness ",
        "Ofsted and the CQC revisited Barnsley; significant weakness ",
        "areas of significant weakness\tYes  ",
    ],
)
def test_reading_grows_linearly_with_repeated_words(unit: str) -> None:
    short = unit * (6_000 // len(unit))
    small = min(_seconds(short) for _ in range(2))
    large = _seconds(short * 4)
    assert large < 10 * max(small, 0.01), (small, large)
