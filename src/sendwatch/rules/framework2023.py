"""Rules of the area SEND framework in force from 1 January 2023 (Ofsted and CQC).

Each function states one rule and names its source, the primary one first (``docs/rules.md``
lists them all with the section or paragraph relied on). Periods the sources give as
"approximately" or "usually" are returned as their nominal dates.

Primary sources read for this module: Ofsted and CQC's "Area SEND inspections: framework
and handbook" (the June 2025 version, paragraphs 1 to 6 only, and its "Summary of
changes"), the framework's collection page with its update history, HMCI's commentary of
29 November 2022, Ofsted and CQC's inspection reports (each report's "Inspection outcome"
section) and the opening of DfE's "Area SEND inspections: support and challenge following
inspection" (16 May 2023). The handbook's later paragraphs (frequency, the priority action
plan, monitoring inspections) could not be read, so where a rule rests on them only through
the summary of changes or the reports, its docstring says so.
"""

from __future__ import annotations

from datetime import date

from sendwatch.rules import Pause, cited
from sendwatch.rules.calendar import add_months, add_years

# Primary sources.
HANDBOOK = (
    "https://www.gov.uk/government/publications/area-send-framework-and-handbook/"
    "area-send-inspections-framework-and-handbook"
)
HANDBOOK_CHANGES = (
    "https://www.gov.uk/government/publications/area-send-framework-and-handbook/summary-of-changes"
)
HANDBOOK_COLLECTION = "https://gov.uk/government/publications/local-area-send-inspection-framework"
INSPECTOR_GUIDANCE_2016 = (
    "https://gov.uk/government/publications/local-area-send-inspection-guidance-for-inspectors"
)
HMCI_COMMENTARY = (
    "https://gov.uk/government/speeches/hmci-commentary-publishing-our-new-area-send-framework"
)
SUPPORT_AND_CHALLENGE = (
    "https://www.gov.uk/government/publications/area-send-inspections-support-and-challenge-"
    "following-inspection/area-send-inspections-support-and-challenge-following-inspection"
)
#: "Strengthening the area SEND framework" (Ofsted, 6 June 2025), read from a mirror of
#: this gov.uk address.
STRENGTHENING = (
    "https://www.gov.uk/government/publications/area-send-review-what-we-heard-and-how-we-are-"
    "improving/strengthening-the-area-send-framework-what-we-heard-and-how-we-are-improving"
)
BIG_LISTEN_DECEMBER_2024 = (
    "https://gov.uk/government/publications/big-listen-action-monitoring-reports/"
    "big-listen-action-monitoring-report-december-2024--2"
)
#: Ofsted and CQC's reports, one per outcome, whose "Inspection outcome" section states the
#: periods: Brighton and Hove (positive, 31 May 2023), Surrey (inconsistent, 24 November
#: 2023), Plymouth (widespread and/or systemic failings, 22 August 2023).
REPORT_BRIGHTON_AND_HOVE = "https://files.ofsted.gov.uk/v1/file/50218659"
REPORT_SURREY = "https://files.ofsted.gov.uk/v1/file/50233738"
REPORT_PLYMOUTH = "https://files.ofsted.gov.uk/v1/file/50226534"

# Secondary sources: kept as corroboration, or where no primary source could be read.
SGPC_OUTCOMES = "https://sgpc.org.uk/news-feed/inspection-possible-outcomes"
TES_OUTCOMES = "https://tes.com/magazine/news/specialist-sector/urgent-send-problems-in-third-areas-inspected-ofsted-cqc"
HERTS_PCF = "https://hertsparentcarers.org.uk/?p=3714"
BBC_OXFORDSHIRE = "https://feeds.bbci.co.uk/news/articles/c74j43zgyp3o"
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
PQ_FIVE_YEARS = (
    "https://www.parallelparliament.co.uk/question/195492/special-educational-needs-inspections"
)
TES_CYCLE = (
    "https://www.tes.com/magazine/news/general/ofsted-considers-national-team-lead-send-inspections"
)
#: Ofsted's own slides for its January 2023 area SEND roadshow, on Ofsted's SlideShare account.
OFSTED_ROADSHOW_2023 = (
    "https://www.slideshare.net/Ofstednews/new-area-send-framework-webinar-pptpptx"
)

