"""Rules of the 2016–2022 joint local area SEND inspections and their revisits.

Each function states one rule and names its source, the primary one first (``docs/rules.md``
lists them all with the section or paragraph relied on). Dates in, dates or decisions out;
the working-day calendar is passed in.

Primary sources read for this module: the Children Act 2004 (Joint Area Reviews)
Regulations 2015 (regulation 3, and the Explanatory Note's account of regulation 4), Ofsted
and CQC's "Guidance for carrying out re-visits to local areas required to produce a written
statement of action" (updated 29 November 2022) and the collection page of the 2016
inspection guidance. The 2016 framework and handbook themselves (PDFs) could not be read,
so rules that only they or DfE's 2018 announcement state keep secondary sources and say so.
"""

from __future__ import annotations

from datetime import date

from sendwatch.rules import Pause, cited
from sendwatch.rules.calendar import ENGLAND, Calendar, add_months, add_working_days

# Primary sources.
JAR_REGULATIONS_REG_3 = "https://legislation.gov.uk/uksi/2015/1792/regulation/3"
JAR_REGULATIONS_NOTE = "https://www.legislation.gov.uk/uksi/2015/1792/note/made"
REVISIT_GUIDANCE = (
    "https://gov.uk/government/publications/local-area-send-inspection-guidance-for-inspectors/"
    "guidance-for-carrying-out-re-visits-to-local-areas-required-to-produce-a-written-"
    "statement-of-action"
)
INSPECTOR_GUIDANCE = (
    "https://gov.uk/government/publications/local-area-send-inspection-guidance-for-inspectors"
)
STATS_GUIDANCE = (
    "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/"
    "attachment_data/file/1117636/Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
)
FRAMEWORK_2023 = (
    "https://www.gov.uk/government/publications/area-send-framework-and-handbook/"
    "area-send-inspections-framework-and-handbook"
)

# Secondary sources: kept as corroboration, or where no primary source could be read.
SNJ_ACCOUNTABILITY = (
    "https://www.specialneedsjungle.com/"
    "after-ofsted-how-can-las-be-held-accountable-after-their-one-shot-send-inspection/"
)
PQ_SLOUGH = (
    "https://www.parallelparliament.co.uk/question/100659/"
    "disability-and-special-educational-needs-slough"
)
#: Ofsted and CQC's revisit letter for Northumberland (2021), reproduced by Healthwatch.
NORTHUMBERLAND = (
    "https://healthwatchnorthumberland.co.uk/joint-local-area-send-revisit-northumberland/"
)
SOUTHEND = "https://www.southend.gov.uk/children-disabilities/special-educational-needs/3"
WOKINGHAM = (
    "https://www.sendvoiceswokingham.org.uk/news/council/"
    "wokingham-written-statement-of-action-approved-by-ofstedcqc"
)
#: DfE's announcement of the revisit programme (9 November 2018), as nasen published it.
NASEN_REVISITS = (
    "http://www.nasen.org.uk/newsviews/News/"
    "News.revisits-to-local-areas-with-a-written-statement-of-action-wsoa-for-send.html"
)
IPSEA_REVISITS = (
    "https://www.ipsea.org.uk/news/ofsted-and-the-cqc-to-revisit-failing-local-authorities"
)
PQ_REVISITS = (
    "https://parallelparliament.co.uk/question/179416/special-educational-needs-inspections"
)
PQ_APP = "https://parallelparliament.co.uk/question/6435/special-educational-needs"
PQ_NOTICES = "https://parallelparliament.co.uk/question/28264/special-educational-needs-standards"
DEVON_NOTICE = "https://www.devon.gov.uk/children-families-education/?p=3940"
TES_RETURN = "https://tes.com/magazine/news/general/full-send-area-ofsted-inspections-return-june"
WARWICKSHIRE = "https://warwickshireparentcarervoice.org/local-send-inspection/"
#: Ofsted's own slides for its January 2023 area SEND roadshow, on Ofsted's SlideShare account.
OFSTED_ROADSHOW_2023 = (
    "https://www.slideshare.net/Ofstednews/new-area-send-framework-webinar-pptpptx"
)

