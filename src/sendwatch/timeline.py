"""One history per local area: every source's claims merged into events, disagreements kept.

A *claim* is one event as one source states it (a document's extraction, or a row of an
official table). :func:`reconcile` merges the claims that speak of the same event into one
:class:`TimelineEvent`, choosing each value by the order of trust below and keeping every
disagreement as a :class:`Conflict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sendwatch.extraction import SCALAR_FIELDS, Span

#: Order of trust, highest first (docs/decisions/0003-order-of-trust.md): Ofsted's official
#: statistics, Ofsted's and CQC's own documents, our compiled national record, a peer's
#: scrape of Ofsted's pages, councils' own pages and releases, news, anything else.
TRUST = {
    "official_statistics": 0,
    "inspectorate_document": 1,
    "national_record": 2,
    "peer_scrape": 3,
    "council": 4,
    "news": 5,
    "other": 6,
}

#: Document types to the trust class of their source.
TRUST_OF_DOCUMENT_TYPE = {
    "inspection_letter": "inspectorate_document",
    "revisit_letter": "inspectorate_document",
    "area_send_report": "inspectorate_document",
    "monitoring_report": "inspectorate_document",
    "press_release": "council",
    "council_page": "council",
    "news_article": "news",
    "other": "other",
}


@dataclass(frozen=True)
class Source:
    """Where a claim comes from: a stored document (with the quote) or an official dataset."""

    trust: str
    document_id: int | None = None
    document_name: str | None = None
    document_type: str | None = None
    dataset: str | None = None
    dataset_row: int | None = None
    url: str | None = None
    ingested_at: str | None = None
    document_date: str | None = None

    @property
    def rank(self) -> int:
        return TRUST[self.trust]

    @property
    def label(self) -> str:
        if self.document_name:
            return self.document_name
        if self.dataset:
            return f"{self.dataset} row {self.dataset_row}"
        return "unknown source"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"trust": self.trust}
        if self.document_id is not None:
            out.update(document=self.document_name, document_id=self.document_id)
            out["document_type"] = self.document_type
        if self.dataset:
            out.update(dataset=self.dataset, row=self.dataset_row)
        if self.url:
            out["url"] = self.url
        return out


@dataclass(frozen=True)
class Finding:
    """A weakness, priority action, strength, concern or improvement, with its evidence."""

    kind: str
    text: str
    verdict: str | None = None
    span: Span | None = None
    document_id: int | None = None


@dataclass
class Claim:
    """One event as one source states it."""

    area: str
    kind: str
    values: dict[str, Any]
    source: Source
    quotes: dict[str, str] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    claim_id: int | None = None
    #: In an as-of view: the day its outcome became known, and on what basis
    #: (:data:`KNOWN_FROM`); "visit" in ``part`` when only its visit was known by then.
    known_from: str | None = None
    known_basis: str | None = None
    part: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The claim as a source of an event: who says it, and their words for each value."""
        out = self.source.to_json()
        if self.known_basis is not None:
            out["known_from"] = self.known_from
            out["known_basis"] = self.known_basis
            out["date_of_writing_unknown"] = self.known_basis in UNDATED_BASES
        if self.part is not None:
            out["part"] = self.part
        main = next((self.quotes[f] for f in QUOTE_ORDER if f in self.quotes), None)
        out["quote"] = main if main is not None else next(iter(self.quotes.values()), None)
        out["values"] = dict(self.values)
        if self.spans:
            out["evidence"] = {
                f: {"span": list(span), "quote": self.quotes.get(f)}
                for f, span in self.spans.items()
            }
        return out


#: Which value's quote stands for a claim as a whole, first found first.
QUOTE_ORDER = ("visit_start", "date", "published", "outcome", "weaknesses_sufficient", "row")


@dataclass
class Conflict:
    """Sources that disagree on one field of one event."""

    field: str
    chosen: Any
    values: list[tuple[Any, Source]]

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "chosen": self.chosen,
            "values": [{"value": v, "source": s.to_json()} for v, s in self.values],
        }


