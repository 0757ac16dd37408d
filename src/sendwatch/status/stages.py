"""Every stage code a status can have, with its order and a one-line meaning.

This table is the one place stage codes are defined: the site's plain-English labels are
keyed by these codes, and :attr:`~sendwatch.status.model.Status.progress` orders a history
by them. The order runs within one full inspection's chapter: with the number of full
inspections known, moving the as-of date forward never lowers it.
"""

from __future__ import annotations

#: code -> (order within a chapter, what it means)
STAGES: dict[str, tuple[int, str]] = {
    "unknown": (0, "No inspection of the area is on record as of the date."),
    "not_yet_formed": (0, "The area did not exist yet on the date (it was formed later)."),
    "2016_inspected_awaiting_letter": (
        10,
        "Inspected under the 2016 framework; the outcome letter is not yet published.",
    ),
    "2016_outcome_unknown": (20, "Inspected (2016); whether a statement was required is unknown."),
    "2016_no_wsoa": (30, "Inspected (2016); no written statement of action was required."),
    "2016_wsoa_required": (30, "Inspected (2016); a written statement of action is required."),
    "2016_wsoa_submitted": (35, "The written statement of action has been submitted."),
    "2016_wsoa_accepted": (40, "The written statement of action was declared fit for purpose."),
    "2016_wsoa_not_revisited": (
        45,
        "A statement was required but the area was not revisited before the 2016 framework ended.",
    ),
    "2016_revisit_awaiting_letter": (50, "Revisited; the revisit letter is not yet published."),
    "2016_revisit_outcome_unknown": (55, "Revisited; the per-weakness verdicts are unknown."),
    "2016_revisit_sufficient": (60, "Revisited: sufficient progress on all weaknesses."),
    "2016_revisit_sufficient_some": (
        60,
        "Revisited: sufficient progress on some weaknesses, not all.",
    ),
    "2016_revisit_sufficient_none": (
        60,
        "Revisited: sufficient progress on none of the weaknesses.",
    ),
    "2023_inspected_awaiting_report": (
        10,
        "Inspected under the 2023 framework; the report is not yet published.",
    ),
    "2023_outcome_unknown": (20, "Inspected (2023); the outcome is not on record."),
    "2023_positive": (30, "2023 framework: typically positive experiences and outcomes."),
    "2023_inconsistent": (30, "2023 framework: inconsistent experiences and outcomes."),
    "2023_systemic_failings": (30, "2023 framework: widespread and/or systemic failings."),
    "2023_monitoring_awaiting_report": (
        50,
        "Monitoring inspection held; its report is not yet published.",
    ),
    "2023_monitoring_outcome_unknown": (55, "Monitoring inspection held; outcome not on record."),
    "2023_monitoring_effective_action": (
        60,
        "Monitoring inspection: the partnership has taken effective action.",
    ),
    "2023_monitoring_ineffective_action": (
        60,
        "Monitoring inspection: the partnership's action is not effective.",
    ),
    "abolished": (
        99,
        "The area was abolished in a reorganisation; its successors carry its history on.",
    ),
}

#: code -> order, for :attr:`Status.progress`.
STAGE_ORDER: dict[str, int] = {code: order for code, (order, _) in STAGES.items()}

#: code -> one-line meaning.
STAGE_MEANINGS: dict[str, str] = {code: meaning for code, (_, meaning) in STAGES.items()}
