"""One sync: visit each area's page on Ofsted's report site, fetch the area SEND publications
not yet held, read each through the same path as ``ingest``, and record where it came from.

An area whose page fails is reported and the others go on; a file that fails is reported,
keeps its area from counting as checked, and is asked for again next time. A page that used
to list publications and now lists none is a warning: the site's layout may have changed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sendwatch import readers
from sendwatch.db import Store
from sendwatch.history import area_timeline
from sendwatch.ingest import ingest_file
from sendwatch.register import LocalArea, load_register
from sendwatch.sources import DOCX, HTML, PDF, TEXT, SourceError, load_bytes
from sendwatch.status import status
from sendwatch.store import area_ids, sync_areas
from sendwatch.sync import pages, record
from sendwatch.sync.fetch import Answer, Fetcher, FetchError

#: Ofsted's report site: the default --base-url.
OFSTED = "https://reports.ofsted.gov.uk"
#: The kinds of document that are area SEND publications; anything else is not stored.
AREA_SEND_TYPES = {"inspection_letter", "revisit_letter", "area_send_report", "monitoring_report"}
_SUFFIX = {PDF: ".pdf", HTML: ".html", DOCX: ".docx", TEXT: ".txt"}
#: Folder names sync downloads into, so a document it stored can be told by its origin.
TEMP_PREFIX = "sendwatch-sync-"
MAX_SEARCH_PAGES = 20


@dataclass
class FileResult:
    """What happened to one publication."""

    area: str
    url: str
    label: str
    status: str  # stored, duplicate, skipped, failed, would_fetch
    reason: str | None = None
    document_id: int | None = None
    document_type: str | None = None


@dataclass
class AreaResult:
    area: str
    slug: str
    page: str
    status: str  # checked, unchanged, failed, warning, would_fetch
    reason: str | None = None
    files: list[FileResult] = field(default_factory=list)
    #: Publications of other kinds on the page (never fetched).
    passed_over: int = 0
    #: (stage before, stage after) when the documents this sync stored moved the area.
    stage_change: tuple[str, str] | None = None


@dataclass
class SyncReport:
    areas: list[AreaResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Signs that the site's layout may have changed, beyond single pages.
    warnings: list[str] = field(default_factory=list)
    requests: int = 0
    bytes: int = 0
    seconds: float = 0.0
    passed_over: int = 0

    def files(self, status: str) -> list[FileResult]:
        return [f for a in self.areas for f in a.files if f.status == status]

    def count(self, status: str) -> int:
        return sum(1 for a in self.areas if a.status == status)

    @property
    def exit_code(self) -> int:
        """0: every area checked; 1: a page or file failed; 3: a page looks changed."""
        if self.warnings or any(a.status == "warning" for a in self.areas):
            return 3
        if any(a.status == "failed" for a in self.areas) or self.files("failed"):
            return 1
        return 0

    def to_json(self) -> dict[str, object]:
        return {
            "exit_code": self.exit_code,
            "requests": self.requests,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "passed_over": self.passed_over,
            "notes": self.notes,
            "warnings": self.warnings,
            "areas": [
                {
                    "area": a.area,
                    "slug": a.slug,
                    "page": a.page,
                    "status": a.status,
                    "reason": a.reason,
                    "files": [f.__dict__ for f in a.files],
                    "stage_change": list(a.stage_change) if a.stage_change else None,
                }
                for a in self.areas
            ],
        }


def now() -> datetime:
    return datetime.now(UTC)


def discover(fetcher: Fetcher, base: str, report: SyncReport) -> dict[str, str]:
    """Each local authority's page from the search listing, by the register's area name.

    A listing that cannot be read is a note; the register's Ofsted URNs are used instead.
    """
    register = load_register()
    found: dict[str, str] = {}
    for n in range(MAX_SEARCH_PAGES):
        url = pages.search_url(base, n * pages.SEARCH_ROWS)
        try:
            answer = fetcher.get(url)
        except FetchError as e:
            report.notes.append(
                f"The search listing failed ({e.reason}): the register's pages used."
            )
            return found
        results = pages.search_results(answer.content.decode("utf-8", "replace"), url)
        for name, page in results:
            area = register.find(name)
            if area is None:
                report.notes.append(f"The search lists {name!r}, which is not in the register.")
            elif area.current:
                found.setdefault(area.name, page)
        if len(results) < pages.SEARCH_ROWS:
            break
    if not found:
        report.warnings.append(
            "the search listing named no local authority: the site's layout may have "
            "changed. The register's pages were used."
        )
    return found


def sync(
    store: Store,
    *,
    areas: list[LocalArea] | None = None,
    base_url: str = OFSTED,
    fetcher: Fetcher | None = None,
    dry_run: bool = False,
    progress: Callable[[AreaResult, int, int], None] | None = None,
) -> SyncReport:
    """Check the named areas (every current area when None) against the report site."""
    started = datetime.now(UTC)
    fetcher = fetcher or Fetcher()
    report = SyncReport()
    sync_areas(store)
    register = load_register()
    everywhere = areas is None
    chosen = [a for a in register.current if a.ofsted_urn] if areas is None else areas
    with store.session() as session:
        ids = area_ids(session)
    listed = record.area_pages(store)
    if everywhere:
        listed |= discover(fetcher, base_url, report)
    known = record.known_files(store)
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as folder:
        for i, area in enumerate(chosen, start=1):
            page = listed.get(area.name, "")
            if not page.startswith(base_url.rstrip("/") + "/"):  # another site's page
                page = pages.provider_url(base_url, area.ofsted_urn)
            result = _sync_area(
                store, fetcher, area, ids.get(area.name), page, known, Path(folder), dry_run
            )
            report.areas.append(result)
            report.passed_over += result.passed_over
            if progress:
                progress(result, i, len(chosen))
    report.requests = fetcher.requests
    report.bytes = fetcher.bytes
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report


def _sync_area(
    store: Store,
    fetcher: Fetcher,
    area: LocalArea,
    area_id: int | None,
    page: str,
    known: dict[str, record.KnownFile],
    folder: Path,
    dry_run: bool,
) -> AreaResult:
    result = AreaResult(area.name, area.slug, page, "checked")
    state = record.page_state(store, page)
    try:
        answer = fetcher.get(
            page,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
    except FetchError as e:
        result.status, result.reason = "failed", f"its page {page} failed: {e.reason}"
        if not dry_run:
            record.page_failed(store, page, area_id, e.reason, now())
        return result
    if answer.not_modified:
        result.status = "unchanged"
        if not dry_run:
            record.page_checked(
                store,
                page,
                area_id,
                etag=answer.etag or (state.etag if state else None),
                last_modified=answer.last_modified or (state.last_modified if state else None),
                publications=None,
                when=now(),
            )
        return result
    listing = pages.provider_page(answer.content.decode("utf-8", "replace"), answer.url)
    if not listing.publications and (
        listing.stray_file_links or (state is not None and state.publications > 0)
    ):
        listed = f"listed {state.publications} publications before and " if state else ""
        stray = listing.stray_file_links
        result.status = "warning"
        result.reason = (
            f"its page {page} {listed}now yields none"
            + (f" (it links to {stray} files in another form)" if stray else "")
            + ": the site's layout may have changed; nothing was marked as checked"
        )
        if not dry_run:
            record.page_failed(store, page, area_id, result.reason, now())
        return result
    before: str | None = None  # the area's stage, read before its first new file
    for pub in listing.publications:
        if pub.kind == pages.OTHER:
            result.passed_over += 1
            continue
        held = known.get(pub.url)
        if held is not None and held.outcome in record.SETTLED:
            continue
        if dry_run:
            result.files.append(FileResult(area.name, pub.url, pub.label, "would_fetch"))
            continue
        if before is None:
            before = stage(store, area)
        outcome = _fetch_file(store, fetcher, area, area_id, page, pub, held, folder)
        result.files.append(outcome)
        # Listed again on a later page (files move between pages): settled, not fetched.
        known[pub.url] = record.KnownFile(outcome.status, None, None, outcome.document_id)
    if before is not None and any(f.status == "stored" for f in result.files):
        after = stage(store, area)
        if after != before:
            result.stage_change = (before, after)
    failed = [f for f in result.files if f.status == "failed"]
    if dry_run:
        result.status = "would_fetch" if result.files else "checked"
    elif failed:
        result.status = "failed"
        result.reason = f"{len(failed)} of its publications could not be read"
        record.page_failed(store, page, area_id, result.reason, now())
    else:
        record.page_checked(
            store,
            page,
            area_id,
            etag=answer.etag,
            last_modified=answer.last_modified,
            publications=len(listing.publications),
            when=now(),
        )
    return result


def stage(store: Store, area: LocalArea) -> str:
    """The area's stage today (its status code), to tell whether new documents moved it."""
    today = date.today()
    try:
        return status(area.name, area_timeline(store, area, today), today).code
    except Exception:  # a bug in the rules must not stop a sync; the site logs it too
        return "unknown"