@dataclass
class TimelineEvent:
    """One event of an area's history, merged from all the claims that speak of it."""

    area: str
    kind: str
    values: dict[str, Any]
    claims: list[Claim]
    conflicts: list[Conflict] = field(default_factory=list)
    #: The predecessor area whose history this is (Northamptonshire for West Northamptonshire).
    inherited_from: str | None = None

    def get(self, name: str) -> Any:
        return self.values.get(name)

    @property
    def framework(self) -> str | None:
        return self.values.get("framework")

    @property
    def when(self) -> str | None:
        """The date the event is placed at: its visit's start, its own date, or publication."""
        for name in ("visit_start", "date", "published", "visit_end"):
            if self.values.get(name):
                return str(self.values[name])
        return None

    @property
    def sources(self) -> list[Source]:
        return [c.source for c in self.claims]

    def findings(self, kind: str | None = None) -> list[Finding]:
        """Findings of the most trusted claim that has any of this kind."""
        for claim in sorted(self.claims, key=lambda c: c.source.rank):
            found = [f for f in claim.findings if kind is None or f.kind == kind]
            if found:
                return found
        return []

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"local_area": self.area, "kind": self.kind}
        for name in SCALAR_FIELDS:
            out[name] = self.values.get(name)
        for kind in ("weaknesses", "strengths", "concerns", "improvements"):
            items = self.findings(kind)
            if items:
                out[kind] = [
                    {"text": f.text, "verdict": f.verdict}
                    if kind == "weaknesses"
                    else {"text": f.text}
                    for f in items
                ]
        summary = self.findings("summary")
        if summary:
            # A compiled record's summary, in its own words: shown whole, never as items.
            out["paraphrase"] = summary[0].text
        out["sources"] = [c.to_json() for c in self.claims]
        out["conflicts"] = [c.to_json() for c in self.conflicts]
        if self.inherited_from:
            out["inherited_from"] = self.inherited_from
        return out


# Reconciliation -------------------------------------------------------------------------

#: Kinds that happen at most once per area and framework: all their claims are one event.
ONCE_PER_FRAMEWORK = {("inspection", "2016"), ("revisit", "2016")}
#: Kinds that happen at most once per area, whatever their date.
ONCE = {"wsoa_submitted", "wsoa_accepted", "app_agreed"}
DATE_FIELDS = ("visit_start", "visit_end", "published", "date")


def compatible(a: Any, b: Any) -> bool:
    """Whether two values can both be true: equal, or dates of which one refines the other."""
    if a == b:
        return True
    if isinstance(a, str) and isinstance(b, str) and a[:1].isdigit() and b[:1].isdigit():
        short, long_ = sorted((a, b), key=len)
        return long_.startswith(short) and len(short) in (4, 7)
    return False


def _same_event(a: Claim, b: Claim) -> bool:
    """Whether two claims of the same area speak of the same event."""
    fa, fb = a.values.get("framework"), b.values.get("framework")
    if fa and fb and fa != fb:
        return False
    if "previous_visit" in (a.kind, b.kind):
        # A later report names an earlier inspection or revisit by its dates only: it joins
        # the event it names, even when its dates differ by days.
        other = b.kind if a.kind == "previous_visit" else a.kind
        if other not in ("previous_visit", "inspection", "revisit"):
            return False
        return _dates_agree(a, b) or _near(a, b)
    if a.kind != b.kind:
        return False
    if a.kind in ONCE or (a.kind, fa or fb) in ONCE_PER_FRAMEWORK:
        return True
    return _dates_agree(a, b) or _near(a, b)


def _dates_agree(a: Claim, b: Claim) -> bool:
    """At least one date field is given by both and agrees, and none disagrees."""
    agree = False
    for name in DATE_FIELDS:
        va, vb = a.values.get(name), b.values.get(name)
        if va and vb:
            if not compatible(va, vb):
                return False
            agree = True
    return agree


#: Sources date one visit differently by days: a report's on-site week against a
#: spreadsheet's start date, a notification week against the on-site week, a "previous
#: inspection" remembered a week out. Visits of one kind are months apart, so claims whose
#: visits lie within this many days of each other are one visit (their dates a conflict).
SAME_VISIT_DAYS = 14


def _day(value: Any) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _window(c: Claim) -> tuple[date, date] | None:
    """The days of a claim's visit, from its full dates."""
    days = [d for d in (_day(c.values.get(n)) for n in ("visit_start", "visit_end")) if d]
    if not days and c.kind == "previous_visit":
        days = [d for d in (_day(c.values.get(n)) for n in ("date", "published")) if d]
    return (min(days), max(days)) if days else None


