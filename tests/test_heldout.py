"""The readers on held-out documents: every round in ``tests/documents/heldout*/``.

Each round is a folder of documents written, in our own words, after the readers were
written from other documents (tests/documents/README.md says what each round covers). Every
document is scored against its expected record with the official scorer, the evidence of
every value must state it, and decoys must not be read as a kind the round is about. The
table below holds what differs between rounds; a new folder is tested with the defaults of
its style as soon as it is there. Test ids are ``<folder>/<document>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sendwatch.readers import read
from tests.support import heldout
from tests.support.scoring import score_one


@dataclass(frozen=True)
class Round:
    """What one held-out folder is held to."""

    #: "official" (letters and reports of the four official kinds, often as PDFs) or
    #: "secondary" (news, press releases, council pages): which evidence check applies.
    style: str
    #: The lowest F1 a document may score.
    min_f1: float = 0.9
    #: Whether each expected item must be read with exactly its words.
    exact_words: bool = False
    #: Documents known to misread items (strict xfail of the exact-words check), and why.
    limits: dict[str, str] = field(default_factory=dict)
    #: The F1 a document of ``limits`` may fall to.
    limit_min_f1: float = 0.85
    #: Documents known to score short (strict xfail of the score check), and why.
    short: dict[str, str] = field(default_factory=dict)
    #: The F1 the folder's documents must reach taken together, if held to one.
    set_min_f1: float | None = None
    #: Whether the folder must hold decoys.
    needs_decoys: bool = False
    #: Decoys known to be taken for a kind of the round (strict xfail), and why.
    decoy_limits: dict[str, str] = field(default_factory=dict)
    #: Documents whose read values are known not to be stated by their spans (strict xfail
    #: of the evidence check), and why.
    evidence_limits: dict[str, str] = field(default_factory=dict)


ROUNDS = {
    # 15 to 40 scored facts a document: 0.95 allows one slip in a long list, not a missing
    # event or a wrong outcome. Every document scored 1.0 when the round was written.
    "heldout": Round("official", min_f1=0.95, exact_words=True, needs_decoys=True),
    # 8 to 20 scored facts a letter: 0.9 allows one slipped item or count, never a missing
    # event, a wrong outcome or a wrong kind of document.
    "heldout_letters_2": Round("official", exact_words=True),
    "heldout_letters_3": Round(
        "official",
        exact_words=True,
        limits={
            # An unbulleted closing list in which one weakness fills its line to the page's
            # width: nothing in the text (no mark, no short line, no full stop) says where
            # it ends, so it runs on into the next one (F1 0.897 for one merged item).
            "torbay_2022_icb_appendix": "a full-width unbulleted weakness runs into the next",
        },
    ),
    # Short pages: one wrong value costs about 0.05 to 0.1.
    "heldout_secondary": Round("secondary", needs_decoys=True),
    "heldout_secondary_2": Round("secondary", needs_decoys=True),
    # 8 to 20 scored values a page: 0.8 allows one slip on a short page; the set as a whole
    # is wanted at 0.9.
    "heldout_secondary_3": Round("secondary", min_f1=0.8, set_min_f1=0.9, needs_decoys=True),
    # Round 4 (fresh F1 0.829 before its fixes): same page sizes and thresholds as round 3;
    # its one "other" page is a committee report that states events, so it is scored.
    "heldout_secondary_4": Round("secondary", min_f1=0.8, set_min_f1=0.9),
    "heldout_secondary_5": Round("secondary", min_f1=0.8, set_min_f1=0.9),
    # Real-style pages of issue 12, written before its rebuild of the secondary reader (set
    # F1 0.789, precision 0.854 before it; the aim is precision 0.95 and F1 0.85). Pages
    # below 0.8 are the known misreadings the rebuild is for: strict xfails, so each fix
    # shows up as an unexpected pass to be taken off this list. The set is held where it was.
    # After the rebuild: precision 0.937, F1 0.851 (see docs/decisions/0012); after the fixes
    # made with heldout_real_2, precision 0.988, F1 0.931.
    "heldout_real_1": Round(
        "secondary",
        min_f1=0.8,
        # (0.931 after heldout_real_2's fixes)
        set_min_f1=0.9,
        needs_decoys=True,
        short={
            "forum_blackburn_inspection_week_2025": "the 2019 inspection ('under the old "
            "framework') folded into this week's inspection; 'until Friday 12 December' not "
            "read as its end",
            # After issue 12's rebuild the page no longer invents a count for the announced
            # revisit, but its visit days are still missed.
            "news_hull_revisit_announced_2019": "'will spend three days in the city, from "
            "Tuesday 15 October to Thursday 17 October': the revisit's days not read, so the "
            "revisit is not named",
            "news_london_three_areas_2026": "the third of three areas named is missed; report "
            "dates missed; read as a press release",
        },
    ),
    # Real-style pages, round 2, written before reading the reader or round 1's pages (blind:
    # precision 0.880, recall 0.681, F1 0.768; after the fixes made with it precision 1.000,
    # F1 0.991; see tests/documents/README.md). The set is held just below where they left it.
    "heldout_real_2": Round(
        "secondary",
        min_f1=0.8,
        set_min_f1=0.95,
        needs_decoys=True,
    ),
    # Real-style pages, round 3, written without reading the reader, its tests or rounds 1
    # and 2's pages, in forms those rounds did not use (a cabinet report, a Local Offer news
    # page, a Q&A newsletter, a live blog, minutes, a leader's blog, an ICB annual report, an
    # MP's release, a charity's roundup, an FOI response, an FAQ page, a trust's update).
    # Blind: precision 0.841, recall 0.631, F1 0.721 (tests/documents/README.md); after the
    # fixes made with it (no longer blind) 0.949 / 0.887 / 0.917. Pages below 0.8 are strict
    # xfails saying what is wrong; the set is held a little below where the fixes left it.
    "heldout_real_3": Round(
        "secondary",
        min_f1=0.8,
        set_min_f1=0.9,
        needs_decoys=True,
        short={
            "icb_annual_report_swindon_wiltshire_2022": "an ICB's report read as a council page; "
            "'sufficient progress ... in addressing all eight' not read as the revisit's counts",
            "other_bedford_transport_consultation_2025": "a consultation page that explains "
            "the framework is read as a press release (it claims no event)",
            "trust_update_redbridge_2025": "a trust's update read as a press release; 'The "
            "letter was published on 1 July', after its school's own inspection, dates the "
            "area's report",
        },
        decoy_limits={
            "other_bedford_transport_consultation_2025": "a page explaining the framework "
            "is read as a press release",
        },
    ),
}


def settings(folder: Path) -> Round:
    """The round of a folder; a folder not in the table takes its style's defaults."""
    if folder.name in ROUNDS:
        return ROUNDS[folder.name]
    if "secondary" in folder.name:
        return Round("secondary", min_f1=0.8)
    return Round("official", exact_words=True)