def _fetch_file(
    store: Store,
    fetcher: Fetcher,
    area: LocalArea,
    area_id: int | None,
    page: str,
    pub: pages.Publication,
    held: record.KnownFile | None,
    folder: Path,
) -> FileResult:
    """Download one publication, judge it by its content, and store it through ingest."""
    out = FileResult(area.name, pub.url, pub.label, "failed")
    found = record.Found(pub.url, pub.file_id, page, area_id, pub.label, pub.published)
    try:
        answer = fetcher.get(
            pub.url,
            etag=held.etag if held else None,
            last_modified=held.last_modified if held else None,
        )
    except FetchError as e:
        out.reason = e.reason
        return out
    if answer.not_modified:
        # A file that failed before and has not changed since: still failing, not fetched.
        out.reason = "unchanged since it last failed to be read"
        return out
    data = answer.content
    path = folder / _name(area, pub, answer, data)
    path.write_bytes(data)
    when = now()

    def keep(
        outcome: str, sha: str | None, document_id: int | None = None, origin: str | None = None
    ) -> None:
        record.record_file(
            store,
            found,
            outcome=outcome,
            reason=out.reason,
            document_id=document_id,
            sha256=sha,
            etag=answer.etag,
            last_modified=answer.last_modified,
            when=when,
            origin=origin,
        )

    try:
        if data.startswith(b"%PDF-") and b"%%EOF" not in data[-2048:]:
            raise SourceError(
                path,
                "is a truncated PDF (it has no end-of-file marker)",
                "nothing of it was stored; the next sync fetches it again",
            )
        loaded = load_bytes(path, data)
    except SourceError as e:
        out.reason = f"{e.reason}; {e.hint}" if e.hint else e.reason
        keep("failed", None)
        return out
    kind = readers.choose(loaded.text).document_type
    if kind not in AREA_SEND_TYPES:
        out.status, out.document_type = "skipped", kind
        out.reason = f"read as {kind.replace('_', ' ')}, not an area SEND document; not stored"
        if pub.kind == pages.AREA_SEND:
            out.reason = "its label says area SEND but it " + out.reason.replace("read", "reads", 1)
        keep("skipped", loaded.sha256)
        return out
    ingested = ingest_file(store, path, fetcher.max_bytes)
    if ingested.status == "failed":
        out.reason = ingested.reason
        keep("failed", loaded.sha256)
        return out
    stored = record.document_of(store, loaded.sha256)
    assert stored is not None, "ingest stored the document, so it is there"
    document_id, origin, pointed = stored
    out.document_id, out.document_type = document_id, ingested.document_type or kind
    out.status = "duplicate" if pointed else "stored"
    if out.status == "duplicate":
        out.reason = f"the same bytes as document {document_id}, already held"
    # The document's origin is its URL when sync stored it (even by a run killed before it
    # could say so); a document first ingested from a file keeps that file as its origin.
    ours = ingested.status == "stored" or Path(origin).parent.name.startswith(TEMP_PREFIX)
    keep(out.status, loaded.sha256, document_id, pub.url if ours else None)
    return out


def _name(area: LocalArea, pub: pages.Publication, answer: Answer, data: bytes) -> str:
    """The stored document's name: area, label date and file id, with the content's suffix."""
    suffix = _SUFFIX.get(answer.media_type, "")
    if data.startswith(b"%PDF-"):
        suffix = ".pdf"
    elif data.startswith(b"PK\x03\x04"):
        suffix = ".docx"
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in pub.file_id)[:60]
    return f"ofsted-{area.slug}-{pub.published or 'undated'}-{safe}{suffix or '.pdf'}"