def _near(a: Claim, b: Claim) -> bool:
    """One visit dated differently: the same publication day, or visits days apart."""
    pa, pb = _day(a.values.get("published")), _day(b.values.get("published"))
    if pa and pb:
        if pa == pb:
            return True
        if abs((pa - pb).days) > SAME_VISIT_DAYS:
            return False
    wa, wb = _window(a), _window(b)
    if wa is None or wb is None:
        return False
    gap = max(wa[0], wb[0]) - min(wa[1], wb[1])
    return gap.days <= SAME_VISIT_DAYS


def _choose(name: str, claims: list[Claim]) -> tuple[Any, Conflict | None]:
    """The value of one field across claims: most trusted first, refined by compatible detail."""
    offered = [(c.values[name], c.source) for c in claims if c.values.get(name) is not None]
    if not offered:
        return None, None
    offered.sort(key=lambda vs: vs[1].rank)
    chosen = offered[0][0]
    for value, _ in offered[1:]:
        if (
            isinstance(value, str)
            and isinstance(chosen, str)
            and compatible(value, chosen)
            and len(value) > len(chosen)
        ):
            chosen = value
    if all(compatible(v, chosen) for v, _ in offered):
        return chosen, None
    return chosen, Conflict(field=name, chosen=chosen, values=offered)


def _merge(area: str, group: list[Claim]) -> TimelineEvent:
    group = sorted(group, key=_claim_order)
    kinds = [c.kind for c in group if c.kind != "previous_visit"]
    kind = kinds[0] if kinds else "previous_visit"
    values: dict[str, Any] = {}
    conflicts = []
    for name in SCALAR_FIELDS:
        value, conflict = _choose(name, group)
        if value is not None:
            values[name] = value
        if conflict is not None:
            conflicts.append(conflict)
    return TimelineEvent(area=area, kind=kind, values=values, claims=group, conflicts=conflicts)


def _claim_order(c: Claim) -> tuple[Any, ...]:
    """A total order on claims that ignores when they were stored: trust, then content."""
    return (
        c.source.rank,
        c.kind == "previous_visit",
        -len(c.values),
        c.kind,
        str(sorted(c.values.items())),
        c.source.label,
        str(sorted(c.quotes.items())),
    )


def reconcile(claims: list[Claim]) -> list[TimelineEvent]:
    """Merge claims about the same events into one history per area, in date order.

    The result does not depend on the order of the claims: groups are formed from claims
    sorted by trust and content, never by arrival.
    """
    by_area: dict[str, list[Claim]] = {}
    for c in claims:
        by_area.setdefault(c.area, []).append(c)
    events: list[TimelineEvent] = []
    for area, area_claims in by_area.items():
        ordered = sorted(area_claims, key=_claim_order)
        groups: list[list[Claim]] = []
        for claim in ordered:
            for group in groups:
                if all(_same_event(claim, other) for other in group):
                    group.append(claim)
                    break
            else:
                groups.append([claim])
        events.extend(_merge(area, g) for g in groups)
    events.sort(key=lambda e: (e.area, e.when or "9999", e.kind))
    return events


#: Kinds whose date is a forecast, not the day the claim became known.
EXPECTATIONS = {"next_visit_expected"}


def _event_known_from(claim: Claim) -> str | None:
    """The first day the event itself could have been reported."""
    if claim.kind in EXPECTATIONS:
        return None
    for name in ("published", "date", "visit_end", "visit_start"):
        value = claim.values.get(name)
        if value:
            return str(value)
    return None


def written_by(claims: list[Claim]) -> dict[int, str]:
    """For each document, the day it can have been written by at the earliest.

    A document is no older than its own date, nor than the latest event it reports
    (a council page that tells of an April 2022 plan was written in April 2022 or after).
    """
    out: dict[int, str] = {}
    for claim in claims:
        doc = claim.source.document_id
        if doc is None:
            continue
        dates = [d for d in (claim.source.document_date, _event_known_from(claim)) if d]
        for d in dates:
            if doc not in out or d > out[doc]:
                out[doc] = d
    return out


def _on_or_before(value: str, as_of: str) -> bool:
    # A month or year counts as known only once the day is within or past it.
    return value <= as_of[: len(value)]


