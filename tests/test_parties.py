"""The parties a document names: the partnership's bodies and the inspection team.

Real reports and the real revisit letter are read from ../shared (skipped when absent);
the 2016 inspection letter here is written for the test, in our own words.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from sendwatch import store as store_ops
from sendwatch import views
from sendwatch.db import Store
from sendwatch.extraction import Extraction, Party
from sendwatch.ingest import ingest
from sendwatch.readers import read
from sendwatch.readers.parties import letter_parties, report_parties
from sendwatch.sources import load
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "area-send-2023"
REVISIT_SEED = SHARED / "seeds" / "002_64d0be60fa525062.txt"


def _reports() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.pdf")) if CORPUS.is_dir() else ["absent"]


@cache
def _read(name: str) -> Extraction:
    if not (CORPUS / name).is_file():
        pytest.skip(f"../shared corpus is not beside the clone (looked in {CORPUS})")
    document = load(CORPUS / name, 50_000_000)
    return read(document.text, document.name)


def _said(extraction: Extraction, party: Party) -> str:
    """The words at the party's span, on one line."""
    return " ".join((extraction.quote(party.span) or "").split())


def _table(extraction: Extraction) -> list[tuple[str, str, str | None]]:
    return [(p.kind, p.name, p.role) for p in extraction.parties]


@pytest.mark.parametrize("name", _reports())
def test_every_real_report_names_its_bodies_and_team(name: str) -> None:
    ex = _read(name)
    kinds = [p.kind for p in ex.parties]
    assert kinds.count("local_authority") == 1, _table(ex)
    assert kinds.count("integrated_care_board") >= 1, _table(ex)
    assert kinds.count("inspector") >= 2, _table(ex)
    for party in ex.parties:
        assert party.span is not None, party
        assert party.name in _said(ex, party), party
        assert party.name == party.name.strip() and "\n" not in party.name
        if party.kind == "inspector":
            assert party.role and ("Ofsted" in party.role or "CQC" in party.role), party
            assert party.role in _said(ex, party), party
        else:
            assert party.role is None
    # Both inspectorates are on every team.
    roles = " ".join(p.role or "" for p in ex.parties)
    assert "Ofsted" in roles and "CQC" in roles


def test_plymouth_as_read_by_eye() -> None:
    ex = _read("plymouth-2023-08-22.pdf")
    assert _table(ex) == [
        ("local_authority", "Plymouth City Council", None),
        ("integrated_care_board", "Devon Integrated Care Board", None),
        ("inspector", "Phil Minns", "Ofsted Lead inspector"),
        ("inspector", "Tessa Valpy", "CQC Lead inspector"),
        ("inspector", "Anna Gravelle", "Ofsted HMI"),
        ("inspector", "Elizabeth Fox", "CQC inspector"),
        ("inspector", "Catherine Leahy", "Ofsted Inspector"),
    ]


def test_two_boards_on_one_line_and_a_wrapped_role() -> None:
    surrey = _read("surrey-2023-11-24.pdf")
    bodies = [(p.kind, p.name) for p in surrey.parties if p.kind != "inspector"]
    assert bodies == [
        ("local_authority", "Surrey County Council"),
        ("integrated_care_board", "Surrey Heartlands ICB"),
        ("integrated_care_board", "Frimley ICB"),
    ]
    assert ("inspector", "Russel Breyer", "Ofsted HMI, Social Care") in _table(surrey)
    blackpool = _read("blackpool-2024-07-25.pdf")
    assert _table(blackpool)[:3] == [
        ("local_authority", "Blackpool", None),
        ("integrated_care_board", "NHS Lancashire and South Cumbria, Integrated Care Board", None),
        # The role wraps onto a line of its own in the PDF's text.
        ("inspector", "Rebecca Sharples", "Ofsted HMI lead inspector"),
    ]


def test_labelled_cells_with_two_boards() -> None:
    ex = _read("suffolk-2024-01-30.pdf")
    bodies = [(p.kind, p.name) for p in ex.parties if p.kind != "inspector"]
    assert bodies == [
        ("local_authority", "Suffolk County Council"),
        ("integrated_care_board", "NHS Suffolk and North East Essex ICB"),
        ("integrated_care_board", "NHS Norfolk and Waveney ICB"),
    ]