#: The day the framework came into force.
FRAMEWORK_STARTED = date(2023, 1, 1)
#: Every area is to have had a full inspection under this framework by the end of 2027.
CYCLE_ENDS = date(2027, 12, 31)

#: The versions of the framework and handbook whose dates are known, by the day each was
#: published on gov.uk (collection page update history). The first applied from 1 January
#: 2023; the June 2025 version states it came into force on 6 June 2025. The history also
#: lists two updates between the first version and December 2023, and one between December
#: 2023 and April 2024, whose dates we could not read.
HANDBOOK_VERSIONS = (date(2022, 11, 29), date(2023, 12, 11), date(2024, 4, 5), date(2025, 6, 6))

OUTCOMES = ("positive", "inconsistent", "systemic_failings")
MONITORING_OUTCOMES = ("effective_action", "ineffective_action")

#: Years to the next full inspection, by outcome ("within approximately", as reports state).
_FULL_WITHIN_YEARS = {"positive": 5, "inconsistent": 3, "systemic_failings": 3}
#: Months from the final report to the monitoring inspection ("usually", "approximately").
MONITORING_WITHIN_MONTHS = 18

#: Monitoring inspections were put on hold with the Big Listen response (published early
#: September 2024; we take the 1st) until the revised framework came into force on 6 June
#: 2025 (handbook, June 2025, heading note); the first resumed in July 2025.
MONITORING_PAUSE = Pause("monitoring inspections on hold", date(2024, 9, 1), date(2025, 6, 6))


@cited(HANDBOOK_COLLECTION, HANDBOOK, HANDBOOK_CHANGES)
def handbook_version(day: date) -> date | None:
    """The framework and handbook version in force on ``day``, by its publication date.

    Source: the collection page's update history (first published 29 November 2022; updated
    11 December 2023, 5 April 2024 and 6 June 2025) and the June 2025 version's own note
    that it came into force on 6 June 2025. The first version applied from 1 January 2023;
    before that day there is none (None). Rules whose terms changed between versions say
    which version they follow.
    """
    if day < FRAMEWORK_STARTED:
        return None
    return max(v for v in HANDBOOK_VERSIONS if v <= day)


@cited(REPORT_BRIGHTON_AND_HOVE, REPORT_SURREY, REPORT_PLYMOUTH, SGPC_OUTCOMES, TES_OUTCOMES)
def next_full_inspection_within_years(outcome: str, stated_years: int | None = None) -> int | None:
    """Years to the next full inspection: positive about 5, inconsistent or systemic about 3.

    Source: Ofsted and CQC's reports, "Inspection outcome" section (Brighton and Hove:
    within approximately 5 years; Surrey: 3; Plymouth: a full reinspection within
    approximately 3 years). The handbook's paragraphs on frequency could not be read. A
    report that states its own period is followed.
    """
    if stated_years is not None:
        return stated_years
    return _FULL_WITHIN_YEARS.get(outcome)


@cited(REPORT_BRIGHTON_AND_HOVE, REPORT_SURREY, REPORT_PLYMOUTH, SGPC_OUTCOMES, TES_OUTCOMES)
def next_full_inspection_due(
    inspection: date, outcome: str, stated_years: int | None = None
) -> date | None:
    """The date by which the next full inspection is due, counted from the inspection.

    The reports give the period but not the day it runs from; we count from the last day
    of the on-site week (a doubt recorded in docs/rules.md).
    """
    years = next_full_inspection_within_years(outcome, stated_years)
    return None if years is None else add_years(inspection, years)


@cited(REPORT_BRIGHTON_AND_HOVE, REPORT_SURREY, HMCI_COMMENTARY, SUPPORT_AND_CHALLENGE)
def strategic_plan_update_required(outcome: str | None) -> bool:
    """Positive or inconsistent: Ofsted and CQC ask the partnership to update its strategic plan.

    Source: the reports' "Inspection outcome" section, which after both outcomes asks the
    partnership to update and publish its strategic plan based on the report's
    recommendations (Brighton and Hove, positive; Surrey, inconsistent; every positive and
    inconsistent report of 2023-2025 we hold says so); HMCI's commentary of 29 November
    2022 announced the request. After widespread and/or systemic failings the reports ask
    for a priority action plan instead. No deadline is stated.
    """
    return outcome in ("positive", "inconsistent")