def _cases(wanted: str = "", xfails: str = "") -> list[Any]:
    """Every held-out document as a parameter, of the rounds with ``wanted`` set, with the
    round's known limits of kind ``xfails`` marked as strict expected failures."""
    out = []
    for folder in heldout.folders():
        round_ = settings(folder)
        if wanted and not getattr(round_, wanted):
            continue
        known: dict[str, str] = getattr(round_, xfails) if xfails else {}
        for record in heldout.records(folder):
            marks = []
            if record.stem in known:
                marks = [pytest.mark.xfail(reason=known[record.stem], strict=True)]
            out.append(pytest.param(record, id=heldout.case_id(record), marks=marks))
    return out


@pytest.mark.parametrize("record", _cases(xfails="short"))
def test_document_scores_against_its_record(record: Path) -> None:
    round_ = settings(record.parent)
    expected = heldout.gold(record)
    predicted, text = heldout.extract(record)
    if round_.style == "official":
        # A letter or report is one kind; a page may fairly be read as news or a release.
        assert predicted["document_type"] == expected["document_type"]
    tally, evidence = score_one(expected, predicted, len(text))
    least = round_.limit_min_f1 if record.stem in round_.limits else round_.min_f1
    assert tally.prf()[2] >= least, "\n".join(tally.errors)
    assert evidence[0] == evidence[1], "a scored value lacks evidence"


@pytest.mark.parametrize("record", _cases(xfails="evidence_limits"))
def test_evidence_states_every_value(record: Path) -> None:
    exchange, text = heldout.extract(record)
    if settings(record.parent).style == "official":
        heldout.check_official_evidence(exchange, text)
    else:
        heldout.check_page_evidence(exchange, text)


@pytest.mark.parametrize("record", _cases("exact_words", xfails="limits"))
def test_items_keep_their_exact_words(record: Path) -> None:
    heldout.check_exact_words(heldout.gold(record), heldout.extract(record)[0])


_DECOYS = [
    pytest.param(
        path,
        id=f"{folder.name}/{path.stem}",
        marks=[pytest.mark.xfail(reason=settings(folder).decoy_limits[path.stem], strict=True)]
        if path.stem in settings(folder).decoy_limits
        else [],
    )
    for folder in heldout.folders()
    for path in heldout.decoys(folder)
]


