"""Plain English for the regime's words: one table of labels and one-line meanings.

Every stage code :mod:`sendwatch.status` can produce, every outcome an inspection or revisit
can have, every kind of event, document and source, and every term the site uses has an
entry here, so a parent reading the site sees "must write a plan to put things right"
where the regime says "2016 framework: WSoA required". The site's glossary page, its inline
explanations and the lists' filters are all renderings of these tables; a test checks that
every stage code the status code can produce is in :data:`STAGES`.

Meanings follow ``docs/rules.md`` and the frameworks it cites (Ofsted and CQC's area SEND
framework and handbook, 2016 and 2023).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """A label a parent understands, and a one-line meaning."""

    label: str
    meaning: str


#: Where an area stands: every stage code of :func:`sendwatch.status.status`.
STAGES: dict[str, Entry] = {
    "unknown": Entry(
        "No inspection on record",
        "sendwatch has no inspection of this area on record for the date shown.",
    ),
    "not_yet_formed": Entry(
        "Not formed yet",
        "The area did not exist yet on the date shown; it was formed later in a "
        "reorganisation of councils.",
    ),
    "2016_inspected_awaiting_letter": Entry(
        "Inspected, waiting for the letter",
        "Inspectors visited under the 2016 framework; their letter saying what they found "
        "is not published yet.",
    ),
    "2016_outcome_unknown": Entry(
        "Inspected, result not on record",
        "The area was inspected under the 2016 framework, but the record does not say "
        "whether it had to write a written statement of action.",
    ),
    "2016_no_wsoa": Entry(
        "Inspected, no action plan needed",
        "The 2016 inspection found no significant weaknesses that needed a written "
        "statement of action.",
    ),
    "2016_wsoa_required": Entry(
        "Must write an action plan",
        "The 2016 inspection found significant weaknesses: the council and the NHS must "
        "write a written statement of action saying how they will put them right.",
    ),
    "2016_wsoa_submitted": Entry(
        "Action plan sent to the inspectors",
        "The written statement of action has been sent to Ofsted and CQC, who decide "
        "whether it is fit for purpose.",
    ),
    "2016_wsoa_accepted": Entry(
        "Action plan accepted, revisit to come",
        "Ofsted and CQC accepted the written statement of action; inspectors come back "
        "(a revisit) to check progress on each weakness.",
    ),
    "2016_wsoa_not_revisited": Entry(
        "Action plan in place, not revisited",
        "The area had to write a written statement of action and inspectors have not "
        "been back to check its progress.",
    ),
    "2016_revisit_awaiting_letter": Entry(
        "Revisited, waiting for the letter",
        "Inspectors came back to check progress on each weakness; their letter is not "
        "published yet.",
    ),
    "2016_revisit_outcome_unknown": Entry(
        "Revisited, result not on record",
        "Inspectors came back to check progress, but the record does not say what they found.",
    ),
    "2016_revisit_sufficient": Entry(
        "Revisit found enough progress",
        "Inspectors came back and found enough progress on every significant weakness.",
    ),
    "2016_revisit_sufficient_some": Entry(
        "Revisit found not enough progress",
        "Inspectors came back and found enough progress on some weaknesses but not all; "
        "the Department for Education then usually asks for an accelerated progress plan.",
    ),
    "2016_revisit_sufficient_none": Entry(
        "Revisit found no weakness put right",
        "Inspectors came back and found not enough progress on any weakness; the "
        "Department for Education then decides what happens, often with an improvement "
        "notice.",
    ),
    "2023_inspected_awaiting_report": Entry(
        "Inspected, waiting for the report",
        "Inspectors visited under the 2023 framework; their report is not published yet.",
    ),
    "2023_outcome_unknown": Entry(
        "Inspected, result not on record",
        "The area was inspected under the 2023 framework, but the record does not give "
        "the outcome.",
    ),
    "2023_positive": Entry(
        "Good: positive experiences and outcomes",
        "Children and young people with SEND typically have positive experiences and "
        "outcomes; the next full inspection is due in about five years.",
    ),
    "2023_inconsistent": Entry(
        "Mixed: inconsistent experiences and outcomes",
        "Experiences and outcomes vary; the partnership must work together to improve, "
        "and the next full inspection is due in about three years.",
    ),
    "2023_systemic_failings": Entry(
        "Serious: widespread or systemic failings",
        "Inspectors found widespread and/or systemic failings: the partnership must write "
        "a priority action plan, and a monitoring inspection follows in about 18 months.",
    ),
    "2023_monitoring_awaiting_report": Entry(
        "Monitoring visit, waiting for the report",
        "Inspectors checked progress on the areas for priority action; their report is "
        "not published yet.",
    ),
    "2023_monitoring_outcome_unknown": Entry(
        "Monitoring visit, result not on record",
        "Inspectors checked progress on the areas for priority action, but the record "
        "does not say what they found.",
    ),
    "2023_monitoring_effective_action": Entry(
        "Monitoring found effective action",
        "A monitoring inspection found the partnership is taking effective action on the "
        "areas for priority action.",
    ),
    "2023_monitoring_ineffective_action": Entry(
        "Monitoring found action not effective",
        "A monitoring inspection found the partnership's action on the areas for priority "
        "action is not yet effective.",
    ),
    "abolished": Entry(
        "Abolished",
        "The area was abolished when councils were reorganised; the areas that replaced "
        "it carry its history on.",
    ),
}

#: What an inspection, revisit or monitoring inspection found, and what the map colours
#: (an area's latest outcome, or its revisit's verdict). Keyed by outcome or category code.
OUTCOMES: dict[str, Entry] = {
    "positive": Entry(
        "Positive experiences and outcomes",
        "2023 framework, the best of three outcomes: things typically go well for "
        "children and young people with SEND.",
    ),
    "inconsistent": Entry(
        "Inconsistent experiences and outcomes",
        "2023 framework, the middle outcome: some children and young people are served "
        "well and others are not.",
    ),
    "systemic_failings": Entry(
        "Widespread or systemic failings",
        "2023 framework, the most serious outcome: failings across the area that the "
        "partnership must put right urgently.",
    ),
    "no_wsoa": Entry(
        "No action plan needed",
        "2016 framework: the inspection found no significant weaknesses needing a written "
        "statement of action.",
    ),
    "wsoa_required": Entry(
        "Action plan required",
        "2016 framework: the inspection found significant weaknesses, and the area had to "
        "write a written statement of action.",
    ),
    "revisit_sufficient": Entry(
        "Revisit: enough progress",
        "2016 framework: inspectors came back and found enough progress on every "
        "significant weakness.",
    ),
    "revisit_insufficient": Entry(
        "Revisit: not enough progress",
        "2016 framework: inspectors came back and found enough progress on some "
        "significant weaknesses, not all.",
    ),
    "revisit_none": Entry(
        "Revisit: no weakness put right",
        "2016 framework: inspectors came back and found not enough progress on any "
        "significant weakness.",
    ),
    "sufficient_all": Entry(
        "Revisit: enough progress",
        "2016 framework: inspectors came back and found enough progress on every "
        "significant weakness.",
    ),
    "sufficient_some": Entry(
        "Revisit: not enough progress",
        "2016 framework: enough progress on some significant weaknesses, not all.",
    ),
    "sufficient_none": Entry(
        "Revisit: no weakness put right",
        "2016 framework: not enough progress on any significant weakness.",
    ),
    "effective_action": Entry(
        "Monitoring: effective action",
        "2023 framework: a monitoring inspection found effective action on the areas for "
        "priority action.",
    ),
    "ineffective_action": Entry(
        "Monitoring: action not effective",
        "2023 framework: a monitoring inspection found the action taken is not yet effective.",
    ),
    "none": Entry("No inspection on record", "sendwatch has no inspection of this area."),
}

#: The kinds of event in an area's history.
EVENTS: dict[str, Entry] = {
    "inspection": Entry(
        "Inspection",
        "A full inspection by Ofsted and CQC of how the area serves children and young "
        "people with SEND.",
    ),
    "revisit": Entry(
        "Revisit",
        "2016 framework: inspectors come back to check progress on each significant weakness.",
    ),
    "monitoring_inspection": Entry(
        "Monitoring inspection",
        "2023 framework: inspectors check progress on the areas for priority action.",
    ),
    "wsoa_submitted": Entry(
        "Action plan sent to the inspectors",
        "The written statement of action was sent to Ofsted and CQC.",
    ),
    "wsoa_accepted": Entry(
        "Action plan accepted",
        "Ofsted and CQC declared the written statement of action fit for purpose.",
    ),
    "app_agreed": Entry(
        "Accelerated progress plan agreed",
        "The Department for Education agreed a plan to speed up progress after a revisit.",
    ),
    "next_visit_expected": Entry(
        "Next visit expected", "A document said when the next visit was expected."
    ),
    "previous_visit": Entry("Earlier inspection", "An earlier inspection a document refers to."),
}

#: Kinds of document, as a title names them ("Stockport: revisit letter, 13 October 2022").
DOCUMENTS: dict[str, str] = {
    "inspection_letter": "inspection letter",
    "revisit_letter": "revisit letter",
    "area_send_report": "inspection report",
    "monitoring_report": "monitoring inspection report",
    "press_release": "council press release",
    "news_article": "news article",
    "council_page": "council web page",
    "other": "document",
}

#: Kinds of source, in the order sendwatch trusts them (see docs/decisions/0003).
SOURCES: dict[str, Entry] = {
    "official_statistics": Entry(
        "Ofsted's official statistics", "Figures Ofsted publishes for every inspection."
    ),
    "inspectorate_document": Entry(
        "Ofsted and CQC's own letter or report",
        "The letter or report the inspectors published about this area.",
    ),
    "national_record": Entry(
        "sendwatch's compiled record",
        "A table of every known event, compiled from Ofsted's statistics and reports, "
        "council pages and news; its summaries are short paraphrases, not the inspectors' "
        "words.",
    ),
    "peer_scrape": Entry(
        "A scrape of Ofsted's reports",
        "data-to-insight's table of the latest 2023-framework reports on Ofsted's site.",
    ),
    "council": Entry("The council's own page", "A council web page or press release."),
    "news": Entry("A news report", "An article in the local or national press."),
    "other": Entry("Another document", "A document of no recognised kind."),
}

#: Datasets shipped with sendwatch, named in words.
DATASETS: dict[str, str] = {
    "ofsted_official_2016": "Ofsted's official statistics (2016 framework)",
    "ofsted_mi_2023": "Ofsted's management information (2023 framework)",
    "national_record": "sendwatch's compiled record",
    "ofsted_scrape_2026_06": "data-to-insight's scrape of Ofsted's reports (June 2026)",
}

#: Terms the site uses, each explained once on the glossary page and inline where it
#: appears. Keyed by the anchor the glossary gives it.
TERMS: dict[str, Entry] = {
    "send": Entry(
        "SEND",
        "Special educational needs and disabilities: children and young people who need "
        "extra help to learn, or who have a disability.",
    ),
    "local-area": Entry(
        "Local area",
        "A council and its NHS partners, who together serve children and young people "
        "with SEND in one place. England has 153.",
    ),
    "local-area-partnership": Entry(
        "Local area partnership",
        "The council, the NHS and others working together for children and young people "
        "with SEND in a local area; the 2023 framework inspects the partnership.",
    ),
    "ofsted-cqc": Entry(
        "Ofsted and CQC",
        "The inspectors: Ofsted inspects education and children's services, the Care "
        "Quality Commission (CQC) inspects health care. They inspect local areas jointly.",
    ),
    "framework": Entry(
        "Inspection framework",
        "The rules of an inspection. The 2016 framework ran from May 2016 to 2022; the "
        "2023 framework has run since January 2023.",
    ),
    "significant-weakness": Entry(
        "Significant weakness",
        "2016 framework: a serious problem the inspectors found, which the area had to "
        "put right under a written statement of action.",
    ),
    "wsoa": Entry(
        "Written statement of action (WSoA)",
        "2016 framework: the plan the council and NHS had to write, within 70 working "
        "days, saying how they would put each significant weakness right.",
    ),
    "fit-for-purpose": Entry(
        "Fit for purpose",
        "What Ofsted and CQC say when they accept a written statement of action.",
    ),
    "revisit": Entry(
        "Revisit",
        "2016 framework: inspectors come back, usually within 18 months of the action "
        "plan's acceptance, to judge progress on each significant weakness.",
    ),
    "app": Entry(
        "Accelerated progress plan (APP)",
        "2016 framework: the plan the Department for Education asks for when a revisit "
        "finds not enough progress.",
    ),
    "outcome": Entry(
        "Inspection outcome",
        "2023 framework: each full inspection ends in one of three outcomes: positive, "
        "inconsistent, or widespread and/or systemic failings.",
    ),
    "area-for-priority-action": Entry(
        "Area for priority action",
        "2023 framework: a serious problem named in a report with widespread or systemic "
        "failings, which the partnership must address urgently.",
    ),
    "area-for-improvement": Entry(
        "Area for improvement",
        "Something a report says the partnership should do better; reports under every "
        "outcome can list them.",
    ),
    "priority-action-plan": Entry(
        "Priority action plan",
        "2023 framework: the plan a partnership with widespread or systemic failings must "
        "write to address the areas for priority action.",
    ),
    "monitoring-inspection": Entry(
        "Monitoring inspection",
        "2023 framework: a visit, usually about 18 months after a report with widespread "
        "or systemic failings, that judges whether action is effective.",
    ),
    "icb": Entry(
        "Integrated care board (ICB)",
        "The NHS body that plans and pays for health services in an area since July 2022. "
        "Before then, clinical commissioning groups (CCGs) did.",
    ),
    "ccg": Entry(
        "Clinical commissioning group (CCG)",
        "The NHS body that planned health services in an area until July 2022.",
    ),
    "ehc-plan": Entry(
        "Education, health and care plan (EHC plan)",
        "A legal document describing a child's or young person's needs and the help they must get.",
    ),
    "stage": Entry(
        "Stage",
        "Where an area stands in the inspection cycle on a given date, worked out by "
        "sendwatch from the record and the framework's rules.",
    ),
    "due": Entry(
        "Due",
        "When the framework's rules say the next step (a plan, a revisit, an inspection) "
        "should happen; some dates are approximate.",
    ),
    "overdue": Entry(
        "Overdue",
        "A step whose due date has passed with nothing on record to show it happened.",
    ),
    "as-of": Entry(
        "As it stood on a date",
        "A page shown with only what had been published by that date.",
    ),
    "paraphrase": Entry(
        "Summary (not the inspectors' words)",
        "A short paraphrase from sendwatch's compiled record, shown where no document's "
        "own words are stored. Always marked as a summary.",
    ),
}


def stage(code: str | None) -> Entry:
    """The stage's entry; a code with no entry (a bug the tests catch) says so plainly."""
    if code in STAGES:
        return STAGES[code]
    return Entry(str(code or "unknown").replace("_", " "), "")


def outcome(code: str | None) -> Entry:
    """The outcome's (or map category's) entry."""
    if code in OUTCOMES:
        return OUTCOMES[code]
    return Entry(str(code or "none").replace("_", " "), "")


def event(kind: str | None) -> Entry:
    """The event kind's entry."""
    if kind in EVENTS:
        return EVENTS[kind]
    return Entry(str(kind or "event").replace("_", " ").capitalize(), "")
