"""What a reader takes out of one document: events and findings, each value with its evidence.

The exchange format (``../shared/eval/FORMAT.md``) is one rendering of these objects
(:meth:`Extraction.to_exchange`); the store keeps the same objects with their spans.
Every value a reader sets goes through :meth:`Event.put` or :class:`Item`, so a value
without the span of text that states it cannot be recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

DOCUMENT_TYPES = (
    "inspection_letter",
    "revisit_letter",
    "area_send_report",
    "monitoring_report",
    "press_release",
    "news_article",
    "council_page",
    "other",
)

EVENT_KINDS = (
    "inspection",
    "revisit",
    "monitoring_inspection",
    "wsoa_submitted",
    "wsoa_accepted",
    "app_agreed",
    "next_visit_expected",
    "previous_visit",
)

#: Scalar fields of an event, in the order the exchange format lists them.
SCALAR_FIELDS = (
    "framework",
    "visit_start",
    "visit_end",
    "published",
    "date",
    "outcome",
    "weaknesses_total",
    "weaknesses_sufficient",
    "next_monitoring_within_months",
    "next_full_within_years",
)

#: Finding lists of an event. The first four are the exchange format's; the others are
#: kept by sendwatch too ("Areas for development" and "Main findings" of 2016 letters).
FINDING_KINDS = (
    "weaknesses",
    "strengths",
    "concerns",
    "improvements",
    "areas_for_development",
    "main_findings",
)

OUTCOMES = (
    "wsoa_required",
    "no_wsoa",
    "positive",
    "inconsistent",
    "systemic_failings",
    "effective_action",
    "ineffective_action",
)

VERDICTS = ("sufficient", "insufficient", "effective", "ineffective")


@dataclass
class Item:
    """One finding as the document words it: a bullet, a table row, a weakness."""

    text: str
    span: Span | None
    verdict: str | None = None
    verdict_span: Span | None = None

    def to_exchange(self, with_verdict: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text}
        if with_verdict:
            out["verdict"] = self.verdict
        if self.span is not None:
            out["evidence"] = list(self.span)
        if self.verdict_span is not None:
            out["verdict_evidence"] = list(self.verdict_span)
        return out


@dataclass
class Event:
    """Something that happened, or is expected to happen, to a local area, per one document."""

    local_area: str
    kind: str
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Span] = field(default_factory=dict)
    findings: dict[str, list[Item]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}; expected one of {EVENT_KINDS}")

    def put(self, name: str, value: Any, span: Span | None) -> None:
        """Record a scalar value with the span that states it (None values are not stored)."""
        if name not in SCALAR_FIELDS:
            raise ValueError(f"unknown event field {name!r}")
        if value is None:
            return
        self.values[name] = value
        if span is not None:
            self.evidence[name] = span

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def add(self, kind: str, item: Item) -> None:
        """Append a finding of the given kind (see FINDING_KINDS)."""
        if kind not in FINDING_KINDS:
            raise ValueError(f"unknown finding kind {kind!r}")
        self.findings.setdefault(kind, []).append(item)

    def to_exchange(self) -> dict[str, Any]:
        out: dict[str, Any] = {"local_area": self.local_area, "kind": self.kind}
        for name in SCALAR_FIELDS:
            out[name] = self.values.get(name)
        for kind in FINDING_KINDS:
            if kind in self.findings:
                out[kind] = [i.to_exchange(kind == "weaknesses") for i in self.findings[kind]]
        out["evidence"] = {k: list(v) for k, v in self.evidence.items()}
        return out


#: Kinds of party a document names: the partnership's bodies and the inspection team.
PARTY_KINDS = (
    "local_authority",
    "integrated_care_board",
    "clinical_commissioning_group",
    "inspector",
)


@dataclass
class Party:
    """A body of the local area partnership, or a member of the inspection team."""

    kind: str
    name: str
    span: Span | None
    role: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in PARTY_KINDS:
            raise ValueError(f"unknown party kind {self.kind!r}; expected one of {PARTY_KINDS}")

    def to_exchange(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "name": self.name, "role": self.role}
        if self.span is not None:
            out["evidence"] = list(self.span)
        return out


@dataclass
class Extraction:
    """Everything read from one document."""

    source: str
    document_type: str = "other"
    document_date: str | None = None
    document_date_span: Span | None = None
    local_areas: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: The partnership's bodies and the inspection team, as the document names them.
    parties: list[Party] = field(default_factory=list)
    text: str = ""

    def to_exchange(self) -> dict[str, Any]:
        """The document as one object of the exchange format (FORMAT.md)."""
        out: dict[str, Any] = {
            "source": self.source,
            "document_type": self.document_type,
            "document_date": self.document_date,
            "local_areas": list(self.local_areas),
            "events": [e.to_exchange() for e in self.events],
        }
        if self.document_date_span is not None:
            out["evidence"] = {"document_date": list(self.document_date_span)}
        if self.parties:
            out["parties"] = [p.to_exchange() for p in self.parties]
        return out

    def quote(self, span: Span | None) -> str | None:
        """The words of the document at ``span``."""
        if span is None:
            return None
        return self.text[span[0] : span[1]]
