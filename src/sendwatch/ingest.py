"""Ingestion: files and folders into the store, one transaction per document.

A file that cannot be read is reported with the reason and skipped; the batch goes on and
nothing of that file is left behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sendwatch import readers
from sendwatch.db import Store
from sendwatch.extract import expand, extract_document
from sendwatch.sources import SourceError, load
from sendwatch.store import document_ids, replace_extraction, save_document, sync_areas


@dataclass(frozen=True)
class Result:
    """What happened to one file."""

    path: str
    status: str  # "stored", "unchanged" (same bytes already stored) or "failed"
    document_id: int | None = None
    document_type: str | None = None
    events: int = 0
    reason: str | None = None


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == "failed"]


def ingest_file(store: Store, path: Path, max_bytes: int) -> Result:
    """Load, read and store one file; every failure becomes a Result with its reason."""
    try:
        document = load(path, max_bytes)
    except SourceError as e:
        return Result(str(path), "failed", reason=f"{e.reason}; {e.hint}" if e.hint else e.reason)
    try:
        extraction = extract_document(document)
        document_id = save_document(store, document, extraction)
    except Exception as e:  # a reader or store bug must not stop the batch
        return Result(
            str(path),
            "failed",
            reason=f"could not be read ({type(e).__name__}: {e}); please report this as a bug",
        )
    if document_id is None:
        return Result(str(path), "unchanged", document_type=extraction.document_type)
    return Result(
        str(path),
        "stored",
        document_id=document_id,
        document_type=extraction.document_type,
        events=len(extraction.events),
    )


def ingest(
    store: Store,
    paths: Iterable[Path | str],
    max_bytes: int,
    progress: Callable[[Result, int, int], None] | None = None,
) -> Report:
    """Ingest every file named or inside the folders named."""
    sync_areas(store)
    files = expand(paths)
    report = Report()
    for i, path in enumerate(files, start=1):
        if not path.exists():
            result = Result(str(path), "failed", reason="does not exist; check the path")
        else:
            result = ingest_file(store, path, max_bytes)
        report.results.append(result)
        if progress:
            progress(result, i, len(files))
    return report


@dataclass(frozen=True)
class Reread:
    document_id: int
    events_before: int
    events_after: int
    error: str | None = None


def reread(
    store: Store, progress: Callable[[Reread, int, int], None] | None = None
) -> list[Reread]:
    """Read every stored document's text again with the current readers.

    Each document is replaced in its own transaction; one that fails keeps its old events.
    """
    ids = document_ids(store)
    results = []
    for i, document_id in enumerate(ids, start=1):
        try:
            counts = replace_extraction(store, document_id, readers.read)
        except Exception as e:  # a reader bug must not stop the others
            result = Reread(document_id, 0, 0, f"{type(e).__name__}: {e}")
        else:
            before, after = counts or (0, 0)
            result = Reread(document_id, before, after)
        results.append(result)
        if progress:
            progress(result, i, len(ids))
    return results