def _passed(value: str, as_of: str) -> bool:
    """Whether a date at its precision has wholly passed by ``as_of`` ("2022-09" only from
    1 October 2022): the first day of a visit known only to the month is not known."""
    if len(value) >= 10:
        return value[:10] <= as_of
    return value < as_of[: len(value)]


def known_by(claim: Claim, as_of: str, documents: dict[int, str] | None = None) -> bool:
    """Whether a forecast (or any claim) was public by ``as_of`` (ISO date).

    The event must have happened, and the document that states it must have been
    written (``documents``, from :func:`written_by`); a forecast is known when its
    document is.
    """
    event = _event_known_from(claim)
    if event is not None and not _on_or_before(event, as_of):
        return False
    doc = claim.source.document_id
    if documents is not None and doc is not None and doc in documents:
        return _on_or_before(documents[doc], as_of)
    return True


#: The bases on which a claim's outcome is known from a day, most direct first:
#: its own publication date, the event's publication date as another source gives it,
#: the date its document bears, the day sendwatch first held the document (its date of
#: writing unknown), or the release date of the dataset (its row gives no date of
#: publication). docs/decisions/0007-record-currency.md.
KNOWN_FROM = ("published", "event_published", "document_date", "held_since", "released")
UNDATED_BASES = {"held_since", "released"}

#: The day each dataset was released, for a row that dates no publication of its own.
DATASET_RELEASED = {
    "ofsted_official_2016": "2022-11-17",
    "ofsted_mi_2023": "2023-10-12",
    "national_record": "2025-11-30",
    "ofsted_scrape_2026_06": "2026-06-26",
}

VISIT_KINDS = {"inspection", "revisit", "monitoring_inspection", "previous_visit"}
#: What of a visit is known from its first day, before its letter or report.
VISIT_FIELDS = ("framework", "visit_start", "visit_end")


def outcome_known_from(claim: Claim, event_published: Any) -> tuple[str | None, str | None]:
    """The day a claim's outcome (and counts, findings) became public, and the basis."""
    own = claim.values.get("published")
    if own:
        return str(own), "published"
    if event_published:
        return str(event_published), "event_published"
    if claim.source.document_date:
        return claim.source.document_date, "document_date"
    if claim.source.ingested_at:
        return claim.source.ingested_at[:10], "held_since"
    if claim.source.dataset in DATASET_RELEASED:
        return DATASET_RELEASED[claim.source.dataset], "released"
    return None, None


def visit_part(claim: Claim) -> Claim:
    """The claim cut down to what is known of its visit before its letter or report."""
    keep = {k: v for k, v in claim.values.items() if k in VISIT_FIELDS}
    return replace(
        claim,
        values=keep,
        quotes={k: v for k, v in claim.quotes.items() if k in keep},
        spans={k: v for k, v in claim.spans.items() if k in keep},
        findings=[],
        part="visit",
    )


def as_of_claims(claims: list[Claim], as_of: str) -> list[Claim]:
    """The claims, or the parts of them, public by ``as_of`` (ISO date).

    A visit is known from its first day (a date known only to the month, once the month
    has passed); its outcome, counts and findings from the day its letter or report was
    published, taking that day from any source of the same event. A claim whose date of
    writing is unknown (no source dates the publication, its document is undated) is known
    from the day sendwatch first held it, or from its dataset's release, and is marked so
    (``known_basis``). Other events (a statement submitted, a plan agreed) are known from
    their date, and a forecast when its document was written.
    """
    documents = written_by(claims)
    out: list[Claim] = []
    for event in reconcile(claims):
        published = event.values.get("published")
        for claim in event.claims:
            if claim.kind not in VISIT_KINDS:
                if known_by(claim, as_of, documents):
                    out.append(claim)
                continue
            first = next(
                (
                    str(claim.values[n])
                    for n in ("visit_start", "visit_end", "published", "date")
                    if claim.values.get(n)
                ),
                None,
            )
            if first is None or not _passed(first, as_of):
                continue
            day, basis = outcome_known_from(claim, published)
            if day is not None and _passed(day, as_of):
                out.append(replace(claim, known_from=day, known_basis=basis))
            else:
                part = visit_part(claim)
                if part.values.get("visit_start") or part.values.get("visit_end"):
                    out.append(replace(part, known_from=day, known_basis=basis))
    return out


#: The older name of :func:`as_of_claims`.
known_claims = as_of_claims