@pytest.mark.parametrize("path", _DECOYS)
def test_decoys_are_not_taken_for_the_round_s_kinds(path: Path) -> None:
    folder = path.parent.parent if path.parent.name == "other" else path.parent
    chosen, kind, events = heldout.decoy_claims(path)
    if settings(folder).style == "official":
        assert chosen not in heldout.OFFICIAL_KINDS
        assert kind not in heldout.OFFICIAL_KINDS
    else:
        assert kind == "other"
        assert events == []


@pytest.mark.parametrize(
    "folder",
    [f for f in heldout.folders() if settings(f).needs_decoys],
    ids=lambda f: f.name,
)
def test_round_holds_decoys(folder: Path) -> None:
    assert heldout.decoys(folder), "the round should hold a document of no kind it is about"


@pytest.mark.parametrize(
    "folder",
    [f for f in heldout.folders() if settings(f).set_min_f1 is not None],
    ids=lambda f: f.name,
)
def test_the_set_as_a_whole_scores_as_wanted(folder: Path) -> None:
    f1, counts = heldout.set_f1(folder)
    assert f1 >= (settings(folder).set_min_f1 or 0), counts


# --- the forms held-out secondary round 3 probed, in other constructions than its pages ---


def _events(text: str) -> dict[str, dict[str, Any]]:
    return {e["kind"]: e for e in read(text, "page.txt").to_exchange()["events"]}


def test_a_yes_no_table_in_spaced_columns_gives_verdicts_and_counts() -> None:
    page = (
        "Wigan Council\n\nOur SEND revisit\n\nOfsted and the CQC revisited the area in May 2021."
        "\n\nArea of significant weakness    Sufficient progress made?\n"
        "| --- | --- |\nHow health needs are identified early    No\n"
        "The timeliness of annual reviews    Yes\nThe offer for young people over 16    Yes\n\n"
        "Last updated: 2 July 2021\n"
    )
    revisit = _events(page)["revisit"]
    assert [w["verdict"] for w in revisit["weaknesses"]] == [
        "insufficient",
        "sufficient",
        "sufficient",
    ]
    assert (revisit["weaknesses_total"], revisit["weaknesses_sufficient"]) == (3, 2)


def test_an_answer_without_it_dates_the_question_it_answers() -> None:
    page = (
        "Wigan Council\n\nOur inspection: questions and answers\n\n"
        "Ofsted and the CQC inspected the local area in January 2019 and the council was "
        "required to write a written statement of action.\n\n"
        "When was the written statement submitted?\n\nIn April 2019.\n\n"
        "When was it approved?\n\nOfsted told us in June 2019 that it was fit for purpose.\n\n"
        "Last updated: 2 July 2020\n"
    )
    events = _events(page)
    assert events["wsoa_submitted"]["date"] == "2019-04"
    assert events["wsoa_accepted"]["date"] == "2019-06"
    assert events["inspection"]["visit_start"] == "2019-01"


def test_each_timeline_line_is_its_own_even_without_blank_lines() -> None:
    page = (
        "Wigan Council\n\nOur SEND inspection\n\nTimeline\n\n"
        "4 to 8 March 2019 - Ofsted and CQC inspection of the local area\n"
        "2 May 2019 - letter published\n"
        "30 August 2019 - written statement of action submitted\n\n"
        "Last updated: 2 July 2020\n"
    )
    events = _events(page)
    inspection = events["inspection"]
    assert (inspection["visit_start"], inspection["published"]) == ("2019-03-04", "2019-05-02")
    assert events["wsoa_submitted"]["date"] == "2019-08-30"


def test_a_neighbour_named_alone_keeps_its_outcome() -> None:
    page = (
        "Wigan Council\n\nInspectors visit Wigan\n\n14 June 2018\n\n"
        "Ofsted and the CQC spent a week from 4 June looking at SEND services in Wigan. "
        "We look forward to their findings.\n\n"
        "Neighbouring Bolton had to produce a written statement of action after its "
        "inspection in 2017.\n"
    )
    out = read(page, "page.txt").to_exchange()
    own = [e for e in out["events"] if e["local_area"] == "Wigan"]
    assert all(e["outcome"] is None for e in own)
    bolton = [e for e in out["events"] if e["local_area"] == "Bolton"]
    assert [(e["outcome"], e["framework"]) for e in bolton] == [("wsoa_required", "2016")]