#: Working days the principal authority has to make its written statement of action
#: (Joint Area Reviews Regulations 2015, regulation 4, per the Explanatory Note).
WSOA_WORKING_DAYS = 70
#: Months after the statement is declared fit for purpose within which a revisit is usual.
REVISIT_WITHIN_MONTHS = 18
#: Months after a revisit report within which DfE and NHS England hold a progress review.
PROGRESS_REVIEW_WITHIN_MONTHS = 6
#: The day the 2023 framework replaced this one: no revisits after it.
FRAMEWORK_ENDED = date(2023, 1, 1)

#: Revisit guidance, introduction: routine inspection stopped on 17 March 2020; revisits
#: restarted "from April 2021" (the source gives the month, so we take its first day).
COVID_PAUSE = Pause("COVID-19 suspension of inspections", date(2020, 3, 17), date(2021, 4, 1))


@cited(JAR_REGULATIONS_REG_3, NORTHUMBERLAND, SOUTHEND)
def wsoa_required(outcome: str | None) -> bool | None:
    """Whether an inspection outcome requires a written statement of action (None: unknown).

    Source: Children Act 2004 (Joint Area Reviews) Regulations 2015, regulation 3(3)-(4):
    after a review HMCI decides whether a written statement of proposed action is
    appropriate and, if so, which body must make it, and the report publishes that
    decision. Ofsted's letters (Northumberland's, reproduced) show the practice: where
    inspectors found significant areas of weakness, HMCI required a statement from the
    local authority and the area's health commissioners jointly; otherwise none.
    """
    if outcome == "wsoa_required":
        return True
    if outcome == "no_wsoa":
        return False
    return None


@cited(JAR_REGULATIONS_NOTE, PQ_SLOUGH, SNJ_ACCOUNTABILITY)
def wsoa_due(letter: date, calendar: Calendar = ENGLAND) -> date:
    """The written statement of action is due 70 working days after the report is received.

    Source: Joint Area Reviews Regulations 2015, regulation 4, as its Explanatory Note
    states it (the statement within 70 working days of the principal authority receiving
    the report); DfE's answer on Slough corroborates. The count runs from receipt, a few
    days before publication; counting from publication (what the record usually holds) can
    only put the due date a few days late, never early.
    """
    return add_working_days(letter, WSOA_WORKING_DAYS, calendar)


@cited(NORTHUMBERLAND, WOKINGHAM, primary=False)
def wsoa_fit_for_purpose(accepted: date | None) -> bool:
    """Ofsted and CQC declare an acceptable statement "fit for purpose" (on a known date).

    No primary source stating the acceptance step could be read (the 2016 handbook PDF
    was not readable); Ofsted's revisit letters use the phrase with a date (Northumberland,
    reproduced; Stockport 2022).
    """
    return accepted is not None


@cited(NASEN_REVISITS, IPSEA_REVISITS, PQ_REVISITS, primary=False)
def revisit_due(accepted: date) -> date:
    """A revisit usually takes place within 18 months of the statement being fit for purpose.

    Only areas that had a written statement of action are revisited; the revisit looks
    only at progress on each significant weakness. Source: DfE's announcement of 9
    November 2018 as nasen and IPSEA published it, and a 2021 parliamentary answer; the
    Ofsted revisit guidance read (updated November 2022) does not state the 18 months.
    """
    return add_months(accepted, REVISIT_WITHIN_MONTHS)


@cited(REVISIT_GUIDANCE, TES_RETURN)
def revisit_due_after_pause(accepted: date, as_of: date) -> date | None:
    """The revisit due date with the clock stopped for the COVID-19 suspension.

    Source: revisit guidance (updated 29 November 2022), "Introduction" and "Our phased
    return": routine inspection was suspended on 17 March 2020 and revisits restarted from
    April 2021. We add the days of the suspension that fell inside the 18 months; while the
    suspension lasted the due date was unknown (None).
    """
    return COVID_PAUSE.extend(accepted, revisit_due(accepted), as_of)