@cited(REPORT_PLYMOUTH, HANDBOOK_CHANGES, SGPC_OUTCOMES)
def priority_action_plan_required(outcome: str | None) -> bool:
    """Widespread and/or systemic failings: HMCI requires a priority action plan (area SEND).

    Source: the report's "Inspection outcome" section (Plymouth, 22 August 2023). The June
    2025 summary of changes says the priority action plan process changed in that
    version; the handbook's paragraphs on it, and any deadline for the plan, could not be
    read (observed: five to six weeks after the report), so none is computed.
    """
    return outcome == "systemic_failings"


@cited(REPORT_PLYMOUTH, STRENGTHENING, HANDBOOK_CHANGES, SGPC_OUTCOMES)
def monitoring_inspection_required(outcome: str | None) -> bool:
    """Only areas with areas for priority action (systemic failings) get a monitoring inspection.

    Source: the report's "Inspection outcome" section (Plymouth); "Strengthening the area
    SEND framework" (Ofsted, June 2025), introduction: monitoring inspections where areas
    for priority action were identified; summary of changes (June 2025), paragraph 17.
    """
    return outcome == "systemic_failings"


@cited(HANDBOOK_CHANGES, REPORT_PLYMOUTH, SGPC_OUTCOMES, TES_OUTCOMES)
def monitoring_inspection_due(report: date, stated_months: int | None = None) -> date:
    """A monitoring inspection usually about 18 months after the final report.

    Source: summary of changes (June 2025), paragraph 21: usually 18 months from the day
    the partnership received its final full inspection report (a clarification, applied
    here to reports of every version); Plymouth's report: within approximately 18 months.
    We count from publication, a few days after receipt, so the date can only be a few days
    late. A period the report states is followed.
    """
    return add_months(report, stated_months or MONITORING_WITHIN_MONTHS)


@cited(SCHOOLS_WEEK_PAUSE, BIG_LISTEN, BIG_LISTEN_DECEMBER_2024, HANDBOOK, primary=False)
def monitoring_inspection_due_after_pause(
    report: date, as_of: date, stated_months: int | None = None
) -> date | None:
    """The monitoring due date with the clock stopped while monitoring inspections were on hold.

    On hold from the Big Listen response (early September 2024, per Ofsted's December 2024
    monitoring report; the hold itself is reported by Schools Week, its Ofsted text was not
    read) until the revised framework came into force on 6 June 2025 (handbook, June 2025).
    The days of the hold inside the period are added. While on hold the due date is unknown
    (None).
    """
    return MONITORING_PAUSE.extend(report, monitoring_inspection_due(report, stated_months), as_of)


@cited(HERTS_PCF, BBC_OXFORDSHIRE, HANDBOOK_CHANGES, primary=False)
def monitoring_action_effective(outcome: str | None) -> bool | None:
    """A monitoring inspection finds "effective action" or "ineffective action" (None: unknown).

    The June 2025 summary of changes says monitoring outcomes were updated in that version;
    the handbook's wording of them could not be read, so the terms come from a parent
    carer forum and the BBC. Every monitoring inspection so far took place under the June
    2025 version (they resumed in July 2025).
    """
    if outcome == "effective_action":
        return True
    if outcome == "ineffective_action":
        return False
    return None


@cited(PQ_CYCLE, PQ_FIVE_YEARS, OFSTED_ROADSHOW_2023, TES_CYCLE, primary=False)
def first_inspection_due_by() -> date:
    """Areas last inspected under the 2016 framework are due a full inspection by end of 2027.

    Every area is to be inspected at least once in five years from the framework's start
    (Ofsted's January 2023 roadshow slides; an earlier DfE answer) and DfE's answer of 28
    November 2025 puts the end of the cycle at the end of 2027. The answers are read from a
    mirror of Parliament's written questions; the handbook's paragraph on frequency could
    not be read.
    """
    return CYCLE_ENDS


@cited(HANDBOOK, INSPECTOR_GUIDANCE_2016)
def is_2023_framework(visit: date) -> bool:
    """Whether a full inspection on ``visit`` falls under the 2023 framework.

    Source: handbook (June 2025), paragraph 1 (devised for use from 2023); the 2016
    guidance's collection page (the new framework in force from 1 January 2023).
    """
    return visit >= FRAMEWORK_STARTED
