"""Approval test: the stage computed for every area agrees with Ofsted's official statistics.

Ofsted's official statistics (joint local area SEND inspections, 1 May 2016 to 31 August
2022; the project's copy is ``src/sendwatch/data/area_send_2016_framework_official.csv``)
give, for each of 149 areas, whether a written statement of action was required, whether
the area had been revisited, and whether it made sufficient progress on all, some or none
of its significant weaknesses. Each row is turned into TimelineEvents here (not through the
store) and the status as of 31 August 2022 must say the same.

The table was compiled after 31 August 2022: it includes a few revisit letters published in
September and October 2022 for revisits made by then. As of 31 August those letters were not
public, so the status must say the letter is awaited, and agree with the table once the
letter is published.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sendwatch.status import Status, status
from sendwatch.timeline import Claim, Source, TimelineEvent

TABLE = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "sendwatch"
    / "data"
    / "area_send_2016_framework_official.csv"
)
AS_OF = date(2022, 8, 31)

C_AREA = "Area name"
C_START = "Inspection start date"
C_PUBLISHED = "Inspection publication date"
C_WSOA = "Inspection outcome: written statement of action required?"
C_TOTAL = "Number significant weaknesses identified in written statement of action"
C_RV_START = "Revisit start date"
C_RV_PUBLISHED = "Revisit publication date"
C_RV_ALL = "Revisit outcome: sufficient progress in addressing all significant weaknesses?"
C_RV_MADE = "Number significant weaknesses where sufficient progress has been made"
C_RV_NOT = "Number significant weaknesses where sufficient progress has not been made"

WSOA_STAGES = {
    "2016_wsoa_required",
    "2016_wsoa_submitted",
    "2016_wsoa_accepted",
    "2016_revisit_awaiting_letter",
    "2016_revisit_sufficient",
    "2016_revisit_sufficient_some",
    "2016_revisit_sufficient_none",
}
NOT_REVISITED_STAGES = {"2016_wsoa_required", "2016_wsoa_submitted", "2016_wsoa_accepted"}
REVISITED_STAGES = {
    "2016_revisit_awaiting_letter",
    "2016_revisit_sufficient",
    "2016_revisit_sufficient_some",
    "2016_revisit_sufficient_none",
}


def _rows() -> list[tuple[int, dict[str, str]]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


ROWS = _rows()


def _number(text: str) -> int | None:
    return int(float(text)) if text.strip() else None


def _day(text: str) -> str | None:
    """The ISO day of a cell ('2021-05-24 00:00:00' -> '2021-05-24'), None if not a date."""
    text = text.strip()
    return text[:10] if text[:4].isdigit() else None


def events_of(line: int, row: dict[str, str]) -> list[TimelineEvent]:
    """The row's inspection and revisit, as a store would merge them from this one source."""
    area = row[C_AREA]
    source = Source(
        trust="official_statistics", dataset="area_send_2016_framework_official", dataset_row=line
    )

    def event(kind: str, values: dict[str, Any]) -> TimelineEvent:
        values = {k: v for k, v in values.items() if v is not None}
        claim = Claim(area, kind, dict(values), source)
        return TimelineEvent(area=area, kind=kind, values=values, claims=[claim])

    wsoa = row[C_WSOA].strip() == "Yes"
    events = [
        event(
            "inspection",
            {
                "framework": "2016",
                "visit_start": _day(row[C_START]),
                "published": _day(row[C_PUBLISHED]),
                "outcome": "wsoa_required" if wsoa else "no_wsoa",
                "weaknesses_total": _number(row[C_TOTAL]),
            },
        )
    ]
    if _day(row[C_RV_START]):
        events.append(
            event(
                "revisit",
                {
                    "framework": "2016",
                    "visit_start": _day(row[C_RV_START]),
                    "published": _day(row[C_RV_PUBLISHED]),
                    "weaknesses_total": _number(row[C_TOTAL]),
                    "weaknesses_sufficient": _number(row[C_RV_MADE]),
                },
            )
        )
    return events


def progress_of(s: Status) -> str:
    """All / some / none, as the table's Yes / Some / No, read from the status."""
    assert s.open_items is not None and s.open_items.of is not None
    if s.code == "2016_revisit_sufficient":
        assert s.open_items.count == 0
        return "Yes"
    if s.code == "2016_revisit_sufficient_none":
        assert s.open_items.count == s.open_items.of
        return "No"
    assert s.code == "2016_revisit_sufficient_some"
    return "Some"


def test_the_table_has_every_area() -> None:
    assert len(ROWS) == 149
    assert len({row[C_AREA] for _, row in ROWS}) == 149


@pytest.mark.parametrize(("line", "row"), ROWS, ids=[row[C_AREA] for _, row in ROWS])
def test_stage_agrees_with_official_statistics(line: int, row: dict[str, str]) -> None:
    area = row[C_AREA]
    events = events_of(line, row)
    s = status(area, events, AS_OF)
    assert s.problems == (), [p.message for p in s.problems]

    # Statement required or not.
    if row[C_WSOA].strip() == "Yes":
        assert s.code in WSOA_STAGES, s.code
    else:
        assert row[C_WSOA].strip() == "No"
        assert s.code == "2016_no_wsoa"
        return

    # Revisited or not.
    if row[C_RV_START].strip() == "Not revisited yet":
        assert s.code in NOT_REVISITED_STAGES, s.code
        assert s.open_items is not None and s.open_items.count == _number(row[C_TOTAL])
        return
    assert s.code in REVISITED_STAGES, s.code

    # Sufficient progress on all, some or none.
    letter = date.fromisoformat(row[C_RV_PUBLISHED])
    if letter > AS_OF:
        assert s.code == "2016_revisit_awaiting_letter"
        s = status(area, events, letter)
    assert progress_of(s) == row[C_RV_ALL].strip()
    made, not_made = _number(row[C_RV_MADE]), _number(row[C_RV_NOT])
    assert s.open_items is not None
    assert s.open_items.count == not_made
    assert s.open_items.of == (made or 0) + (not_made or 0)