@cited(REVISIT_GUIDANCE, STATS_GUIDANCE, NASEN_REVISITS)
def revisit_verdict(total: int | None, sufficient: int | None) -> str | None:
    """Roll the per-weakness verdicts of a revisit into all / some / none (None: unknown).

    Source: revisit guidance, "Our phased return": a revisit decides whether sufficient
    progress has been made on each area of significant weakness. Ofsted's statistics
    record the roll-up as Yes (all), Some or No (none).
    """
    if total is None or sufficient is None or total <= 0 or not 0 <= sufficient <= total:
        return None
    if sufficient == total:
        return "all"
    if sufficient == 0:
        return "none"
    return "some"


@cited(NASEN_REVISITS, IPSEA_REVISITS, primary=False)
def formal_monitoring_ends(verdict: str | None) -> bool:
    """Sufficient progress on every weakness ends DfE and NHS England's formal monitoring.

    Source: DfE's announcement of 9 November 2018 as nasen and IPSEA published it; no
    primary text of it could be read.
    """
    return verdict == "all"


@cited(PQ_APP, NASEN_REVISITS, primary=False)
def accelerated_progress_plan_required(verdict: str | None) -> bool:
    """Insufficient progress on any weakness: DfE and NHS England decide next steps.

    DfE requires an action plan, usually called an accelerated progress plan, published
    locally; the Secretary of State's intervention powers (such as an improvement notice)
    may follow. Ofsted's revisit letters (Stockport 2022) say that DfE and NHS England
    decide the next steps; the plan itself is known only from a parliamentary answer of
    27 May 2021 (mirrored) and DfE's 2018 announcement as nasen published it.
    """
    return verdict in ("some", "none")


@cited(PQ_APP, primary=False)
def progress_review_due(revisit_letter: date) -> date:
    """DfE and NHS England hold a formal progress review within 6 months of the revisit report.

    Source: parliamentary answer of 27 May 2021 (mirrored); no DfE guidance stating it
    could be read.
    """
    return add_months(revisit_letter, PROGRESS_REVIEW_WITHIN_MONTHS)


@cited(PQ_APP, primary=False)
def further_revisit_expected(directed_by_secretary_of_state: bool = False) -> bool:
    """Ofsted and CQC do not revisit again unless the Secretary of State directs it.

    Ofsted's own revisit letters say so (Stockport, October 2022; Kent 2022), but no stored
    copy of them with an Ofsted address could be read; the parliamentary answer of 27 May
    2021 (mirrored) is cited.
    """
    return directed_by_secretary_of_state


@cited(DEVON_NOTICE, PQ_NOTICES, primary=False)
def improvement_notice_possible(verdict: str | None) -> bool:
    """After a poor revisit DfE may issue an improvement notice (Devon 2022, Kent 2023).

    Source: Devon County Council and a parliamentary answer (mirrored); DfE's notices
    themselves were not read.
    """
    return verdict in ("some", "none")


@cited(INSPECTOR_GUIDANCE, OFSTED_ROADSHOW_2023, WARWICKSHIRE)
def never_revisited(wsoa: bool | None, revisited: bool, as_of: date) -> bool:
    """An area with a statement not revisited before 1 January 2023 never will be.

    Source: the 2016 inspection guidance's collection page (the new framework in force from
    1 January 2023, the old guidance applying until then); Ofsted's January 2023 roadshow
    slides (revisits ran up to December 2022). That such areas stay under DfE and NHS
    England monitoring until a 2023-framework inspection is known only from local pages
    (Warwickshire).
    """
    return bool(wsoa) and not revisited and as_of >= FRAMEWORK_ENDED


@cited(INSPECTOR_GUIDANCE, STATS_GUIDANCE, FRAMEWORK_2023)
def is_2016_framework(visit: date) -> bool:
    """Whether a full inspection on ``visit`` falls under the 2016 framework (before 2023).

    Source: the 2016 inspection guidance's collection page: the new area SEND framework
    came into force on 1 January 2023 and the existing guidance applied until then.
    """
    return visit < FRAMEWORK_ENDED
