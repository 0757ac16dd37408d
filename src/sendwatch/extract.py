"""Extraction without the store: files in, Extractions (or the reason each failed) out."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sendwatch import readers
from sendwatch.extraction import Extraction
from sendwatch.isolation import Worker
from sendwatch.sources import LoadedDocument, SourceError, display_name, load


@dataclass(frozen=True)
class Outcome:
    """One file's result: its extraction, or the error that stopped it."""

    path: str
    document: LoadedDocument | None = None
    extraction: Extraction | None = None
    error: SourceError | None = None


@dataclass(frozen=True)
class Input:
    """A file to read, with anything worth saying about it (a hidden file, an odd name)."""

    path: Path
    note: str | None = None

    @property
    def display(self) -> str:
        """The path as text that any terminal or database takes."""
        return display_name(str(self.path))


def _note(path: Path) -> str | None:
    notes = []
    if path.name.startswith("."):
        notes.append("a hidden file, read like any other")
    if display_name(path.name) != path.name:
        notes.append(
            f"its name is not valid UTF-8; it is shown and stored as {display_name(path.name)!r}"
        )
    return "; ".join(notes) or None


def inputs(paths: Iterable[Path | str]) -> tuple[list[Input], list[str]]:
    """The files named, and the files inside the folders named (recursively, in a stable
    order), with notes on what was left out: hidden folders (``.git``) are not entered."""
    files: list[Input] = []
    notes: list[str] = []
    for p in map(Path, paths):
        if not p.is_dir():
            files.append(Input(p, _note(p)))
            continue
        found: list[Path] = []

        def unreadable(e: OSError) -> None:
            notes.append(f"{display_name(str(e.filename))}: cannot be listed ({e.strerror})")

        for folder, dirs, names in os.walk(p, onerror=unreadable):
            for d in sorted(dirs):
                shown = display_name(os.path.join(folder, d))
                if d.startswith("."):
                    dirs.remove(d)
                    notes.append(f"{shown}: a hidden folder, left out (name it to read it)")
                elif os.path.islink(os.path.join(folder, d)):
                    notes.append(f"{shown}: a link to a folder, left out (name it to read it)")
            found.extend(Path(folder, n) for n in names)
        files.extend(Input(f, _note(f)) for f in sorted(found))
    return files, notes


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files named, and the files inside folders named (recursively), in a stable order."""
    return [item.path for item in inputs(paths)[0]]


def extract_document(document: LoadedDocument) -> Extraction:
    """Read a loaded document into an Extraction."""
    return readers.read(document.text, document.name)


def _load_and_extract(path: str, max_bytes: int) -> tuple[LoadedDocument, Extraction]:
    document = load(Path(path), max_bytes)
    return document, extract_document(document)


def extract_paths(
    paths: Iterable[Path | str], max_bytes: int, time_limit: float | None = None
) -> Iterator[Outcome]:
    """Load and read each file (in a worker, within ``time_limit`` seconds); a file that
    fails yields its error and the rest go on."""
    files, _ = inputs(paths)
    with Worker(_load_and_extract, time_limit) as worker:
        for item in files:
            try:
                document, extraction = worker.run(item.display, str(item.path), max_bytes)
            except SourceError as e:
                yield Outcome(item.display, error=e)
                continue
            yield Outcome(item.display, document=document, extraction=extraction)
