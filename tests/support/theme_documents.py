"""Documents in our own words for the themes tests: a 2016 inspection letter, its revisit
letter with a verdict on each weakness, and a 2023 monitoring report with a verdict on
each priority action. Stored with their extraction, each finding with its span."""

from __future__ import annotations

from sendwatch.db import Store
from sendwatch.extraction import Event, Extraction, Item
from tests.support.web_documents import store_document

AREA_2016 = "Cheshire West and Chester"
AREA_2023 = "Derbyshire"

#: The four significant weaknesses, each with its verdict at the revisit.
WEAKNESSES = [
    ("Leaders have no shared strategy for SEND across the partnership.", "sufficient"),
    ("Too few education, health and care plans are issued within 20 weeks.", "insufficient"),
    ("Parents do not feel listened to and have lost confidence in the area.", "sufficient"),
    ("Children wait too long for speech and language therapy.", "insufficient"),
]
#: The two areas for priority action, each with its monitoring verdict.
PRIORITY_ACTIONS = [
    ("Leaders should reduce the waits for autism assessments.", "effective"),
    ("Leaders must improve the quality of EHC plans.", "ineffective"),
]


def _store(
    store: Store,
    name: str,
    kind: str,
    framework: str,
    area: str,
    date: str,
    lines: list[tuple[str, str | None]],
    document_type: str,
) -> int:
    heading = f"{area}: {kind.replace('_', ' ')} of {date}.\n"
    text = heading + "".join(f"{line}\n" for line, _ in lines)
    event = Event(local_area=area, kind=kind)
    event.put("framework", framework, None)
    event.put("visit_start", date, (0, len(heading)))
    for line, verdict in lines:
        start = text.index(line)
        event.add("weaknesses", Item(line, (start, start + len(line)), verdict))
    extraction = Extraction(
        source=name,
        document_type=document_type,
        document_date=date,
        local_areas=[area],
        events=[event],
    )
    return store_document(store, text, extraction, name=name)


def store_theme_documents(store: Store) -> dict[str, int]:
    """Store the three documents; returns their ids by kind."""
    return {
        "inspection": _store(
            store,
            "cwac-letter.txt",
            "inspection",
            "2016",
            AREA_2016,
            "2017-03-06",
            [(w, None) for w, _ in WEAKNESSES],
            "inspection_letter",
        ),
        "revisit": _store(
            store,
            "cwac-revisit.txt",
            "revisit",
            "2016",
            AREA_2016,
            "2019-05-13",
            WEAKNESSES,
            "revisit_letter",
        ),
        "monitoring": _store(
            store,
            "derbyshire-monitoring.txt",
            "monitoring_inspection",
            "2023",
            AREA_2023,
            "2025-06-02",
            PRIORITY_ACTIONS,
            "monitoring_report",
        ),
    }
