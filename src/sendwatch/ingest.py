"""Ingestion: files and folders into the store, one transaction per document.

Each file is loaded and read in a worker process with a time limit
(:mod:`sendwatch.isolation`) and stored here. Whatever goes wrong with one file (it
cannot be loaded, cleaned, read or stored, or takes too long) becomes that file's
:class:`Result` with the reason; the batch goes on and nothing of that file is left behind.
Two batches may ingest into one store at once: each stores what the other has not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sendwatch.db import Store
from sendwatch.extract import Input, extract_document, inputs
from sendwatch.extraction import Extraction
from sendwatch.isolation import Worker
from sendwatch.reread import Reread, reread
from sendwatch.sources import LoadedDocument, SourceError, load
from sendwatch.store import save_document, sync_areas

__all__ = ["Report", "Reread", "Result", "ingest", "ingest_file", "reread"]


@dataclass(frozen=True)
class Result:
    """What happened to one file."""

    path: str
    status: str  # "stored", "unchanged" (same bytes already stored) or "failed"
    document_id: int | None = None
    document_type: str | None = None
    events: int = 0
    reason: str | None = None
    #: Something to say about the file besides its status ("a hidden file").
    note: str | None = None
    #: True when the failure is sendwatch's own fault (a reader's bug), not the file's.
    internal: bool = False


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    #: Things said about the inputs as a whole (a hidden folder left out).
    notes: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == "failed"]


def load_and_extract(path: str, max_bytes: int) -> tuple[LoadedDocument, Extraction]:
    """A worker's job: one file loaded and read."""
    document = load(Path(path), max_bytes)
    return document, extract_document(document)


def ingest_file(
    store: Store, item: Input | Path, max_bytes: int, worker: Worker | None = None
) -> Result:
    """Load, read and store one file; every failure becomes a Result with its reason."""
    if isinstance(item, Path):
        item = Input(item)
    name, note = item.display, item.note
    try:
        if worker is None:
            with Worker(load_and_extract, None) as own:
                document, extraction = own.run(name, str(item.path), max_bytes)
        else:
            document, extraction = worker.run(name, str(item.path), max_bytes)
    except SourceError as e:
        return Result(name, "failed", reason=e.line, note=note, internal=e.internal)
    try:
        document_id = save_document(store, document, extraction)
    except Exception as e:  # a store failure must not stop the batch
        return Result(
            name,
            "failed",
            reason=f"could not be stored ({type(e).__name__}: {e}); nothing of it was kept. "
            "Try again; please report it if it happens again",
            note=note,
            internal=True,
        )
    if document_id is None:
        return Result(name, "unchanged", document_type=extraction.document_type, note=note)
    return Result(
        name,
        "stored",
        document_id=document_id,
        document_type=extraction.document_type,
        events=len(extraction.events),
        note=note,
    )


def ingest(
    store: Store,
    paths: Iterable[Path | str],
    max_bytes: int,
    progress: Callable[[Result, int, int], None] | None = None,
    time_limit: float | None = None,
) -> Report:
    """Ingest every file named or inside the folders named.

    ``time_limit`` bounds the seconds one file may take to load and read (None: no limit).
    """
    sync_areas(store)
    files, notes = inputs(paths)
    report = Report(notes=notes)
    with Worker(load_and_extract, time_limit) as worker:
        for i, item in enumerate(files, start=1):
            if not item.path.exists() and not item.path.is_symlink():
                result = Result(item.display, "failed", reason="does not exist; check the path")
            else:
                result = ingest_file(store, item, max_bytes, worker)
            report.results.append(result)
            if progress:
                progress(result, i, len(files))
    return report
