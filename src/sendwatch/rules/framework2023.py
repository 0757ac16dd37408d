"""Rules of the area SEND framework in force from 1 January 2023 (Ofsted and CQC).

Each function states one rule and names its source (``docs/rules.md`` lists them all).
Periods the handbook gives as "approximately" are returned as their nominal dates.
"""

from __future__ import annotations

from datetime import date

from sendwatch.rules import Pause, cited
from sendwatch.rules.calendar import add_months, add_years

HANDBOOK = (
    "https://www.gov.uk/government/publications/area-send-framework-and-handbook/"
    "area-send-inspections-framework-and-handbook"
)
SGPC_OUTCOMES = "https://sgpc.org.uk/news-feed/inspection-possible-outcomes"
TES_OUTCOMES = "https://tes.com/magazine/news/specialist-sector/urgent-send-problems-in-third-areas-inspected-ofsted-cqc"
SUPPORT_AND_CHALLENGE = (
    "https://www.gov.uk/government/publications/area-send-inspections-support-and-challenge-"
    "following-inspection/area-send-inspections-support-and-challenge-following-inspection"
)
HERTS_PCF = "https://hertsparentcarers.org.uk/?p=3714"
SCHOOLS_WEEK_PAUSE = (
    "https://schoolsweek.co.uk/pause-in-ofsted-send-inspections-opens-accountability-gap/"
)
BIG_LISTEN = (
    "https://gov.uk/government/consultations/ofsted-big-listen/outcome/hearing-feedback-"
    "accepting-criticism-and-building-a-better-ofsted-the-response-to-the-big-listen"
)
NOTTINGHAMSHIRE_MONITORING = (
    "https://www.nottinghamshire.gov.uk/newsroom/news/"
    "inspectors-find-partnership-is-taking-effective-action-to-improve-send-services"
)
PQ_CYCLE = (
    "https://www.parallelparliament.co.uk/question/92647/special-educational-needs-inspections"
)
TES_CYCLE = (
    "https://www.tes.com/magazine/news/general/ofsted-considers-national-team-lead-send-inspections"
)

#: The day the framework came into force.
FRAMEWORK_STARTED = date(2023, 1, 1)
#: Every area is to have had a full inspection under this framework by the end of 2027.
CYCLE_ENDS = date(2027, 12, 31)

OUTCOMES = ("positive", "inconsistent", "systemic_failings")
MONITORING_OUTCOMES = ("effective_action", "ineffective_action")

#: Years to the next full inspection, by outcome ("within approximately").
_FULL_WITHIN_YEARS = {"positive": 5, "inconsistent": 3, "systemic_failings": 3}
#: Months from the report to the monitoring inspection ("usually about").
MONITORING_WITHIN_MONTHS = 18

#: Monitoring inspections were put on hold with the Big Listen response (September 2024;
#: the sources give the month, so we take its first day) until the revised framework came
#: into force on 6 June 2025; the first resumed in July 2025.
MONITORING_PAUSE = Pause("monitoring inspections on hold", date(2024, 9, 1), date(2025, 6, 6))


@cited(SGPC_OUTCOMES, HANDBOOK, TES_OUTCOMES)
def next_full_inspection_within_years(outcome: str, stated_years: int | None = None) -> int | None:
    """Years to the next full inspection: positive about 5, inconsistent or systemic about 3.

    A report that states its own period ("within approximately 3 years") is followed.
    """
    if stated_years is not None:
        return stated_years
    return _FULL_WITHIN_YEARS.get(outcome)


@cited(SGPC_OUTCOMES, HANDBOOK, TES_OUTCOMES)
def next_full_inspection_due(
    inspection: date, outcome: str, stated_years: int | None = None
) -> date | None:
    """The date by which the next full inspection is due, counted from the inspection."""
    years = next_full_inspection_within_years(outcome, stated_years)
    return None if years is None else add_years(inspection, years)


@cited(SGPC_OUTCOMES, SUPPORT_AND_CHALLENGE)
def strategic_plan_update_required(outcome: str | None) -> bool:
    """Inconsistent outcome: the partnership updates and publishes its strategic plan."""
    return outcome == "inconsistent"


@cited(SGPC_OUTCOMES, HANDBOOK)
def priority_action_plan_required(outcome: str | None) -> bool:
    """Widespread and/or systemic failings: HMCI requires a priority action plan (area SEND).

    No deadline for the plan is stated as a rule in our sources (observed: five to six
    weeks after the report), so none is computed.
    """
    return outcome == "systemic_failings"


@cited(SGPC_OUTCOMES, HANDBOOK)
def monitoring_inspection_required(outcome: str | None) -> bool:
    """Only areas with areas for priority action (systemic failings) get a monitoring inspection."""
    return outcome == "systemic_failings"


@cited(SGPC_OUTCOMES, HANDBOOK, TES_OUTCOMES)
def monitoring_inspection_due(report: date, stated_months: int | None = None) -> date:
    """A monitoring inspection usually about 18 months after the final report."""
    return add_months(report, stated_months or MONITORING_WITHIN_MONTHS)


@cited(SCHOOLS_WEEK_PAUSE, BIG_LISTEN, NOTTINGHAMSHIRE_MONITORING)
def monitoring_inspection_due_after_pause(
    report: date, as_of: date, stated_months: int | None = None
) -> date | None:
    """The monitoring due date with the clock stopped while monitoring inspections were on hold.

    On hold from September 2024 until the revised framework of 6 June 2025; the days of the
    hold inside the period are added. While on hold, the due date is unknown (None).
    """
    return MONITORING_PAUSE.extend(report, monitoring_inspection_due(report, stated_months), as_of)


@cited(HERTS_PCF, "https://feeds.bbci.co.uk/news/articles/c74j43zgyp3o")
def monitoring_action_effective(outcome: str | None) -> bool | None:
    """A monitoring inspection finds "effective action" or "ineffective action" (None: unknown)."""
    if outcome == "effective_action":
        return True
    if outcome == "ineffective_action":
        return False
    return None


@cited(PQ_CYCLE, TES_CYCLE)
def first_inspection_due_by() -> date:
    """Areas last inspected under the 2016 framework are due a full inspection by end of 2027.

    The current cycle is to cover every area by the end of 2027.
    """
    return CYCLE_ENDS


@cited(HANDBOOK)
def is_2023_framework(visit: date) -> bool:
    """Whether a full inspection on ``visit`` falls under the 2023 framework."""
    return visit >= FRAMEWORK_STARTED
