"""Rules of the 2016–2022 joint local area SEND inspections and their revisits.

Each function states one rule and names its source (``docs/rules.md`` lists them all).
Dates in, dates or decisions out; the working-day calendar is passed in.
"""

from __future__ import annotations

from datetime import date

from sendwatch.rules import Pause, cited
from sendwatch.rules.calendar import ENGLAND, Calendar, add_months, add_working_days

SNJ_ACCOUNTABILITY = (
    "https://www.specialneedsjungle.com/"
    "after-ofsted-how-can-las-be-held-accountable-after-their-one-shot-send-inspection/"
)
PQ_SLOUGH = (
    "https://www.parallelparliament.co.uk/question/100659/"
    "disability-and-special-educational-needs-slough"
)
NORTHUMBERLAND = (
    "https://healthwatchnorthumberland.co.uk/joint-local-area-send-revisit-northumberland/"
)
WOKINGHAM = (
    "https://www.sendvoiceswokingham.org.uk/news/council/"
    "wokingham-written-statement-of-action-approved-by-ofstedcqc"
)
NASEN_REVISITS = (
    "http://www.nasen.org.uk/newsviews/News/"
    "News.revisits-to-local-areas-with-a-written-statement-of-action-wsoa-for-send.html"
)
IPSEA_REVISITS = (
    "https://www.ipsea.org.uk/news/ofsted-and-the-cqc-to-revisit-failing-local-authorities"
)
REVISIT_GUIDANCE = (
    "https://gov.uk/government/publications/local-area-send-inspection-guidance-for-inspectors/"
    "guidance-for-carrying-out-re-visits-to-local-areas-required-to-produce-a-written-"
    "statement-of-action"
)
STATS_GUIDANCE = (
    "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/"
    "attachment_data/file/1117636/Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
)
PQ_APP = "https://parallelparliament.co.uk/question/6435/special-educational-needs"
DEVON_NOTICE = "https://www.devon.gov.uk/children-families-education/?p=3940"
WARWICKSHIRE = "https://warwickshireparentcarervoice.org/local-send-inspection/"
FRAMEWORK_2023 = (
    "https://www.gov.uk/government/publications/area-send-framework-and-handbook/"
    "area-send-inspections-framework-and-handbook"
)

#: Working days an area has to submit its written statement of action.
WSOA_WORKING_DAYS = 70
#: Months after the statement is declared fit for purpose within which a revisit is usual.
REVISIT_WITHIN_MONTHS = 18
#: Months after a revisit report within which DfE and NHS England hold a progress review.
PROGRESS_REVIEW_WITHIN_MONTHS = 6
#: The day the 2023 framework replaced this one: no revisits after it.
FRAMEWORK_ENDED = date(2023, 1, 1)

#: All routine inspection activity stopped on 17 March 2020; revisits restarted "from April
#: 2021" (the source gives the month, so we take its first day).
COVID_PAUSE = Pause("COVID-19 suspension of inspections", date(2020, 3, 17), date(2021, 4, 1))


@cited(
    NORTHUMBERLAND, "https://www.southend.gov.uk/children-disabilities/special-educational-needs/3"
)
def wsoa_required(outcome: str | None) -> bool | None:
    """Whether an inspection outcome requires a written statement of action (None: unknown).

    Where inspectors find significant areas of weakness, HMCI determines that the local
    authority and the area's health commissioners must jointly submit a written statement
    of action; otherwise no statement is required and the inspection process ends.
    """
    if outcome == "wsoa_required":
        return True
    if outcome == "no_wsoa":
        return False
    return None


@cited(SNJ_ACCOUNTABILITY, PQ_SLOUGH)
def wsoa_due(letter: date, calendar: Calendar = ENGLAND) -> date:
    """The written statement of action is due 70 working days after the outcome letter.

    The count runs from the area's receipt of the letter, a few days before it is
    published; counting from publication (what the record usually holds) can only put the
    due date a few days late, never early.
    """
    return add_working_days(letter, WSOA_WORKING_DAYS, calendar)