def test_a_names_that_wrap_in_both_columns() -> None:
    ex = _read("barking-and-dagenham-2024-09-06.pdf")
    assert _table(ex)[:3] == [
        ("local_authority", "The London Borough of Barking and Dagenham", None),
        ("integrated_care_board", "North East London Integrated Care Board", None),
        ("inspector", "Una Buckley", "HMI, Ofsted Lead inspector"),
    ]


# A short report form written for the test: one column per body, roles after the names.
REPORT = """Area SEND inspection of Somewhere Local Area Partnership

Local area partnership details
Local authority Integrated care board
Somewhere Borough Council NHS Elsewhere Integrated Care Board
Pat Example, Director of Children's Services
www.example.gov.uk www.example.nhs.uk

Information about this inspection
The inspection was led by an inspector from Ofsted.

Inspection team
Ofsted Care Quality Commission
Alex Sample, Ofsted Lead inspector Sam Person, CQC Lead inspector
Jo Bloggs HMI, Ofsted inspector
If you are not happy with the inspection, you can say so.
"""


def test_report_form_written_for_the_test() -> None:
    parties = report_parties(REPORT, "Somewhere")
    assert [(p.kind, p.name, p.role) for p in parties] == [
        ("local_authority", "Somewhere Borough Council", None),
        ("integrated_care_board", "NHS Elsewhere Integrated Care Board", None),
        ("inspector", "Alex Sample", "Ofsted Lead inspector"),
        ("inspector", "Sam Person", "CQC Lead inspector"),
        ("inspector", "Jo Bloggs", "HMI, Ofsted inspector"),
    ]
    for p in parties:
        assert p.span is not None and p.name in REPORT[p.span[0] : p.span[1]]


# A 2016-framework outcome letter in our own words, with the letter's marker phrases.
LETTER = """Ofsted
Piccadilly Gate
Manchester

3 May 2018

Ms A Director
Director of Children's Services
Wigan Council
Town Hall
Wigan

Mr B Officer, Accountable Officer, NHS Wigan Borough Clinical Commissioning Group
Ms C Nominee, Local Area Nominated Officer

Dear Ms Director and Mr Officer

Joint local area SEND inspection in Wigan

Between 9 April 2018 and 13 April 2018, Ofsted and the Care Quality Commission (CQC) \
conducted a joint inspection of the local area of Wigan to judge the effectiveness of the \
area in implementing the disability and special educational needs reforms.

The inspection was led by one of Her Majesty's Inspectors (HMI) from Ofsted, with a team \
of inspectors including an Ofsted Inspector and a children's services inspector from CQC.

As a result of the findings of this inspection, Her Majesty's Chief Inspector (HMCI) has \
determined that a Written Statement of Action is required because of significant areas \
of weakness in the local area's practice. HMCI has also determined that Wigan Council and \
NHS Wigan Borough CCG are jointly responsible for submitting the written statement to Ofsted.

Main findings

- Leaders know their area well.

Yours sincerely

Robin Example
Her Majesty's Inspector

Ofsted\tCare Quality Commission
Someone Senior HMI Regional Director\tAnother Senior Deputy Chief Inspector
Robin Example HMI Lead Inspector\tKim Person CQC Inspector

cc: Department for Education
Clinical commissioning group(s)
Director of Public Health for the area
"""


def test_letter_written_for_the_test() -> None:
    ex = read(LETTER, "letter.txt")
    assert ex.document_type == "inspection_letter"
    assert _table(ex) == [
        ("local_authority", "Wigan Council", None),
        ("clinical_commissioning_group", "NHS Wigan Borough Clinical Commissioning Group", None),
        # The same group, as the "jointly responsible" sentence words it.
        ("clinical_commissioning_group", "NHS Wigan Borough CCG", None),
        ("inspector", "Robin Example", "HMI Lead Inspector"),
        ("inspector", "Kim Person", "CQC Inspector"),
    ]
    for p in ex.parties:
        assert p.name in _said(ex, p)
    # The regional director signs as a signatory, not as a member of the team.
    assert all("Senior" not in p.name for p in ex.parties)


