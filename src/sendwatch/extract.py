"""Extraction without the store: files in, Extractions (or the reason each failed) out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sendwatch import readers
from sendwatch.extraction import Extraction
from sendwatch.sources import LoadedDocument, SourceError, load


@dataclass(frozen=True)
class Outcome:
    """One file's result: its extraction, or the error that stopped it."""

    path: str
    document: LoadedDocument | None = None
    extraction: Extraction | None = None
    error: SourceError | None = None


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files named, and the files inside folders named (recursively), in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
            )
        else:
            out.append(p)
    return out


def extract_document(document: LoadedDocument) -> Extraction:
    """Read a loaded document into an Extraction."""
    return readers.read(document.text, document.name)


def extract_paths(paths: Iterable[Path | str], max_bytes: int) -> Iterator[Outcome]:
    """Load and read each file; a file that fails yields its error and the rest go on."""
    for path in expand(paths):
        try:
            document = load(path, max_bytes)
        except SourceError as e:
            yield Outcome(str(path), error=e)
            continue
        yield Outcome(str(path), document=document, extraction=extract_document(document))