@cited(WOKINGHAM, NORTHUMBERLAND)
def wsoa_fit_for_purpose(accepted: date | None) -> bool:
    """Ofsted and CQC declare an acceptable statement "fit for purpose" (on a known date)."""
    return accepted is not None


@cited(
    NASEN_REVISITS,
    IPSEA_REVISITS,
    "https://parallelparliament.co.uk/question/179416/special-educational-needs-inspections",
)
def revisit_due(accepted: date) -> date:
    """A revisit usually takes place within 18 months of the statement being fit for purpose.

    Only areas that had a written statement of action are revisited; the revisit looks
    only at progress on each significant weakness.
    """
    return add_months(accepted, REVISIT_WITHIN_MONTHS)


@cited(
    REVISIT_GUIDANCE,
    "https://tes.com/magazine/news/general/full-send-area-ofsted-inspections-return-june",
)
def revisit_due_after_pause(accepted: date, as_of: date) -> date | None:
    """The revisit due date with the clock stopped for the COVID-19 suspension.

    All inspection activity stopped on 17 March 2020 and revisits resumed from April 2021.
    We add the days of the suspension that fell inside the 18 months; while the suspension
    lasted the due date was unknown (None).
    """
    return COVID_PAUSE.extend(accepted, revisit_due(accepted), as_of)


@cited(STATS_GUIDANCE, NASEN_REVISITS)
def revisit_verdict(total: int | None, sufficient: int | None) -> str | None:
    """Roll the per-weakness verdicts of a revisit into all / some / none (None: unknown).

    Each significant weakness is judged to have made sufficient progress or not; Ofsted's
    statistics record Yes (all), Some or No (none).
    """
    if total is None or sufficient is None or total <= 0 or not 0 <= sufficient <= total:
        return None
    if sufficient == total:
        return "all"
    if sufficient == 0:
        return "none"
    return "some"


@cited(NASEN_REVISITS, IPSEA_REVISITS)
def formal_monitoring_ends(verdict: str | None) -> bool:
    """Sufficient progress on every weakness ends DfE and NHS England's formal monitoring."""
    return verdict == "all"


@cited(PQ_APP, NASEN_REVISITS)
def accelerated_progress_plan_required(verdict: str | None) -> bool:
    """Insufficient progress on any weakness: DfE and NHS England decide next steps.

    DfE requires an action plan, usually called an accelerated progress plan, published
    locally; the Secretary of State's intervention powers (such as an improvement notice)
    may follow.
    """
    return verdict in ("some", "none")


@cited(PQ_APP)
def progress_review_due(revisit_letter: date) -> date:
    """DfE and NHS England hold a formal progress review within 6 months of the revisit report."""
    return add_months(revisit_letter, PROGRESS_REVIEW_WITHIN_MONTHS)


@cited(PQ_APP)
def further_revisit_expected(directed_by_secretary_of_state: bool = False) -> bool:
    """Ofsted and CQC do not revisit again unless the Secretary of State directs it."""
    return directed_by_secretary_of_state


@cited(
    DEVON_NOTICE,
    "https://parallelparliament.co.uk/question/28264/special-educational-needs-standards",
)
def improvement_notice_possible(verdict: str | None) -> bool:
    """After a poor revisit DfE may issue an improvement notice (Devon 2022, Kent 2023)."""
    return verdict in ("some", "none")


@cited(WARWICKSHIRE, FRAMEWORK_2023)
def never_revisited(wsoa: bool | None, revisited: bool, as_of: date) -> bool:
    """An area with a statement not revisited before 1 January 2023 never will be.

    The 2016 framework ended; such areas stay under DfE and NHS England monitoring and wait
    for a full inspection under the 2023 framework.
    """
    return bool(wsoa) and not revisited and as_of >= FRAMEWORK_ENDED


@cited(STATS_GUIDANCE, FRAMEWORK_2023)
def is_2016_framework(visit: date) -> bool:
    """Whether a full inspection on ``visit`` falls under the 2016 framework (before 2023)."""
    return visit < FRAMEWORK_ENDED