def test_a_letter_that_names_no_group_gives_none() -> None:
    words = LETTER.replace("NHS Wigan Borough Clinical Commissioning Group", "the area's CCG")
    words = words.replace("NHS Wigan Borough CCG", "the area's clinical commissioning group")
    parties = letter_parties(words)
    assert [p.kind for p in parties].count("clinical_commissioning_group") == 0
    assert [p.kind for p in parties].count("local_authority") == 1


def test_the_real_revisit_letter() -> None:
    if not REVISIT_SEED.is_file():
        pytest.skip(f"seed 002 is not in ../shared (looked for {REVISIT_SEED})")
    text = REVISIT_SEED.read_text(encoding="utf-8")
    ex = read(text, REVISIT_SEED.name)
    assert ex.document_type == "revisit_letter"
    assert _table(ex) == [
        ("local_authority", "Stockport Metropolitan Borough Council", None),
        ("inspector", "Pippa Jackson Maitland", "HMI Lead Inspector"),
        ("inspector", "Lyndsey McGeary", "CQC Inspector"),
        ("inspector", "Tessa Valpy", "CQC Inspector"),
    ]
    for p in ex.parties:
        assert p.name in _said(ex, p)


# Storage --------------------------------------------------------------------------------


def test_parties_are_stored_shown_and_replaced_on_reread(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    ingest(store, [path], 1_000_000)
    (document_id,) = store_ops.document_ids(store)
    view = views.document_view(store, document_id)
    assert view is not None
    shown = [(p["kind"], p["name"], p["role"]) for p in view["parties"]]
    assert shown == _table(read(LETTER, "letter.txt"))
    for p in view["parties"]:
        assert p["name"] in " ".join(view["text"][p["start"] : p["end"]].split())
        assert [p["start"], p["end"]] in view["spans"]

    def other(text: str, source: str) -> Extraction:
        return Extraction(source, parties=[Party("inspector", "Ofsted", (0, 6))], text=text)

    store_ops.replace_extraction(store, document_id, other)
    view = views.document_view(store, document_id)
    assert view is not None
    assert [(p["name"], p["start"]) for p in view["parties"]] == [("Ofsted", 0)]
    assert store_ops.counts(store)["parties"] == 1

    store_ops.delete_document(store, document_id)
    assert store_ops.counts(store)["parties"] == 0


def test_a_line_that_cannot_be_split_gives_no_bodies() -> None:
    # No "Council", no "NHS", and the area's name is not on the line: which words belong
    # to which body cannot be told, so neither is read.
    words = REPORT.replace(
        "Somewhere Borough Council NHS Elsewhere Integrated Care Board",
        "Royal Borough of Nowhere Elsewhere Integrated Care Board",
    )
    kinds = [p.kind for p in report_parties(words, "Somewhere")]
    assert "local_authority" not in kinds and "integrated_care_board" not in kinds
    assert kinds.count("inspector") == 3
    # With the area's own name on the line, the cut is after it.
    parties = report_parties(words, "Nowhere")
    assert [(p.kind, p.name) for p in parties[:2]] == [
        ("local_authority", "Royal Borough of Nowhere"),
        ("integrated_care_board", "Elsewhere Integrated Care Board"),
    ]


def test_roles_that_open_with_the_kind_of_inspector() -> None:
    words = REPORT.replace(
        "Jo Bloggs HMI, Ofsted inspector",
        "Jo Bloggs, Lead Children's Services Inspector, CQC Sam Other, Senior HMI, Ofsted",
    )
    inspectors = [(p.name, p.role) for p in report_parties(words, "Somewhere")][2:]
    assert inspectors[2:] == [
        ("Jo Bloggs", "Lead Children's Services Inspector, CQC"),
        ("Sam Other", "Senior HMI, Ofsted"),
    ]
